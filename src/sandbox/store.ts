// The sandbox's data, indexed per workspace so a page costs O(page size) (plus the skipped rows
// when a filter is given), not a scan of every workspace. Pure in-memory; persist.ts writes it out.
import { createHash } from 'node:crypto';
import type { StateFile, WorkspaceRec, UserRec, KeyRec, ItemRec, TagRec, LocationRec, BalanceRec, MovementRec, TransferRec } from './model';
import { cryptoRng, cuid, type Rng } from './ids';

/** Kinds of stored rows, as named in the journal. */
export type RowKind = 'workspace' | 'item' | 'tag' | 'location' | 'balance' | 'movement' | 'transfer';

/** One row written or removed since the last commit (the journal's unit). */
export type RowChange =
  | { op: 'put'; kind: RowKind; row: { id: string } }
  | { op: 'del'; kind: RowKind; id: string };

/** Receives every row change; the Store collects them for the journal while tracking is on. */
export interface ChangeSink {
  put(kind: RowKind, row: { id: string }): void;
  del(kind: RowKind, id: string): void;
}

export type ItemSort = 'createdAt' | 'updatedAt' | 'sku' | 'description' | 'cost' | 'sellPrice';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function removeFrom<T>(list: T[] | undefined, value: T): void {
  if (!list) return;
  const i = list.indexOf(value);
  if (i >= 0) list.splice(i, 1);
}

function compareBy(sort: ItemSort): (a: ItemRec, b: ItemRec) => number {
  switch (sort) {
    case 'sku': return (a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0);
    case 'description': return (a, b) => (a.description < b.description ? -1 : a.description > b.description ? 1 : 0);
    case 'cost': return (a, b) => a.cost - b.cost;
    // Items without a sell price sort first in ascending order.
    case 'sellPrice': return (a, b) => (a.sellPrice ?? -Infinity) - (b.sellPrice ?? -Infinity) || 0;
    case 'updatedAt': return (a, b) => a.updatedAt - b.updatedAt;
    case 'createdAt': return (a, b) => a.createdAt - b.createdAt;
  }
}

/** One workspace's rows and the indexes the routes page through. */
export class WorkspaceData {
  /** Creation order, which is also createdAt order. */
  readonly items: ItemRec[] = [];
  readonly itemById = new Map<string, ItemRec>();
  readonly itemBySku = new Map<string, ItemRec>();
  readonly tags = new Map<string, TagRec>();
  readonly locations: LocationRec[] = [];
  readonly locationById = new Map<string, LocationRec>();
  readonly balances: BalanceRec[] = [];
  readonly balancesByItem = new Map<string, BalanceRec[]>();
  readonly balancesByLocation = new Map<string, BalanceRec[]>();
  /** Append-only, oldest first. */
  readonly movements: MovementRec[] = [];
  readonly movementsByTransfer = new Map<string, MovementRec[]>();
  readonly transfers: TransferRec[] = [];
  readonly transferById = new Map<string, TransferRec>();
  private itemsVersion = 0;
  private readonly sorted = new Map<ItemSort, { version: number; items: ItemRec[] }>();
  /**
   * Each item's answer JSON, without and with its tags, built on first read and dropped when the
   * item (or, for the tagged form, any tag) changes: serialising the same rows again on every page
   * was most of a page's cost.
   */
  private readonly itemJson = new Map<string, Buffer>();
  private readonly itemJsonWithTags = new Map<string, Buffer>();

  constructor(readonly rec: WorkspaceRec, private readonly sink: ChangeSink) {}

  /** Call after changing the workspace record itself (name, slug, usage). */
  workspaceChanged(): void {
    this.sink.put('workspace', this.rec);
  }

  addItem(item: ItemRec): void {
    this.items.push(item);
    this.itemById.set(item.id, item);
    this.itemBySku.set(item.sku, item);
    this.itemChanged(item);
  }

  /** Call after any change to an item's fields, so sorted views are rebuilt and the change is saved. */
  itemChanged(item: ItemRec): void {
    this.itemsVersion++;
    this.itemJson.delete(item.id);
    this.itemJsonWithTags.delete(item.id);
    this.sink.put('item', item);
  }

