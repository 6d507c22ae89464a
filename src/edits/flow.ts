// What every edit command shares: the outcome it returns, the guard that refuses at once when
// the key cannot do the edit, the steps of its flow (text, choice, note, confirm; the runner is
// ../runFlow), the item/location pickers, and how the outcome is shown.
import * as vscode from 'vscode';
import type { RetracClient } from '../api/client';
import { listAllLocations, pages } from '../api/paging';
import { PAGE_SIZES, type Item, type Location } from '../api/types';
import type { RetracConnection } from '../accounts/connection';
import type { InventoryEvents } from '../inventoryEvents';
import type { Logger } from '../log';
import { BACK, type Back, type QuickInputs } from '../quickInput';
import { withProgress } from '../progress';
import { describeEditError, type EditErrorContext } from '../api/describeEditError';
import { withWhereToSet } from '../accounts/connectionSettings';
import { showError } from '../showError';
import type { InventoryExplorer } from '../tree';

const t = vscode.l10n.t;

/** What a command handler returns (and the integration tests read). */
export type EditOutcome<T = unknown> =
  | {
      status: 'done';
      message: string;
      result: T;
      /** The write's answer was lost, but a re-read showed it was applied. */
      interrupted?: boolean;
      /** Set on-hand only: restores the previous quantity (the notification's Undo button). */
      undo?: () => Promise<EditOutcome>;
    }
  | { status: 'cancelled' }
  /** Refused before any input (no profile, missing scope, owner-only) or after a check. */
  | { status: 'refused'; message: string }
  | { status: 'failed'; message: string; interrupted?: boolean; error?: unknown };

export interface EditDeps {
  connection: RetracConnection;
  events: InventoryEvents;
  explorer: Pick<InventoryExplorer, 'reveal'>;
  inputs: QuickInputs;
  log: Logger;
}

export const CANCELLED: EditOutcome<never> = { status: 'cancelled' };

export function refused(message: string): EditOutcome<never> {
  return { status: 'refused', message };
}

/**
 * Checks, before any input is shown, that there is an active profile whose key may do this,
 * and returns its client; otherwise the outcome explaining why not.
 */
export async function begin(
  deps: EditDeps,
  action: string,
  scopes: string[],
  ownerOnly = false,
): Promise<RetracClient | EditOutcome<never>> {
  const profile = deps.connection.profile;
  if (!profile) return refused(t('{0}: no Retrac API key is set up. Add one with "Retrac: Add API Key" first.', action));
  if (ownerOnly && profile.role === 'member') {
    return refused(t('{0} is owner-only: the key of profile "{1}" belongs to a workspace member.', action, profile.name));
  }
  for (const scope of scopes) {
    if (deps.connection.can(scope)) continue;
    // `transfers.revert` is not a real scope: the connection's name for the owner-only revert.
    if (profile.keyType === 'restricted' && scope !== 'transfers.revert' && !profile.scopes.includes(scope)) {
      return refused(t('{0} needs the "{1}" scope, which the key of profile "{2}" lacks. Create a key with it in the Retrac dashboard.', action, scope, profile.name));
    }
    return refused(t('{0} is owner-only: the key of profile "{1}" cannot do it.', action, profile.name));
  }
  let client: RetracClient | undefined;
  try {
    client = await deps.connection.getClient();
  } catch (e) {
    // The accounts part throws a sentence meant for the user (key gone, host not confirmed).
    return refused(t('{0}: {1}', action, e instanceof Error ? e.message : String(e)));
  }
  if (!client) return refused(t('{0}: the API key of profile "{1}" could not be read.', action, profile.name));
  return client;
}

/**
 * The sentence for a failed edit (api/describeEditError, localised); one that asks to set a
 * connection setting also says where.
 */
export function editErrorMessage(e: unknown, context: Omit<EditErrorContext, 't'>): string {
  return withWhereToSet(describeEditError(e, { ...context, t: vscode.l10n.t }));
}

export function isOutcome(v: unknown): v is EditOutcome {
  return typeof v === 'object' && v !== null && 'status' in v;
}

// ---- multi-step flows: ../runFlow ------------------------------------------------------------

import { FINISH, Rewind, type Step, type StepContext, type StepResult } from '../runFlow';
export { FINISH, Rewind, runFlow, type Step, type StepContext, type StepResult } from '../runFlow';

// ---- steps every flow uses --------------------------------------------------------------------

export type TextStep = { title: string; prompt: string; value?: string; placeholder?: string; validate?: (v: string) => string | undefined };

