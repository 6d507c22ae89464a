// Create Transfer (from → to → lines checked against the stock at the source → note → confirm)
// and Revert Transfer (owner-only; confirm with the lines listed).
import * as vscode from 'vscode';
import type { RetracClient } from '../api/client';
import { isRetracError } from '../api/errors';
import type { Transfer, TransferCreate } from '../api/types';
import type { NodeRef } from '../inventoryEvents';
import { BACK } from '../quickInput';
import { showError } from '../showError';
import { withProgress } from '../progress';
import {
  begin, editErrorMessage, CANCELLED, confirmStep, FINISH, isOutcome, noteStep, pickItem, pickLocation, readOnHand, runFlow, type EditDeps, type EditOutcome,
  type ItemRef, type LocationRef,
} from './flow';
import { parseLineQuantity } from './quantity';
import { confirmedWrite } from './write';

const t = vscode.l10n.t;
const MAX_LINES = 100;

interface Line {
  item: ItemRef;
  quantity: number;
}

interface CreateState {
  from?: LocationRef;
  to?: LocationRef;
  lines: Line[];
  /** The item of the line being added, with what the source holds of it. */
  pending?: { item: ItemRef; available: number };
  note?: string;
}

/** "1 line", "3 lines" (each form its own l10n string, so translations can differ). */
function linesText(n: number): string {
  return n === 1 ? t('1 line') : t('{0} lines', n);
}

function lineText(l: { quantity: number; item: { sku: string } }): string {
  return `${l.quantity} × ${l.item.sku}`;
}

