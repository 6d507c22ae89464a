// Names for movement rows, which carry only item and location ids. The API has no lookup of
// items or locations by a list of ids; a movement's item has a balance row at the movement's
// location, and a balance row carries the item's SKU and the location's name. So one balances
// request per distinct location of a page names both; an item still unknown after that (no
// balance row left) is read by id, once per item, never per row.
import type { RetracClient } from '../api/client';
import { isRetracError } from '../api/errors';
import { PAGE_SIZES, type Movement } from '../api/types';

/** At most NAME_CONCURRENCY requests at a time: gentle on the rate limit and on the shared abort signal. */
const NAME_CONCURRENCY = 4;

export class MovementNames {
  /** Locations whose balances were read to name movements. */
  private readonly namedFrom = new Set<string>();
  /** Item ids that could not be named (deleted items): not asked again. */
  private readonly unnamed = new Set<string>();
  /** Requests made to name movements (tests read it). */
  requests = 0;

  constructor(
    /** Item id → SKU and location id → name: the explorer's maps, filled here. */
    private readonly skus: Map<string, string>,
    private readonly locationNames: Map<string, string>,
    private readonly warn: (message: string) => void,
  ) {}

  /** Fills the maps for the ids of a page of movements. A name that cannot be read leaves the id on the row. */
  async resolve(client: RetracClient, movements: Movement[], signal: AbortSignal): Promise<void> {
    const unknownItem = (id: string) => !this.skus.has(id) && !this.unnamed.has(id);
    const locations = new Set<string>();
    for (const m of movements) {
      const ids = [m.fromLocationId, m.toLocationId].filter((id): id is string => !!id);
      const needed = unknownItem(m.itemId) || ids.some((id) => !this.locationNames.has(id));
      if (needed) for (const id of ids) if (!this.namedFrom.has(id)) locations.add(id);
    }
    try {
      await inBatches([...locations], async (locationId) => {
        this.namedFrom.add(locationId);
        this.requests++;
        const balances = await client.listBalances({ locationId, pageSize: PAGE_SIZES.balances.max }, { signal });
        for (const b of balances) {
          this.skus.set(b.itemId, b.item.sku);
          this.locationNames.set(b.locationId, b.location.name);
        }
      });
      const items = [...new Set(movements.map((m) => m.itemId))].filter(unknownItem);
      await inBatches(items, async (id) => {
        this.requests++;
        try {
          this.skus.set(id, (await client.getItem(id, { signal })).sku);
        } catch (e) {
          if (!(isRetracError(e) && e.code === 'not_found')) throw e;
          this.unnamed.add(id);
        }
      });
    } catch (e) {
      // The page itself still shows, with ids where names are missing.
      if (!signal.aborted) this.warn(`naming movements: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** New movements may name items that a location's balances did not hold when first read. */
  forgetLocations(): void {
    this.namedFrom.clear();
  }

  /** A refresh or another profile: everything is asked again. */
  clear(): void {
    this.namedFrom.clear();
    this.unnamed.clear();
  }
}

async function inBatches<T>(rows: T[], run: (row: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < rows.length; i += NAME_CONCURRENCY) await Promise.all(rows.slice(i, i + NAME_CONCURRENCY).map(run));
}
