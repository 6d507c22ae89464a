// Stock rules shared by the routes and the seed: setting on-hand quantities and moving stock with
// transfers, each change written as append-only movements so balances always equal their history.
import type { MovementType } from '../api/types';
import { conflict, exceededLimit, unprocessable } from './errors';
import type { BalanceRec, MovementRec, TransferRec } from './model';
import type { Store, WorkspaceData } from './store';

/** A movement's own fields; writeMovement adds the id, workspace, user and time. */
type MovementInit = Omit<MovementRec, 'id' | 'workspaceId' | 'userId' | 'occurredAt'>;

function writeMovement(store: Store, ws: WorkspaceData, userId: string, at: number, init: MovementInit): MovementRec {
  const movement: MovementRec = { id: store.newId(), workspaceId: ws.rec.id, userId, occurredAt: at, ...init };
  ws.addMovement(movement);
  return movement;
}

/** Adds `delta` to the balance row of item × location, creating the row when needed. */
function changeStock(store: Store, ws: WorkspaceData, itemId: string, locationId: string, delta: number, at: number): BalanceRec {
  let balance = ws.balance(itemId, locationId);
  if (!balance) {
    balance = { id: store.newId(), workspaceId: ws.rec.id, itemId, locationId, onHandQty: 0, createdAt: at, updatedAt: at };
    ws.addBalance(balance);
  }
  balance.onHandQty += delta;
  balance.updatedAt = at;
  ws.balanceChanged(balance);
  return balance;
}

export interface SetOnHandInput { itemId: string; locationId: string; onHandQty: number; note: string | null }

/**
 * Sets an absolute on-hand quantity: `opening` the first time a row is created, else
 * `adjustment_plus`/`adjustment_minus` by the difference; no movement when nothing changes.
 */
export function setOnHand(store: Store, ws: WorkspaceData, input: SetOnHandInput, userId: string): BalanceRec {
  const at = store.now();
  const existing = ws.balance(input.itemId, input.locationId);
  const before = existing?.onHandQty ?? 0;
  const delta = input.onHandQty - before;
  if (existing && delta === 0) return existing;
  const balance = changeStock(store, ws, input.itemId, input.locationId, delta, at);
  if (delta === 0) return balance; // a new row at 0: nothing moved
  const type: MovementType = !existing ? 'opening' : delta > 0 ? 'adjustment_plus' : 'adjustment_minus';
  writeMovement(store, ws, userId, at, {
    type,
    itemId: input.itemId,
    quantity: Math.abs(delta),
    fromLocationId: delta < 0 ? input.locationId : null,
    toLocationId: delta > 0 ? input.locationId : null,
    locationId: input.locationId,
    transferId: null,
    note: input.note,
  });
  return balance;
}

export interface TransferInput {
  fromLocationId: string;
  toLocationId: string;
  note: string | null;
  lines: { itemId: string; quantity: number; note: string | null }[];
}

/** Names the first line whose running total for its item exceeds what `locationId` holds. */
function checkStock(ws: WorkspaceData, locationId: string, lines: { itemId: string; quantity: number }[], where: string): void {
  const needed = new Map<string, number>();
  lines.forEach((line, i) => {
    const total = (needed.get(line.itemId) ?? 0) + line.quantity;
    needed.set(line.itemId, total);
    const held = ws.balance(line.itemId, locationId)?.onHandQty ?? 0;
    if (total > held) {
      throw unprocessable(`lines[${i}].quantity: ${where} holds ${held} of item ${line.itemId}, ${total} requested`);
    }
  });
}

/** Validates and applies a transfer at once (status completed); the caller has checked ids exist. */
export function createTransfer(store: Store, ws: WorkspaceData, input: TransferInput, userId: string): TransferRec {
  const from = ws.locationById.get(input.fromLocationId);
  const to = ws.locationById.get(input.toLocationId);
  if (!from || !to) throw new Error('createTransfer: unknown location'); // routes answer 404 before
  if (from.id === to.id) throw unprocessable('toLocationId: the destination must differ from the source location');
  if (!from.active) throw unprocessable(`fromLocationId: location "${from.name}" is inactive`);
  if (!to.active) throw unprocessable(`toLocationId: location "${to.name}" is inactive`);
  checkStock(ws, from.id, input.lines, `the source location "${from.name}"`);
  if (ws.rec.usage >= ws.rec.usageLimit) {
    throw exceededLimit(`You have reached the limit of ${ws.rec.usageLimit} transfers per billing cycle of the ${ws.rec.plan} plan.`);
  }
  const at = store.now();
  const transfer: TransferRec = {
    id: store.newId(),
    workspaceId: ws.rec.id,
    fromLocationId: from.id,
    toLocationId: to.id,
    status: 'completed',
    note: input.note,
    lines: input.lines.map((line) => {
      const item = ws.itemById.get(line.itemId);
      if (!item) throw new Error('createTransfer: unknown item'); // routes answer 404 before
      return { id: store.newId(), itemId: item.id, quantity: line.quantity, note: line.note, item: { id: item.id, sku: item.sku, description: item.description } };
    }),
    userId,
    createdAt: at,
    revertedAt: null,
    revertNote: null,
  };
  ws.addTransfer(transfer);
  ws.rec.usage++;
  ws.workspaceChanged();
  for (const line of transfer.lines) {
    changeStock(store, ws, line.itemId, from.id, -line.quantity, at);
    changeStock(store, ws, line.itemId, to.id, line.quantity, at);
    const common = { itemId: line.itemId, quantity: line.quantity, fromLocationId: from.id, toLocationId: to.id, transferId: transfer.id, note: line.note ?? input.note };
    writeMovement(store, ws, userId, at, { type: 'transfer_out', locationId: from.id, ...common });
    writeMovement(store, ws, userId, at, { type: 'transfer_in', locationId: to.id, ...common });
  }
  return transfer;
}

/** Moves a completed transfer's stock back; 409 when already reverted, 422 when the stock has left. */
export function revertTransfer(store: Store, ws: WorkspaceData, transfer: TransferRec, revertNote: string | null, userId: string): TransferRec {
  if (transfer.status === 'reverted') throw conflict(`Transfer ${transfer.id} has already been reverted.`);
  const to = ws.locationById.get(transfer.toLocationId);
  checkStock(ws, transfer.toLocationId, transfer.lines, `the destination location "${to?.name ?? transfer.toLocationId}"`);
  const at = store.now();
  for (const line of transfer.lines) {
    changeStock(store, ws, line.itemId, transfer.toLocationId, -line.quantity, at);
    changeStock(store, ws, line.itemId, transfer.fromLocationId, line.quantity, at);
    const common = { itemId: line.itemId, quantity: line.quantity, fromLocationId: transfer.toLocationId, toLocationId: transfer.fromLocationId, transferId: transfer.id, note: revertNote };
    writeMovement(store, ws, userId, at, { type: 'transfer_revert_out', locationId: transfer.toLocationId, ...common });
    writeMovement(store, ws, userId, at, { type: 'transfer_revert_in', locationId: transfer.fromLocationId, ...common });
  }
  transfer.status = 'reverted';
  transfer.revertedAt = at;
  transfer.revertNote = revertNote;
  ws.transferChanged(transfer);
  return transfer;
}
