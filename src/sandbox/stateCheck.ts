// Checks a loaded state (snapshot + journal) with the same rules the routes apply to requests, plus
// the model's own invariants (rows belong to known workspaces, references resolve, ids are unique,
// every balance equals the sum of its movements), so a state that parses but would break the
// sandbox is refused at start with the first problem named, never served.
import { SCOPES } from '../api/types';
import { ApiError } from './errors';
import type { StateFile } from './model';
import { MOVEMENT_TYPES } from './routes/inventory';
import { DESCRIPTION, MONEY, SKU, SUPPLIER } from './routes/items';
import { NAME as LOCATION_NAME, NOTE as LOCATION_NOTE, TYPES as LOCATION_TYPES } from './routes/locations';
import { COLORS, NAME as TAG_NAME } from './routes/tags';
import { STATUSES } from './routes/transfers';
import * as v from './validate';

const LISTS = ['workspaces', 'users', 'keys', 'items', 'tags', 'locations', 'balances', 'movements', 'transfers'] as const;
const PLANS = ['free', 'pro', 'business', 'business plus', 'business extra', 'business max', 'enterprise'] as const;
const ID = { min: 1, max: 200 };
const TEXT = { max: 10_000 };
const COUNT = { integer: true, min: 0, max: 1e12 };
const TIME = { integer: true, min: 0, max: 8.64e15 };
const NOTE = { max: 500 };
const INCREASES = new Set(['opening', 'adjustment_plus', 'transfer_in', 'transfer_revert_in']);

