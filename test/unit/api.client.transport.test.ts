// Transport-level behaviour of the client against small bare HTTPS servers (real TLS, real HTTP).
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RetracClient, type RetracClientOptions } from '../../src/api/client';
import { RetracError } from '../../src/api/errors';
import { describeError } from '../../src/api/describeError';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeKey } from '../fakeKeys';
import { ITEM, errorTexts, failureRecorder, json, makeCert, retracError, startServer, type Handler, type TestServer } from './clientFixtures';

const servers: TestServer[] = [];
const keysUsed: string[] = [];
const logLines: string[] = [];
const errorsSeen: unknown[] = [];

async function serve(handler: Handler, pem?: Awaited<ReturnType<typeof makeCert>>): Promise<TestServer> {
  const s = await startServer(handler, pem);
  servers.push(s);
  return s;
}

function client(server: TestServer, extra: Partial<RetracClientOptions> = {}): RetracClient {
  const apiKey = extra.apiKey ?? fakeKey('full');
  keysUsed.push(apiKey);
  return new RetracClient({
    baseUrl: server.baseUrl, ca: server.ca, workspaceId: 'ws_test', retryBaseMs: 10,
    onLog: (level, message) => logLines.push(`${level} ${message}`), ...extra, apiKey,
  });
}

const failure = failureRecorder(errorsSeen);

