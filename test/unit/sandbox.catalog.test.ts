// Items, tags and locations in the sandbox: paging, filters, creates, conflicts, bulk slots, plan
// limits, bad input and the 100,000-item catalog (contract §2, §4–6).
/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return -- the tests read JSON answers loosely (Reply.body) */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '../../src/sandbox/types';
import { acme, call, withSandbox, type Reply } from './sandboxHttp';

function expectError(reply: Reply, status: number, code: string, message?: RegExp): void {
  assert.equal(reply.status, status, reply.text);
  assert.equal(reply.body.error.code, code, reply.text);
  assert.match(reply.body.error.doc_url, /^https:\/\/docs\.retrac\.co\//);
  assert.doesNotMatch(reply.text, /\n\s+at |node:internal|\/src\/sandbox/, 'no stack trace or internal path');
  if (message) assert.match(reply.body.error.message, message);
}

interface ItemJson { id: string; sku: string; description: string; cost: number; createdAt: string; tags?: { id: string; name: string }[]; supplierId: string | null }

describe('sandbox: items', () => {
  let sb: RunningSandbox;
  before(async () => {
    sb = await withSandbox({ seedItems: 250 });
  });
  after(() => sb.close());

  it('pages newest first with bare arrays; a short page is the last; count agrees', async () => {
    const seen: ItemJson[] = [];
    for (let page = 1; ; page++) {
      const r = await acme(sb, 'GET', '/items', { query: { page } });
      assert.ok(Array.isArray(r.body));
      seen.push(...r.body);
      if (r.body.length < 100) break;
    }
    assert.equal(seen.length, 250);
    assert.equal(new Set(seen.map((i) => i.id)).size, 250);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i - 1].createdAt >= seen[i].createdAt);
    assert.equal((await acme(sb, 'GET', '/items/count')).body, 250);
    assert.deepEqual((await acme(sb, 'GET', '/items', { query: { page: 4 } })).body, []);
    const asc = await acme(sb, 'GET', '/items', { query: { order: 'asc', pageSize: 1 } });
    assert.equal(asc.body[0].id, seen[seen.length - 1].id);
    assert.equal(seen[0].tags, undefined, 'tags only with withTags');
  });

  it('rejects out-of-range paging and unknown enum values with 422', async () => {
    expectError(await acme(sb, 'GET', '/items', { query: { page: 0 } }), 422, 'unprocessable_entity', /^page: /);
    expectError(await acme(sb, 'GET', '/items', { query: { pageSize: 101 } }), 422, 'unprocessable_entity', /^pageSize: /);
    expectError(await acme(sb, 'GET', '/items', { query: { pageSize: 'ten' } }), 422, 'unprocessable_entity', /^pageSize: /);
    expectError(await acme(sb, 'GET', '/locations', { query: { pageSize: 51 } }), 422, 'unprocessable_entity');
    expectError(await acme(sb, 'GET', '/inventory/balances', { query: { pageSize: 501 } }), 422, 'unprocessable_entity');
    assert.equal((await acme(sb, 'GET', '/inventory/balances', { query: { pageSize: 500 } })).status, 200);
    expectError(await acme(sb, 'GET', '/items', { query: { sort: 'price' } }), 422, 'unprocessable_entity', /^sort: /);
    expectError(await acme(sb, 'GET', '/items', { query: { withTags: 'yes' } }), 422, 'unprocessable_entity', /^withTags: /);
    expectError(await acme(sb, 'GET', '/locations', { query: { type: 'boat' } }), 422, 'unprocessable_entity', /^type: /);
    expectError(await acme(sb, 'GET', '/inventory/movements', { query: { type: 'theft' } }), 422, 'unprocessable_entity');
  });

  it('filters by search, sku, description, tags (repeated or comma separated), supplier and location; sorts', async () => {
    const tags = (await acme(sb, 'GET', '/tags')).body as { id: string; name: string }[];
    const [t1, t2] = tags;
    const all: ItemJson[] = [];
    for (let page = 1; page <= 3; page++) all.push(...(await acme(sb, 'GET', '/items', { query: { page, withTags: true } })).body);
    const has = (i: ItemJson, ids: string[]): boolean => (i.tags ?? []).some((t) => ids.includes(t.id));
    const expectIds = (list: ItemJson[]): string[] => list.map((i) => i.id).sort();
    const got = async (query: Record<string, string | number | boolean | string[]>): Promise<string[]> =>
      (await acme(sb, 'GET', '/items', { query: { pageSize: 100, ...query } })).body.map((i: ItemJson) => i.id).sort();
    const tagged = all.filter((i) => has(i, [t1.id, t2.id]));
    assert.ok(tagged.length > 0 && tagged.length < all.length);
    assert.equal((await acme(sb, 'GET', '/items/count', { query: { tagIds: `${t1.id},${t2.id}` } })).body, tagged.length);
    assert.deepEqual(await got({ tagIds: [t1.id, t2.id], sort: 'sku', order: 'asc' }), await got({ tagIds: `${t1.id},${t2.id}`, sort: 'sku', order: 'asc' }));
    assert.deepEqual(await got({ tagNames: t1.name.toUpperCase() }), expectIds(all.filter((i) => has(i, [t1.id]))).slice(0, 100).sort());
    assert.equal((await acme(sb, 'GET', '/items/count', { query: { tagNames: t1.name } })).body, all.filter((i) => has(i, [t1.id])).length);
    const target = all[17];
    assert.deepEqual(await got({ sku: target.sku }), [target.id]);
    const word = target.description.split(' ')[0].toLowerCase();
    assert.equal((await acme(sb, 'GET', '/items/count', { query: { search: word } })).body, all.filter((i) => i.description.toLowerCase().includes(word) || i.sku.toLowerCase().includes(word)).length);
    assert.equal((await acme(sb, 'GET', '/items/count', { query: { description: word } })).body, all.filter((i) => i.description.toLowerCase().includes(word)).length);
    if (target.supplierId) {
      assert.equal((await acme(sb, 'GET', '/items/count', { query: { supplierId: target.supplierId } })).body, all.filter((i) => i.supplierId === target.supplierId).length);
    }
    const bySku = (await acme(sb, 'GET', '/items', { query: { sort: 'sku', order: 'asc', pageSize: 100 } })).body as ItemJson[];
    assert.deepEqual(bySku.map((i) => i.sku), [...all.map((i) => i.sku)].sort().slice(0, 100));
    const byCost = (await acme(sb, 'GET', '/items', { query: { sort: 'cost', order: 'desc', pageSize: 5 } })).body as ItemJson[];
    assert.equal(byCost[0].cost, Math.max(...all.map((i) => i.cost)));
    const van = (await acme(sb, 'GET', '/locations', { query: { type: 'van' } })).body[0];
    const vanRows = (await acme(sb, 'GET', '/inventory/balances', { query: { locationId: van.id, pageSize: 500 } })).body as { itemId: string }[];
    assert.equal((await acme(sb, 'GET', '/items/count', { query: { locationId: van.id } })).body, new Set(vanRows.map((b) => b.itemId)).size);
  });

  it('creates (201), reads, updates and deletes an item; duplicate SKU is 409', async () => {
    const tag = (await acme(sb, 'GET', '/tags')).body[0];
    const created = await acme(sb, 'POST', '/items', { body: { sku: 'CAT-NEW-1', description: 'New thing', cost: 2.5, sellPrice: 4, tagNames: [tag.name] } });
    assert.equal(created.status, 201, created.text);
    assert.deepEqual(created.body.tags, [{ id: tag.id, name: tag.name }]);
    assert.equal(created.body.workspaceId, sb.keys[0].workspaceId);
    const newest = await acme(sb, 'GET', '/items', { query: { pageSize: 1 } });
    assert.equal(newest.body[0].id, created.body.id);
    expectError(await acme(sb, 'POST', '/items', { body: { sku: 'CAT-NEW-1', description: 'Again', cost: 1 } }), 409, 'conflict', /CAT-NEW-1/);
    const info = await acme(sb, 'GET', '/items/info', { query: { itemId: created.body.id } });
    assert.equal(info.body.sku, 'CAT-NEW-1');
    const patched = await acme(sb, 'PATCH', `/items/${created.body.id}`, { body: { description: 'Renamed', tagIds: [], sellPrice: null } });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.description, 'Renamed');
    assert.deepEqual(patched.body.tags, []);
    assert.equal(patched.body.sellPrice, null);
    const other = (await acme(sb, 'GET', '/items', { query: { pageSize: 2 } })).body[1];
    expectError(await acme(sb, 'PATCH', `/items/${created.body.id}`, { body: { sku: other.sku } }), 409, 'conflict');
    const deleted = await acme(sb, 'DELETE', `/items/${created.body.id}`);
    assert.deepEqual(deleted.body, { id: created.body.id });
    expectError(await acme(sb, 'GET', '/items/info', { query: { itemId: created.body.id } }), 404, 'not_found');
    expectError(await acme(sb, 'DELETE', `/items/${created.body.id}`), 404, 'not_found');
  });

  it('answers bad input with the documented errors', async () => {
    expectError(await acme(sb, 'POST', '/items', { rawBody: '{"sku": ' }), 400, 'bad_request', /JSON/);
    expectError(await acme(sb, 'POST', '/items', { body: { sku: 'X-1', description: 'd', cost: 'cheap' } }), 422, 'unprocessable_entity', /^cost: expected a number/);
    expectError(await acme(sb, 'POST', '/items', { body: { description: 'd', cost: 1 } }), 422, 'unprocessable_entity', /^sku: required/);
    expectError(await acme(sb, 'POST', '/items', { body: [1, 2] }), 422, 'unprocessable_entity', /^body: expected an object/);
    expectError(await acme(sb, 'POST', '/items', { body: { sku: 'X-2', description: 'd', cost: 1, tagIds: ['cnosuchtag0000000000000000'] } }), 422, 'unprocessable_entity', /^tagIds\[0\]: /);
    const huge = await acme(sb, 'POST', '/items', { rawBody: JSON.stringify({ sku: 'BIG', description: 'x'.repeat(1_100_000), cost: 1 }) });
    expectError(huge, 413, 'bad_request', /larger than 1 MB/);
    const unknownRoute = await acme(sb, 'GET', '/gadgets');
    expectError(unknownRoute, 404, 'not_found');
    assert.ok(unknownRoute.headers['x-ratelimit-remaining'], 'keyed answers carry rate-limit headers');
    expectError(await acme(sb, 'PUT', '/items'), 404, 'not_found');
    expectError(await call(sb, 'GET', '/gadgets'), 404, 'not_found');
    expectError(await acme(sb, 'GET', '/items/info'), 422, 'unprocessable_entity', /^itemId: /);
  });

  it('creates up to 100 items in bulk; a bad entry keeps its slot with error and code', async () => {
    const taken = (await acme(sb, 'GET', '/items', { query: { pageSize: 1 } })).body[0].sku;
    const r = await acme(sb, 'POST', '/items/bulk', {
      body: [
        { sku: 'BULK-1', description: 'one', cost: 1 },
        { sku: taken, description: 'dup', cost: 1 },
        { sku: 'BULK-2', description: 'two', cost: -1 },
        { sku: 'BULK-1', description: 'same batch', cost: 1 },
        { sku: 'BULK-3', description: 'three', cost: 3 },
      ],
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.length, 5);
    assert.equal(r.body[0].sku, 'BULK-1');
    assert.equal(r.body[1].code, 'conflict');
    assert.equal(r.body[1].item.sku, taken);
    assert.equal(r.body[2].code, 'unprocessable_entity');
    assert.match(r.body[2].error, /^\[2\]\.cost: /);
    assert.equal(r.body[3].code, 'conflict');
    assert.equal(r.body[4].sku, 'BULK-3');
    const tooMany = Array.from({ length: 101 }, (_, i) => ({ sku: `BULK-X-${i}`, description: 'x', cost: 1 }));
    expectError(await acme(sb, 'POST', '/items/bulk', { body: tooMany }), 422, 'unprocessable_entity', /at most 100/);
    assert.equal((await acme(sb, 'GET', '/items/count', { query: { search: 'BULK-X' } })).body, 0);
  });

  it('answers 404 for an id of another workspace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-xws-'));
    try {
      const statePath = join(dir, 'state.json');
      const other = await withSandbox({ statePath });
      try {
        const state = JSON.parse(readFileSync(statePath, 'utf8'));
        const hobby = state.workspaces.find((w: { slug: string }) => w.slug === 'hobby-shop');
        const foreign = state.items.find((i: { workspaceId: string }) => i.workspaceId === hobby.id);
        const foreignLoc = state.locations.find((l: { workspaceId: string }) => l.workspaceId === hobby.id);
        expectError(await acme(other, 'GET', '/items/info', { query: { itemId: foreign.id } }), 404, 'not_found');
        expectError(await acme(other, 'PATCH', `/items/${foreign.id}`, { body: { description: 'mine now' } }), 404, 'not_found');
        expectError(await acme(other, 'PATCH', `/locations/${foreignLoc.id}`, { body: { name: 'mine now' } }), 404, 'not_found');
        const mine = (await acme(other, 'GET', '/items', { query: { pageSize: 1 } })).body[0];
        expectError(await acme(other, 'PUT', '/inventory/balances', { body: { itemId: mine.id, locationId: foreignLoc.id, onHandQty: 1 } }), 404, 'not_found');
      } finally {
        await other.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sandbox: tags and locations', () => {
  let sb: RunningSandbox;
  before(async () => {
    sb = await withSandbox();
  });
  after(() => sb.close());

  it('lists tags by name and keeps names unique regardless of case', async () => {
    const names = (await acme(sb, 'GET', '/tags')).body.map((t: { name: string }) => t.name);
    assert.deepEqual(names, [...names].sort((a: string, b: string) => a.localeCompare(b)));
    const created = await acme(sb, 'POST', '/tags', { body: { name: 'Aardvark', color: 'pink' } });
    assert.equal(created.status, 201);
    assert.deepEqual({ name: created.body.name, color: created.body.color }, { name: 'Aardvark', color: 'pink' });
    assert.equal((await acme(sb, 'GET', '/tags')).body[0].name, 'Aardvark');
    expectError(await acme(sb, 'POST', '/tags', { body: { name: 'aardVARK' } }), 409, 'conflict');
    expectError(await acme(sb, 'POST', '/tags', { body: { name: 'x', color: 'orange' } }), 422, 'unprocessable_entity', /^color: /);
    expectError(await acme(sb, 'POST', '/tags', { body: { name: 'y'.repeat(51) } }), 422, 'unprocessable_entity', /^name: /);
    const patched = await acme(sb, 'PATCH', `/tags/${created.body.id}`, { body: { color: 'green' } });
    assert.equal(patched.body.color, 'green');
    assert.deepEqual((await acme(sb, 'DELETE', `/tags/${created.body.id}`)).body, { id: created.body.id });
  });

  it('seeds every location type, one inactive, the default Inventory; filters and counts', async () => {
    const all = (await acme(sb, 'GET', '/locations')).body as { name: string; type: string; active: boolean; id: string }[];
    assert.deepEqual([...new Set(all.map((l) => l.type))].sort(), ['other', 'site', 'truck', 'van', 'warehouse']);
    assert.equal(all.filter((l) => !l.active).length, 1);
    const ws = (await acme(sb, 'GET', '/workspaces/acme-supply')).body;
    assert.equal(all.find((l) => l.id === ws.defaultLocationId)?.name, 'Inventory');
    assert.equal((await acme(sb, 'GET', '/locations', { query: { active: false } })).body.length, 1);
    assert.equal((await acme(sb, 'GET', '/locations/count', { query: { type: 'warehouse' } })).body, all.filter((l) => l.type === 'warehouse').length);
    const created = await acme(sb, 'POST', '/locations', { body: { name: 'Pop-up Stand', type: 'site', note: 'weekends' } });
    assert.equal(created.status, 201);
    assert.equal(created.body.active, true);
    const off = await acme(sb, 'PATCH', `/locations/${created.body.id}`, { body: { active: false, name: 'Pop-up Stand (closed)' } });
    assert.equal(off.body.active, false);
    assert.equal(off.body.name, 'Pop-up Stand (closed)');
    expectError(await acme(sb, 'POST', '/locations', { body: { name: '' } }), 422, 'unprocessable_entity', /^name: /);
    expectError(await acme(sb, 'POST', '/locations', { body: { name: 'Boat', type: 'boat' } }), 422, 'unprocessable_entity', /^type: /);
    expectError(await acme(sb, 'PATCH', `/locations/${created.body.id}`, { body: { active: 'no' } }), 422, 'unprocessable_entity', /^active: /);
  });
});