function checkRows(state: StateFile): void {
  const workspaces = new Set<string>();
  const unique = (list: string, ids: Set<string>, id: string, i: number): void => {
    if (ids.has(id)) throw new ApiError(422, 'unprocessable_entity', `${list}[${i}].id: ${JSON.stringify(id)} appears twice`);
    ids.add(id);
  };
  const inWorkspace = (row: v.Body, prefix: string): void => {
    const ws = v.string(row, 'workspaceId', ID, prefix);
    if (!workspaces.has(ws)) throw new ApiError(422, 'unprocessable_entity', `${prefix}workspaceId: no workspace ${JSON.stringify(ws)}`);
  };
  const rowsOf = (list: (typeof LISTS)[number]): { row: v.Body; prefix: string; i: number }[] =>
    (state[list] as unknown[]).map((raw, i) => ({ row: v.object(raw, `${list}[${i}]`), prefix: `${list}[${i}].`, i }));

  for (const { row, prefix, i } of rowsOf('workspaces')) {
    unique('workspaces', workspaces, v.string(row, 'id', ID, prefix), i);
    v.string(row, 'name', TEXT, prefix);
    v.string(row, 'slug', ID, prefix);
    v.oneOf(row, 'plan', PLANS, prefix);
    for (const n of ['usage', 'usageLimit', 'itemsLimit', 'locationsLimit', 'tagsLimit', 'usersLimit']) v.number(row, n, COUNT, prefix);
    v.number(row, 'createdAt', TIME, prefix);
    v.string(row, 'defaultLocationId', ID, prefix);
    v.array(row.members, `${prefix}members`, 0, 10_000).forEach((raw, j) => {
      const m = v.object(raw, `${prefix}members[${j}]`);
      v.string(m, 'userId', ID, `${prefix}members[${j}].`);
      v.oneOf(m, 'role', ['owner', 'member'] as const, `${prefix}members[${j}].`);
    });
  }
  const users = new Set<string>();
  for (const { row, prefix, i } of rowsOf('users')) {
    unique('users', users, v.string(row, 'id', ID, prefix), i);
    v.string(row, 'name', TEXT, prefix);
    v.string(row, 'email', TEXT, prefix);
  }
  for (const { row, prefix } of rowsOf('keys')) {
    v.string(row, 'name', ID, prefix);
    v.string(row, 'key', { min: 16, max: 200 }, prefix);
    v.oneOf(row, 'type', ['full', 'restricted'] as const, prefix);
    v.string(row, 'userId', ID, prefix);
    inWorkspace(row, prefix);
    v.optionalStringArray(row, 'scopes', prefix)?.forEach((s, j) => {
      if (!(SCOPES as readonly string[]).includes(s)) throw new ApiError(422, 'unprocessable_entity', `${prefix}scopes[${j}]: unknown scope ${JSON.stringify(s)}`);
    });
  }
  const items = new Set<string>();
  for (const { row, prefix, i } of rowsOf('items')) {
    unique('items', items, v.string(row, 'id', ID, prefix), i);
    inWorkspace(row, prefix);
    v.string(row, 'sku', SKU, prefix);
    v.string(row, 'description', DESCRIPTION, prefix);
    v.number(row, 'cost', MONEY, prefix);
    if (row.sellPrice !== null) v.number(row, 'sellPrice', MONEY, prefix);
    if (row.supplierId !== null) v.string(row, 'supplierId', SUPPLIER, prefix);
    if (v.optionalStringArray(row, 'tagIds', prefix) === undefined) v.array(row.tagIds, `${prefix}tagIds`, 0, 1000);
    v.string(row, 'userId', ID, prefix);
    v.number(row, 'createdAt', TIME, prefix);
    v.number(row, 'updatedAt', TIME, prefix);
  }
  const tags = new Set<string>();
  for (const { row, prefix, i } of rowsOf('tags')) {
    unique('tags', tags, v.string(row, 'id', ID, prefix), i);
    inWorkspace(row, prefix);
    v.string(row, 'name', TAG_NAME, prefix);
    v.oneOf(row, 'color', COLORS, prefix);
    v.number(row, 'createdAt', TIME, prefix);
  }
  const locations = new Set<string>();
  for (const { row, prefix, i } of rowsOf('locations')) {
    unique('locations', locations, v.string(row, 'id', ID, prefix), i);
    inWorkspace(row, prefix);
    v.string(row, 'name', LOCATION_NAME, prefix);
    v.oneOf(row, 'type', LOCATION_TYPES, prefix);
    if (v.optionalBoolean(row, 'active', prefix) === undefined) throw new ApiError(422, 'unprocessable_entity', `${prefix}active: required`);
    if (row.note !== null) v.string(row, 'note', LOCATION_NOTE, prefix);
    v.number(row, 'createdAt', TIME, prefix);
  }
  const ref = (row: v.Body, key: string, ids: Set<string>, prefix: string, what: string): string => {
    const id = v.string(row, key, ID, prefix);
    if (!ids.has(id)) throw new ApiError(422, 'unprocessable_entity', `${prefix}${key}: no ${what} ${JSON.stringify(id)}`);
    return id;
  };
  const balances = new Map<string, { qty: number; prefix: string }>();
  const balanceIds = new Set<string>();
  for (const { row, prefix, i } of rowsOf('balances')) {
    unique('balances', balanceIds, v.string(row, 'id', ID, prefix), i);
    inWorkspace(row, prefix);
    const itemId = ref(row, 'itemId', items, prefix, 'item');
    const locationId = ref(row, 'locationId', locations, prefix, 'location');
    const qty = v.number(row, 'onHandQty', COUNT, prefix);
    v.number(row, 'createdAt', TIME, prefix);
    v.number(row, 'updatedAt', TIME, prefix);
    if (balances.has(`${itemId} ${locationId}`)) throw new ApiError(422, 'unprocessable_entity', `${prefix}: a second balance row for item ${itemId} at location ${locationId}`);
    balances.set(`${itemId} ${locationId}`, { qty, prefix });
  }
  const sums = new Map<string, number>();
  const movementIds = new Set<string>();
  for (const { row, prefix, i } of rowsOf('movements')) {
    unique('movements', movementIds, v.string(row, 'id', ID, prefix), i);
    inWorkspace(row, prefix);
    const type = v.oneOf(row, 'type', MOVEMENT_TYPES, prefix);
    if (type === undefined) throw new ApiError(422, 'unprocessable_entity', `${prefix}type: required`);
    const itemId = v.string(row, 'itemId', ID, prefix);
    const quantity = v.number(row, 'quantity', { integer: true, min: 0, max: 1e12, exclusiveMin: true }, prefix);
    const locationId = ref(row, 'locationId', locations, prefix, 'location');
    v.nullableString(row, 'note', TEXT, prefix);
    v.number(row, 'occurredAt', TIME, prefix);
    const key = `${itemId} ${locationId}`;
    sums.set(key, (sums.get(key) ?? 0) + (INCREASES.has(type) ? quantity : -quantity));
  }
  for (const [key, { qty, prefix }] of balances) {
    const sum = sums.get(key) ?? 0;
    if (sum !== qty) throw new ApiError(422, 'unprocessable_entity', `${prefix}onHandQty: ${qty}, but its movements add up to ${sum}`);
  }
  const transferIds = new Set<string>();
  for (const { row, prefix, i } of rowsOf('transfers')) {
    unique('transfers', transferIds, v.string(row, 'id', ID, prefix), i);
    inWorkspace(row, prefix);
    ref(row, 'fromLocationId', locations, prefix, 'location');
    ref(row, 'toLocationId', locations, prefix, 'location');
    v.oneOf(row, 'status', STATUSES, prefix);
    v.nullableString(row, 'note', NOTE, prefix);
    v.array(row.lines, `${prefix}lines`, 1, 100).forEach((raw, j) => {
      const p = `${prefix}lines[${j}].`;
      const line = v.object(raw, `${prefix}lines[${j}]`);
      v.string(line, 'itemId', ID, p);
      v.number(line, 'quantity', { integer: true, min: 0, exclusiveMin: true, max: 1e12 }, p);
      v.object(line.item, `${p}item`);
    });
    v.number(row, 'createdAt', TIME, prefix);
  }
}

/**
 * The first problem of a state, as `path: message`; undefined when it is valid. `shapeOnly`
 * checks only what replaying a journal needs (a version-1 object with its lists).
 */
export function checkState(state: unknown, shapeOnly: boolean): string | undefined {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return 'expected a JSON object';
  const s = state as Record<string, unknown>;
  if (s.version !== 1) return `version: expected 1, received ${JSON.stringify(s.version) ?? 'nothing'}`;
  for (const list of LISTS) if (!Array.isArray(s[list])) return `${list}: expected an array`;
  if (shapeOnly) return undefined;
  try {
    checkRows(state as StateFile);
    return undefined;
  } catch (e) {
    if (e instanceof ApiError) return e.message;
    throw e;
  }
}