describe('RetracClient transport', () => {
  after(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  describe('URLs and TLS', () => {
    it('refuses an http:// base URL before sending anything', () => {
      const apiKey = fakeKey('full');
      assert.throws(() => new RetracClient({ apiKey, baseUrl: 'http://api.retrac.co' }), (e: unknown) => {
        errorsSeen.push(e);
        return e instanceof RetracError && e.code === 'insecure_url' && /HTTPS only/.test(e.message);
      });
    });

    it('defaults to https://api.retrac.co and knows the key type', () => {
      const c = new RetracClient({ apiKey: fakeKey('restricted') });
      assert.equal(c.baseUrl, 'https://api.retrac.co');
      assert.equal(c.keyType, 'restricted');
    });

    it('rejects a self-signed server without the CA, and trusts it with the `ca` option', async () => {
      const server = await serve((_r, res) => json(res, 200, [ITEM]));
      const untrusted = client(server, { ca: undefined });
      const e = await failure(untrusted.listItems());
      assert.equal(e.code, 'tls');
      assert.equal(e.tls, 'untrusted');
      assert.equal(server.requests.length, 0, 'no request reached the server');
      const items = await client(server).listItems();
      assert.equal(items[0]?.sku, 'SKU-1');
    });

    it('without `ca` uses the platform fetch, which trusts what the process trusts', async () => {
      // NODE_EXTRA_CA_CERTS is read at process start, hence a child process.
      const server = await serve((_r, res) => json(res, 200, [ITEM]));
      const dir = await mkdtemp(join(tmpdir(), 'retrac-ca-'));
      try {
        const caFile = join(dir, 'ca.pem');
        await writeFile(caFile, server.ca);
        const script = `const { RetracClient } = require(${JSON.stringify(require.resolve('../../src/api/client'))});
          new RetracClient({ apiKey: process.env.TEST_KEY, baseUrl: process.env.TEST_URL, workspaceId: 'ws_1' }).listItems()
            .then((items) => console.log(items[0].sku), (e) => { console.log(e.code); process.exitCode = 1; });`;
        const env = { ...process.env, NODE_EXTRA_CA_CERTS: caFile, TEST_KEY: fakeKey('full'), TEST_URL: server.baseUrl };
        const out = await new Promise<string>((resolve, reject) => execFile(process.execPath, ['-e', script], { env }, (e, stdout) => (e ? reject(new Error(`${e.message} ${stdout}`)) : resolve(stdout))));
        assert.equal(out.trim(), 'SKU-1');
        assert.equal(server.requests.length, 1);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('says the certificate expired', async () => {
      const pem = await makeCert({ notBefore: new Date(Date.now() - 3 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000) });
      const server = await serve((_r, res) => json(res, 200, []), pem);
      const e = await failure(client(server).listItems());
      assert.equal(e.code, 'tls');
      assert.equal(e.tls, 'expired');
    });

    it('says the certificate is for another host name', async () => {
      const pem = await makeCert({ hosts: { dns: ['elsewhere.example'], ip: [] } });
      const server = await serve((_r, res) => json(res, 200, []), pem);
      const e = await failure(client(server).listItems());
      assert.equal(e.code, 'tls');
      assert.equal(e.tls, 'hostname');
    });

    it('reports a refused connection as a network error naming the host', async () => {
      const server = await serve((_r, res) => json(res, 200, []));
      const c = client(server, { maxGetRetries: 0 });
      await server.close();
      const e = await failure(c.listItems());
      assert.equal(e.code, 'network');
      assert.match(e.message, /Cannot reach 127\.0\.0\.1:\d+/);
    });
  });

  describe('keys and workspaces', () => {
    it('sends the key only as Authorization: Bearer, and workspaceId for a full-access key', async () => {
      const server = await serve((_r, res) => json(res, 200, []));
      const apiKey = fakeKey('full');
      await client(server, { apiKey, workspaceId: 'ws_abc' }).listItems({ page: 2, pageSize: 10 });
      const [req] = server.requests;
      assert.equal(req?.headers.authorization, `Bearer ${apiKey}`);
      assert.equal(req?.url.searchParams.get('workspaceId'), 'ws_abc');
      assert.equal(req?.url.searchParams.get('page'), '2');
      assert.ok(!req?.url.search.includes(apiKey));
    });

    it('never sends workspaceId for a restricted key, even when given one', async () => {
      const server = await serve((_r, res) => json(res, 200, []));
      const c = client(server, { apiKey: fakeKey('restricted'), workspaceId: 'ws_abc' });
      assert.equal(c.workspaceId, undefined);
      await c.listItems({ workspaceId: 'ws_sneaky' } as never);
      await c.withWorkspace('ws_other').listTags();
      assert.equal(server.requests.length, 2);
      for (const r of server.requests) assert.equal(r.url.searchParams.has('workspaceId'), false, r.url.href);
    });

    it('fails fast on a workspace-scoped call with a full-access key and no workspace', async () => {
      const server = await serve((_r, res) => json(res, 200, []));
      const e = await failure(client(server, { workspaceId: undefined }).listItems());
      assert.equal(e.code, 'invalid_argument');
      assert.match(e.message, /Choose a workspace/);
      assert.equal(server.requests.length, 0);
    });

    it('never sends workspaceId to the workspace endpoints', async () => {
      const server = await serve((_r, res) => json(res, 200, []));
      await client(server, { workspaceId: 'ws_abc' }).listWorkspaces();
      assert.equal(server.requests[0]?.url.searchParams.has('workspaceId'), false);
    });

    it('withWorkspace binds another workspace', async () => {
      const server = await serve((_r, res) => json(res, 200, 3));
      const c = client(server, { workspaceId: undefined }).withWorkspace('ws_two');
      assert.equal(await c.countItems({ search: 'x' }), 3);
      assert.equal(server.requests[0]?.url.searchParams.get('workspaceId'), 'ws_two');
    });
  });

  describe('rate limits', () => {
    it('waits as long as Retry-After says (epoch milliseconds) and retries a GET', async () => {
      let retryAt = 0;
      const server = await serve((_r, res, n) => {
        if (n === 1) {
          retryAt = Date.now() + 400;
          return retracError(res, 429, 'rate_limit_exceeded', 'slow down', { 'retry-after': String(retryAt) });
        }
        json(res, 200, [ITEM], { 'x-ratelimit-limit': '600', 'x-ratelimit-remaining': '598', 'x-ratelimit-reset': '1900000000' });
      });
      const c = client(server);
      const started = Date.now();
      await c.listItems();
      assert.equal(server.requests.length, 2);
      assert.ok(Date.now() >= retryAt - 5, 'the retry waited for Retry-After');
      assert.ok(Date.now() - started < 3000);
      assert.deepEqual(c.lastRateLimit, { limit: 600, remaining: 598, resetAt: 1_900_000_000_000 });
    });

    it('waits for delta seconds and for an HTTP date', async () => {
      const answers = [
        () => ({ 'retry-after': '1' }),
        () => ({ 'retry-after': new Date(Date.now() + 1500).toUTCString() }),
      ];
      for (const header of answers) {
        const server = await serve((_r, res, n) => (n === 1 ? retracError(res, 429, 'rate_limit_exceeded', 'slow down', header()) : json(res, 200, [])));
        const started = Date.now();
        await client(server).listItems();
        const waited = Date.now() - started;
        assert.equal(server.requests.length, 2);
        assert.ok(waited >= 450 && waited < 2500, `waited ${waited} ms`);
      }
    });

    it('throws rate_limit_exceeded with retryAfterMs instead of waiting past the cap', async () => {
      const server = await serve((_r, res) => retracError(res, 429, 'rate_limit_exceeded', 'slow down', { 'retry-after': String(Math.floor(Date.now() / 1000) + 120) }));
      const started = Date.now();
      const e = await failure(client(server, { maxRetryWaitMs: 5000 }).listItems());
      assert.ok(Date.now() - started < 1000, 'did not wait');
      assert.equal(e.code, 'rate_limit_exceeded');
      assert.equal(e.status, 429);
      assert.ok(e.retryAfterMs !== undefined && e.retryAfterMs > 100_000 && e.retryAfterMs <= 120_000, String(e.retryAfterMs));
      assert.equal(server.requests.length, 1);
    });

    it('gives up after the bounded number of 429 retries', async () => {
      const server = await serve((_r, res) => retracError(res, 429, 'rate_limit_exceeded', 'slow down', { 'retry-after': '0' }));
      const e = await failure(client(server, { maxRateLimitRetries: 2 }).listItems());
      assert.equal(e.code, 'rate_limit_exceeded');
      assert.equal(server.requests.length, 3);
    });

    it('never retries a write on 429: it throws with retryAfterMs at once', async () => {
      const server = await serve((_r, res) => retracError(res, 429, 'rate_limit_exceeded', 'slow down', { 'retry-after': '2' }));
      const e = await failure(client(server).createItem({ sku: 'A', description: 'a', cost: 1 }));
      assert.equal(e.code, 'rate_limit_exceeded');
      assert.equal(e.retryAfterMs, 2000);
      assert.equal(server.requests.length, 1);
    });
  });

  describe('retries', () => {
    it('retries a GET on 5xx with backoff and succeeds', async () => {
      const server = await serve((_r, res, n) => (n < 3 ? retracError(res, 503, 'internal_server_error', 'busy') : json(res, 200, [ITEM])));
      const items = await client(server).listItems();
      assert.equal(items.length, 1);
      assert.equal(server.requests.length, 3);
    });

    it('stops retrying a GET after maxGetRetries and reports the 5xx', async () => {
      const server = await serve((_r, res) => retracError(res, 500, 'internal_server_error', 'boom'));
      const e = await failure(client(server, { maxGetRetries: 2 }).listTags());
      assert.equal(e.code, 'internal_server_error');
      assert.equal(e.status, 500);
      assert.equal(server.requests.length, 3);
    });

    it('retries a GET when the connection drops', async () => {
      const server = await serve((_r, res, n) => (n === 1 ? res.socket?.destroy() : json(res, 200, [])));
      await client(server).listLocations();
      assert.equal(server.requests.length, 2);
    });

    for (const [name, call] of [
      ['POST', (c: RetracClient) => c.createTag({ name: 'x' })],
      ['PUT', (c: RetracClient) => c.setOnHand({ itemId: 'i', locationId: 'l', onHandQty: 1 })],
      ['PATCH', (c: RetracClient) => c.updateItem('i', { cost: 2 })],
      ['DELETE', (c: RetracClient) => c.deleteItem('i')],
    ] as const) {
      it(`never retries a ${name}, neither on 5xx nor on a dropped connection`, async () => {
        const on5xx = await serve((_r, res) => retracError(res, 502, 'internal_server_error', 'bad gateway'));
        assert.equal((await failure(call(client(on5xx)))).code, 'internal_server_error');
        assert.equal(on5xx.requests.length, 1);
        const onDrop = await serve((_r, res) => res.socket?.destroy());
        assert.equal((await failure(call(client(onDrop)))).code, 'network');
        assert.equal(onDrop.requests.length, 1);
      });
    }
  });

  describe('timeouts and aborts', () => {
    it('times out a call that gets no answer', async () => {
      const server = await serve(() => { /* never answers */ });
      const started = Date.now();
      const e = await failure(client(server, { timeoutMs: 300 }).listItems());
      assert.equal(e.code, 'timeout');
      assert.ok(Date.now() - started < 2000);
    });

    it('aborts an in-flight call', async () => {
      const server = await serve(() => { /* never answers */ });
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 100);
      const e = await failure(client(server).listItems({}, { signal: ac.signal }));
      assert.equal(e.code, 'aborted');
    });

    it('an abort cancels a Retry-After wait', async () => {
      const server = await serve((_r, res) => retracError(res, 429, 'rate_limit_exceeded', 'slow down', { 'retry-after': '10' }));
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 200);
      const started = Date.now();
      const e = await failure(client(server).listItems({}, { signal: ac.signal }));
      assert.equal(e.code, 'aborted');
      assert.ok(Date.now() - started < 2000, 'did not sit out the wait');
      assert.equal(server.requests.length, 1);
    });

    it('an already aborted signal sends nothing', async () => {
      const server = await serve((_r, res) => json(res, 200, []));
      const e = await failure(client(server).listItems({}, { signal: AbortSignal.abort() }));
      assert.equal(e.code, 'aborted');
      assert.equal(server.requests.length, 0);
    });
  });

  describe('responses', () => {
    it('names the endpoint and the first issue of a malformed answer', async () => {
      const server = await serve((_r, res) => json(res, 200, [ITEM, { ...ITEM, cost: '12' }]));
      const e = await failure(client(server).listItems());
      assert.equal(e.code, 'invalid_response');
      assert.match(e.message, /GET \/items: 1\.cost: .*number/);
    });

    it('reports a body that is not JSON', async () => {
      const server = await serve((_r, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<html>maintenance</html>'); });
      const e = await failure(client(server).listTags());
      assert.equal(e.code, 'invalid_response');
      assert.match(e.message, /GET \/tags.*not JSON/);
    });

    it('tolerates extra fields and missing optional ones', async () => {
      const { sellPrice: _s, supplierId: _p, userId: _u, workspaceId: _w, ...minimal } = ITEM;
      const server = await serve((_r, res) => json(res, 200, [{ ...minimal, brandNewField: { x: 1 } }]));
      const [item] = await client(server).listItems();
      assert.equal(item?.sku, 'SKU-1');
      assert.equal(item?.sellPrice, undefined);
    });

    it('accepts any 2xx for a create', async () => {
      for (const status of [200, 201, 202]) {
        const server = await serve((_r, res) => json(res, status, { id: 'tag_1', name: 'red things', color: 'red' }));
        const tag = await client(server).createTag({ name: 'red things', color: 'red' });
        assert.equal(tag.id, 'tag_1');
        assert.equal(server.requests[0]?.method, 'POST');
        assert.deepEqual(JSON.parse(server.requests[0]?.body ?? ''), { name: 'red things', color: 'red' });
      }
    });

    it('accepts a 204 without body for a delete, but not for a create', async () => {
      const server = await serve((_r, res) => { res.writeHead(204); res.end(); });
      assert.deepEqual(await client(server).deleteTag('tag_9'), { id: 'tag_9' });
      const e = await failure(client(server).createTag({ name: 'x' }));
      assert.equal(e.code, 'invalid_response');
      assert.match(e.message, /POST \/tags/);
    });

    it('sends filters as query parameters: arrays repeated, booleans as words, values encoded', async () => {
      const server = await serve((_r, res) => json(res, 200, []));
      await client(server).listItems({ tagIds: ['t1', 't2'], withTags: true, search: 'a&b c', sort: 'sku', order: 'asc', supplierId: undefined });
      const q = server.requests[0].url.searchParams;
      assert.deepEqual(q.getAll('tagIds'), ['t1', 't2']);
      assert.equal(q.get('withTags'), 'true');
      assert.equal(q.get('search'), 'a&b c');
      assert.equal(q.get('sort'), 'sku');
      assert.equal(q.has('supplierId'), false);
      await client(server).getItem('itm/../x').catch(() => undefined);
      assert.equal(server.requests[1].url.searchParams.get('itemId'), 'itm/../x');
      await client(server).updateTag('a/b', { name: 'n' }).catch(() => undefined);
      assert.equal(server.requests[2].url.pathname, '/tags/a%2Fb');
    });

    it('turns a Retrac error body into code, message, doc url and 403 reason', async () => {
      const server = await serve((_r, res) => retracError(res, 403, 'forbidden', 'The key lacks the required scope: inventory.write (or apis.all).'));
      const e = await failure(client(server).setOnHand({ itemId: 'i', locationId: 'l', onHandQty: 3 }));
      assert.equal(e.status, 403);
      assert.equal(e.code, 'forbidden');
      assert.equal(e.forbidden, 'scope');
      assert.equal(e.missingScope, 'inventory.write');
      assert.equal(e.docUrl, 'https://docs.retrac.co/api-reference/errors#forbidden');
      assert.equal(e.method, 'PUT');
      assert.equal(e.path, '/inventory/balances');
    });

    it('reads exceeded_limit as a plan limit', async () => {
      const server = await serve((_r, res) => retracError(res, 403, 'exceeded_limit', 'Item limit of 1000 reached.'));
      const e = await failure(client(server).createItem({ sku: 'A', description: 'a', cost: 1 }));
      assert.equal(e.forbidden, 'plan_limit');
    });

    it('falls back to the status when the error body is not Retrac-shaped', async () => {
      const server = await serve((_r, res) => { res.writeHead(404); res.end('nope'); });
      const e = await failure(client(server).getItem('itm_x'));
      assert.equal(e.code, 'not_found');
      assert.equal(e.status, 404);
    });
  });

  describe('redirects', () => {
    it('follows a same-origin https redirect, keeping the key on that origin', async () => {
      const server = await serve((req, res) => {
        if (req.url.pathname === '/items') { res.writeHead(302, { location: '/v2/items?page=1' }); return res.end(); }
        json(res, 200, [ITEM]);
      });
      const items = await client(server).listItems();
      assert.equal(items[0]?.sku, 'SKU-1');
      assert.deepEqual(server.requests.map((r) => r.url.pathname), ['/items', '/v2/items']);
      assert.match(server.requests[1]?.headers.authorization ?? '', /^Bearer /);
    });

    it('refuses a redirect to another origin: the other server gets nothing', async () => {
      const other = await serve((_r, res) => json(res, 200, [ITEM]));
      const server = await serve((_r, res) => { res.writeHead(301, { location: `${other.baseUrl}/items` }); res.end(); });
      const e = await failure(client(server).listItems());
      assert.equal(e.code, 'insecure_url');
      assert.match(e.message, /Refusing a redirect .*another host/);
      assert.equal(other.requests.length, 0, 'the key never reached the other origin');
      assert.equal(server.requests.length, 1, 'a refused redirect is not retried');
    });

    it('refuses a redirect from https to http on the same host', async () => {
      const plain: string[] = [];
      const httpServer = http.createServer((req, res) => { plain.push(String(req.headers.authorization)); res.end('[]'); });
      await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = httpServer.address() as AddressInfo;
        const server = await serve((_r, res) => { res.writeHead(307, { location: `http://127.0.0.1:${port}/items` }); res.end(); });
        const e = await failure(client(server).listItems());
        assert.match(e.message, /Refusing a redirect .*http:\/\/.*clear text/);
        assert.deepEqual(plain, [], 'nothing was sent in clear text');
      } finally {
        httpServer.closeAllConnections();
        await new Promise((resolve) => httpServer.close(resolve));
      }
    });

    it('stops after a bounded number of redirects', async () => {
      const server = await serve((req, res) => { res.writeHead(302, { location: `/loop${req.url.pathname.length}` }); res.end(); });
      const e = await failure(client(server).listItems());
      assert.match(e.message, /more than 3 redirects/);
      assert.equal(server.requests.length, 4);
    });

    it('the platform fetch (no CA) follows the same rules: same origin followed, another origin refused', async () => {
      // NODE_EXTRA_CA_CERTS is read at process start, hence a child process, as in "URLs and TLS".
      const other = await serve((_r, res) => json(res, 200, [ITEM]));
      const server = await serve((req, res) => {
        if (req.url.pathname === '/items') { res.writeHead(302, { location: '/v2/items' }); return res.end(); }
        if (req.url.pathname === '/v2/items') return json(res, 200, [ITEM]);
        res.writeHead(302, { location: `${other.baseUrl}/items` });
        res.end();
      });
      const dir = await mkdtemp(join(tmpdir(), 'retrac-ca-'));
      try {
        const caFile = join(dir, 'ca.pem');
        await writeFile(caFile, server.ca);
        const script = `const { RetracClient } = require(${JSON.stringify(require.resolve('../../src/api/client'))});
          const c = new RetracClient({ apiKey: process.env.TEST_KEY, baseUrl: process.env.TEST_URL, workspaceId: 'ws_1', maxGetRetries: 0 });
          c.listItems().then((items) => console.log(items[0].sku, c.route))
            .then(() => c.listTags()).then(() => console.log('followed'), (e) => console.log(e.code));`;
        const env = { ...process.env, NODE_EXTRA_CA_CERTS: caFile, TEST_KEY: fakeKey('full'), TEST_URL: server.baseUrl };
        const out = await new Promise<string>((resolve, reject) => execFile(process.execPath, ['-e', script], { env }, (e, stdout) => (e ? reject(new Error(`${e.message} ${stdout}`)) : resolve(stdout))));
        assert.deepEqual(out.trim().split('\n'), ['SKU-1 the platform fetch (in VS Code: its proxy and system-certificate support)', 'insecure_url']);
        assert.deepEqual(server.requests.map((r) => r.url.pathname), ['/items', '/v2/items', '/tags']);
        assert.equal(other.requests.length, 0, 'the key never reached the other origin');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('keeps method and body on a same-origin 307, and refuses a 302 that would turn a write into a GET', async () => {
      const server = await serve((req, res) => {
        if (req.url.pathname === '/items') { res.writeHead(307, { location: '/items/new' }); return res.end(); }
        if (req.url.pathname === '/tags') { res.writeHead(302, { location: '/tags/new' }); return res.end(); }
        json(res, 201, ITEM);
      });
      const item = await client(server).createItem({ sku: 'SKU-1', description: 'Widget', cost: 2.5 });
      assert.equal(item.sku, 'SKU-1');
      assert.equal(server.requests[1]?.method, 'POST');
      assert.deepEqual(JSON.parse(server.requests[1]?.body ?? ''), { sku: 'SKU-1', description: 'Widget', cost: 2.5 });
      const e = await failure(client(server).createTag({ name: 't' }));
      assert.match(e.message, /HTTP 302 would turn POST into GET/);
      assert.equal(server.requests.length, 3);
    });
  });

  describe('what a server may put in an error', () => {
    it('keeps a docs.retrac.co doc url and drops any other', async () => {
      const urls = [
        'https://evil.example/steal', 'http://docs.retrac.co/x', 'https://docs.retrac.co.evil.example/x',
        'https://user@docs.retrac.co/x', 'javascript:alert(1)', '//docs.retrac.co/x', 'KEY', `https://docs.retrac.co/x?k=KEY`,
        `https://docs.retrac.co/KEY`, `https://docs.retrac.co/x#${fakeKey('restricted')}`,
      ];
      for (const docUrl of urls) {
        // A hostile server knows the key it was sent, and may echo it back in the link.
        const server = await serve((req, res) => json(res, 400, {
          error: { code: 'bad_request', message: 'no', doc_url: docUrl.replace('KEY', (req.headers.authorization ?? '').slice('Bearer '.length)) },
        }));
        const e = await failure(client(server).listItems());
        assert.equal(e.docUrl, undefined, docUrl);
      }
      const server = await serve((_r, res) => json(res, 400, { error: { code: 'bad_request', message: 'no', doc_url: 'https://docs.retrac.co/api-reference/errors#bad_request' } }));
      assert.equal((await failure(client(server).listItems())).docUrl, 'https://docs.retrac.co/api-reference/errors#bad_request');
    });

    it('caps a huge Retry-After and says so in words, without waiting', async () => {
      for (const header of ['99999999999', String(Date.now() + 5 * 86_400_000), new Date(Date.now() + 7_200_000).toUTCString()]) {
        const server = await serve((_r, res) => retracError(res, 429, 'rate_limit_exceeded', 'slow down', { 'retry-after': header }));
        const started = Date.now();
        const e = await failure(client(server).listItems());
        assert.ok(Date.now() - started < 2000, 'did not wait');
        assert.equal(e.retryAfterMs, 3_600_000, header);
        assert.equal(describeError(e), 'Rate limited: Retrac asked to wait more than an hour; try again later.');
        assert.doesNotMatch(describeError(e), /\d{5,}/);
      }
    });
  });

  describe('the key never leaks', () => {
    it('redacts a key a server echoes back', async () => {
      const server = await serve((req, res) => retracError(res, 400, 'bad_request', `Malformed header: ${req.headers.authorization ?? ''}`));
      const apiKey = fakeKey('full');
      const e = await failure(client(server, { apiKey }).listItems());
      assert.ok(!errorTexts(e).includes(apiKey));
      assert.match(e.message, /Malformed header: Bearer …/);
    });

    it('refuses a key with whitespace without echoing it', () => {
      const apiKey = `${fakeKey('full')}\n`;
      assert.throws(() => new RetracClient({ apiKey }), (e: unknown) => e instanceof RetracError && e.code === 'invalid_argument' && !errorTexts(e).includes(apiKey.trim()));
    });

    it('no error text and no log line of this suite contains a key', () => {
      assert.ok(errorsSeen.length >= 25, `checked ${errorsSeen.length} errors`);
      assert.ok(logLines.length > 0);
      for (const key of keysUsed) {
        for (const e of errorsSeen) assert.ok(!errorTexts(e).includes(key), `key in ${errorTexts(e)}`);
        for (const line of logLines) assert.ok(!line.includes(key), `key in log line ${line}`);
      }
    });
  });
});
