// The client against the sandbox, each rule of the contract from both sides: what the client
// sends (seen through a recording HTTPS relay) and what the sandbox answers to a raw request.
import * as assert from 'node:assert/strict';
import * as https from 'node:https';
import { RetracClient, describeError, pages, type RetracClientOptions } from '../../src/api/client';
import { RetracError } from '../../src/api/errors';
import type { Location } from '../../src/api/types';
import { startSandbox } from '../../src/sandbox/main';
import type { RunningSandbox, SandboxKeyInfo } from '../../src/sandbox/types';
import { randomAlnum } from '../fakeKeys';
import { errorTexts, failureRecorder, startServer, type Recorded, type TestServer } from './clientFixtures';

const errorsSeen: unknown[] = [];
const logLines: string[] = [];

const failure = failureRecorder(errorsSeen);

interface RawAnswer { status: number; body: { error?: { code?: string; message?: string } } & Record<string, unknown> }

/** A request the client would never send, to see what the sandbox itself enforces. */
function raw(sb: RunningSandbox, method: string, path: string, apiKey: string, body?: unknown): Promise<RawAnswer> {
  const url = new URL(path, sb.baseUrl);
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, ca: sb.ca, headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString() || 'null') as RawAnswer['body'] }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** An HTTPS relay in front of the sandbox that records what the client really sends. */
async function startRecordingRelay(sb: RunningSandbox): Promise<TestServer> {
  return startServer((rec: Recorded, res) => {
    const upstream = https.request(new URL(rec.url.pathname + rec.url.search, sb.baseUrl), {
      method: rec.method, ca: sb.ca, headers: { ...rec.headers, host: new URL(sb.baseUrl).host },
    }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => { res.writeHead(502); res.end(); });
    upstream.end(rec.body || undefined);
  });
}