/** An input box as one step of a flow. */
export function askText(deps: EditDeps, ctx: StepContext, o: TextStep): Promise<string | Back | undefined> {
  return deps.inputs.text({ ...o, ...ctx });
}

/** The last step: the summary of the write, Back, Escape, or the confirm button (FINISH). */
export async function confirmStep(deps: EditDeps, ctx: StepContext, title: string, summary: string, confirmLabel: string, detail?: string): Promise<StepResult> {
  const answer = await deps.inputs.confirm({ title: t('{0}: confirm', title), ...ctx, summary, detail, confirmLabel });
  if (answer === BACK || answer === undefined) return answer;
  return answer ? FINISH : undefined;
}

/**
 * The "ask, keep the trimmed answer, go on" step: an input box built from the state (`ask`, which
 * may first load what the prompt lists), the answer trimmed into the state (`keep`), then `next`.
 */
export function textStep<S>(
  deps: EditDeps,
  ask: (s: S) => TextStep | Promise<TextStep>,
  keep: (s: S, value: string) => void,
  next: string,
): Step<S> {
  return async (s, ctx) => {
    const value = await askText(deps, ctx, await ask(s));
    if (value === BACK || value === undefined) return value;
    keep(s, value.trim());
    return next;
  };
}

/** One of a fixed list of values (a tag's colour, a location's type) as a step, kept like textStep. */
export function choiceStep<S, T extends string>(
  deps: EditDeps,
  ask: (s: S) => { title: string; placeholder: string; choices: readonly T[] },
  keep: (s: S, choice: T) => void,
  next: string,
): Step<S> {
  return async (s, ctx) => {
    const o = ask(s);
    const picked = await deps.inputs.pick({
      title: o.title, ...ctx, placeholder: o.placeholder,
      items: o.choices.map((c) => ({ label: c, choice: c })),
    });
    if (picked === BACK || picked === undefined) return picked;
    keep(s, picked.choice);
    return next;
  };
}

/** The optional note a write keeps (at most 500 characters; empty for none), then step `next`. */
export function noteStep<S extends { note?: string }>(deps: EditDeps, title: string, prompt: string, next: string): Step<S> {
  return textStep<S>(deps, (s) => ({
    title: t('{0}: note (optional)', title), prompt, value: s.note,
    validate: (v) => (v.length > 500 ? t('A note has at most 500 characters ({0} now).', v.length) : undefined),
  }), (s, v) => { s.note = v || undefined; }, next);
}

/**
 * The check between the confirm and the write: re-reads what the user saw (status-bar progress).
 * Unchanged: FINISH. Changed by someone meanwhile: `rewind` updates the state and returns the
 * warning shown, and the flow goes back to `step` to decide again (never a silent overwrite).
 * A failed read is shown and ends the flow: nothing is written.
 */
export async function unchangedSinceShown<V>(o: {
  progress: string;
  read: () => Promise<V>;
  /** The sentence's context when the read fails. */
  failure: { action: string; sku?: string; locationName?: string };
  changed: (fresh: V) => boolean;
  rewind: (fresh: V) => string;
  step: string;
}): Promise<StepResult> {
  let fresh: V;
  try {
    fresh = await withProgress(o.progress, () => o.read(), { where: 'statusBar' });
  } catch (e) {
    void showError(editErrorMessage(e, o.failure));
    return undefined;
  }
  if (!o.changed(fresh)) return FINISH;
  void vscode.window.showWarningMessage(o.rewind(fresh));
  return new Rewind(o.step);
}

// ---- pickers --------------------------------------------------------------------------------

export type ItemRef = Pick<Item, 'id' | 'sku' | 'description'>;
export type LocationRef = Pick<Location, 'id' | 'name'> & Partial<Pick<Location, 'active' | 'type'>>;

export interface ItemPick extends vscode.QuickPickItem {
  item: Item;
}
export interface LocationPick extends vscode.QuickPickItem {
  location: Location;
}

