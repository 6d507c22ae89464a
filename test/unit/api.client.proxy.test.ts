// The pinned-CA transport behind a proxy: a real HTTP CONNECT proxy (node:http `connect`) in
// front of a real HTTPS server. Requests tunnel through it, with its credentials; NO_PROXY goes
// direct; a proxy that refuses or is not there gives a sentence that says what to check.
import * as assert from 'node:assert/strict';
import { RetracClient, type ProxySettings } from '../../src/api/client';
import { describeError } from '../../src/api/describeError';
import { noProxyMatch, proxyRoute, redactProxyUrl } from '../../src/api/proxy';
import { explainCheckFailure } from '../../src/accounts/keyCheck';
import { startProxy, type TestProxy } from '../connectProxy';
import { fakeKey } from '../fakeKeys';
import { ITEM, errorTexts, failureRecorder, json, makeCert, startServer, type TestServer } from './clientFixtures';

describe('RetracClient through a proxy (pinned CA)', () => {
  const errorsSeen: unknown[] = [];
  const failure = failureRecorder(errorsSeen);
  const logLines: string[] = [];
  const closers: (() => Promise<void>)[] = [];
  let api: TestServer;

  before(async () => {
    api = await startServer((_r, res) => json(res, 200, [ITEM]));
    closers.push(() => api.close());
  });
  after(async () => {
    await Promise.all(closers.map((c) => c()));
  });

  async function proxy(opts?: Parameters<typeof startProxy>[0]): Promise<TestProxy> {
    const p = await startProxy(opts);
    closers.push(() => p.close());
    return p;
  }

  function client(settings: ProxySettings): RetracClient {
    return new RetracClient({
      apiKey: fakeKey('full'), baseUrl: api.baseUrl, ca: api.ca, workspaceId: 'ws_1', maxGetRetries: 0,
      proxy: { env: {}, ...settings }, onLog: (_l, m) => logLines.push(m),
    });
  }

  it('tunnels through http.proxy, and says so in its route', async () => {
    const p = await proxy();
    const before = api.requests.length;
    const c = client({ proxy: p.url });
    assert.equal((await c.listItems())[0]?.sku, 'SKU-1');
    assert.deepEqual(p.tunnels.map((t) => t.target), [new URL(api.baseUrl).host]);
    assert.equal(api.requests.length, before + 1, 'the request reached the API through the tunnel');
    assert.match(c.route ?? '', /^undici with the pinned CA, through proxy http:\/\/127\.0\.0\.1:\d+ \(from http\.proxy\)$/);
  });

  it('an https:// proxy is verified with the same CA, and tunnels', async () => {
    // The TLS-inspecting setup: one private CA (here: the proxy's own certificate) next to the API's.
    // Its own subject name: OpenSSL finds a trusted CA by name, and the API's certificate is "localhost".
    const proxyPem = await makeCert({ hosts: { dns: ['proxy.test'], ip: ['127.0.0.1'] } });
    const p = await proxy({ tls: proxyPem, credentials: 'carol:s3cret' });
    const withCa = (proxyUrl: string): RetracClient => new RetracClient({
      apiKey: fakeKey('full'), baseUrl: api.baseUrl, ca: [api.ca, proxyPem.cert], workspaceId: 'ws_1', maxGetRetries: 0,
      proxy: { env: {}, proxy: proxyUrl },
    });
    assert.equal((await withCa(p.url.replace('https://', 'https://carol:s3cret@')).listItems())[0]?.sku, 'SKU-1');
    assert.equal(p.tunnels.length, 1);
    // A proxy whose certificate no trusted CA signed is refused: TLS to the proxy is verified too.
    const untrusted = await proxy({ tls: await makeCert({ hosts: { dns: ['rogue-proxy.test'], ip: ['127.0.0.1'] } }) });
    const e = await failure(withCa(untrusted.url).listItems());
    assert.equal(untrusted.tunnels.length, 0);
    assert.equal(e.code, 'tls');
    assert.match(e.message, /^The certificate of 127\.0\.0\.1:\d+ or of the proxy https:\/\/127\.0\.0\.1:\d+ \(from http\.proxy\) was rejected/);
  });

  it('sends the proxy credentials from the proxy URL, a password with @ and / included', async () => {
    const p = await proxy({ credentials: 'alice:p@ss/w:rd' });
    const c = client({ proxy: `http://alice:${encodeURIComponent('p@ss/w:rd')}@127.0.0.1:${p.port}` });
    await c.listItems();
    assert.equal(p.tunnels.length, 1);
    assert.equal(p.refused, 0);
    assert.ok(!(c.route ?? '').includes('alice') && !(c.route ?? '').includes('p%40ss'), c.route);
    assert.match(c.route ?? '', /http:\/\/\*\*\*@127\.0\.0\.1/);
  });

  it('sends http.proxyAuthorization when the URL has no credentials', async () => {
    const p = await proxy({ credentials: 'bob:secret' });
    await client({ proxy: p.url, proxyAuthorization: `Basic ${Buffer.from('bob:secret').toString('base64')}` }).listItems();
    assert.equal(p.tunnels.length, 1);
  });

  it('uses HTTPS_PROXY from the environment when http.proxy is not set', async () => {
    const p = await proxy();
    const c = client({ env: { HTTPS_PROXY: p.url } });
    await c.listItems();
    assert.equal(p.tunnels.length, 1);
    assert.match(c.route ?? '', /from HTTPS_PROXY/);
  });

  it('goes direct for a host in NO_PROXY or http.noProxy', async () => {
    const p = await proxy();
    const viaEnv = client({ env: { HTTPS_PROXY: p.url, NO_PROXY: 'example.com, 127.0.0.1' } });
    await viaEnv.listItems();
    const viaSetting = client({ proxy: p.url, noProxy: ['127.0.0.1'] });
    await viaSetting.listItems();
    assert.equal(p.tunnels.length, 0, 'the proxy saw no tunnel');
    assert.match(viaEnv.route ?? '', /direct \(127\.0\.0\.1 in NO_PROXY\)/);
    assert.match(viaSetting.route ?? '', /direct \(127\.0\.0\.1 in http\.noProxy\)/);
  });

  it('wrong proxy credentials: says to check the user name and password', async () => {
    const p = await proxy({ credentials: 'alice:right' });
    const e = await failure(client({ proxy: `http://alice:wrong@127.0.0.1:${p.port}` }).listItems());
    assert.equal(e.code, 'network');
    assert.match(describeError(e), /through the proxy http:\/\/\*\*\*@127\.0\.0\.1:\d+ \(from http\.proxy\): the proxy asks for credentials \(HTTP 407\)\. Check the user name and password/);
    assert.ok(!errorTexts(e).includes('wrong'));
  });

  it('a proxy that refuses the tunnel: says what to check', async () => {
    const p = await proxy({ refuse: true });
    const e = await failure(client({ env: { HTTPS_PROXY: p.url } }).listItems());
    assert.match(describeError(e), /the proxy refused the tunnel \(HTTP 403\)\. Check that the proxy allows HTTPS to 127\.0\.0\.1:\d+, or list the host in http\.noProxy \/ NO_PROXY/);
    assert.equal(p.refused, 1);
  });

  it('a proxy that cannot reach the API host: says so, and what to check', async () => {
    const p = await proxy();
    // A port on which nothing listens: the proxy's upstream connection is refused, and it answers 502.
    const closed = await startProxy();
    await closed.close();
    const c = new RetracClient({
      apiKey: fakeKey('full'), baseUrl: `https://127.0.0.1:${closed.port}`, ca: api.ca, workspaceId: 'ws_1', maxGetRetries: 0,
      proxy: { env: {}, proxy: p.url },
    });
    const e = await failure(c.listItems());
    assert.match(describeError(e), /the proxy could not reach 127\.0\.0\.1:\d+ \(HTTP 502\)\. Check retrac\.apiUrl/);
    assert.deepEqual(p.attempts, [`127.0.0.1:${closed.port}`]);
  });

  it('a proxy that is not there: names the proxy, not the API host, as the problem', async () => {
    const p = await startProxy();
    await p.close(); // the port is now closed
    const e = await failure(client({ proxy: p.url }).listItems());
    assert.match(describeError(e), /^Cannot reach 127\.0\.0\.1:\d+ through the proxy http:\/\/127\.0\.0\.1:\d+ \(from http\.proxy\): connection refused \(ECONNREFUSED\)\. Check the proxy's host and port/);
    assert.match(e.proxy ?? '', /^http:\/\/127\.0\.0\.1:\d+ \(from http\.proxy\)$/);
    // "Add API Key" and "Diagnose Connection" explain with explainCheckFailure: it must not blame the API host
    // ("Nothing answers at …, start the sandbox") for the proxy's refused connection.
    const explained = explainCheckFailure(e, api.baseUrl, describeError);
    assert.match(explained, /through the proxy .*Check the proxy's host and port/);
    assert.doesNotMatch(explained, /Nothing answers/);
  });

  it('a proxy setting that is not a URL fails the call with a sentence that names the setting', async () => {
    const e = await client({ proxy: 'http://[bad' }).listItems().then(() => undefined, (x: unknown) => x);
    assert.match(describeError(e), /The proxy in http\.proxy is not a valid URL/);
  });

  it('no log line or error names a proxy password', () => {
    for (const text of [...logLines, ...errorsSeen.map(errorTexts)]) {
      assert.ok(!/p%40ss|p@ss|secret|:wrong@/.test(text), text);
    }
  });
});

describe('proxy rules', () => {
  it('redacts credentials with the URL parser, whatever the password contains', () => {
    assert.equal(redactProxyUrl('http://user:secret@proxy.corp:3128'), 'http://***@proxy.corp:3128');
    assert.equal(redactProxyUrl('http://user:p@ss@proxy.corp:3128'), 'http://***@proxy.corp:3128');
    assert.equal(redactProxyUrl('http://user:pa/ss@proxy.corp:3128'), 'http://***@proxy.corp:3128');
    assert.equal(redactProxyUrl('http://user:12?x@proxy.corp:3128'), 'http://***@proxy.corp:3128');
    assert.equal(redactProxyUrl('http://us:er:pa#ss@proxy.corp'), 'http://***@proxy.corp');
    assert.equal(redactProxyUrl('proxy.corp:3128'), 'http://proxy.corp:3128');
    assert.equal(redactProxyUrl(undefined), '(not set)');
    for (const value of ['http://user:p@ss/w@rd@', 'http://user:se cret@pro xy']) {
      const shown = redactProxyUrl(value);
      assert.ok(!/ss|cret|user/.test(shown), `${value} → ${shown}`);
    }
  });

  it('matches NO_PROXY entries: *, hosts, domains and ports', () => {
    const url = new URL('https://api.retrac.co');
    assert.equal(noProxyMatch(url, ['*']), '*');
    assert.equal(noProxyMatch(url, ['retrac.co']), undefined);
    assert.equal(noProxyMatch(url, ['.retrac.co']), '.retrac.co');
    assert.equal(noProxyMatch(url, ['*.retrac.co']), '*.retrac.co');
    assert.equal(noProxyMatch(url, ['api.retrac.co:443']), 'api.retrac.co:443');
    assert.equal(noProxyMatch(url, ['api.retrac.co:8443']), undefined);
    assert.equal(noProxyMatch(url, ['API.Retrac.co']), 'API.Retrac.co');
    assert.equal(noProxyMatch(new URL('https://[::1]:8787'), ['[::1]']), '[::1]');
    assert.equal(noProxyMatch(new URL('https://evilretrac.co'), ['.retrac.co']), undefined);
  });

  it('http.proxy wins over the environment; HTTPS_PROXY over HTTP_PROXY', () => {
    const url = new URL('https://api.retrac.co');
    assert.equal(proxyRoute(url, { proxy: 'http://a:1', env: { HTTPS_PROXY: 'http://b:2' } }).proxy?.host, 'a:1');
    assert.equal(proxyRoute(url, { env: { HTTP_PROXY: 'http://c:3', HTTPS_PROXY: 'http://b:2' } }).proxy?.host, 'b:2');
    assert.equal(proxyRoute(url, { env: { http_proxy: 'c:3' } }).proxy?.href, 'http://c:3/');
    assert.equal(proxyRoute(url, { env: {} }).proxy, undefined);
  });
});
