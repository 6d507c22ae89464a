// The sandbox under faults (issue 12): malformed requests on every route, SIGKILL of a sandbox
// process during concurrent writes, torn journal tails at random byte offsets, a full disk
// (injected ENOSPC, short writes, failing fsync, and a real 256 KB tmpfs where the machine allows
// mounting one), a chunked body over the limit, a deeply nested bulk body, corrupt state files.
// Invariants: every acknowledged write survives a restart, nothing is answered 2xx unless it is
// on disk, every refusal is error JSON, the process never crashes, and every balance equals the
// sum of its movements after every restart. Ends by printing one `faults: …` line.
/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-explicit-any -- JSON answers are read loosely */
import * as assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as https from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tls from 'node:tls';
import type { StateFile } from '../../src/sandbox/model';
import { io, journalPathOf, readState, StateFileError } from '../../src/sandbox/persist';
import { startSandbox } from '../../src/sandbox/server';
import type { SandboxInfo } from '../../src/sandbox/types';

const BUNDLE = resolve(__dirname, '../../../dist/sandbox.js');

/** What the suite counts, printed at the end. */
const tally = { badRequests: 0, kills: 0, tornTails: 0, diskFull: 0, lost: 0, crashes: 0, withoutErrorJson: 0, corruptStates: 0 };

interface Reply { status: number; text: string; body: any }

/** One HTTPS request over `agent`; a reset or a close without an answer resolves with status 0. */
function request(sb: { baseUrl: string; ca: string }, agent: https.Agent | false, method: string, path: string, options: { key?: string; body?: string | Buffer; headers?: Record<string, string>; chunked?: Buffer[] } = {}): Promise<Reply> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.key !== undefined) headers.authorization = `Bearer ${options.key}`;
  if (options.body !== undefined || options.chunked) headers['content-type'] ??= 'application/json';
  return new Promise((done) => {
    const req = https.request(new URL(path, sb.baseUrl), { method, headers, ca: sb.ca, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
        done({ status: res.statusCode ?? 0, text, body });
      });
      res.on('error', () => done({ status: 0, text: '', body: undefined }));
    });
    req.on('error', () => done({ status: 0, text: '', body: undefined }));
    if (options.chunked) {
      const parts = [...options.chunked];
      const pump = (): void => {
        let part: Buffer | undefined;
        while ((part = parts.shift())) if (!req.write(part)) return void req.once('drain', pump);
        req.end();
      };
      pump();
    } else req.end(options.body);
  });
}

function isErrorJson(r: Reply): boolean {
  return r.status >= 400 && typeof r.body?.error?.code === 'string' && typeof r.body.error.message === 'string' && r.body.error.message.length > 0;
}

/** Sends raw bytes over TLS and reads until the server closes; returns the status and JSON body. */
function rawRequest(sb: { baseUrl: string; ca: string }, bytes: string): Promise<Reply> {
  const url = new URL(sb.baseUrl);
  return new Promise((done) => {
    const socket = tls.connect({ host: url.hostname, port: Number(url.port), ca: sb.ca, servername: 'localhost' }, () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      let body: unknown;
      try {
        body = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));
      } catch {
        body = undefined;
      }
      done({ status, text, body });
    });
  });
}

function keyOf(sb: SandboxInfo, name: string): string {
  const key = sb.keys.find((k) => k.name === name);
  if (!key) throw new Error(`no key ${name}`);
  return key.key;
}

function wsOf(sb: SandboxInfo): string {
  return sb.keys.find((k) => k.name === 'owner-full')!.workspaceId;
}

/** Balance = sum of movements for every balance row, computed here independently of the sandbox. */
function assertBalancesMatchMovements(state: StateFile, when: string): void {
  const sums = new Map<string, number>();
  const up = new Set(['opening', 'adjustment_plus', 'transfer_in', 'transfer_revert_in']);
  for (const m of state.movements) {
    const key = `${m.itemId} ${m.locationId}`;
    sums.set(key, (sums.get(key) ?? 0) + (up.has(m.type) ? m.quantity : -m.quantity));
  }
  for (const b of state.balances) {
    assert.equal(b.onHandQty, sums.get(`${b.itemId} ${b.locationId}`) ?? 0, `${when}: balance ${b.id} differs from the sum of its movements`);
  }
}

function loadChecked(statePath: string, when: string): StateFile {
  const loaded = readState(statePath);
  assert.ok(loaded, `${when}: the state is readable`);
  assertBalancesMatchMovements(loaded.state, when);
  return loaded.state;
}

