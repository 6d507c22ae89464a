// /items: list, count, info, create, bulk create, update, delete (contract §5 Items).
import { conflict, exceededLimit, notFound, unprocessable, ApiError } from '../errors';
import type { ItemRec } from '../model';
import type { ItemSort, Store, WorkspaceData } from '../store';
import * as v from '../validate';
import { itemView } from '../views';
import { created, ok, type Result, type Route, type WorkspaceContext } from './route';

const SORTS = ['createdAt', 'updatedAt', 'sku', 'description', 'cost', 'sellPrice'] as const;

/** The list filters of GET /items and /items/count as one predicate; undefined when none is given. */
function itemFilter(ctx: WorkspaceContext): ((item: ItemRec) => boolean) | undefined {
  const { query, caller } = ctx;
  const ws = caller.ws;
  const tests: ((item: ItemRec) => boolean)[] = [];
  const sku = v.queryString(query, 'sku');
  if (sku !== undefined) tests.push((i) => i.sku === sku);
  const description = v.queryString(query, 'description')?.toLowerCase();
  if (description !== undefined) tests.push((i) => i.description.toLowerCase().includes(description));
  const search = v.queryString(query, 'search')?.toLowerCase();
  if (search !== undefined) tests.push((i) => i.sku.toLowerCase().includes(search) || i.description.toLowerCase().includes(search));
  const tagIds = new Set(v.queryList(query, 'tagIds') ?? []);
  for (const name of v.queryList(query, 'tagNames') ?? []) {
    const tag = ws.tagByName(name);
    tagIds.add(tag ? tag.id : `\u0000unknown:${name}`); // an unknown name matches nothing
  }
  if (tagIds.size > 0) tests.push((i) => i.tagIds.some((id) => tagIds.has(id)));
  const supplierId = v.queryString(query, 'supplierId');
  if (supplierId !== undefined) tests.push((i) => i.supplierId === supplierId);
  const locationId = v.queryString(query, 'locationId');
  if (locationId !== undefined) {
    const visible = ws.locationById.has(locationId) && caller.access(locationId) !== 'none';
    const here = new Set(visible ? (ws.balancesByLocation.get(locationId) ?? []).map((b) => b.itemId) : []);
    tests.push((i) => here.has(i.id));
  }
  if (tests.length === 0) return undefined;
  return (item) => tests.every((t) => t(item));
}

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

function listItems(ctx: WorkspaceContext): Result {
  const { query, caller } = ctx;
  const sort: ItemSort = v.queryEnum(query, 'sort', SORTS) ?? 'createdAt';
  const newestFirst = (v.queryEnum(query, 'order', ['asc', 'desc'] as const) ?? 'desc') === 'desc';
  const withTags = v.queryBool(query, 'withTags') ?? false;
  const page = v.paging(query, 100, 100);
  const keep = itemFilter(ctx);
  const sorted = caller.ws.itemsSortedBy(sort);
  const rows = keep ? v.takePage(newestFirst ? v.reversed(sorted) : sorted, keep, page) : v.slicePage(sorted, newestFirst, page);
  const ws = caller.ws;
  const parts: Buffer[] = [OPEN];
  rows.forEach((i, n) => {
    if (n > 0) parts.push(COMMA);
    parts.push(ws.itemJsonOf(i, withTags, () => itemView(i, ws, withTags)));
  });
  parts.push(CLOSE);
  return { status: 200, body: null, json: Buffer.concat(parts) };
}

function countItems(ctx: WorkspaceContext): Result {
  const keep = itemFilter(ctx);
  const items = ctx.caller.ws.items;
  if (!keep) return ok(items.length);
  let count = 0;
  for (const item of items) if (keep(item)) count++;
  return ok(count);
}

function findItem(ws: WorkspaceData, id: string): ItemRec {
  const item = ws.itemById.get(id);
  if (!item) throw notFound(`Item ${id} not found.`);
  return item;
}

/** tagIds and tagNames of a body, resolved to this workspace's tag ids (unknown → 422). */
function resolveTags(ws: WorkspaceData, body: v.Body, prefix: string): string[] | undefined {
  const ids = v.optionalStringArray(body, 'tagIds', prefix);
  const names = v.optionalStringArray(body, 'tagNames', prefix);
  if (ids === undefined && names === undefined) return undefined;
  const out = new Set<string>();
  ids?.forEach((id, i) => {
    if (!ws.tags.has(id)) throw unprocessable(`${prefix}tagIds[${i}]: no tag with id ${JSON.stringify(id)} in this workspace`);
    out.add(id);
  });
  names?.forEach((name, i) => {
    const tag = ws.tagByName(name);
    if (!tag) throw unprocessable(`${prefix}tagNames[${i}]: no tag named ${JSON.stringify(name)} in this workspace`);
    out.add(tag.id);
  });
  return [...out];
}

export const SKU = { min: 1, max: 100 };
export const DESCRIPTION = { min: 1, max: 1000 };
export const MONEY = { min: 0, max: 1e12 };
export const SUPPLIER = { max: 200 };

