// Page walking for Retrac's bare-array lists (contract §4): no total, no next link, a page
// shorter than pageSize is the last.
import type { RetracClient } from './client';
import { PAGE_SIZES, type Location } from './types';

/**
 * Walks pages (startPage, startPage + 1, …) until a page shorter than pageSize, yielding one
 * non-empty page at a time, so a caller that wants one page fetches one page.
 */
export async function* pages<T>(
  fetchPage: (page: number, pageSize: number) => Promise<T[]>,
  pageSize: number,
  startPage = 1,
): AsyncGenerator<T[], void, undefined> {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize must be a positive integer, got ${pageSize}`);
  if (!Number.isInteger(startPage) || startPage < 1) throw new RangeError(`startPage must be a positive integer, got ${startPage}`);
  for (let page = startPage; ; page++) {
    const rows = await fetchPage(page, pageSize);
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
  }
}

/**
 * Every location the key can see (all pages), active ones first, then by name: what every
 * location picker offers (the edit commands' steps, the explorer's filters).
 */
export async function listAllLocations(client: Pick<RetracClient, 'listLocations'>, signal?: AbortSignal, active?: boolean): Promise<Location[]> {
  const all: Location[] = [];
  const fetchPage = (page: number, pageSize: number) => client.listLocations({ page, pageSize, active }, { signal });
  for await (const rows of pages(fetchPage, PAGE_SIZES.locations.max)) all.push(...rows);
  return all.sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));
}