/** Random ints from a seeded generator, so a failing run can be replayed (FAULT_SEED). */
function rng(seed: number): (n: number) => number {
  let s = seed >>> 0 || 1;
  return (n) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
}
const SEED = Number(process.env.FAULT_SEED ?? Date.now() % 100000);
const random = rng(SEED);

/** JSON text of an object nested `levels` deep (built as text: JSON.stringify itself overflows). */
function deep(levels: number): string {
  return `${'{"a":'.repeat(levels)}{"sku":"DEEP"}${'}'.repeat(levels)}`;
}

interface Child { proc: ChildProcess; info: SandboxInfo; ca: string; exited: Promise<void> }

/** Every CLI child started, killed in `after` whatever happened (a failed test must not leave one running). */
const children: ChildProcess[] = [];

function startChild(args: string[]): Promise<Child> {
  const proc = spawn(process.execPath, [BUNDLE, '--json', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(proc);
  let out = '';
  let err = '';
  const exited = new Promise<void>((done) => proc.once('exit', () => done()));
  return new Promise((resolveChild, reject) => {
    proc.stderr.on('data', (c: Buffer) => (err += c.toString()));
    proc.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        const info = JSON.parse(out.slice(0, nl)) as SandboxInfo;
        resolveChild({ proc, info, ca: readFileSync(info.caCertPath, 'utf8'), exited });
      }
    });
    proc.once('exit', (code, signal) => reject(new Error(`sandbox exited (${String(code ?? signal)}) before its JSON line; stderr: ${err}`)));
  });
}

