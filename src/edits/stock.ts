// Set On-Hand Stock: item → location → quantity (absolute or ±delta) → note → confirm old → new.
// The balance is re-read before sending; if it moved since it was shown, the user is told and
// asked again (no silent overwrite). Undo sets the old value back with the same check.
import * as vscode from 'vscode';
import type { RetracClient } from '../api/client';
import type { Balance } from '../api/types';
import type { NodeRef } from '../inventoryEvents';
import { BACK } from '../quickInput';
import { showError } from '../showError';
import { withProgress } from '../progress';
import {
  announce, begin, editErrorMessage, CANCELLED, confirmStep, FINISH, isOutcome, noteStep, pickItem, pickLocation, readOnHand, runFlow, unchangedSinceShown,
  type EditDeps, type EditOutcome, type ItemRef, type LocationRef,
} from './flow';
import { parseQuantityInput } from './quantity';
import { confirmedWrite } from './write';

const t = vscode.l10n.t;

export interface OnHandChange {
  item: ItemRef;
  location: LocationRef;
  oldQty: number;
  newQty: number;
  balance: Balance;
}

interface State {
  item?: ItemRef;
  location?: LocationRef;
  /** The on-hand shown to the user (what "old" means in old → new). */
  shown?: number;
  input?: string;
  target?: number;
  note?: string;
  /** Set when a re-read found the balance moved: shown in the quantity step. */
  staleNotice?: string;
}

export async function setOnHandCommand(deps: EditDeps, ref?: NodeRef): Promise<EditOutcome<OnHandChange>> {
  const action = t('Set on-hand stock');
  const client = await begin(deps, action, ['inventory.write']);
  if (isOutcome(client)) return client;
  const preset: State = {
    item: ref?.balance?.item ?? ref?.item,
    location: ref?.balance?.location ?? ref?.location,
  };
  const title = t('Set On-Hand Stock');
  const state = await runFlow<State>(preset, [...(preset.item ? [] : ['item']), ...(preset.location ? [] : ['location']), 'quantity', 'note', 'confirm'], {
    item: async (s, ctx) => {
      const picked = await pickItem(deps, client, title, ctx, { showOnHand: true });
      if (picked === BACK || picked === undefined) return picked;
      s.item = { id: picked.item.id, sku: picked.item.sku, description: picked.item.description };
      s.shown = undefined;
      return s.location ? 'quantity' : 'location';
    },
    location: async (s, ctx) => {
      const picked = await pickLocation(deps, client, t('{0}: location of {1}', title, s.item!.sku), ctx, {
        activeOnly: true,
        placeholder: t('Where is the stock counted? (locations where you have Edit access)'),
        onHandOf: s.item,
      });
      if (picked === BACK || picked === undefined) return picked;
      s.location = { id: picked.location.id, name: picked.location.name };
      s.shown = undefined;
      return 'quantity';
    },
    quantity: async (s, ctx) => {
      if (s.shown === undefined) {
        try {
          s.shown = await withProgress(t('Reading the on-hand of {0}…', s.item!.sku), () => readOnHand(client, s.item!.id, s.location!.id), { where: 'statusBar' });
        } catch (e) {
          void showError(editErrorMessage(e, { action: t('Reading the current on-hand'), locationName: s.location!.name }));
          return undefined;
        }
      }
      const shown = s.shown;
      const value = await deps.inputs.text({
        title: t('{0}: {1} at {2}', title, s.item!.sku, s.location!.name),
        ...ctx,
        value: s.input,
        prompt: (s.staleNotice ? s.staleNotice + ' ' : '') +
          t('Current on-hand: {0}. Type the new count (e.g. 20) or a change (+5, -3).', shown),
        placeholder: t('New count or ±change'),
        validate: (v) => quantityProblem(v, shown),
      });
      if (value === BACK || value === undefined) return value;
      const parsed = parseQuantityInput(value, shown);
      if (!parsed.ok) return undefined;
      s.input = value;
      s.target = parsed.result;
      s.staleNotice = undefined;
      return 'note';
    },
    note: noteStep(deps, title, t('Why the count changed, e.g. "cycle count" (kept with the movement). Leave empty for none.'), 'confirm'),
    confirm: async (s, ctx) => {
      const answer = await confirmStep(deps, ctx, title,
        t('Set {0} at {1}: {2} → {3}', s.item!.sku, s.location!.name, s.shown!, s.target!), t('Set to {0}', s.target!), s.note ? t('Note: {0}', s.note) : undefined);
      if (answer !== FINISH) return answer;
      return unchangedSinceShown({
        progress: t('Checking the current on-hand of {0}…', s.item!.sku),
        read: () => readOnHand(client, s.item!.id, s.location!.id),
        failure: { action: t('Checking the current on-hand'), locationName: s.location!.name },
        changed: (now) => now !== s.shown,
        rewind: (now) => {
          const warning = t('The on-hand of {0} at {1} changed from {2} to {3} while you were editing. Check the new count and confirm again.', s.item!.sku, s.location!.name, s.shown!, now);
          s.staleNotice = t('Changed since shown: {0} → {1} by someone else.', s.shown!, now);
          s.shown = now;
          return warning;
        },
        step: 'quantity',
      });
    },
  });
  if (!state) return CANCELLED;
  const item = state.item!;
  const location = state.location!;
  const oldQty = state.shown!;
  const newQty = state.target!;
  const outcome = await writeOnHand(deps, client, { item, location, oldQty, newQty, note: state.note }, false);
  if (outcome.status === 'done') {
    const undoLabel = t('Undo');
    outcome.undo = () => undoOnHand(deps, client, outcome.result);
    void vscode.window.showInformationMessage(outcome.message, undoLabel).then((choice) => {
      if (choice === undoLabel && outcome.undo) void outcome.undo().then(announce);
    });
  }
  return outcome;
}

