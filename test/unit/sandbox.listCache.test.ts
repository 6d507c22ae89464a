// GET /items pages are built from cached row JSON (for speed): every change must show at once.
/* eslint-disable @typescript-eslint/no-unsafe-call -- JSON answers are read loosely */
import * as assert from 'node:assert/strict';
import { acme, withSandbox } from './sandboxHttp';

describe('sandbox: item pages after changes', () => {
  it('shows an edited item, a renamed or deleted tag and a deleted item on the next page read', async () => {
    const sb = await withSandbox();
    try {
      const tag = (await acme(sb, 'POST', '/tags', { body: { name: 'cache-a' } })).body;
      const item = (await acme(sb, 'POST', '/items', { body: { sku: 'CACHE-1', description: 'before', cost: 1, tagIds: [tag.id] } })).body;
      const page = async (): Promise<{ id: string; description: string; tags?: { name: string }[] } | undefined> =>
        ((await acme(sb, 'GET', '/items', { query: { withTags: true, pageSize: 100 } })).body as { id: string; description: string }[]).find((i) => i.id === item.id);
      assert.deepEqual((await page())?.tags, [{ id: tag.id, name: 'cache-a' }]);
      await acme(sb, 'PATCH', `/items/${item.id}`, { body: { description: 'after' } });
      assert.equal((await page())?.description, 'after');
      await acme(sb, 'PATCH', `/tags/${tag.id}`, { body: { name: 'cache-b' } });
      assert.deepEqual((await page())?.tags, [{ id: tag.id, name: 'cache-b' }]);
      await acme(sb, 'DELETE', `/tags/${tag.id}`);
      assert.deepEqual((await page())?.tags, []);
      const plain = (await acme(sb, 'GET', '/items', { query: { pageSize: 100 } })).body.find((i: { id: string }) => i.id === item.id);
      assert.equal(plain.tags, undefined, 'tags only with withTags=true');
      await acme(sb, 'DELETE', `/items/${item.id}`);
      assert.equal(await page(), undefined);
    } finally {
      await sb.close();
    }
  });
});