  renameSku(item: ItemRec, sku: string): void {
    this.itemBySku.delete(item.sku);
    item.sku = sku;
    this.itemBySku.set(sku, item);
  }

  removeItem(item: ItemRec): void {
    removeFrom(this.items, item);
    this.itemById.delete(item.id);
    this.itemBySku.delete(item.sku);
    for (const b of this.balancesByItem.get(item.id) ?? []) {
      removeFrom(this.balancesByLocation.get(b.locationId), b);
      removeFrom(this.balances, b);
      this.sink.del('balance', b.id);
    }
    this.balancesByItem.delete(item.id);
    this.itemsVersion++;
    this.itemJson.delete(item.id);
    this.itemJsonWithTags.delete(item.id);
    this.sink.del('item', item.id);
  }

  /** Items in the asked order; createdAt order needs no sort (it is insertion order). */
  itemsSortedBy(sort: ItemSort): ItemRec[] {
    if (sort === 'createdAt') return this.items;
    const cached = this.sorted.get(sort);
    if (cached && cached.version === this.itemsVersion) return cached.items;
    const items = [...this.items].sort(compareBy(sort)); // stable: ties keep creation order
    this.sorted.set(sort, { version: this.itemsVersion, items });
    return items;
  }

  addTag(tag: TagRec): void {
    this.tags.set(tag.id, tag);
    this.tagChanged(tag);
  }

  /** The item's answer JSON as UTF-8 (cached; `view` builds it on a miss), ready to be copied into a page. */
  itemJsonOf(item: ItemRec, withTags: boolean, view: () => unknown): Buffer {
    const cache = withTags ? this.itemJsonWithTags : this.itemJson;
    let json = cache.get(item.id);
    if (json === undefined) {
      json = Buffer.from(JSON.stringify(view()));
      cache.set(item.id, json);
    }
    return json;
  }

  tagChanged(tag: TagRec): void {
    this.itemJsonWithTags.clear();
    this.sink.put('tag', tag);
  }

  tagByName(name: string): TagRec | undefined {
    const wanted = name.toLowerCase();
    for (const tag of this.tags.values()) if (tag.name.toLowerCase() === wanted) return tag;
    return undefined;
  }

  removeTag(tag: TagRec): void {
    this.tags.delete(tag.id);
    this.itemJsonWithTags.clear();
    this.sink.del('tag', tag.id);
    for (const item of this.items) {
      if (!item.tagIds.includes(tag.id)) continue;
      item.tagIds = item.tagIds.filter((id) => id !== tag.id);
      this.itemChanged(item);
    }
  }

  addLocation(location: LocationRec): void {
    this.locations.push(location);
    this.locationById.set(location.id, location);
    this.locationChanged(location);
  }

  locationChanged(location: LocationRec): void {
    this.sink.put('location', location);
  }

  balance(itemId: string, locationId: string): BalanceRec | undefined {
    // An item has a row at a handful of locations at most: a short scan beats a map of string keys.
    const rows = this.balancesByItem.get(itemId);
    if (!rows) return undefined;
    for (const row of rows) if (row.locationId === locationId) return row;
    return undefined;
  }

  addBalance(balance: BalanceRec): void {
    this.balances.push(balance);
    pushTo(this.balancesByItem, balance.itemId, balance);
    pushTo(this.balancesByLocation, balance.locationId, balance);
    this.balanceChanged(balance);
  }

  balanceChanged(balance: BalanceRec): void {
    this.sink.put('balance', balance);
  }

  addMovement(movement: MovementRec): void {
    this.movements.push(movement);
    if (movement.transferId) pushTo(this.movementsByTransfer, movement.transferId, movement);
    this.sink.put('movement', movement);
  }

  addTransfer(transfer: TransferRec): void {
    this.transfers.push(transfer);
    this.transferById.set(transfer.id, transfer);
    this.transferChanged(transfer);
  }

  transferChanged(transfer: TransferRec): void {
    this.sink.put('transfer', transfer);
  }
}

