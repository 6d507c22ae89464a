// /inventory/balances and /inventory/movements (contract §5 Inventory). Members only see rows of
// locations they may see and only change stock where they have Edit access.
import type { MovementType } from '../../api/types';
import { requireEdit, type Caller } from '../auth';
import { notFound, unprocessable } from '../errors';
import type { BalanceRec, LocationRec, MovementRec } from '../model';
import { setOnHand } from '../stock';
import * as v from '../validate';
import { balanceView, movementView } from '../views';
import { ok, type Result, type Route, type WorkspaceContext } from './route';

export const MOVEMENT_TYPES: readonly MovementType[] = [
  'opening', 'adjustment_plus', 'adjustment_minus', 'transfer_out', 'transfer_in', 'transfer_revert_out', 'transfer_revert_in',
];

function listBalances(ctx: WorkspaceContext): Result {
  const { caller, query } = ctx;
  const ws = caller.ws;
  const itemId = v.queryString(query, 'itemId');
  const locationId = v.queryString(query, 'locationId');
  const minQty = query.has('minQty') ? v.queryInt(query, 'minQty', 0, -1e12, 1e12) : undefined;
  const page = v.paging(query, 200, 500);
  let source: readonly BalanceRec[];
  if (itemId !== undefined && locationId !== undefined) {
    const one = ws.balance(itemId, locationId);
    source = one ? [one] : [];
  } else if (itemId !== undefined) source = ws.balancesByItem.get(itemId) ?? [];
  else if (locationId !== undefined) source = ws.balancesByLocation.get(locationId) ?? [];
  else source = ws.balances;
  const keep = caller.role === 'owner' && minQty === undefined
    ? undefined
    : (b: BalanceRec) => (minQty === undefined || b.onHandQty >= minQty) && caller.access(b.locationId) !== 'none';
  const rows = keep ? v.takePage(source, keep, page) : v.slicePage(source, false, page);
  return ok(rows.map((b) => balanceView(b, ws)));
}

export function locationFor(caller: Caller, id: string, path: string): LocationRec {
  const location = caller.ws.locationById.get(id);
  if (!location) throw notFound(`${path}: location ${id} not found.`);
  return location;
}

function putBalance(ctx: WorkspaceContext): Result {
  const { caller } = ctx;
  const ws = caller.ws;
  const body = v.object(ctx.body, 'body');
  const itemId = v.string(body, 'itemId', { min: 1 });
  const locationId = v.string(body, 'locationId', { min: 1 });
  const onHandQty = v.number(body, 'onHandQty', { integer: true, min: 0, max: 1e12 });
  const note = v.nullableString(body, 'note', { max: 500 }) ?? null;
  if (!ws.itemById.has(itemId)) throw notFound(`itemId: item ${itemId} not found.`);
  const location = locationFor(caller, locationId, 'locationId');
  requireEdit(caller, location.id, location.name);
  if (!location.active) throw unprocessable(`locationId: location "${location.name}" is inactive; reactivate it to change its stock`);
  return ok(balanceView(setOnHand(ctx.store, ws, { itemId, locationId, onHandQty, note }, caller.userId), ws));
}

function listMovements(ctx: WorkspaceContext): Result {
  const { caller, query } = ctx;
  const itemId = v.queryString(query, 'itemId');
  const locationId = v.queryString(query, 'locationId');
  const type = v.queryEnum(query, 'type', MOVEMENT_TYPES);
  const transferId = v.queryString(query, 'transferId');
  const page = v.paging(query, 50, 100);
  const movements = caller.ws.movements;
  const filtered = itemId !== undefined || locationId !== undefined || type !== undefined || transferId !== undefined || caller.role !== 'owner';
  const rows = filtered
    ? v.takePage(v.reversed(movements), (m: MovementRec) =>
      (itemId === undefined || m.itemId === itemId)
      && (locationId === undefined || m.locationId === locationId)
      && (type === undefined || m.type === type)
      && (transferId === undefined || m.transferId === transferId)
      && caller.access(m.locationId) !== 'none', page)
    : v.slicePage(movements, true, page);
  return ok(rows.map(movementView));
}

export const inventoryRoutes: Route[] = [
  { method: 'GET', pattern: /^\/inventory\/balances$/, scope: 'inventory.read', workspaceScoped: true, handle: listBalances },
  { method: 'PUT', pattern: /^\/inventory\/balances$/, scope: 'inventory.write', workspaceScoped: true, handle: putBalance },
  { method: 'GET', pattern: /^\/inventory\/movements$/, scope: 'inventory.read', workspaceScoped: true, handle: listMovements },
];

