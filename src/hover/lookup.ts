// Confirms a value found by shape (./values) against the active profile and gathers what a hover
// shows. Order: the explorer's loaded rows (free), the shared cache (free), then one round trip
// to the API whose requests run in parallel under the hover's AbortSignal. Answers, including
// "not found", are cached for the cache's TTL. No vscode import: unit-tested against the sandbox.
import type { RetracClient } from '../api/client';
import { isRetracError } from '../api/errors';
import type { Balance, Item, KeyType, Location, Movement, Transfer } from '../api/types';
import type { InventoryCache } from '../inventoryCache';
import type { FoundValue } from './values';

/** What the explorer already has on screen; every method answers from memory only. */
export interface LoadedRows {
  item(id: string): Item | undefined;
  itemBySku(sku: string): Item | undefined;
  location(id: string): Location | undefined;
  transfer(id: string): Transfer | undefined;
  /** Every location, when the explorer loaded the whole list. */
  allLocations(): Location[] | undefined;
}

export const NO_ROWS: LoadedRows = { item: () => undefined, itemBySku: () => undefined, location: () => undefined, transfer: () => undefined, allLocations: () => undefined };

export interface StockAt {
  locationId: string;
  name: string;
  onHand: number;
}

export interface ItemSummary {
  kind: 'item';
  item: { id: string; sku: string; description: string };
  totalOnHand: number;
  /** Locations holding stock, most first. */
  stock: StockAt[];
  lastMovement?: Movement;
  /** Whether `stock` is every balance row (false when the item has more than one page of them). */
  complete: boolean;
}
export interface LocationSummary {
  kind: 'location';
  location: Location;
  /** Items with a balance row there. */
  skuCount: number;
}
export interface TransferSummary {
  kind: 'transfer';
  transfer: Transfer;
}
export interface WorkspaceSummary {
  kind: 'workspace';
  id: string;
  /** Whether it is the active profile's workspace. */
  active: boolean;
  keyType: KeyType;
  name?: string;
  /** For another workspace: whether this key can reach it (false: 403/404). */
  reachable?: boolean;
}
export type Summary = ItemSummary | LocationSummary | TransferSummary | WorkspaceSummary;

export interface LookupContext {
  client: RetracClient;
  /** Distinguishes cache entries of different profiles and workspaces. */
  profileKey: string;
  /** The active profile's workspace id (full-access keys), when known. */
  workspaceId?: string;
  workspaceName?: string;
  cache: InventoryCache;
  rows: LoadedRows;
  /** Scopes this key has (restricted keys); lookups that need a missing one are skipped. */
  can(scope: string): boolean;
}

const BALANCE_PAGE = 500;

export class RetracLookup {
  /** API requests sent by lookups (tests and the bench read it). */
  requests = 0;

  /** The summary of a value, or undefined when the active profile does not know it. */
  async resolve(value: FoundValue, ctx: LookupContext, signal: AbortSignal): Promise<Summary | undefined> {
    switch (value.kind) {
      case 'workspace':
        return this.workspace(value.value, ctx, signal);
      case 'sku': {
        if (!ctx.can('items.read')) return undefined;
        const item = ctx.rows.itemBySku(value.value) ?? (await this.itemBySku(value.value, ctx, signal));
        return item ? this.item(item.id, ctx, signal, item) : undefined;
      }
      default:
        return this.id(value.value, value.hint, ctx, signal);
    }
  }

  private async id(id: string, hint: FoundValue['hint'], ctx: LookupContext, signal: AbortSignal): Promise<Summary | undefined> {
    // What is on screen decides the kind for free.
    const loadedItem = ctx.rows.item(id);
    if (loadedItem) return this.item(id, ctx, signal, loadedItem);
    const loadedTransfer = ctx.rows.transfer(id);
    if (loadedTransfer) return { kind: 'transfer', transfer: loadedTransfer };
    const loadedLocation = ctx.rows.location(id) ?? ctx.rows.allLocations()?.find((l) => l.id === id);
    if (loadedLocation) return this.location(loadedLocation, ctx, signal);
    const order = hint === 'unknown' ? (['location', 'item', 'transfer'] as const) : [hint];
    for (const kind of order) {
      if (kind === 'location') {
        if (!ctx.can('locations.read')) continue;
        // Named a location: its SKU count is asked in parallel with the list (one round trip).
        const counting = hint === 'location' ? this.skuCount(id, ctx, signal) : undefined;
        counting?.catch(() => undefined);
        const location = (await this.locations(ctx, signal)).find((l) => l.id === id);
        if (location) return this.location(location, ctx, signal, counting);
      } else if (kind === 'item') {
        if (!ctx.can('items.read')) continue;
        const summary = await this.item(id, ctx, signal);
        if (summary) return summary;
      } else {
        if (!ctx.can('transfers.read')) continue;
        const transfer = await this.cached(ctx, `transfer:${id}`, (s) => this.count(ctx.client.getTransfer(id, { signal: s })), signal);
        if (transfer) return { kind: 'transfer', transfer };
      }
    }
    return undefined;
  }

