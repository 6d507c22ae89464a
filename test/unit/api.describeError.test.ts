// The one advice table (src/api/describeError.ts, and describeEditError.ts for an edit's sentences):
// every HTTP status the client maps, read from a real HTTPS answer, in the three contexts (a plain
// call, an edit's action, a key being checked); every network and TLS code, recorded once by the
// transport; and the l10n seam, through which every sentence of ours passes (the server's own words
// pass as they are).
import * as assert from 'node:assert/strict';
import { RetracClient } from '../../src/api/client';
import { describeEditError } from '../../src/api/describeEditError';
import { adviceForNetworkCode, describeError, describeNetworkFailure, tlsProblemOf } from '../../src/api/describeError';
import { RetracError, type RetracErrorCode, type RetracErrorInit } from '../../src/api/errors';
import { english, type Translate } from '../../src/api/l10n';
import { fakeKey } from '../fakeKeys';
import { freePort } from '../freePort';
import { failureRecorder, makeCert, retracError, startServer, type TestServer } from './clientFixtures';

const failure = failureRecorder([]);
const servers: TestServer[] = [];

function client(baseUrl: string, ca?: string): RetracClient {
  return new RetracClient({ apiKey: fakeKey('full'), baseUrl, ca, workspaceId: 'ws_test', maxGetRetries: 0, retryBaseMs: 10 });
}

interface StatusCase {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
  /** The call that meets the answer (writes: never retried, so 429 and 5xx come back at once). */
  call?: (c: RetracClient) => Promise<unknown>;
  expect: { code: RetracErrorCode; plain: string | RegExp; action?: string | RegExp; keyCheck?: string | RegExp };
}

const createItem = (c: RetracClient) => c.createItem({ sku: 'SKU-9', description: 'd', cost: 1 });
const ACTION = 'Create item';