export class Store implements ChangeSink {
  readonly workspaces = new Map<string, WorkspaceData>();
  /** Rows changed since the last `takeChanges()`, last write wins; only collected while tracking. */
  private readonly changes = new Map<string, RowChange>();
  private tracking = false;
  readonly users = new Map<string, UserRec>();
  readonly keys: KeyRec[] = [];
  private readonly keyByHash = new Map<string, KeyRec>();
  /** Id source: seeded while the demo data is generated, crypto afterwards. */
  rng: Rng = cryptoRng;
  /** Clock; the seed replaces it to date the demo data in the past. */
  now: () => number = () => Date.now();

  newId(): string {
    return cuid(this.rng);
  }

  addWorkspace(rec: WorkspaceRec): WorkspaceData {
    const data = new WorkspaceData(rec, this);
    this.workspaces.set(rec.id, data);
    this.put('workspace', rec);
    return data;
  }

  put(kind: RowKind, row: { id: string }): void {
    if (this.tracking) this.changes.set(`${kind}:${row.id}`, { op: 'put', kind, row });
  }

  del(kind: RowKind, id: string): void {
    if (this.tracking) this.changes.set(`${kind}:${id}`, { op: 'del', kind, id });
  }

  /** Starts collecting row changes (after seeding or loading, which are saved whole). */
  trackChanges(): void {
    this.tracking = true;
  }

  /** The changes since the last call, in first-change order (so new rows keep creation order). */
  takeChanges(): RowChange[] {
    const out = [...this.changes.values()];
    this.changes.clear();
    return out;
  }

  /** By `ws_…` id or by slug (contract §1). */
  workspace(idOrSlug: string): WorkspaceData | undefined {
    const byId = this.workspaces.get(idOrSlug);
    if (byId) return byId;
    for (const ws of this.workspaces.values()) if (ws.rec.slug === idOrSlug) return ws;
    return undefined;
  }

  addUser(user: UserRec): void {
    this.users.set(user.id, user);
  }

  addKey(key: KeyRec): void {
    this.keys.push(key);
    this.keyByHash.set(sha256(key.key), key);
  }

  /** Looks a presented key up by its SHA-256, as the real server does. */
  keyFor(presented: string): KeyRec | undefined {
    return this.keyByHash.get(sha256(presented));
  }

  toState(): StateFile {
    const all = [...this.workspaces.values()];
    return {
      version: 1,
      workspaces: all.map((w) => w.rec),
      users: [...this.users.values()],
      keys: this.keys,
      items: all.flatMap((w) => w.items),
      tags: all.flatMap((w) => [...w.tags.values()]),
      locations: all.flatMap((w) => w.locations),
      balances: all.flatMap((w) => w.balances),
      movements: all.flatMap((w) => w.movements),
      transfers: all.flatMap((w) => w.transfers),
    };
  }

  static fromState(state: StateFile): Store {
    const store = new Store();
    store.load(state);
    return store;
  }

  /**
   * Replaces every row with those of `state` (a rollback to what is on disk, after a write that
   * could not be saved); pending changes are dropped and change tracking stays as it was.
   */
  replaceWith(state: StateFile): void {
    const tracking = this.tracking;
    this.tracking = false;
    this.workspaces.clear();
    this.users.clear();
    this.keys.length = 0;
    this.keyByHash.clear();
    this.changes.clear();
    try {
      this.load(state);
    } finally {
      this.tracking = tracking;
    }
  }

  private load(state: StateFile): void {
    if (state.version !== 1) throw new Error(`unsupported state file version ${String(state.version)}`);
    const store = this as Store;
    for (const w of state.workspaces) store.addWorkspace(w);
    for (const u of state.users) store.addUser(u);
    for (const k of state.keys) store.addKey(k);
    const ws = (id: string): WorkspaceData => {
      const data = store.workspaces.get(id);
      if (!data) throw new Error(`state file: a row refers to unknown workspace ${id}`);
      return data;
    };
    for (const r of state.items) ws(r.workspaceId).addItem(r);
    for (const r of state.tags) ws(r.workspaceId).addTag(r);
    for (const r of state.locations) ws(r.workspaceId).addLocation(r);
    for (const r of state.balances) ws(r.workspaceId).addBalance(r);
    for (const r of state.movements) ws(r.workspaceId).addMovement(r);
    for (const r of state.transfers) ws(r.workspaceId).addTransfer(r);
  }
}
