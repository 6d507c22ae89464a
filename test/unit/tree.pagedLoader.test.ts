// The explorer's page loader in plain Node: the lock (two "Load more" clicks, one request), the
// end of a list at a short page, retry after a failure, and a reset dropping a late page.
import * as assert from 'assert';
import { PagedLoader } from '../../src/tree/pagedLoader';

function catalog(total: number) {
  const calls: number[] = [];
  const gates: (() => void)[] = [];
  let failNext = false;
  const fetch = async (page: number, pageSize: number): Promise<number[]> => {
    calls.push(page);
    await new Promise<void>((r) => gates.push(r));
    if (failNext) {
      failNext = false;
      throw new Error('connection reset');
    }
    const start = (page - 1) * pageSize;
    return Array.from({ length: Math.max(0, Math.min(pageSize, total - start)) }, (_, i) => start + i);
  };
  return { fetch, calls, open: () => gates.splice(0).forEach((g) => g()), failNext: () => (failNext = true) };
}

describe('tree PagedLoader', () => {
  it('loads one page for concurrent Load more calls', async () => {
    const c = catalog(250);
    let settled = 0;
    const loader = new PagedLoader(c.fetch, 100, () => settled++);
    const a = loader.loadMore();
    const b = loader.loadMore();
    assert.strictEqual(loader.loading, true);
    c.open();
    await Promise.all([a, b]);
    assert.deepStrictEqual(c.calls, [1]);
    assert.strictEqual(loader.rows.length, 100);
    assert.strictEqual(settled, 1);
    assert.strictEqual(loader.hasMore, true);
  });

  it('ends the list at a page shorter than the page size', async () => {
    const c = catalog(250);
    const loader = new PagedLoader(c.fetch, 100, () => undefined);
    for (let i = 0; i < 3; i++) {
      const p = loader.loadMore();
      c.open();
      await p;
    }
    assert.deepStrictEqual([loader.rows.length, loader.hasMore, loader.pagesLoaded], [250, false, 3]);
    await loader.loadMore();
    assert.deepStrictEqual(c.calls, [1, 2, 3], 'no request after the last page');
  });

  it('keeps the failure until a retry asks for the same page again', async () => {
    const c = catalog(250);
    const loader = new PagedLoader(c.fetch, 100, () => undefined);
    c.failNext();
    let p = loader.loadMore();
    c.open();
    await p;
    assert.match(String(loader.error), /connection reset/);
    assert.strictEqual(loader.rows.length, 0);
    p = loader.retry();
    c.open();
    await p;
    assert.strictEqual(loader.error, undefined);
    assert.deepStrictEqual(c.calls, [1, 1]);
    assert.strictEqual(loader.rows.length, 100);
  });

  it('drops a page that arrives after a reset (e.g. a profile switch)', async () => {
    const c = catalog(250);
    let settled = 0;
    const loader = new PagedLoader(c.fetch, 100, () => settled++);
    const p = loader.loadMore();
    loader.reset();
    c.open();
    await p;
    assert.deepStrictEqual([loader.rows.length, loader.started, settled], [0, false, 0]);
  });

  it('loads until a row is found, within a page budget', async () => {
    const c = catalog(1000);
    const loader = new PagedLoader(c.fetch, 100, () => undefined);
    const timer = setInterval(c.open, 1);
    try {
      assert.strictEqual(await loader.loadUntil((n) => n === 345, 10), 345);
      assert.strictEqual(loader.pagesLoaded, 4);
      assert.strictEqual(await loader.loadUntil((n) => n === 999, 2), undefined, 'gives up after the budget');
    } finally {
      clearInterval(timer);
    }
  });
});