describe('RetracClient against the sandbox', function () {
  this.timeout(60_000);
  let sb: RunningSandbox;
  const key = (name: string): SandboxKeyInfo => {
    const k = sb.keys.find((x) => x.name === name);
    assert.ok(k, `the sandbox has a ${name} key`);
    return k;
  };
  const clientFor = (name: string, extra: Partial<RetracClientOptions> = {}): RetracClient => {
    const k = key(name);
    return new RetracClient({
      apiKey: k.key, baseUrl: sb.baseUrl, ca: sb.ca, workspaceId: k.type === 'full' ? k.workspaceId : undefined, retryBaseMs: 20,
      onLog: (level, message) => logLines.push(`${level} ${message}`), ...extra,
    });
  };
  const unique = (prefix: string): string => `${prefix}-${randomAlnum(8)}`;

  before(async () => {
    sb = await startSandbox({ port: 0, seedItems: 250, randomSeed: 7 });
  });
  after(async () => {
    await sb?.close();
  });

  describe('workspaceId and key types', () => {
    it('a restricted client never sends workspaceId, even when given one, and the sandbox serves it', async () => {
      const relay = await startRecordingRelay(sb);
      try {
        const k = key('restricted-all');
        const c = new RetracClient({ apiKey: k.key, baseUrl: relay.baseUrl, ca: relay.ca, workspaceId: k.workspaceId });
        await c.listItems({ pageSize: 5 });
        await c.countItems();
        await c.listTags();
        await c.listLocations();
        await c.listBalances({ pageSize: 5 });
        await c.listMovements({ pageSize: 5 });
        await c.listTransfers({ pageSize: 5 });
        await c.withWorkspace(k.workspaceId).listItems({ pageSize: 1 });
        assert.equal(relay.requests.length, 8);
        for (const r of relay.requests) {
          assert.equal(r.url.searchParams.has('workspaceId'), false, r.url.href);
          assert.equal(r.headers.authorization, `Bearer ${k.key}`);
        }
      } finally {
        await relay.close();
      }
    });

    it('the sandbox refuses a restricted key that sends workspaceId anyway', async () => {
      const k = key('restricted-all');
      const answer = await raw(sb, 'GET', `/items?workspaceId=${k.workspaceId}`, k.key);
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error?.code, 'bad_request');
      assert.match(answer.body.error?.message ?? '', /workspaceId/);
    });

    it('a full-access key without workspaceId: the client fails fast, the sandbox answers 404', async () => {
      const e = await failure(clientFor('owner-full', { workspaceId: undefined }).listItems());
      assert.equal(e.code, 'invalid_argument');
      assert.match(describeError(e), /Choose a workspace/);
      const answer = await raw(sb, 'GET', '/items', key('owner-full').key);
      assert.equal(answer.status, 404);
      assert.equal(answer.body.error?.code, 'not_found');
      assert.match(answer.body.error?.message ?? '', /workspaceId/);
    });

    it('an unknown key is unauthorized', async () => {
      const e = await failure(new RetracClient({ apiKey: randomAlnum(24), baseUrl: sb.baseUrl, ca: sb.ca, workspaceId: key('owner-full').workspaceId }).listTags());
      assert.equal(e.status, 401);
      assert.equal(e.code, 'unauthorized');
    });
  });

  describe('403 reasons', () => {
    it('a missing scope names the scope', async () => {
      const c = clientFor('restricted-items-read');
      assert.ok((await c.listItems({ pageSize: 1 })).length === 1, 'items.read works');
      const e = await failure(c.listBalances());
      assert.equal(e.status, 403);
      assert.equal(e.forbidden, 'scope');
      assert.equal(e.missingScope, 'inventory.read');
      assert.equal(describeError(e), 'This key lacks the `inventory.read` scope.');
    });

    it('a read-only key cannot write', async () => {
      const e = await failure(clientFor('restricted-read').createTag({ name: unique('t') }));
      assert.equal(e.forbidden, 'scope');
      assert.equal(e.missingScope, 'tags.write');
    });

    it('a member cannot write at a View-only location and cannot see a None location', async () => {
      const owner = clientFor('owner-full');
      const member = clientFor('member-full');
      const all = await owner.listLocations({ pageSize: 50 });
      const visible = await member.listLocations({ pageSize: 50 });
      const hidden = all.filter((l) => !visible.some((v) => v.id === l.id));
      assert.ok(hidden.length > 0, 'the seed has a location the member cannot see');
      const [item] = await owner.listItems({ pageSize: 1 });
      assert.ok(item);
      // The member's View-only locations are the visible ones where a write is refused.
      let viewOnly: { location: Location; error: RetracError } | undefined;
      for (const location of visible) {
        try {
          const current = (await member.listBalances({ itemId: item.id, locationId: location.id }))[0]?.onHandQty ?? 0;
          await member.setOnHand({ itemId: item.id, locationId: location.id, onHandQty: current });
        } catch (e) {
          if (e instanceof RetracError && e.forbidden === 'location') { viewOnly = { location, error: e }; errorsSeen.push(e); break; }
          throw e;
        }
      }
      assert.ok(viewOnly, 'the seed has a View-only location for the member');
      assert.equal(describeError(viewOnly.error), 'You have View access only at this location.');
      const hiddenWrite = await failure(member.setOnHand({ itemId: item.id, locationId: hidden[0].id, onHandQty: 1 }));
      assert.ok(hiddenWrite.status === 403 || hiddenWrite.status === 404, `status ${hiddenWrite.status}`);
      if (hiddenWrite.status === 403) assert.equal(hiddenWrite.forbidden, 'location');
    });

    it('a member cannot revert a transfer: role', async () => {
      const transfer = await makeTransfer(clientFor('owner-full'));
      const e = await failure(clientFor('member-full').revertTransfer(transfer.id, { revertNote: 'oops' }));
      assert.equal(e.status, 403);
      assert.equal(e.forbidden, 'role');
      assert.equal(describeError(e), 'Only workspace owners can revert transfers.');
    });

    it('a free-plan workspace has no API access: plan', async () => {
      const e = await failure(clientFor('free-plan-full').listItems());
      assert.equal(e.status, 403);
      assert.equal(e.forbidden, 'plan');
      assert.equal(describeError(e), 'Your plan has no API access: API keys need Business or above.');
    });
  });

  /** Puts stock at the default location and moves some of it to another active location. */
  async function makeTransfer(c: RetracClient, quantity = 2) {
    const locations = (await c.listLocations({ active: true })).slice(0, 2);
    assert.equal(locations.length, 2, 'two active locations');
    const [from, to] = locations as [Location, Location];
    const item = await c.createItem({ sku: unique('TR'), description: 'transfer test', cost: 1 });
    await c.setOnHand({ itemId: item.id, locationId: from.id, onHandQty: 10 });
    return c.createTransfer({ fromLocationId: from.id, toLocationId: to.id, note: 'test', lines: [{ itemId: item.id, quantity }] });
  }

  describe('every typed method round-trips', () => {
    it('items and tags', async () => {
      const c = clientFor('owner-full');
      const tag = await c.createTag({ name: unique('tag'), color: 'green' });
      assert.equal(tag.color, 'green');
      assert.ok((await c.listTags()).some((t) => t.id === tag.id));
      const renamed = await c.updateTag(tag.id, { color: 'blue' });
      assert.equal(renamed.color, 'blue');

      const sku = unique('SKU');
      const item = await c.createItem({ sku, description: 'round trip', cost: 3.5, sellPrice: 5, tagIds: [tag.id] });
      assert.equal(item.sku, sku);
      assert.equal((await c.getItem(item.id)).description, 'round trip');
      const found = await c.listItems({ sku, withTags: true });
      assert.equal(found.length, 1);
      assert.deepEqual(found[0]?.tags?.map((t) => t.id), [tag.id]);
      assert.equal(await c.countItems({ sku }), 1);
      assert.ok((await c.listItems({ tagIds: [tag.id] })).some((i) => i.id === item.id));
      assert.equal((await c.updateItem(item.id, { cost: 4 })).cost, 4);

      const bulkSku = unique('BULK');
      const bulk = await c.bulkCreateItems([{ sku: bulkSku, description: 'bulk', cost: 1 }, { sku, description: 'duplicate', cost: 1 }]);
      assert.equal(bulk.length, 2);
      assert.ok('id' in bulk[0] && bulk[0].sku === bulkSku);
      assert.ok('error' in bulk[1] && bulk[1].code === 'conflict', JSON.stringify(bulk[1]));

      const dup = await failure(c.createItem({ sku, description: 'again', cost: 1 }));
      assert.equal(dup.code, 'conflict');

      assert.deepEqual(await c.deleteItem(item.id), { id: item.id });
      assert.equal((await failure(c.getItem(item.id))).code, 'not_found');
      assert.deepEqual(await c.deleteTag(tag.id), { id: tag.id });
    });

    it('locations', async () => {
      const c = clientFor('owner-full');
      const before = await c.countLocations();
      const location = await c.createLocation({ name: unique('Van'), type: 'van', note: 'test' });
      assert.equal(location.type, 'van');
      assert.equal(await c.countLocations(), before + 1);
      assert.ok((await c.listLocations({ type: 'van' })).some((l) => l.id === location.id));
      const off = await c.updateLocation(location.id, { active: false });
      assert.equal(off.active, false);
      assert.ok(!(await c.listLocations({ active: true, pageSize: 50 })).some((l) => l.id === location.id));
    });

    it('inventory and transfers', async () => {
      const c = clientFor('owner-full');
      const transfer = await makeTransfer(c, 3);
      assert.equal(transfer.status, 'completed');
      const line = transfer.lines[0];
      assert.equal(line.quantity, 3);
      assert.deepEqual(transfer.movements?.map((m) => m.type).sort(), ['transfer_in', 'transfer_out']);

      const balances = await c.listBalances({ itemId: line.itemId });
      assert.equal(balances.find((b) => b.locationId === transfer.fromLocationId)?.onHandQty, 7);
      assert.equal(balances.find((b) => b.locationId === transfer.toLocationId)?.onHandQty, 3);
      const set = await c.setOnHand({ itemId: line.itemId, locationId: transfer.fromLocationId, onHandQty: 9, note: 'count' });
      assert.equal(set.onHandQty, 9);
      const movements = await c.listMovements({ itemId: line.itemId });
      assert.deepEqual(movements.map((m) => m.type).sort(), ['adjustment_plus', 'opening', 'transfer_in', 'transfer_out']);

      assert.equal((await c.getTransfer(transfer.id)).id, transfer.id);
      assert.ok((await c.listTransfers({ itemId: line.itemId })).some((t) => t.id === transfer.id));
      const reverted = await c.revertTransfer(transfer.id, { revertNote: 'undo' });
      assert.equal(reverted.status, 'reverted');
      assert.equal((await failure(c.revertTransfer(transfer.id))).code, 'conflict');

      const tooMany = await failure(c.createTransfer({ fromLocationId: transfer.fromLocationId, toLocationId: transfer.toLocationId, lines: [{ itemId: line.itemId, quantity: 1000 }] }));
      assert.equal(tooMany.code, 'unprocessable_entity');
    });

    it('workspaces, which never carry workspaceId', async () => {
      const c = clientFor('owner-full');
      const k = key('owner-full');
      const list = await c.listWorkspaces();
      const ws = list.find((w) => w.id === k.workspaceId);
      assert.ok(ws);
      assert.equal((await c.getWorkspace(ws.slug)).id, ws.id);
      const renamed = await c.updateWorkspace(ws.id, { name: `${ws.name} (renamed)` });
      assert.equal(renamed.name, `${ws.name} (renamed)`);
      await c.updateWorkspace(ws.id, { name: ws.name });
      const restricted = await clientFor('restricted-all').listWorkspaces();
      assert.deepEqual(restricted.map((w) => w.id), [key('restricted-all').workspaceId]);
    });
  });

  describe('paging', () => {
    it('pages() walks every page and stops at the short one', async () => {
      const c = clientFor('owner-full');
      const total = await c.countItems();
      const requested: number[] = [];
      const seen = new Set<string>();
      const sizes: number[] = [];
      for await (const page of pages((p, size) => { requested.push(p); return c.listItems({ page: p, pageSize: size }); }, 100)) {
        sizes.push(page.length);
        for (const item of page) seen.add(item.id);
      }
      assert.ok(total > 200, `total ${total}`);
      assert.equal(seen.size, total, 'every item once');
      assert.equal(sizes.at(-1), total % 100 || 100);
      assert.deepEqual(requested, Array.from({ length: Math.floor(total / 100) + 1 }, (_, i) => i + 1));
    });

    it('an out-of-range pageSize is the sandbox\'s 422', async () => {
      const e = await failure(clientFor('owner-full').listItems({ pageSize: 101 }));
      assert.equal(e.code, 'unprocessable_entity');
    });
  });

  describe('faults and limits', () => {
    it('a dropped GET is retried; a dropped write is not retried, even though it was applied', async () => {
      const c = clientFor('owner-full');
      sb.injectFault({ method: 'GET', path: '/tags', mode: 'drop-before' });
      assert.ok(Array.isArray(await c.listTags()));

      const [item] = await c.listItems({ pageSize: 1 });
      const [location] = await c.listLocations({ active: true, pageSize: 1 });
      assert.ok(item && location);
      const before = (await c.listMovements({ itemId: item.id, locationId: location.id })).length;
      const current = (await c.listBalances({ itemId: item.id, locationId: location.id }))[0]?.onHandQty ?? 0;
      sb.injectFault({ method: 'PUT', path: '/inventory/balances', mode: 'drop-after' });
      const e = await failure(c.setOnHand({ itemId: item.id, locationId: location.id, onHandQty: current + 5 }));
      assert.equal(e.code, 'network');
      const after = await c.listMovements({ itemId: item.id, locationId: location.id });
      assert.equal(after.length, before + 1, 'applied once, not retried');
    });

    it('the sandbox rate limit: a GET over the cap and a write both throw with retryAfterMs', async () => {
      const limited = await startSandbox({ port: 0, seedItems: 5, rateLimitPerMinute: 3 });
      try {
        const k = limited.keys.find((x) => x.name === 'restricted-all')!;
        const c = new RetracClient({ apiKey: k.key, baseUrl: limited.baseUrl, ca: limited.ca, maxRetryWaitMs: 1000 });
        for (let i = 0; i < 3; i++) await c.listTags();
        assert.equal(c.lastRateLimit?.limit, 3);
        assert.equal(c.lastRateLimit?.remaining, 0);
        const read = await failure(c.listTags());
        assert.equal(read.code, 'rate_limit_exceeded');
        assert.ok(read.retryAfterMs !== undefined && read.retryAfterMs > 1000 && read.retryAfterMs <= 60_000, String(read.retryAfterMs));
        assert.match(describeError(read), /^Rate limited: try again in \d+ s\.$/);
        const write = await failure(c.createTag({ name: unique('t') }));
        assert.equal(write.code, 'rate_limit_exceeded');
        assert.ok(write.retryAfterMs !== undefined);
      } finally {
        await limited.close();
      }
    });
  });

  // Last: mocha runs a describe's own tests before its nested describes.
  describe('redaction', () => {
    it('no key appears in any error text or log line of this suite', () => {
      assert.ok(errorsSeen.length >= 15, `checked ${errorsSeen.length} errors`);
      for (const k of sb.keys) {
        for (const e of errorsSeen) assert.ok(!errorTexts(e).includes(k.key), `${k.name} in ${errorTexts(e)}`);
        for (const line of logLines) assert.ok(!line.includes(k.key), `${k.name} in log line ${line}`);
      }
    });
  });
});