describe('sandbox: plan limits and size', () => {
  it('answers 403 exceeded_limit when the item limit is reached', async () => {
    const sb = await withSandbox({ seedItems: 10_000 });
    try {
      const ws = (await acme(sb, 'GET', '/workspaces/acme-supply')).body;
      assert.equal(ws.itemsUsage, ws.itemsLimit);
      expectError(await acme(sb, 'POST', '/items', { body: { sku: 'ONE-MORE', description: 'over', cost: 1 } }), 403, 'exceeded_limit', /limit/);
      const bulk = await acme(sb, 'POST', '/items/bulk', { body: [{ sku: 'ONE-MORE', description: 'over', cost: 1 }] });
      assert.equal(bulk.body[0].code, 'exceeded_limit');
    } finally {
      await sb.close();
    }
  });

  it('starts with 100,000 items in seconds and pages them quickly', async function () {
    this.timeout(120_000);
    const started = Date.now();
    const sb = await withSandbox({ seedItems: 100_000 });
    const startMs = Date.now() - started;
    try {
      assert.ok(startMs < 30_000, `start took ${startMs} ms`);
      assert.equal((await acme(sb, 'GET', '/items/count')).body, 100_000);
      const t = Date.now();
      const last = await acme(sb, 'GET', '/items', { query: { page: 1000 } });
      const deep = Date.now() - t;
      assert.equal(last.body.length, 100);
      assert.deepEqual((await acme(sb, 'GET', '/items', { query: { page: 1001 } })).body, []);
      assert.ok(deep < 1000, `page 1000 took ${deep} ms`);
    } finally {
      await sb.close();
    }
  });
});