export async function createTransferCommand(deps: EditDeps, ref?: NodeRef): Promise<EditOutcome<Transfer>> {
  const action = t('Create transfer');
  const client = await begin(deps, action, ['transfers.write']);
  if (isOutcome(client)) return client;
  const title = t('Create Transfer');
  const initial: CreateState = { lines: [] };
  if (ref?.location?.active) initial.from = { id: ref.location.id, name: ref.location.name };
  else if (ref?.balance) initial.from = ref.balance.location;

  const state = await runFlow<CreateState>(initial, [...(initial.from ? [] : ['from']), 'to', 'item', 'quantity', 'more', 'note', 'confirm'], {
    from: async (s, ctx) => {
      const picked = await pickLocation(deps, client, t('{0}: from', title), ctx, {
        activeOnly: true,
        placeholder: t('Move stock out of which location?'),
      });
      if (picked === BACK || picked === undefined) return picked;
      s.from = { id: picked.location.id, name: picked.location.name };
      return 'to';
    },
    to: async (s, ctx) => {
      const picked = await pickLocation(deps, client, t('{0}: from {1} to', title, s.from!.name), ctx, {
        activeOnly: true,
        placeholder: t('Move stock into which location?'),
        // The source is not a destination: it is not offered at all.
        exclude: (l) => l.id === s.from!.id,
      });
      if (picked === BACK || picked === undefined) return picked;
      s.to = { id: picked.location.id, name: picked.location.name };
      return 'item';
    },
    item: async (s, ctx) => {
      const picked = await pickItem(deps, client, t('{0}: line {1} — item at {2}', title, s.lines.length + 1, s.from!.name), ctx, {
        locationId: s.from!.id,
        placeholder: t('Type to search items stocked at {0}', s.from!.name),
        showOnHand: true,
      });
      if (picked === BACK || picked === undefined) return picked;
      const item = { id: picked.item.id, sku: picked.item.sku, description: picked.item.description };
      let onHand: number;
      try {
        onHand = await withProgress(t('Reading the stock of {0} at {1}…', item.sku, s.from!.name), () => readOnHand(client, item.id, s.from!.id), { where: 'statusBar' });
      } catch (e) {
        void showError(editErrorMessage(e, { action: t('Reading the stock at the source'), locationName: s.from!.name }));
        return undefined;
      }
      const alreadyMoved = s.lines.filter((l) => l.item.id === item.id).reduce((n, l) => n + l.quantity, 0);
      s.pending = { item, available: onHand - alreadyMoved };
      return 'quantity';
    },
    quantity: async (s, ctx) => {
      const { item, available } = s.pending!;
      const value = await deps.inputs.text({
        title: t('{0}: line {1} — quantity of {2}', title, s.lines.length + 1, item.sku),
        ...ctx,
        canGoBack: true,
        prompt: t('Available at {0}: {1}. How many to move to {2}?', s.from!.name, available, s.to!.name),
        placeholder: t('Quantity'),
        validate: (v) => lineProblem(v, available, s.from!.name),
      });
      if (value === BACK || value === undefined) return value;
      const parsed = parseLineQuantity(value, available);
      if (!parsed.ok) return undefined;
      s.lines.push({ item, quantity: parsed.quantity });
      s.pending = undefined;
      return 'more';
    },
    more: async (s, ctx) => {
      const add: vscode.QuickPickItem = { label: `$(add) ${t('Add another item')}` };
      const next: vscode.QuickPickItem = { label: `$(arrow-right) ${t('Continue')}`, description: linesText(s.lines.length) };
      const answer = await deps.inputs.pick({
        title: t('{0}: {1} → {2}', title, s.from!.name, s.to!.name),
        ...ctx,
        canGoBack: true,
        placeholder: s.lines.map(lineText).join(', '),
        items: s.lines.length >= MAX_LINES ? [next] : [add, next],
      });
      if (answer === BACK || answer === undefined) return answer;
      return answer === add ? 'item' : 'note';
    },
    note: noteStep(deps, title, t('Why the stock moves, e.g. "restock van 3". Leave empty for none.'), 'confirm'),
    confirm: (s, ctx) => confirmStep(deps, ctx, title,
      t('Move from {0} to {1}: {2}', s.from!.name, s.to!.name, s.lines.map(lineText).join(', ')),
      s.lines.length === 1 ? t('Create transfer (1 line)') : t('Create transfer ({0} lines)', s.lines.length), s.note ? t('Note: {0}', s.note) : undefined),
  });
  if (!state) return CANCELLED;

  const body: TransferCreate = {
    fromLocationId: state.from!.id,
    toLocationId: state.to!.id,
    note: state.note,
    lines: state.lines.map((l) => ({ itemId: l.item.id, quantity: l.quantity })),
  };
  const sentAt = Date.now();
  const { from, to } = state as Required<CreateState>;
  return confirmedWrite(deps, {
    action,
    progress: t('Moving stock from {0} to {1}…', from.name, to.name),
    send: () => client.createTransfer(body),
    applied: (transfer) => transferDone(deps, transfer),
    done: () => t('Moved {0} from {1} to {2}.', state.lines.map(lineText).join(', '), from.name, to.name),
    recheck: async () => {
      const found = await findCreatedTransfer(client, body, sentAt);
      return found
        ? { applied: found, message: t('The connection dropped after sending, but the transfer was created: {0} → {1}.', from.name, to.name) }
        : { unchanged: t('{0}: the connection dropped before the transfer was created; no stock moved.', action) };
    },
    couldNotCheck: () => t('{0}: the connection dropped and the result could not be checked. Look at the transfers list before trying again.', action),
    explain: (e) => isRetracError(e) && e.code === 'unprocessable_entity'
      ? t('{0} was refused: {1} Check the stock at {2} and that both locations are active.', action, ensureStop(e.message), from.name)
      : editErrorMessage(e, { action, locationName: from.name }),
  });
}

function transferDone(deps: EditDeps, transfer: Transfer): void {
  deps.events.fire({
    transferIds: [transfer.id],
    itemIds: [...new Set(transfer.lines.map((l) => l.itemId))],
    locationIds: [transfer.fromLocationId, transfer.toLocationId],
    movements: true,
    lists: ['transfers', 'movements'],
  });
  void deps.explorer.reveal({ kind: 'transfer', id: transfer.id });
}

function ensureStop(s: string): string {
  return /[.!?]$/.test(s) ? s : s + '.';
}

/** After a lost answer: the newest transfer between the two locations with these lines and note, if any. */
async function findCreatedTransfer(client: RetracClient, body: TransferCreate, sentAt: number): Promise<Transfer | null> {
  const recent = await client.listTransfers({ fromLocationId: body.fromLocationId, toLocationId: body.toLocationId, pageSize: 20 });
  const wanted = body.lines.map((l) => `${l.itemId}:${l.quantity}`).sort().join(',');
  return recent.find((tr) =>
    Date.parse(tr.createdAt) >= sentAt - 5 * 60_000 &&
    (tr.note ?? undefined) === body.note &&
    tr.lines.map((l) => `${l.itemId}:${l.quantity}`).sort().join(',') === wanted,
  ) ?? null;
}

