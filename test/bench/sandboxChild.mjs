// A sandbox in a child process for the benches (its own event loop, as in real use, so the
// client's time is not mixed with the server's). `withSandbox(items, run)` seeds one, hands its
// info (with the CA PEM) to `run`, and stops it afterwards. Needs `dist/` (npm run build).
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);

if (process.argv[2] === '--sandbox-child') {
  const { startSandbox } = createRequire(import.meta.url)('../../dist/sandbox.js');
  const s = await startSandbox({ port: 0, seedItems: Number(process.argv[3]), rateLimitPerMinute: 1e9, randomSeed: 1 });
  process.send({ baseUrl: s.baseUrl, ca: s.ca, keys: s.keys });
  process.on('message', async () => {
    await s.close();
    process.exit(0);
  });
}

/** Runs `run(info, seededMs)` against a fresh sandbox of `items` items. */
export async function withSandbox(items, run) {
  const t0 = performance.now();
  const child = fork(self, ['--sandbox-child', String(items)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const info = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  try {
    return await run(info, performance.now() - t0);
  } finally {
    child.removeAllListeners('exit');
    child.send('close');
    await new Promise((r) => child.once('exit', r));
  }
}