function quantityProblem(value: string, current: number): string | undefined {
  const parsed = parseQuantityInput(value, current);
  if (parsed.ok) return undefined;
  switch (parsed.problem) {
    case 'empty':
      return t('Type a whole number (e.g. 20) or a change (+5, -3).');
    case 'not_integer':
      return t('"{0}" is not a whole number: type e.g. 20, +5 or -3.', value.trim());
    case 'too_large':
      return t('That number is too large.');
    case 'negative':
      return t('On-hand cannot be negative: {0} {1} gives {2}.', current, value.trim(), parsed.result ?? '');
  }
}

interface Write {
  item: ItemRef;
  location: LocationRef;
  oldQty: number;
  newQty: number;
  note?: string;
}

async function writeOnHand(deps: EditDeps, client: RetracClient, w: Write, isUndo: boolean): Promise<EditOutcome<OnHandChange>> {
  const action = isUndo ? t('Undo of the on-hand change') : t('Set on-hand stock');
  const change = (balance: Balance): OnHandChange => ({ item: w.item, location: w.location, oldQty: w.oldQty, newQty: balance.onHandQty, balance });
  return confirmedWrite(deps, {
    action, context: { locationName: w.location.name },
    progress: t('Setting {0} at {1} to {2}…', w.item.sku, w.location.name, w.newQty),
    send: async () => change(await client.setOnHand({ itemId: w.item.id, locationId: w.location.id, onHandQty: w.newQty, note: w.note })),
    applied: (c) => {
      notifyChanged(deps, w);
      deps.log.info(`on-hand ${w.item.sku} @ ${w.location.name}: ${w.oldQty} -> ${c.newQty}${isUndo ? ' (undo)' : ''}`);
    },
    done: (c) => t('{0} at {1}: {2} → {3}.', w.item.sku, w.location.name, w.oldQty, c.newQty),
    recheck: async () => {
      const rows = await withProgress(t('The connection dropped; checking whether the change was saved…'), () =>
        client.listBalances({ itemId: w.item.id, locationId: w.location.id, pageSize: 10 }),
      );
      const now = rows.find((b) => b.itemId === w.item.id && b.locationId === w.location.id);
      const nowQty = now?.onHandQty ?? 0;
      if (now && nowQty === w.newQty) {
        return { applied: change(now), message: t('The connection dropped after sending, but the change was saved: {0} at {1}: {2} → {3}.', w.item.sku, w.location.name, w.oldQty, w.newQty) };
      }
      return {
        unchanged: nowQty === w.oldQty
          ? t('{0}: the connection dropped before the change was saved. {1} at {2} is still {3}; nothing changed.', action, w.item.sku, w.location.name, nowQty)
          : t('{0}: the connection dropped; {1} at {2} is now {3} (neither {4} nor {5}). Someone else changed it.', action, w.item.sku, w.location.name, nowQty, w.oldQty, w.newQty),
      };
    },
    couldNotCheck: (again) => t('{0}: the connection dropped and the result could not be checked ({1}). Look at {2} at {3} before trying again.', action, again instanceof Error ? again.message : String(again), w.item.sku, w.location.name),
  });
}

function notifyChanged(deps: EditDeps, w: Write): void {
  deps.events.fire({ itemIds: [w.item.id], locationIds: [w.location.id], movements: true });
}

/** Sets the previous quantity back, after checking nobody changed it since. */
export async function undoOnHand(deps: EditDeps, client: RetracClient, change: OnHandChange): Promise<EditOutcome<OnHandChange>> {
  const { item, location, oldQty, newQty } = change;
  let now: number;
  try {
    now = await withProgress(t('Checking the current on-hand of {0}…', item.sku), () => readOnHand(client, item.id, location.id), { where: 'statusBar' });
  } catch (e) {
    return { status: 'failed', message: editErrorMessage(e, { action: t('Undo'), locationName: location.name }), error: e };
  }
  if (now !== newQty) {
    const setAnyway = t('Set to {0} anyway', oldQty);
    const choice = await vscode.window.showWarningMessage(
      t('{0} at {1} is now {2}, not {3} as you set it: someone changed it since. Set it back to {4} anyway?', item.sku, location.name, now, newQty, oldQty),
      { modal: true },
      setAnyway,
    );
    if (choice !== setAnyway) return { status: 'refused', message: t('Undo skipped: {0} at {1} changed since ({2}).', item.sku, location.name, now) };
  }
  return writeOnHand(deps, client, {
    item, location, oldQty: now, newQty: oldQty,
    note: t('Undo of the change {0} → {1} (Retrac for VS Code)', oldQty, newQty),
  }, true);
}
