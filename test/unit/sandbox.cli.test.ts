// The sandbox CLI (dist/sandbox.js) as a child process: the one-line --json handshake, --help,
// clean shutdown, and a state file that survives SIGKILL in the middle of writes.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunningSandbox, SandboxInfo } from '../../src/sandbox/types';
import { call } from './sandboxHttp';

const BUNDLE = resolve(__dirname, '../../../dist/sandbox.js');

interface Child { proc: ChildProcess; info: SandboxInfo; stdout: () => string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }

/** Starts the CLI and waits for its JSON line. */
function startCli(args: string[]): Promise<Child> {
  const proc = spawn(process.execPath, [BUNDLE, '--json', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => proc.once('exit', (code, signal) => done({ code, signal })));
  return new Promise((resolveChild, reject) => {
    const timer = setTimeout(() => reject(new Error(`no JSON line in time; stderr: ${err}`)), 30_000);
    proc.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    proc.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0 && timer) {
        clearTimeout(timer);
        resolveChild({ proc, info: JSON.parse(out.slice(0, nl)) as SandboxInfo, stdout: () => out, exited });
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox exited with ${String(code)} before its JSON line; stderr: ${err}`));
    });
  });
}

/** A RunningSandbox-shaped handle for the HTTP helpers. */
function handle(info: SandboxInfo): RunningSandbox {
  return { ...info, ca: readFileSync(info.caCertPath, 'utf8'), injectFault: () => undefined, close: () => Promise.resolve() };
}

function runToEnd(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const proc = spawn(process.execPath, [BUNDLE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((done) => proc.once('close', (code) => done({ code, stdout, stderr })));
}

describe('sandbox CLI', function () {
  this.timeout(60_000);
  let dir: string;
  const children: ChildProcess[] = [];
  before(() => {
    assert.ok(existsSync(BUNDLE), `build first: ${BUNDLE} is missing`);
    dir = mkdtempSync(join(tmpdir(), 'sandbox-cli-'));
  });
  after(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints exactly one JSON line on stdout, serves, and exits 0 on SIGTERM', async () => {
    const child = await startCli(['--seed-items', '20', '--rate-limit', '1000']);
    children.push(child.proc);
    const { info } = child;
    assert.match(info.baseUrl, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(Object.keys(info).sort(), ['baseUrl', 'caCertPath', 'keys', 'workspaces']);
    assert.deepEqual(Object.keys(info.keys[0]).sort(), ['key', 'name', 'role', 'scopes', 'type', 'workspaceId']);
    assert.deepEqual(Object.keys(info.workspaces[0]).sort(), ['id', 'plan', 'slug']);
    const sb = handle(info);
    const r = await call(sb, 'GET', '/items/count', { key: 'restricted-read' });
    assert.equal(r.body, 20);
    assert.equal(r.headers['x-ratelimit-limit'], '1000');
    await call(sb, 'GET', '/nope', { key: 'restricted-read' });
    child.proc.kill('SIGTERM');
    const { code } = await child.exited;
    assert.equal(code, 0);
    assert.equal(child.stdout().split('\n').filter((l) => l !== '').length, 1, child.stdout());
    assert.ok(!existsSync(info.caCertPath), 'the temporary CA folder is removed on exit');
  });

  it('prints usage with --help and rejects unknown options', async () => {
    const help = await runToEnd(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--state FILE/);
    assert.match(help.stdout, /--seed-items N/);
    const bad = await runToEnd(['--frobnicate']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown option --frobnicate/);
  });

  it('keeps a readable state file when killed mid-write, and a restart serves the acknowledged data with the same keys', async () => {
    const statePath = join(dir, 'state.json');
    // SIGKILL skips the exit cleanup: keep its CA inside the folder this suite removes.
    const first = await startCli(['--state', statePath, '--cert-dir', join(dir, 'killed-ca'), '--seed-items', '200', '--rate-limit', '100000']);
    children.push(first.proc);
    const sb = handle(first.info);
    const acked: string[] = [];
    let stop = false;
    const worker = async (w: number): Promise<void> => {
      for (let i = 0; !stop; i++) {
        const sku = `KILL-${w}-${i}`;
        try {
          const r = await call(sb, 'POST', '/items', { key: 'restricted-all', body: { sku, description: 'written while being killed', cost: i } });
          if (r.status === 201) acked.push(sku);
        } catch {
          return; // the process is gone
        }
      }
    };
    const workers = [0, 1, 2, 3].map(worker);
    while (acked.length < 40) await new Promise((r) => setTimeout(r, 10));
    first.proc.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    await first.exited;

    const state = JSON.parse(readFileSync(statePath, 'utf8'));
    assert.equal(state.version, 1);
    // Whatever a crash tore off the journal's end is ignored on load.
    appendFileSync(`${statePath}.journal`, '{"op":"put","kind":"item","row":{"id":"c');
    const second = await startCli(['--state', statePath]);
    children.push(second.proc);
    try {
      assert.deepEqual(second.info.keys, first.info.keys, 'keys persist in the state file');
      assert.deepEqual(second.info.workspaces, first.info.workspaces);
      const sb2 = handle(second.info);
      const count = (await call(sb2, 'GET', '/items/count', { key: 'restricted-all', query: { search: 'KILL-' } })).body as number;
      assert.ok(count >= acked.length, `${count} stored, ${acked.length} acknowledged`);
      for (const sku of acked.slice(-5)) {
        const found = await call(sb2, 'GET', '/items', { key: 'restricted-all', query: { sku } });
        assert.equal(found.body.length, 1, `acknowledged ${sku} is stored`);
      }
      assert.equal((await call(sb2, 'GET', '/items/count', { key: 'restricted-all' })).body, 200 + count);
    } finally {
      second.proc.kill('SIGTERM');
      await second.exited;
    }
  });
});