describe('sandbox: faults', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    assert.ok(existsSync(BUNDLE), `build first: ${BUNDLE} is missing`);
    dir = mkdtempSync(join(tmpdir(), 'sandbox-faults-'));
  });
  after(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    console.log(`      (fault seed ${SEED}; FAULT_SEED=${SEED} replays it)`);
    console.log(`faults: ${tally.badRequests.toLocaleString('en-US')} bad requests, ${tally.kills} kills, ${tally.tornTails} torn tails, ${tally.diskFull} disk-full, ${tally.corruptStates} corrupt states: ${tally.lost} acknowledged writes lost, ${tally.crashes} crashes, ${tally.withoutErrorJson} answers without error JSON`);
  });

  it('answers ≥ 2,000 malformed requests across every route with error JSON and keeps serving', async () => {
    const sb = await startSandbox({ port: 0, seedItems: 30, randomSeed: 3, rateLimitPerMinute: 1e9 });
    const agent = new https.Agent({ keepAlive: true, maxSockets: 6, ca: sb.ca });
    try {
      const ws = wsOf(sb);
      const owner = keyOf(sb, 'owner-full');
      const restricted = keyOf(sb, 'restricted-all');
      const itemsOnly = keyOf(sb, 'restricted-items-read');
      const routes: [string, string, string][] = [ // method, path, scope resource
        ['GET', '/items', 'items'], ['GET', '/items/count', 'items'], ['GET', '/items/info', 'items'], ['POST', '/items', 'items'],
        ['POST', '/items/bulk', 'items'], ['PATCH', '/items/nope', 'items'], ['DELETE', '/items/nope', 'items'],
        ['GET', '/tags', 'tags'], ['POST', '/tags', 'tags'], ['PATCH', '/tags/nope', 'tags'], ['DELETE', '/tags/nope', 'tags'],
        ['GET', '/locations', 'locations'], ['GET', '/locations/count', 'locations'], ['POST', '/locations', 'locations'], ['PATCH', '/locations/nope', 'locations'],
        ['GET', '/inventory/balances', 'inventory'], ['PUT', '/inventory/balances', 'inventory'], ['GET', '/inventory/movements', 'inventory'],
        ['GET', '/inventory/transfers', 'transfers'], ['POST', '/inventory/transfers', 'transfers'], ['GET', '/inventory/transfers/nope', 'transfers'],
        ['POST', '/inventory/transfers/nope/revert', 'transfers'],
        ['GET', '/workspaces', 'workspaces'], ['GET', '/workspaces/nope', 'workspaces'], ['PATCH', '/workspaces/nope', 'workspaces'],
      ];
      const junkValues: unknown[] = [null, true, 0, -1, 1e308, 'x'.repeat(5000), [], [1, 2], {}, { nested: { deeper: [] } }, '\u0000', '💥'.repeat(300)];
      type Case = { method: string; path: string; key?: string; body?: string; headers?: Record<string, string> };
      const cases: Case[] = [];
      const scoped = (path: string): string => `${path}${path.includes('?') ? '&' : '?'}workspaceId=${ws}`;
      for (const [method, path, resource] of routes) {
        const isWrite = method !== 'GET';
        const wsScoped = resource !== 'workspaces';
        const target = wsScoped ? scoped(path) : path;
        cases.push({ method, path: target }); // no key
        cases.push({ method, path: target, headers: { authorization: 'Token abc' } });
        cases.push({ method, path: target, headers: { authorization: 'Bearer' } });
        cases.push({ method, path: target, key: `sk_${random(1e9)}_not_a_key` });
        cases.push({ method, path: `${path}${path.includes('?') ? '&' : '?'}workspaceId=${ws}`, key: restricted }); // restricted + workspaceId
        if (wsScoped) cases.push({ method, path, key: owner }); // full key without workspaceId
        if (wsScoped) cases.push({ method, path: `${path}?workspaceId=ws_missing`, key: owner });
        if (resource !== 'items' || isWrite) cases.push({ method, path: target.replace(`workspaceId=${ws}`, ''), key: itemsOnly }); // scope lacking
        cases.push({ method: method === 'GET' ? 'PUT' : 'GET', path: `${path}/x/y/z`, key: owner }); // no such endpoint
        cases.push({ method, path: `${path}/%E0%A4%A`, key: owner });
        if (isWrite) {
          const bodies = ['{', '{"sku":', 'not json', '[1,2', '{"a":1}}', '\u0000\u0001', deep(60), `[${'['.repeat(3000)}${']'.repeat(3000)}]`];
          for (const body of bodies) cases.push({ method, path: target, key: owner, body });
          for (const value of junkValues) {
            const fields = ['sku', 'description', 'cost', 'name', 'itemId', 'locationId', 'onHandQty', 'fromLocationId', 'lines', 'tagIds', 'type', 'color'];
            for (const field of fields) {
              const body: Record<string, unknown> = { [field]: value };
              // Always invalid: a required field of every write body is missing or of the wrong type.
              if (field !== 'sku') body.sku = 42;
              if (!path.endsWith('/nope') && !path.endsWith('/revert')) body.name = 42;
              // A bulk body that is a non-empty array is valid (its slots fail one by one): send an object instead.
              const bulk = Array.isArray(value) && value.length > 0 ? {} : value;
              cases.push({ method, path: target, key: owner, body: JSON.stringify(path.endsWith('/bulk') ? bulk : body) });
            }
          }
        } else {
          const lists: Record<string, string[]> = {
            '/items': ['sort=bogus', 'order=up', 'withTags=maybe'],
            '/locations': ['type=bogus', 'active=yes'],
            '/inventory/balances': ['minQty=x', 'minQty=1.5'],
            '/inventory/movements': ['type=bogus'],
            '/inventory/transfers': ['status=lost'],
          };
          const paging = ['page=0', 'page=-3', 'page=abc', 'pageSize=0', 'pageSize=100000', 'pageSize=1.5', 'page=99999999999'];
          for (const q of path in lists ? [...paging, ...lists[path]] : ['itemId=']) {
            if (!(path in lists) && path !== '/items/info') continue;
            cases.push({ method, path: `${target}${target.includes('?') ? '&' : '?'}${q}`, key: owner });
          }
        }
      }
      // Fuzz the item writes with random invalid bodies until the count is well past 2,000.
      while (cases.length < 2100) {
        const value = junkValues[random(junkValues.length)];
        const body = { sku: random(2) ? value : undefined, description: junkValues[random(junkValues.length)], cost: random(2) ? -1 - random(100) : 'free' };
        cases.push({ method: random(2) ? 'POST' : 'PATCH', path: scoped(random(2) ? '/items' : '/items/nope'), key: random(2) ? owner : restricted, body: JSON.stringify(body) });
      }
      let next = 0;
      const failures: string[] = [];
      await Promise.all(Array.from({ length: 6 }, async () => {
        while (next < cases.length) {
          const c = cases[next++];
          const r = await request(sb, agent, c.method, c.path, { key: c.key, body: c.body, headers: c.headers });
          tally.badRequests++;
          if (!isErrorJson(r)) {
            tally.withoutErrorJson++;
            if (failures.length < 5) failures.push(`${c.method} ${c.path} ${c.body?.slice(0, 80) ?? ''} → ${r.status} ${r.text.slice(0, 120)}`);
          }
        }
      }));
      // What Node parses before our router: request line, header size, chunk encoding, framing.
      const auth = `Authorization: Bearer ${owner}\r\n`;
      const raw = [
        'GARBAGE\r\n\r\n',
        'GET /items HTTP/9.9\r\nHost: x\r\n\r\n',
        'GET /items HTTP/1.1\r\nHost: x\r\nBadHeaderWithoutColon\r\n\r\n',
        `GET /items HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
        `POST /items?workspaceId=${ws} HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nabc\r\n0\r\n\r\n`,
        `POST /items?workspaceId=${ws} HTTP/1.1\r\nHost: x\r\n${auth}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
        `POST /items?workspaceId=${ws} HTTP/1.1\r\nHost: x\r\n${auth}Content-Length: abc\r\n\r\n{}`,
        'G\u0000ET / HTTP/1.1\r\n\r\n',
      ];
      for (let round = 0; round < 5; round++) {
        for (const bytes of raw) {
          const r = await rawRequest(sb, bytes);
          tally.badRequests++;
          if (!isErrorJson(r)) {
            tally.withoutErrorJson++;
            if (failures.length < 10) failures.push(`raw ${JSON.stringify(bytes.slice(0, 60))} → ${r.text.slice(0, 160)}`);
          }
        }
      }
      const alive = await request(sb, agent, 'GET', scoped('/items/count'), { key: owner });
      if (alive.status !== 200) tally.crashes++;
      assert.equal(alive.status, 200, 'the sandbox still serves');
      assert.equal(alive.body, 30, 'no malformed request created anything');
      assert.deepEqual(failures, [], 'every malformed request gets error JSON');
      assert.ok(tally.badRequests >= 2000);
    } finally {
      agent.destroy();
      await sb.close();
    }
  });

  it('answers a chunked body over 1 MB with 413 JSON (no reset, no crash) and keeps serving', async () => {
    const sb = await startSandbox({ port: 0, seedItems: 10, randomSeed: 4 });
    try {
      const key = keyOf(sb, 'restricted-all');
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      for (const agent of [false, new https.Agent({ keepAlive: true, ca: sb.ca })] as const) {
        const chunked = await request(sb, agent, 'POST', '/items', { key, chunked: [Buffer.from('{"sku":"BIG","description":"'), ...Array.from({ length: 40 }, () => chunk), Buffer.from('","cost":1}')] });
        tally.badRequests++;
        assert.equal(chunked.status, 413, chunked.text.slice(0, 200));
        assert.ok(isErrorJson(chunked));
        const declared = await request(sb, agent, 'POST', '/items', { key, body: Buffer.alloc(3 * 1024 * 1024, 0x20) });
        tally.badRequests++;
        assert.equal(declared.status, 413);
        assert.ok(isErrorJson(declared));
        if (agent) {
          // The same keep-alive connection serves the next request.
          assert.equal((await request(sb, agent, 'GET', '/items/count', { key })).status, 200);
          agent.destroy();
        }
      }
      assert.equal((await request(sb, false, 'GET', '/items/count', { key })).body, 10, 'nothing was created, the process lives');
    } finally {
      await sb.close();
    }
  });

  it('refuses a bulk entry nested 5,000 deep before committing anything, and bounds what a failed slot echoes', async () => {
    const sb = await startSandbox({ port: 0, seedItems: 10, randomSeed: 5 });
    try {
      const key = keyOf(sb, 'restricted-all');
      const body = `[${JSON.stringify({ sku: 'BULK-OK', description: 'fine', cost: 1 })},${deep(5000)}]`;
      const r = await request(sb, false, 'POST', '/items/bulk', { key, body });
      tally.badRequests++;
      assert.equal(r.status, 422);
      assert.match(r.body.error.message, /nested deeper than/);
      assert.equal((await request(sb, false, 'GET', '/items/count', { key })).body, 10, 'nothing committed');
      // Entries that fail inside the depth limit: the slot carries a bounded summary, the good entry is created and answered.
      const long = 'y'.repeat(100_000);
      const mixed = await request(sb, false, 'POST', '/items/bulk', { key, body: JSON.stringify([{ sku: 'BULK-OK', description: 'fine', cost: 1 }, JSON.parse(deep(25)), { sku: long, description: long, cost: 1, tagNames: Array(500).fill(long.slice(0, 150)) }]) });
      assert.equal(mixed.status, 201);
      assert.equal(mixed.body[0].sku, 'BULK-OK');
      assert.ok(mixed.body[1].error && mixed.body[2].error);
      assert.ok(mixed.text.length < 10_000, `the answer is bounded (${mixed.text.length} bytes)`);
      assert.equal(mixed.body[2].item.sku.length, 201);
      assert.equal(mixed.body[2].item.tagNames.length, 20);
      assert.equal((await request(sb, false, 'GET', '/items/count', { key })).body, 11);
    } finally {
      await sb.close();
    }
  });

  it('refuses every kind of corrupt state with one message naming the file and what to do; --reset starts fresh', async () => {
    const base = join(dir, 'corrupt');
    mkdirSync(base);
    const good = join(base, 'good.json');
    const sb = await startSandbox({ port: 0, seedItems: 5, randomSeed: 6, statePath: good, certDir: join(base, 'ca') });
    await sb.close();
    const valid = JSON.parse(readFileSync(good, 'utf8')) as StateFile;
    const variant = (edit: (s: StateFile) => void): string => {
      const copy = structuredClone(valid);
      edit(copy);
      return JSON.stringify(copy);
    };
    const cases: [string, string, string?][] = [
      ['empty', ''],
      ['truncated', JSON.stringify(valid).slice(0, 1000)],
      ['not JSON', 'hello'],
      ['an array', '[]'],
      ['version 2', variant((s) => ((s as { version: number }).version = 2))],
      ['items not a list', variant((s) => ((s as unknown as { items: unknown }).items = {}))],
      ['a SKU of 500 characters', variant((s) => (s.items[0].sku = 'S'.repeat(500)))],
      ['a negative cost', variant((s) => (s.items[0].cost = -5))],
      ['a balance of an unknown item', variant((s) => (s.balances[0].itemId = 'gone'))],
      ['a balance that is not the sum of its movements', variant((s) => (s.balances[0].onHandQty += 1))],
      ['a duplicate item id', variant((s) => s.items.push({ ...s.items[0], sku: 'OTHER' }))],
      ['an unknown movement type', variant((s) => ((s.movements[0] as { type: string }).type = 'teleport'))],
      ['a row of an unknown workspace', variant((s) => (s.tags[0].workspaceId = 'ws_nowhere'))],
      ['a garbage journal line', JSON.stringify(valid), 'garbage line\n{"op":"batch","changes":[]}\n'],
      ['a journal row that breaks the model', JSON.stringify(valid), `${JSON.stringify({ op: 'batch', changes: [{ op: 'put', kind: 'item', row: { id: 'x', sku: '' } }] })}\n`],
    ];
    for (const [name, text, journal] of cases) {
      const statePath = join(base, `${name.replace(/\W+/g, '-')}.json`);
      writeFileSync(statePath, text);
      if (journal !== undefined) writeFileSync(journalPathOf(statePath), journal);
      await assert.rejects(startSandbox({ port: 0, statePath, certDir: join(base, 'ca') }), (e: Error) => {
        assert.ok(e instanceof StateFileError, `${name}: ${e.message}`);
        assert.ok(e.message.includes(statePath), `${name}: names the file: ${e.message}`);
        assert.match(e.message, /--reset/, name);
        assert.match(e.message, /[Mm]ove/, name);
        return true;
      });
      tally.corruptStates++;
    }
    // A journal without its state file is refused, not discarded.
    const orphan = join(base, 'orphan.json');
    writeFileSync(journalPathOf(orphan), `${JSON.stringify({ op: 'batch', changes: [] })}\n`);
    await assert.rejects(startSandbox({ port: 0, statePath: orphan, certDir: join(base, 'ca') }), /journal .* exists but its state file .* is missing/);
    assert.ok(existsSync(journalPathOf(orphan)), 'the journal is kept');
    tally.corruptStates++;
    // --reset keeps a .bak copy and starts with fresh demo data.
    const broken = join(base, 'not-JSON.json');
    const fresh = await startSandbox({ port: 0, statePath: broken, reset: true, seedItems: 5, certDir: join(base, 'ca') });
    try {
      assert.equal(readFileSync(`${broken}.bak`, 'utf8'), 'hello');
      assert.equal((await request(fresh, false, 'GET', '/items/count', { key: keyOf(fresh, 'restricted-all') })).body, 5);
    } finally {
      await fresh.close();
    }
  });

  it('cuts torn journal tails at random byte offsets: the torn commit is gone whole, every earlier and later write is kept', async () => {
    const base = join(dir, 'torn');
    mkdirSync(base);
    const statePath = join(base, 'state.json');
    const sb = await startSandbox({ port: 0, seedItems: 8, randomSeed: 8, statePath, certDir: join(base, 'ca') });
    const key = keyOf(sb, 'restricted-all');
    try {
      const locations = (await request(sb, false, 'GET', '/locations?active=true', { key })).body as { id: string }[];
      const items = (await request(sb, false, 'GET', '/items', { key })).body as { id: string }[];
      for (let round = 0; round < 40; round++) {
        // Commits, one per request: a create, a stock change (balance + movement in one commit).
        const sku = `TORN-${round}`;
        assert.equal((await request(sb, false, 'POST', '/items', { key, body: JSON.stringify({ sku, description: 'torn test', cost: round }) })).status, 201);
        const put = await request(sb, false, 'PUT', '/inventory/balances', { key, body: JSON.stringify({ itemId: items[round % items.length].id, locationId: locations[round % 3].id, onHandQty: 1000 + round }) });
        assert.equal(put.status, 200);
        // A copy of the files as they are, torn at a random byte: anywhere in the journal (as if
        // the crash came during that append), every 4th time inside its first line (so that no
        // whole commit precedes the tear, issue 12 #1), else inside its last line.
        const copy = join(base, `copy-${round}.json`);
        copyFileSync(statePath, copy);
        const journal = readFileSync(journalPathOf(statePath));
        const firstEnd = journal.indexOf(0x0a);
        const lastStart = journal.lastIndexOf(0x0a, journal.length - 2) + 1;
        const cut = round % 4 === 0 ? random(firstEnd) : round % 4 === 1 ? random(journal.length) : lastStart + random(journal.length - 1 - lastStart);
        writeFileSync(journalPathOf(copy), journal.subarray(0, cut));
        // Which creates the kept part holds: those whose commit line ends before the cut.
        const kept = new Set<string>();
        for (let start = 0, end = journal.indexOf(0x0a); end >= 0; start = end + 1, end = journal.indexOf(0x0a, start)) {
          if (end >= cut) break;
          for (const m of journal.subarray(start, end).toString('utf8').matchAll(/"sku":"(TORN-\d+)"/g)) kept.add(m[1]);
        }
        const restarted = await startSandbox({ port: 0, statePath: copy, certDir: join(base, 'ca') });
        tally.tornTails++;
        try {
          const state = loadChecked(copy, `torn tail ${round}`);
          for (let k = 0; k <= round; k++) {
            const present = state.items.some((i) => i.sku === `TORN-${k}`);
            assert.equal(present, kept.has(`TORN-${k}`), `cut at ${cut}: TORN-${k} is ${present ? 'present' : 'missing'}`);
          }
          assert.equal(statSync(journalPathOf(copy)).size, 0, 'the torn tail is cut before anything is appended');
          // A write after the restart survives the next restart (issue 12 #1).
          const after = await request(restarted, false, 'POST', '/items', { key: keyOf(restarted, 'restricted-all'), body: JSON.stringify({ sku: `AFTER-${round}`, description: 'after a torn tail', cost: 1 }) });
          assert.equal(after.status, 201);
          const reread = loadChecked(copy, `after torn tail ${round}`);
          if (!reread.items.some((i) => i.sku === `AFTER-${round}`)) tally.lost++;
        } finally {
          await restarted.close();
        }
        rmSync(copy, { force: true });
        rmSync(journalPathOf(copy), { force: true });
      }
      assert.equal(tally.lost, 0);
    } finally {
      await sb.close();
    }
  });

  it('answers 503 and rolls back a write the disk refuses (ENOSPC, short write, failed fsync); nothing 2xx is lost', async () => {
    const base = join(dir, 'full');
    mkdirSync(base);
    const statePath = join(base, 'state.json');
    const sb = await startSandbox({ port: 0, seedItems: 8, randomSeed: 9, statePath, certDir: join(base, 'ca') });
    const key = keyOf(sb, 'restricted-all');
    const realWrite = io.writeSync;
    const realFsync = io.fsyncSync;
    const acked: string[] = [];
    try {
      const modes = ['enospc', 'short-then-enospc', 'fsync-eio'] as const;
      for (let round = 0; round < 12; round++) {
        const mode = modes[round % modes.length];
        assert.equal((await request(sb, false, 'POST', '/items', { key, body: JSON.stringify({ sku: `OK-${round}`, description: 'durable', cost: 1 }) })).status, 201);
        acked.push(`OK-${round}`);
        let calls = 0;
        if (mode === 'enospc') io.writeSync = () => { throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }); };
        if (mode === 'short-then-enospc') io.writeSync = (fd, buffer, offset, length) => (calls++ === 0 ? realWrite(fd, buffer, offset, Math.max(1, Math.floor(length / 3))) : 0);
        if (mode === 'fsync-eio') io.fsyncSync = () => { throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }); };
        const refused = await request(sb, false, 'POST', '/items', { key, body: JSON.stringify({ sku: `FULL-${round}`, description: 'not durable', cost: 1 }) });
        io.writeSync = realWrite;
        io.fsyncSync = realFsync;
        tally.diskFull++;
        assert.equal(refused.status, 503, `${mode}: ${refused.text}`);
        assert.equal(refused.body.error.code, 'internal_server_error');
        assert.match(refused.body.error.message, /could not be saved/);
        const seen = await request(sb, false, 'GET', `/items?sku=FULL-${round}`, { key });
        assert.deepEqual(seen.body, [], `${mode}: the refused write is rolled back in memory`);
        // The same SKU can be created once space is back: nothing of the refused write remains.
        assert.equal((await request(sb, false, 'POST', '/items', { key, body: JSON.stringify({ sku: `FULL-${round}`, description: 'retried', cost: 2 }) })).status, 201);
        acked.push(`FULL-${round}`);
      }
      // A restart on a copy of the files (as after a crash) serves every acknowledged write.
      const copy = join(base, 'copy.json');
      copyFileSync(statePath, copy);
      copyFileSync(journalPathOf(statePath), journalPathOf(copy));
      const state = loadChecked(copy, 'after disk-full faults');
      for (const sku of acked) if (!state.items.some((i) => i.sku === sku && (!sku.startsWith('FULL-') || i.cost === 2))) tally.lost++;
      assert.equal(tally.lost, 0);
    } finally {
      io.writeSync = realWrite;
      io.fsyncSync = realFsync;
      await sb.close();
    }
  });

  it('on a real full disk (a 256 KB tmpfs, where mounting is allowed) answers 503 and loses no acknowledged write', async function () {
    const mount = join(dir, 'tmpfs');
    mkdirSync(mount);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mount], { stdio: 'pipe' });
    } catch (e) {
      // Said, not skipped silently: the injected faults above cover the same paths.
      console.log(`      tmpfs: cannot mount here (${(e as Error).message.split('\n')[0]}); the injected ENOSPC cases stand in`);
      return;
    }
    try {
      const statePath = join(mount, 'state.json');
      const sb = await startSandbox({ port: 0, seedItems: 5, randomSeed: 10, statePath, certDir: join(dir, 'tmpfs-ca') });
      const key = keyOf(sb, 'restricted-all');
      const acked: string[] = [];
      let refused = 0;
      for (let i = 0; i < 2000 && refused < 3; i++) {
        const sku = `FILL-${i}`;
        const r = await request(sb, false, 'POST', '/items', { key, body: JSON.stringify({ sku, description: 'd'.repeat(900), cost: 1 }) });
        if (r.status === 201) acked.push(sku);
        else {
          assert.equal(r.status, 503, r.text);
          assert.ok(isErrorJson(r));
          refused++;
          tally.diskFull++;
          assert.deepEqual((await request(sb, false, 'GET', `/items?sku=${sku}`, { key })).body, [], 'rolled back');
        }
      }
      assert.equal(refused, 3, 'the disk filled up');
      execFileSync('mount', ['-o', 'remount,size=4m', mount]); // space comes back
      await sb.close();
      const state = loadChecked(statePath, 'after the tmpfs filled up');
      const skus = new Set(state.items.map((i) => i.sku));
      for (const sku of acked) if (!skus.has(sku)) tally.lost++;
      assert.equal(tally.lost, 0, 'every acknowledged write survives');
      console.log(`      tmpfs: ${acked.length} writes acknowledged before the 256 KB disk filled, ${refused} refused with 503, all ${acked.length} kept`);
    } finally {
      execFileSync('umount', [mount]);
    }
  });

  it('keeps every acknowledged write across ≥ 25 SIGKILLs at random moments during concurrent writes', async () => {
    const base = join(dir, 'kills');
    mkdirSync(base);
    const statePath = join(base, 'state.json');
    const args = ['--state', statePath, '--cert-dir', join(base, 'ca'), '--seed-items', '12', '--rate-limit', '100000000'];
    const ackedSkus = new Set<string>();
    const ackedTransfers = new Set<string>();
    /** Per (item, location) written by one writer only: the last acknowledged quantity and the one in flight. */
    const quantities = new Map<string, { acked?: number; inflight?: number }>();
    for (let round = 0; round < 25; round++) {
      const child = await startChild(args);
      const info = { baseUrl: child.info.baseUrl, ca: child.ca };
      const key = keyOf(child.info, 'restricted-all');
      // Every acknowledged write from earlier rounds is there.
      const state = loadChecked(statePath, `restart ${round}`);
      for (const sku of ackedSkus) if (!state.items.some((i) => i.sku === sku)) tally.lost++;
      for (const id of ackedTransfers) if (!state.transfers.some((t) => t.id === id)) tally.lost++;
      for (const [pair, q] of quantities) {
        const [itemId, locationId] = pair.split(' ');
        const row = state.balances.find((b) => b.itemId === itemId && b.locationId === locationId);
        if (q.acked !== undefined && row?.onHandQty !== q.acked && row?.onHandQty !== q.inflight) tally.lost++;
        // What is on disk now is the baseline (an unacknowledged write may have landed).
        q.acked = row?.onHandQty;
        q.inflight = undefined;
      }
      assert.equal(tally.lost, 0, `restart ${round}: acknowledged writes lost`);
      const agent = new https.Agent({ keepAlive: true, ca: child.ca, maxSockets: 4 });
      const items = state.items.filter((i) => i.workspaceId === wsOf(child.info)).slice(0, 4);
      const locations = state.locations.filter((l) => l.workspaceId === wsOf(child.info) && l.active).slice(0, 3);
      let stop = false;
      const writer = async (w: number): Promise<void> => {
        for (let n = 0; !stop; n++) {
          const kind = n % 3;
          if (kind === 0) {
            const sku = `K${round}-${w}-${n}`;
            const r = await request(info, agent, 'POST', '/items', { key, body: JSON.stringify({ sku, description: 'written while killed', cost: n }) });
            if (r.status === 0) return; // killed: this write may or may not have landed; nothing after it was sent
            if (r.status === 201) ackedSkus.add(sku);
            else assert.ok(isErrorJson(r), r.text);
          } else if (kind === 1) {
            const pair = `${items[w].id} ${locations[w % locations.length].id}`;
            const q = quantities.get(pair) ?? {};
            quantities.set(pair, q);
            const qty = 1 + random(500);
            q.inflight = qty;
            const r = await request(info, agent, 'PUT', '/inventory/balances', { key, body: JSON.stringify({ itemId: items[w].id, locationId: locations[w % locations.length].id, onHandQty: qty }) });
            if (r.status === 0) return; // killed with this write in flight: it is the only one that may have landed
            if (r.status === 200) q.acked = qty;
            q.inflight = undefined;
          } else {
            const from = locations[(w + 1) % locations.length];
            const to = locations[(w + 2) % locations.length];
            const r = await request(info, agent, 'POST', '/inventory/transfers', { key, body: JSON.stringify({ fromLocationId: from.id, toLocationId: to.id, lines: [{ itemId: items[3].id, quantity: 1 }] }) });
            if (r.status === 0) return;
            if (r.status === 201) ackedTransfers.add(r.body.id);
            else assert.ok(isErrorJson(r), r.text);
          }
        }
      };
      const writers = [0, 1, 2].map((w) => writer(w));
      await new Promise((r) => setTimeout(r, 30 + random(300)));
      child.proc.kill('SIGKILL');
      await child.exited;
      tally.kills++;
      stop = true;
      await Promise.all(writers);
      agent.destroy();
    }
    const last = await startChild(args);
    try {
      const state = loadChecked(statePath, 'after the last kill');
      for (const sku of ackedSkus) if (!state.items.some((i) => i.sku === sku)) tally.lost++;
      for (const id of ackedTransfers) if (!state.transfers.some((t) => t.id === id)) tally.lost++;
      assert.equal(tally.lost, 0);
      assert.ok(ackedSkus.size > 25, `writes were acknowledged between kills (${ackedSkus.size})`);
    } finally {
      last.proc.kill('SIGTERM');
      await last.exited;
    }
  });
});