function lineProblem(value: string, available: number, fromName: string): string | undefined {
  const parsed = parseLineQuantity(value, available);
  if (parsed.ok) return undefined;
  switch (parsed.problem) {
    case 'empty':
      return t('Type how many to move (a whole number above 0).');
    case 'not_integer':
      return t('"{0}" is not a whole number.', value.trim());
    case 'not_positive':
      return t('The quantity must be above 0.');
    case 'above_available':
      return t('Only {0} available at {1}.', available, fromName);
  }
}

// ---- revert -----------------------------------------------------------------------------------

export async function revertTransferCommand(deps: EditDeps, ref?: NodeRef): Promise<EditOutcome<Transfer>> {
  const action = t('Revert transfer');
  const client = await begin(deps, action, ['transfers.write', 'transfers.revert'], true);
  if (isOutcome(client)) return client;
  const title = t('Revert Transfer');
  const transfer = ref?.transfer;
  if (transfer?.status === 'reverted') return { status: 'refused', message: t('This transfer was already reverted.') };
  const state = await runFlow<{ transfer?: Transfer }>({ transfer }, [...(transfer ? [] : ['pick']), 'confirm'], {
    pick: async (s, ctx) => {
      const picked = await deps.inputs.pick<vscode.QuickPickItem & { transfer: Transfer }>({
        title,
        ...ctx,
        placeholder: t('Type to search completed transfers by note, SKU or description'),
        search: async (value, signal) => {
          const rows = await client.listTransfers({ status: 'completed', search: value.trim() || undefined, pageSize: 50 }, { signal });
          return rows.map((tr) => ({
            label: `${tr.fromLocation.name} → ${tr.toLocation.name}`,
            description: new Date(tr.createdAt).toLocaleString(),
            detail: [tr.note, tr.lines.map(lineText).join(', ')].filter(Boolean).join(' — '),
            alwaysShow: true,
            transfer: tr,
          }));
        },
      });
      if (picked === BACK || picked === undefined) return picked;
      s.transfer = picked.transfer;
      return 'confirm';
    },
    confirm: async (s, ctx) => {
      const tr = s.transfer!;
      const answer = await deps.inputs.confirm({
        title: t('{0}: confirm', title),
        ...ctx,
        summary: t('Move back from {0} to {1}: {2}', tr.toLocation.name, tr.fromLocation.name, tr.lines.map(lineText).join(', ')),
        detail: tr.note ? t('Transfer note: {0}', tr.note) : undefined,
        confirmLabel: tr.lines.length === 1 ? t('Revert transfer (1 line)') : t('Revert transfer ({0} lines)', tr.lines.length),
      });
      if (answer === BACK || answer === undefined) return answer;
      return answer ? FINISH : undefined;
    },
  });
  if (!state) return CANCELLED;
  const chosen = state.transfer!;
  const id = chosen.id;
  return confirmedWrite(deps, {
    action,
    progress: t('Reverting the transfer {0} → {1}…', chosen.fromLocation.name, chosen.toLocation.name),
    send: () => client.revertTransfer(id, {}),
    applied: (reverted) => transferDone(deps, reverted),
    done: (reverted) => t('Reverted: {0} moved back to {1}.', reverted.lines.map(lineText).join(', '), reverted.fromLocation.name),
    recheck: async () => {
      const now = await client.getTransfer(id);
      return now.status === 'reverted'
        ? { applied: now, message: t('The connection dropped after sending, but the transfer was reverted.') }
        : { unchanged: t('{0}: the connection dropped before the revert was applied; the transfer is unchanged.', action) };
    },
    couldNotCheck: () => t('{0}: the connection dropped and the result could not be checked.', action),
    explain: (e) => {
      if (isRetracError(e) && e.code === 'conflict') return t('This transfer was already reverted.');
      if (isRetracError(e) && e.code === 'unprocessable_entity') {
        return t('This transfer cannot be reverted: {0} no longer holds the stock it received ({1}).', chosen.toLocation.name, e.message);
      }
      return undefined;
    },
  });
}