/** A type-to-search pick over the catalog (server-side `search`, newest answer wins). */
export function pickItem(
  deps: EditDeps,
  client: RetracClient,
  title: string,
  ctx: StepContext,
  options: {
    locationId?: string;
    placeholder?: string;
    exclude?: (item: Item) => boolean;
    value?: string;
    /** Show each item's on-hand: its total, or at `locationId` when set. */
    showOnHand?: boolean;
  } = {},
): Promise<ItemPick | Back | undefined> {
  // Read once per pick, not per keystroke.
  let onHand: Promise<Map<string, number> | undefined> | undefined;
  return deps.inputs.pick<ItemPick>({
    title,
    ...ctx,
    placeholder: options.placeholder ?? t('Type to search items by SKU or description'),
    value: options.value,
    search: async (value, signal) => {
      const items = await client.listItems(
        { search: value.trim() || undefined, locationId: options.locationId, sort: 'sku', order: 'asc', pageSize: 50 },
        { signal },
      );
      const shown = items.filter((item) => !options.exclude?.(item));
      if (options.showOnHand) onHand ??= onHandByItem(client, options.locationId).catch(() => undefined);
      const quantities = onHand ? await onHand : undefined;
      return shown.map((item) => ({
        label: item.sku,
        description: quantities ? `${item.description} · ${onHandText(quantities.get(item.id) ?? 0, options.locationId !== undefined)}` : item.description,
        alwaysShow: true,
        item,
      }));
    },
  });
}

function onHandText(qty: number, atLocation: boolean): string {
  return atLocation ? t('{0} on hand here', qty) : t('{0} on hand', qty);
}

/** How many balance pages a pick reads for on-hand figures; past that they are left out. */
const MAX_ON_HAND_PAGES = 10;

/**
 * On-hand per item, in one walk of the balance rows (at one location, or all of them for totals),
 * so a search shows figures without a request per item. Undefined when there are more rows than
 * MAX_ON_HAND_PAGES pages: partial sums would be wrong, so none are shown.
 */
async function onHandByItem(client: RetracClient, locationId: string | undefined): Promise<Map<string, number> | undefined> {
  const out = new Map<string, number>();
  let pagesRead = 0;
  for await (const rows of pages((page, pageSize) => client.listBalances({ locationId, page, pageSize }), PAGE_SIZES.balances.max)) {
    if (++pagesRead > MAX_ON_HAND_PAGES) return undefined;
    for (const b of rows) out.set(b.itemId, (out.get(b.itemId) ?? 0) + b.onHandQty);
  }
  return out;
}

// Every location the key can see, all pages: one walk for every picker (../api/paging).
export { listAllLocations };

export function pickLocation(
  deps: EditDeps,
  client: RetracClient,
  title: string,
  ctx: StepContext,
  options: {
    activeOnly?: boolean;
    placeholder?: string;
    validate?: (location: Location) => string | undefined;
    /** Locations left out of the list (the source of a transfer in its "to" step). */
    exclude?: (location: Location) => boolean;
    /** Show each location's on-hand of this item (one balances request for the item). */
    onHandOf?: ItemRef;
  } = {},
): Promise<LocationPick | Back | undefined> {
  return deps.inputs.pick<LocationPick>({
    title,
    ...ctx,
    placeholder: options.placeholder ?? t('Choose a location'),
    items: async (signal) => {
      const item = options.onHandOf;
      const [locations, balances] = await Promise.all([
        listAllLocations(client, signal, options.activeOnly ? true : undefined),
        item ? client.listBalances({ itemId: item.id, pageSize: PAGE_SIZES.balances.max }, { signal }) : Promise.resolve([]),
      ]);
      const onHand = new Map(balances.map((b) => [b.locationId, b.onHandQty]));
      return locations.filter((l) => !options.exclude?.(l)).map((location) => ({
        label: location.name,
        description: [
          location.active ? location.type : t('{0} · inactive', location.type),
          item ? t('{0} of {1} on hand', onHand.get(location.id) ?? 0, item.sku) : undefined,
        ].filter(Boolean).join(' · '),
        location,
      }));
    },
    validate: options.validate ? (p) => options.validate!(p.location) : undefined,
  });
}

/** The on-hand of one item at one location (0 when there is no balance row yet). */
export async function readOnHand(client: RetracClient, itemId: string, locationId: string): Promise<number> {
  const rows = await client.listBalances({ itemId, locationId, pageSize: 10 });
  return rows.find((b) => b.itemId === itemId && b.locationId === locationId)?.onHandQty ?? 0;
}

// ---- feedback -------------------------------------------------------------------------------

/** Shows the outcome to the user without waiting for the notification to be dismissed. */
export function announce(outcome: EditOutcome): void {
  if (outcome.status === 'done' && !outcome.undo) void vscode.window.showInformationMessage(outcome.message);
  else if (outcome.status === 'refused') void vscode.window.showWarningMessage(outcome.message);
  else if (outcome.status === 'failed') void showError(outcome.message);
}

export { BACK };
