// The sandbox as the extension runs it: a forked child (dist/sandbox.js) that reports over IPC,
// whose crash is seen by the parent, that ends on stop() and by itself when its parent dies; and
// its private CA folder, removed on close and, after a kill, at the next start.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as https from 'node:https';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchSandboxProcess } from '../../src/sandbox/child';

const BUNDLE = resolve(__dirname, '../../../dist/sandbox.js');
const CHILD_MODULE = resolve(__dirname, '../../src/sandbox/child.js');

function countItems(info: { baseUrl: string; caCertPath: string; keys: { name: string; key: string }[] }): Promise<number> {
  const key = info.keys.find((k) => k.name === 'restricted-all')!.key;
  return new Promise((done, reject) => {
    https.get(new URL('/items/count', info.baseUrl), { ca: readFileSync(info.caCertPath, 'utf8'), headers: { authorization: `Bearer ${key}` }, agent: false }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => done(Number(text)));
    }).on('error', reject);
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(what: string, probe: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('sandbox: child process', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    assert.ok(existsSync(BUNDLE), `build first: ${BUNDLE} is missing`);
    dir = mkdtempSync(join(tmpdir(), 'sandbox-child-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports its info over IPC, serves, and reports a SIGKILL from outside as a crash', async () => {
    const sb = await launchSandboxProcess(BUNDLE, ['--port', '0', '--seed-items', '7', '--cert-dir', join(dir, 'ca1')]);
    assert.equal(await countItems(sb), 7);
    process.kill(sb.pid!, 'SIGKILL');
    const exit = await sb.exited;
    assert.equal(exit.requested, false);
    assert.equal(exit.signal, 'SIGKILL');
  });

  it('stop() closes it cleanly (state saved) and leaves no process', async () => {
    const statePath = join(dir, 'state.json');
    const sb = await launchSandboxProcess(BUNDLE, ['--port', '0', '--seed-items', '5', '--state', statePath, '--cert-dir', join(dir, 'ca2')]);
    const exit = await sb.stop();
    assert.equal(exit.requested, true);
    assert.equal(exit.code, 0);
    assert.equal(alive(sb.pid!), false);
    assert.ok(existsSync(statePath));
  });

  it('rejects with the sandbox own reason when it cannot start (a corrupt state file)', async () => {
    const statePath = join(dir, 'corrupt.json');
    writeFileSync(statePath, '{"version":1,');
    await assert.rejects(launchSandboxProcess(BUNDLE, ['--port', '0', '--state', statePath, '--cert-dir', join(dir, 'ca3')]), (e: Error) => {
      assert.ok(e.message.includes(statePath) && /--reset/.test(e.message), e.message);
      return true;
    });
  });

  it('ends by itself when the process that forked it dies (no sandbox left behind)', async () => {
    // A parent that forks the sandbox, prints its pid, then dies without cleaning up.
    const script = `require(${JSON.stringify(CHILD_MODULE)}).launchSandboxProcess(${JSON.stringify(BUNDLE)}, ['--port', '0', '--seed-items', '3', '--cert-dir', ${JSON.stringify(join(dir, 'ca4'))}]).then((sb) => { process.stdout.write(String(sb.pid) + '\\n'); process.kill(process.pid, 'SIGKILL'); })`;
    const parent = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = await new Promise<number>((done) => parent.stdout.on('data', (c: Buffer) => done(Number(c.toString().trim()))));
    assert.ok(pid > 0);
    await until(`sandbox ${pid} to exit after its parent died`, () => !alive(pid));
  });

  it('keeps its CA in a private folder and removes what a killed sandbox left at the next start', async () => {
    const tmp = join(dir, 'tmp');
    const env = { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp };
    const first = await launchSandboxProcess(BUNDLE, ['--port', '0', '--seed-items', '3'], { env });
    const runDir = resolve(first.caCertPath, '..');
    const base = resolve(runDir, '..');
    assert.equal(statSync(base).mode & 0o777, 0o700, 'the base folder is private');
    assert.equal(statSync(runDir).mode & 0o777, 0o700, 'the run folder is private');
    assert.equal(statSync(first.caCertPath).mode & 0o777, 0o600);
    process.kill(first.pid!, 'SIGKILL');
    await first.exited;
    assert.ok(existsSync(runDir), 'a killed sandbox cannot clean up');
    const second = await launchSandboxProcess(BUNDLE, ['--port', '0', '--seed-items', '3'], { env });
    assert.equal(existsSync(runDir), false, 'the next start removes it');
    const secondDir = resolve(second.caCertPath, '..');
    await second.stop();
    assert.equal(existsSync(secondDir), false, 'a stopped sandbox removes its own');
    assert.deepEqual(readdirSync(base), []);
  });
});
