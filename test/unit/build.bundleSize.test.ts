// The production bundle that every VS Code window loads at start stays within its budget, and
// the parts most windows never use stay out of it (they load from their own bundles on first use).
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(__dirname, '../../..');
/** The budget of dist/extension.js in production (minified), in bytes. */
const BUDGET = 40 * 1024;

describe('production bundle size', function () {
  this.timeout(60_000);
  let dir: string;
  let extension: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'retrac-bundle-'));
    await new Promise<void>((res, rej) => execFile(process.execPath, ['esbuild.mjs', '--production', '--quiet', `--outdir=${dir}`], { cwd: repo }, (e, _o, stderr) => (e ? rej(new Error(`${e.message}\n${stderr}`)) : res())));
    extension = await readFile(join(dir, 'extension.js'), 'utf8');
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(`dist/extension.js is at most ${BUDGET / 1024} KB`, async () => {
    const { size } = await stat(join(dir, 'extension.js'));
    console.log(`      dist/extension.js (production): ${(size / 1024).toFixed(1)} KB of ${BUDGET / 1024} KB`);
    assert.ok(size <= BUDGET, `dist/extension.js is ${(size / 1024).toFixed(1)} KB, over the ${BUDGET / 1024} KB budget: load the new part lazily (lazyBundles in esbuild.mjs)`);
  });

  it('undici, valibot, the client and the edit commands are not in it, but in their own bundles', async () => {
    const bundles = await readdir(dir);
    const read = (name: string): Promise<string> => readFile(join(dir, name), 'utf8');
    // Which bundle requires which at run time, and which library (by one of its error texts) lives where.
    const lazy = [
      { name: 'api-client.js', from: 'extension.js', markers: [['valibot', '~standard']] },
      { name: 'edit-commands.js', from: 'extension.js', markers: [] },
      { name: 'account-ui.js', from: 'extension.js', markers: [] },
      { name: 'explorer.js', from: 'extension.js', markers: [] },
      { name: 'leak-diagnostics.js', from: 'extension.js', markers: [] },
      { name: 'diagnose.js', from: 'extension.js', markers: [['the diagnosis', 'Transport for API requests']] },
      { name: 'ca-transport.js', from: 'api-client.js', markers: [['undici', 'Proxy response (']] },
    ];
    for (const { name, from, markers } of lazy) {
      assert.ok(bundles.includes(name), `${name} was built`);
      assert.ok((await read(from)).includes(`require("./${name}")`), `${from} loads ${name} at run time`);
      const own = await read(name);
      for (const [lib, marker] of markers) {
        assert.ok(own.includes(marker), `${lib} is in ${name}`);
        assert.ok(!extension.includes(marker), `${lib} is inlined in extension.js`);
      }
    }
  });
});
