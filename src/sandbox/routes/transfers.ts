// /inventory/transfers: list, retrieve, create, revert (contract §5 Transfers).
import type { TransferStatus } from '../../api/types';
import { requireEdit, requireOwner, type Caller } from '../auth';
import { notFound } from '../errors';
import type { TransferRec } from '../model';
import { createTransfer, revertTransfer } from '../stock';
import * as v from '../validate';
import { transferView } from '../views';
import { locationFor } from './inventory';
import { created, ok, type Result, type Route, type WorkspaceContext } from './route';

export const STATUSES: readonly TransferStatus[] = ['completed', 'reverted'];
const NOTE = { max: 500 };

/** Members see a transfer only when they may see both of its locations. */
function visible(caller: Caller, t: TransferRec): boolean {
  return caller.access(t.fromLocationId) !== 'none' && caller.access(t.toLocationId) !== 'none';
}

function findTransfer(caller: Caller, id: string): TransferRec {
  const transfer = caller.ws.transferById.get(id);
  if (!transfer || !visible(caller, transfer)) throw notFound(`Transfer ${id} not found.`);
  return transfer;
}

function listTransfers(ctx: WorkspaceContext): Result {
  const { caller, query } = ctx;
  const status = v.queryEnum(query, 'status', STATUSES);
  const from = v.queryString(query, 'fromLocationId');
  const to = v.queryString(query, 'toLocationId');
  const itemId = v.queryString(query, 'itemId');
  const search = v.queryString(query, 'search')?.toLowerCase();
  const page = v.paging(query, 50, 100);
  const rows = v.takePage(v.reversed(caller.ws.transfers), (t) =>
    (status === undefined || t.status === status)
    && (from === undefined || t.fromLocationId === from)
    && (to === undefined || t.toLocationId === to)
    && (itemId === undefined || t.lines.some((l) => l.itemId === itemId))
    && (search === undefined || (t.note ?? '').toLowerCase().includes(search)
      || t.lines.some((l) => l.item.sku.toLowerCase().includes(search) || l.item.description.toLowerCase().includes(search)))
    && visible(caller, t), page);
  return ok(rows.map((t) => transferView(t, caller.ws, false)));
}

function getTransfer(ctx: WorkspaceContext): Result {
  return ok(transferView(findTransfer(ctx.caller, ctx.params[0]), ctx.caller.ws, true));
}

function postTransfer(ctx: WorkspaceContext): Result {
  const { caller } = ctx;
  const ws = caller.ws;
  const body = v.object(ctx.body, 'body');
  const fromLocationId = v.string(body, 'fromLocationId', { min: 1 });
  const toLocationId = v.string(body, 'toLocationId', { min: 1 });
  const note = v.nullableString(body, 'note', NOTE) ?? null;
  const lines = v.array(body.lines, 'lines', 1, 100).map((raw, i) => {
    const line = v.object(raw, `lines[${i}]`);
    const prefix = `lines[${i}].`;
    return {
      itemId: v.string(line, 'itemId', { min: 1 }, prefix),
      quantity: v.number(line, 'quantity', { integer: true, min: 0, exclusiveMin: true, max: 1e12 }, prefix),
      note: v.nullableString(line, 'note', NOTE, prefix) ?? null,
    };
  });
  const from = locationFor(caller, fromLocationId, 'fromLocationId');
  const to = locationFor(caller, toLocationId, 'toLocationId');
  lines.forEach((line, i) => {
    if (!ws.itemById.has(line.itemId)) throw notFound(`lines[${i}].itemId: item ${line.itemId} not found.`);
  });
  requireEdit(caller, from.id, from.name);
  requireEdit(caller, to.id, to.name);
  const transfer = createTransfer(ctx.store, ws, { fromLocationId, toLocationId, note, lines }, caller.userId);
  return created(transferView(transfer, ws, true));
}

function postRevert(ctx: WorkspaceContext): Result {
  const { caller } = ctx;
  requireOwner(caller, 'revert transfers');
  const transfer = findTransfer(caller, ctx.params[0]);
  const body = ctx.body === undefined ? {} : v.object(ctx.body, 'body');
  const revertNote = v.nullableString(body, 'revertNote', NOTE) ?? null;
  return ok(transferView(revertTransfer(ctx.store, caller.ws, transfer, revertNote, caller.userId), caller.ws, true));
}

export const transferRoutes: Route[] = [
  { method: 'GET', pattern: /^\/inventory\/transfers$/, scope: 'transfers.read', workspaceScoped: true, handle: listTransfers },
  { method: 'POST', pattern: /^\/inventory\/transfers$/, scope: 'transfers.write', workspaceScoped: true, handle: postTransfer },
  { method: 'GET', pattern: /^\/inventory\/transfers\/([^/]+)$/, scope: 'transfers.read', workspaceScoped: true, handle: getTransfer },
  { method: 'POST', pattern: /^\/inventory\/transfers\/([^/]+)\/revert$/, scope: 'transfers.write', workspaceScoped: true, handle: postRevert },
];
