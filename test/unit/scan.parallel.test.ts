// The tree scan spread over threads (src/scan/parallelScan.ts): the main thread and the workers
// take files from one shared counter; a worker that fails, before or after taking files, loses
// none of them.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanFilesInParallel } from '../../src/scan/parallelScan';
import { scanFile, type FileScanOptions } from '../../src/scan/scanFiles';
import type { WalkedFile } from '../../src/scan/walk';
import { restrictedKey } from './scanFixtures';

describe('scanFilesInParallel', () => {
  let dir: string;
  let files: WalkedFile[];
  const options: FileScanOptions = { envValues: new Map() };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'retrac-parallel-'));
    mkdirSync(join(dir, 'src'));
    // Every file names Retrac, so each goes through the full rules: this thread is still busy when a worker starts.
    const body = Array.from({ length: 40 }, (_, k) => `const retrac${k} = new Retrac({ apiKey: process.env.RETRAC_API_KEY, retries: ${k} });`).join('\n');
    files = Array.from({ length: 1500 }, (_, i) => {
      const path = join(dir, 'src', `f${i}.ts`);
      writeFileSync(path, i % 37 === 5 ? `${body}\nconst key = "${restrictedKey()}";\n` : `${body}\n`);
      return { path, gitIgnored: false };
    });
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  /** What one thread finds, file by file. */
  const oneThread = (): string => JSON.stringify(files.map((f) => scanFile(f, options)));

  it('a worker that takes files and dies without reporting them loses none: the main thread scans them', async () => {
    // Waits for the work, takes 64 files from the shared counter, writes down where they start, then exits without a word.
    const script = join(dir, 'dies.js');
    const taken = join(dir, 'taken.txt');
    writeFileSync(
      script,
      `require('node:worker_threads').parentPort.once('message', (work) => {\n  const start = Atomics.add(new Int32Array(work.next), 0, 64);\n  require('node:fs').writeFileSync(${JSON.stringify(taken)}, String(start));\n  process.exit(1);\n});\n`,
    );
    const t0 = Date.now();
    const results = await scanFilesInParallel(files, options, 2, script);
    const ms = Date.now() - t0;
    assert.ok(Number(readFileSync(taken, 'utf8')) < files.length, `the worker took no file (this thread finished first, in ${ms} ms)`);
    assert.equal(JSON.stringify(results), oneThread());
    assert.equal(results.filter((r) => r.findings.length).length, files.filter((_, i) => i % 37 === 5).length);
  });

  it('a worker script that throws at start, and one that does not exist: the main thread scans everything', async () => {
    const throws = join(dir, 'throws.js');
    writeFileSync(throws, "throw new Error('broken worker');\n");
    assert.equal(JSON.stringify(await scanFilesInParallel(files, options, 3, throws)), oneThread());
    assert.equal(JSON.stringify(await scanFilesInParallel(files, options, 2, join(dir, 'missing.js'))), oneThread());
  });
});