  /** Item summary: balances (which carry the item's SKU and description) and the newest movement, in parallel. */
  async item(id: string, ctx: LookupContext, signal: AbortSignal, known?: Item): Promise<ItemSummary | undefined> {
    return this.cached(ctx, `itemSummary:${id}`, async (s) => {
      const stockReadable = ctx.can('inventory.read');
      const [balances, movements] = await Promise.all([
        stockReadable ? this.count(ctx.client.listBalances({ itemId: id, pageSize: BALANCE_PAGE }, { signal: s })) : Promise.resolve([] as Balance[]),
        stockReadable ? this.count(ctx.client.listMovements({ itemId: id, pageSize: 1 }, { signal: s })) : Promise.resolve([] as Movement[]),
      ]);
      let head: ItemSummary['item'] | undefined = known ?? balances[0]?.item;
      if (!head) {
        // No stock rows anywhere: only the item itself can confirm it (404: not an item).
        const item = await this.count(ctx.client.getItem(id, { signal: s })).catch(notFoundAsUndefined);
        if (!item) return undefined;
        head = item;
      }
      return summarizeItem({ id, sku: head.sku, description: head.description }, balances, movements[0], balances.length < BALANCE_PAGE);
    }, signal);
  }

  private async location(location: Location, ctx: LookupContext, signal: AbortSignal, counting?: Promise<number>): Promise<LocationSummary> {
    return { kind: 'location', location, skuCount: await (counting ?? this.skuCount(location.id, ctx, signal)) };
  }

  private async skuCount(locationId: string, ctx: LookupContext, signal: AbortSignal): Promise<number> {
    if (!ctx.can('items.read')) return 0;
    return (await this.cached(ctx, `locationSkus:${locationId}`, (s) => this.count(ctx.client.countItems({ locationId }, { signal: s })), signal)) ?? 0;
  }

  /** Every location of the workspace (the plan caps them at one page of 50); cached and shared. */
  async locations(ctx: LookupContext, signal: AbortSignal): Promise<Location[]> {
    const loaded = ctx.rows.allLocations();
    if (loaded) return loaded;
    return (await this.cached(ctx, 'locations', async (s) => {
      const out: Location[] = [];
      for (let page = 1; page <= 10; page++) {
        const rows = await this.count(ctx.client.listLocations({ page, pageSize: 50 }, { signal: s }));
        out.push(...rows);
        if (rows.length < 50) break;
      }
      return out;
    }, signal)) ?? [];
  }

  private itemBySku(sku: string, ctx: LookupContext, signal: AbortSignal): Promise<Item | undefined> {
    return this.cached(ctx, `sku:${sku}`, async (s) => (await this.count(ctx.client.listItems({ sku, pageSize: 1 }, { signal: s })))[0], signal);
  }

  private async workspace(id: string, ctx: LookupContext, signal: AbortSignal): Promise<WorkspaceSummary> {
    const keyType = ctx.client.keyType;
    if (ctx.workspaceId === id) return { kind: 'workspace', id, active: true, keyType, name: ctx.workspaceName };
    if (keyType === 'restricted' && !ctx.workspaceId) {
      // A restricted key knows its workspace only through /workspaces (workspaces.read).
      if (!ctx.can('workspaces.read')) return { kind: 'workspace', id, active: false, keyType };
    }
    const found = await this.cached(ctx, `workspace:${id}`, (s) => this.count(ctx.client.getWorkspace(id, { signal: s })).catch((e: unknown) => {
      if (isRetracError(e) && (e.code === 'not_found' || e.code === 'forbidden' || e.code === 'unauthorized')) return null;
      throw e;
    }), signal);
    const active = !!found && (found.id === ctx.workspaceId || (keyType === 'restricted' && found.id === id));
    return { kind: 'workspace', id, active, keyType, name: found?.name, reachable: !!found };
  }

  /** Through the shared cache; a 404 (or a 403 for an id of another workspace) caches as "absent". */
  private async cached<T>(ctx: LookupContext, key: string, load: (signal: AbortSignal) => Promise<T | undefined>, signal: AbortSignal): Promise<T | undefined> {
    const value = await ctx.cache.get<T | null>(`${ctx.profileKey}|${key}`, async (s) => {
      try {
        return (await load(s)) ?? null;
      } catch (e) {
        if (isRetracError(e) && e.code === 'not_found') return null;
        throw e;
      }
    }, signal);
    return value ?? undefined;
  }

  private count<T>(p: Promise<T>): Promise<T> {
    this.requests++;
    return p;
  }
}

function notFoundAsUndefined(e: unknown): undefined {
  if (isRetracError(e) && e.code === 'not_found') return undefined;
  throw e;
}

export function summarizeItem(item: ItemSummary['item'], balances: readonly Balance[], lastMovement: Movement | undefined, complete: boolean): ItemSummary {
  const stock = balances
    .filter((b) => b.onHandQty !== 0)
    .map((b) => ({ locationId: b.locationId, name: b.location.name, onHand: b.onHandQty }))
    .sort((a, b) => b.onHand - a.onHand || a.name.localeCompare(b.name));
  const totalOnHand = balances.reduce((n, b) => n + b.onHandQty, 0);
  return { kind: 'item', item, totalOnHand, stock, lastMovement, complete };
}