function createOne(store: Store, ws: WorkspaceData, raw: unknown, userId: string, prefix: string): ItemRec {
  const body = v.object(raw, prefix ? prefix.slice(0, -1) : 'body');
  const sku = v.string(body, 'sku', SKU, prefix);
  const description = v.string(body, 'description', DESCRIPTION, prefix);
  const cost = v.number(body, 'cost', MONEY, prefix);
  const sellPrice = v.nullableNumber(body, 'sellPrice', MONEY, prefix) ?? null;
  const supplierId = v.nullableString(body, 'supplierId', SUPPLIER, prefix) ?? null;
  const tagIds = resolveTags(ws, body, prefix) ?? [];
  if (ws.itemBySku.has(sku)) throw conflict(`An item with SKU "${sku}" already exists in this workspace.`);
  if (ws.items.length >= ws.rec.itemsLimit) {
    throw exceededLimit(`You have reached the limit of ${ws.rec.itemsLimit} items of the ${ws.rec.plan} plan.`);
  }
  const now = store.now();
  const item: ItemRec = { id: store.newId(), workspaceId: ws.rec.id, sku, description, cost, sellPrice, supplierId, tagIds, userId, createdAt: now, updatedAt: now };
  ws.addItem(item);
  return item;
}

function createItem(ctx: WorkspaceContext): Result {
  const { caller } = ctx;
  return created(itemView(createOne(ctx.store, caller.ws, ctx.body, caller.userId, ''), caller.ws, true));
}

const CREATE_FIELDS = ['sku', 'description', 'cost', 'sellPrice', 'supplierId', 'tagIds', 'tagNames'] as const;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * What a failed bulk slot echoes: the create fields of the entry, strings cut at 200 characters
 * and lists at 20 strings; any other value is named by its type. Bounded whatever was sent, so
 * the answer of a batch whose other entries were committed can always be built.
 */
export function entrySummary(entry: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return out;
  for (const key of CREATE_FIELDS) {
    const value = (entry as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (typeof value === 'string') out[key] = clip(value, 200);
    else if (typeof value === 'number' || typeof value === 'boolean' || value === null) out[key] = value;
    else if (Array.isArray(value)) out[key] = value.slice(0, 20).map((x) => (typeof x === 'string' ? clip(x, 100) : `(${Array.isArray(x) ? 'array' : typeof x})`));
    else out[key] = '(object)';
  }
  return out;
}

/** Each entry is created on its own; a failing entry keeps its slot as {item, error, code}. */
function bulkCreate(ctx: WorkspaceContext): Result {
  const { caller } = ctx;
  const entries = v.array(ctx.body, 'body', 1, 100);
  const results = entries.map((entry, i) => {
    try {
      return itemView(createOne(ctx.store, caller.ws, entry, caller.userId, `[${i}].`), caller.ws, true);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return { item: entrySummary(entry), error: clip(e.message, 1000), code: e.code };
    }
  });
  return created(results);
}

function updateItem(ctx: WorkspaceContext): Result {
  const { caller } = ctx;
  const ws = caller.ws;
  const item = findItem(ws, ctx.params[0]);
  const body = v.object(ctx.body, 'body');
  const sku = v.optionalString(body, 'sku', SKU);
  const description = v.optionalString(body, 'description', DESCRIPTION);
  const cost = v.optionalNumber(body, 'cost', MONEY);
  const sellPrice = v.nullableNumber(body, 'sellPrice', MONEY);
  const supplierId = v.nullableString(body, 'supplierId', SUPPLIER);
  const tagIds = resolveTags(ws, body, '');
  if (sku !== undefined && sku !== item.sku) {
    if (ws.itemBySku.has(sku)) throw conflict(`An item with SKU "${sku}" already exists in this workspace.`);
    ws.renameSku(item, sku);
  }
  if (description !== undefined) item.description = description;
  if (cost !== undefined) item.cost = cost;
  if (sellPrice !== undefined) item.sellPrice = sellPrice;
  if (supplierId !== undefined) item.supplierId = supplierId;
  if (tagIds !== undefined) item.tagIds = tagIds;
  item.updatedAt = ctx.store.now();
  ws.itemChanged(item);
  return ok(itemView(item, ws, true));
}

function deleteItem(ctx: WorkspaceContext): Result {
  const item = findItem(ctx.caller.ws, ctx.params[0]);
  ctx.caller.ws.removeItem(item);
  return ok({ id: item.id });
}

function itemInfo(ctx: WorkspaceContext): Result {
  const id = v.queryString(ctx.query, 'itemId');
  if (id === undefined) throw unprocessable('itemId: required');
  return ok(itemView(findItem(ctx.caller.ws, id), ctx.caller.ws, true));
}

export const itemRoutes: Route[] = [
  { method: 'GET', pattern: /^\/items$/, scope: 'items.read', workspaceScoped: true, handle: listItems },
  { method: 'GET', pattern: /^\/items\/count$/, scope: 'items.read', workspaceScoped: true, handle: countItems },
  { method: 'GET', pattern: /^\/items\/info$/, scope: 'items.read', workspaceScoped: true, handle: itemInfo },
  { method: 'POST', pattern: /^\/items$/, scope: 'items.write', workspaceScoped: true, handle: createItem },
  { method: 'POST', pattern: /^\/items\/bulk$/, scope: 'items.write', workspaceScoped: true, handle: bulkCreate },
  { method: 'PATCH', pattern: /^\/items\/([^/]+)$/, scope: 'items.write', workspaceScoped: true, handle: updateItem },
  { method: 'DELETE', pattern: /^\/items\/([^/]+)$/, scope: 'items.write', workspaceScoped: true, handle: deleteItem },
];
