// Page walking for Retrac's bare-array lists (contract §4): no total, no next link, a page
// shorter than pageSize is the last.

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