const STATUSES: StatusCase[] = [
  { status: 400, code: 'bad_request', message: 'cost must be a number', expect: { code: 'bad_request', plain: 'cost must be a number.', action: 'Create item failed: cost must be a number.' } },
  { status: 401, code: 'unauthorized', message: 'Invalid API key', expect: { code: 'unauthorized', plain: /^The API key was not accepted/, action: /^Create item failed: The API key was not accepted/, keyCheck: /did not accept this key \(401\)/ } },
  { status: 403, code: 'forbidden', message: 'Missing scope: items.write', expect: { code: 'forbidden', plain: 'This key lacks the `items.write` scope.', action: /^Create item needs the "items\.write" scope, which this API key lacks/ } },
  {
    status: 403, code: 'forbidden', message: 'Only workspace owners can do that', call: (c) => c.createLocation({ name: 'Van 9' }),
    expect: { code: 'forbidden', plain: 'Only workspace owners can change locations.', action: 'Create item is owner-only: this API key belongs to a workspace member.' },
  },
  { status: 403, code: 'forbidden', message: 'View access only at this location', expect: { code: 'forbidden', plain: 'You have View access only at this location.', action: /your access at that location is View-only or None/ } },
  {
    status: 403, code: 'forbidden', message: 'API keys need the Business plan or above.',
    expect: { code: 'forbidden', plain: 'Your plan has no API access: API keys need Business or above.', action: 'Create item was refused: API keys need the Business plan or above.', keyCheck: /^This key's workspace plan has no API access: .*Business plan or above/ },
  },
  { status: 403, code: 'exceeded_limit', message: 'Items limit of 50 reached', expect: { code: 'exceeded_limit', plain: 'Plan limit reached: Items limit of 50 reached.', action: /reached a plan limit \(Items limit of 50 reached\)\. Upgrade the plan/ } },
  { status: 404, code: 'not_found', message: 'No such item', expect: { code: 'not_found', plain: 'Not found: it does not exist or is not in this workspace.', action: 'Create item failed: it no longer exists or is not in this workspace.', keyCheck: /no such workspace for this key \(404\)/ } },
  { status: 409, code: 'conflict', message: 'SKU already exists', expect: { code: 'conflict', plain: 'SKU already exists.', action: 'Create item failed: the SKU "SKU-9" already exists in this workspace.' } },
  { status: 410, code: 'invite_expired', message: 'The invite expired', expect: { code: 'invite_expired', plain: 'The invite expired.', keyCheck: /invite of this key’s user has expired/ } },
  { status: 422, code: 'unprocessable_entity', message: 'cost must be ≥ 0', expect: { code: 'unprocessable_entity', plain: 'cost must be ≥ 0.', action: 'Create item was refused by the server: cost must be ≥ 0.' } },
  {
    status: 429, code: 'rate_limit_exceeded', message: 'Too many requests', headers: { 'retry-after': '12' },
    expect: { code: 'rate_limit_exceeded', plain: 'Rate limited: try again in 12 s.', action: 'Create item was not sent: the API key is over its rate limit. Try again in 12 s.' },
  },
  { status: 500, code: 'internal_server_error', message: 'boom', expect: { code: 'internal_server_error', plain: 'Retrac had a server error (HTTP 500); try again later.', action: /^Create item failed: Retrac had a server error \(HTTP 500\)/ } },
  { status: 503, code: '', message: '', expect: { code: 'internal_server_error', plain: 'Retrac had a server error (HTTP 503); try again later.' } },
];

function check(actual: string, expected: string | RegExp): void {
  if (typeof expected === 'string') assert.equal(actual, expected);
  else assert.match(actual, expected);
}

describe('describeError: the one advice table', () => {
  after(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  describe('every HTTP status, from a real answer', () => {
    let next: StatusCase | undefined;
    let server: TestServer;
    before(async () => {
      server = await startServer((_req, res) => {
        const c = next!;
        if (c.code) retracError(res, c.status, c.code, c.message, c.headers);
        else res.writeHead(c.status).end();
      });
      servers.push(server);
    });

    for (const c of STATUSES) {
      it(`HTTP ${c.status} ${c.code || '(no body)'}${c.message ? `: ${c.message}` : ''}`, async () => {
        next = c;
        const e = await failure((c.call ?? createItem)(client(server.baseUrl, server.ca)));
        assert.equal(e.status, c.status);
        assert.equal(e.code, c.expect.code);
        check(describeError(e), c.expect.plain);
        if (c.expect.action) check(describeEditError(e, { action: ACTION, sku: 'SKU-9' }), c.expect.action);
        if (c.expect.keyCheck) check(describeError(e, { checkingKey: true }), c.expect.keyCheck);
      });
    }

    it('a location refusal names the location when the edit knows it', async () => {
      next = STATUSES.find((c) => c.message.startsWith('View access'));
      const e = await failure(createItem(client(server.baseUrl, server.ca)));
      assert.match(describeEditError(e, { action: 'Set on-hand stock', locationName: 'Main Warehouse' }), /your access at "Main Warehouse" is View-only or None/);
    });
  });

  describe('network and TLS codes, recorded once by the transport', () => {
    it('a refused connection: networkCode ECONNREFUSED; the sentence and the key-check advice follow from it', async () => {
      const port = await freePort();
      const e = await failure(client(`https://127.0.0.1:${port}`).listItems());
      assert.equal(e.code, 'network');
      assert.equal(e.networkCode, 'ECONNREFUSED');
      assert.equal(describeError(e), `Cannot reach 127.0.0.1:${port}: connection refused (ECONNREFUSED).`);
      assert.equal(describeError(e, { checkingKey: true }), `Nothing answers at 127.0.0.1:${port} (connection refused): check retrac.apiUrl, or start the sandbox (Retrac: Use Local Sandbox).`);
    });

    it('an untrusted, an expired and a wrong-host certificate: networkCode names the check, tls classifies it', async () => {
      const wrongCa = await startServer(() => undefined);
      servers.push(wrongCa);
      const expired = await startServer(() => undefined, await makeCert({ notBefore: new Date(Date.now() - 3 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000) }));
      const otherHost = await startServer(() => undefined, await makeCert({ hosts: { dns: ['elsewhere.example'], ip: [] } }));
      servers.push(expired, otherHost);
      const other = await makeCert();
      const cases = [
        { server: wrongCa, ca: other.cert, tls: 'untrusted', advice: /certificate chain of .* is not trusted .*retrac\.caCertificatePath/ },
        { server: expired, ca: expired.ca, tls: 'expired', code: 'CERT_HAS_EXPIRED', advice: /has expired: the host or a proxy/ },
        { server: otherHost, ca: otherHost.ca, tls: 'hostname', code: 'ERR_TLS_CERT_ALTNAME_INVALID', advice: /is for another host name: check retrac\.apiUrl/ },
      ] as const;
      for (const c of cases) {
        const e = await failure(client(c.server.baseUrl, c.ca).listItems());
        assert.equal(e.code, 'tls');
        assert.equal(e.tls, c.tls);
        assert.ok(e.networkCode, 'the code is recorded');
        assert.equal(tlsProblemOf(e.networkCode), c.tls);
        if ('code' in c) assert.equal(e.networkCode, c.code);
        assert.match(adviceForNetworkCode(e.networkCode, '127.0.0.1') ?? '', c.advice);
      }
    });

    const REASONS: Record<string, string> = {
      ECONNREFUSED: 'connection refused', ENOTFOUND: 'host not found', EAI_AGAIN: 'DNS lookup failed', ECONNRESET: 'connection reset',
      EPIPE: 'connection closed', ETIMEDOUT: 'connection timed out', EHOSTUNREACH: 'host unreachable', ENETUNREACH: 'network unreachable',
      UND_ERR_SOCKET: 'connection closed before the answer', UND_ERR_CONNECT_TIMEOUT: 'connection timed out', UND_ERR_CLOSED: 'connection closed',
    };
    for (const [code, reason] of Object.entries(REASONS)) {
      it(`${code}: "${reason}"`, () => {
        const e = new RetracError({ status: 0, code: 'network', networkCode: code, host: 'api.example', message: 'technical', cause: new Error(`socket said ${code}`) });
        assert.equal(describeError(e), `Cannot reach api.example: ${reason} (${code}).`);
        assert.equal(tlsProblemOf(code), undefined, 'not a certificate code');
      });
    }

    it('an unknown code keeps the socket\'s own words', () => {
      assert.equal(describeNetworkFailure({ host: 'h', code: 'EWHATEVER', detail: 'socket hang up' }), 'Cannot reach h: socket hang up (EWHATEVER).');
      assert.equal(adviceForNetworkCode('EWHATEVER', 'h'), undefined);
      assert.equal(tlsProblemOf('EWHATEVER'), undefined);
    });

    it('classifies every certificate code', () => {
      const expected: Record<string, string> = {
        DEPTH_ZERO_SELF_SIGNED_CERT: 'untrusted', SELF_SIGNED_CERT_IN_CHAIN: 'untrusted', UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrusted',
        UNABLE_TO_GET_ISSUER_CERT: 'untrusted', UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'untrusted', CERT_UNTRUSTED: 'untrusted',
        CERT_HAS_EXPIRED: 'expired', CERT_NOT_YET_VALID: 'expired', ERR_TLS_CERT_ALTNAME_INVALID: 'hostname',
        CERT_REVOKED: 'other', ERR_TLS_HANDSHAKE_TIMEOUT: 'other', ERR_SSL_WRONG_VERSION_NUMBER: 'other',
      };
      for (const [code, tls] of Object.entries(expected)) assert.equal(tlsProblemOf(code), tls, code);
      for (const code of Object.keys(expected).filter((c) => !c.startsWith('ERR_SSL_'))) {
        assert.ok(adviceForNetworkCode(code, 'h'), `${code} has advice`);
      }
      assert.equal(adviceForNetworkCode('ERR_SSL_WRONG_VERSION_NUMBER', 'h'), undefined, 'not a trust problem: no CA advice');
    });

    it('each advice names the host and what to check', () => {
      const advice: [string, RegExp][] = [
        ['ENOTFOUND', /^The name h could not be resolved \(DNS\): check retrac\.apiUrl/], ['EAI_AGAIN', /could not be resolved \(DNS\)/],
        ['ECONNREFUSED', /^Nothing answers at h \(connection refused\)/], ['ETIMEDOUT', /^h did not answer in time: a firewall or proxy/],
        ['UND_ERR_CONNECT_TIMEOUT', /did not answer in time/], ['ECONNRESET', /^The connection to h was cut: a proxy/], ['EPROTO', /was cut/],
      ];
      for (const [code, re] of advice) assert.match(adviceForNetworkCode(code, 'h') ?? '', re, code);
    });

    it('through a proxy: the proxy\'s answer decides the sentence', () => {
      const f = { host: 'api.example', proxy: 'http://proxy:3128 (from http.proxy)' };
      assert.match(describeNetworkFailure({ ...f, detail: 'Proxy response (407) !== 200 when HTTP Tunneling' }), /the proxy asks for credentials \(HTTP 407\)/);
      assert.match(describeNetworkFailure({ ...f, detail: 'Proxy response (503) !== 200 when HTTP Tunneling' }), /the proxy could not reach api\.example \(HTTP 503\)/);
      assert.match(describeNetworkFailure({ ...f, detail: 'Proxy response (403) !== 200 when HTTP Tunneling' }), /the proxy refused the tunnel \(HTTP 403\)/);
      assert.match(describeNetworkFailure({ ...f, code: 'ECONNREFUSED', detail: 'connect ECONNREFUSED' }), /through the proxy http:\/\/proxy:3128 \(from http\.proxy\): connection refused \(ECONNREFUSED\)\. Check the proxy's host and port/);
      const e = new RetracError({ status: 0, code: 'network', networkCode: 'ECONNREFUSED', host: 'api.example', proxy: f.proxy, message: 'x', cause: new Error('connect ECONNREFUSED') });
      assert.doesNotMatch(describeError(e, { checkingKey: true }), /Nothing answers/, 'the key check does not blame the API host for the proxy');
    });
  });

  describe('the l10n seam', () => {
    const marked: Translate = (message, ...args) => `‹${english(message, ...args)}›`;
    const CODES: RetracErrorCode[] = [
      'bad_request', 'unauthorized', 'forbidden', 'exceeded_limit', 'not_found', 'conflict', 'invite_pending', 'invite_expired',
      'unprocessable_entity', 'rate_limit_exceeded', 'internal_server_error', 'network', 'timeout', 'aborted', 'tls', 'invalid_response',
      'insecure_url', 'invalid_argument',
    ];
    /** Codes whose plain sentence is the server's (or the client's own technical) words. */
    const SERVER_WORDS = new Set<RetracErrorCode>(['bad_request', 'conflict', 'invite_pending', 'invite_expired', 'unprocessable_entity', 'insecure_url', 'invalid_argument']);

    it('every sentence of ours goes through the caller\'s t; the server\'s words pass as they are', () => {
      const variants: Partial<RetracErrorInit>[] = [
        {}, { forbidden: 'scope', missingScope: 'items.write' }, { forbidden: 'scope' }, { forbidden: 'role' }, { forbidden: 'location' },
        { forbidden: 'plan' }, { forbidden: 'plan_limit' }, { forbidden: 'unknown' }, { tls: 'untrusted' }, { tls: 'expired' }, { tls: 'hostname' },
        { tls: 'other' }, { networkCode: 'ECONNREFUSED', cause: new Error('connect ECONNREFUSED') }, { retryAfterMs: 5000 }, { retryAfterMs: 7_200_000 },
      ];
      for (const code of CODES) {
        for (const v of variants) {
          const e = new RetracError({ status: 0, code, host: 'api.example', message: 'Server words', ...v });
          const plain = describeError(e, { t: marked });
          if (SERVER_WORDS.has(code)) assert.equal(plain, 'Server words.', code);
          else assert.match(plain, /^‹.*›$/, `${code} ${JSON.stringify(v)}: ${plain}`);
          assert.match(describeEditError(e, { t: marked, action: 'Do it' }), /^‹/, `${code} with an action`);
          const keyCheck = describeError(e, { t: marked, checkingKey: true });
          assert.ok(keyCheck === 'Server words.' || /^‹/.test(keyCheck), `${code} while checking a key: ${keyCheck}`);
        }
      }
      assert.match(describeError(new Error('odd'), { t: marked }), /^‹Unexpected error: odd›$/);
    });

    it('english fills {0}, {1}, … (the same text vscode.l10n.t gives without a translation)', () => {
      assert.equal(english('{0} at {1}: {0}', 'a', 2), 'a at 2: a');
      assert.equal(english('no args {0}'), 'no args {0}');
    });
  });
});
