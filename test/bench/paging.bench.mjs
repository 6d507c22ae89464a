// Client overhead when walking a big catalog: all pages of a 100,000-item sandbox catalog
// (pageSize 100) through RetracClient + pages(), side by side in the same run with a raw
// `https.request` loop over the same pages. Printed, not asserted. Needs a build first
// (`node esbuild.mjs`): uses out/src/api/client.js and dist/sandbox.js.
//
// Profile (`node --cpu-prof test/bench/paging.bench.mjs`) before the change that brought the
// ratio from 2.3× to ≈ 1.4× CPU: the client's extra time was undici's WHATWG fetch (streams,
// Response objects: 1.7 s of 27 s, plus most of the 6.7 s of GC), ofetch/ufo/destr (0.4 s);
// valibot was < 0.1 ms per page. The pinned-CA transport now uses undici's request() and no ofetch.
import { createRequire } from 'node:module';
import * as https from 'node:https';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { RetracClient, pages } = require('../../out/src/api/client.js');
const { startSandbox } = require('../../dist/sandbox.js');
const v = require('valibot');
const { ItemSchema } = require('../../out/src/api/schemas.js');

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const PAGE_SIZE = 100;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const t0 = performance.now();
const sandbox = await startSandbox({ port: 0, seedItems: ITEMS, rateLimitPerMinute: 1e9, randomSeed: 1 });
const seededMs = performance.now() - t0;
const owner = sandbox.keys.find((k) => k.name === 'owner-full');
if (!owner) throw new Error('the sandbox has no owner-full key');

const client = new RetracClient({ apiKey: owner.key, baseUrl: sandbox.baseUrl, ca: sandbox.ca, workspaceId: owner.workspaceId });
const agent = new https.Agent({ keepAlive: true, ca: sandbox.ca });
const base = new URL(sandbox.baseUrl);

async function walkClient() {
  let count = 0;
  let pageCount = 0;
  for await (const page of pages((page, pageSize) => client.listItems({ page, pageSize }), PAGE_SIZE)) {
    count += page.length;
    pageCount++;
  }
  return { count, pageCount };
}

function rawPage(page) {
  const path = `/items?page=${page}&pageSize=${PAGE_SIZE}&workspaceId=${encodeURIComponent(owner.workspaceId)}`;
  return new Promise((resolve, reject) => {
    const req = https.request({ host: base.hostname, port: base.port, path, agent, headers: { authorization: `Bearer ${owner.key}`, accept: 'application/json' } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(Buffer.concat(chunks).toString())) : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

const itemPage = v.array(ItemSchema);

/** The raw loop, optionally with the client's response validation, to split the overhead. */
async function walkRaw(validate = false) {
  let count = 0;
  let pageCount = 0;
  for (let page = 1; ; page++) {
    const rows = await rawPage(page);
    if (validate && !v.safeParse(itemPage, rows).success) throw new Error(`page ${page} does not validate`);
    if (rows.length > 0) pageCount++;
    count += rows.length;
    if (rows.length < PAGE_SIZE) break;
  }
  return { count, pageCount };
}

/** Wall time, and CPU time of this process (sandbox included, same for both loops), which the shared machine's load disturbs less. */
async function timed(walk) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = await walk();
  const used = process.cpuUsage(cpu);
  return { ...result, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  // Warm-up: TLS handshakes, JIT, the sandbox's own caches.
  await timed(walkRaw);
  await timed(walkClient);
  const raw = [];
  const rawValidated = [];
  const viaClient = [];
  for (let i = 0; i < ROUNDS; i++) {
    raw.push(await timed(() => walkRaw(false)));
    rawValidated.push(await timed(() => walkRaw(true)));
    viaClient.push(await timed(walkClient));
  }
  const r = median(raw.map((x) => x.ms));
  const rv = median(rawValidated.map((x) => x.ms));
  const c = median(viaClient.map((x) => x.ms));
  const rCpu = median(raw.map((x) => x.cpuMs));
  const rvCpu = median(rawValidated.map((x) => x.cpuMs));
  const cCpu = median(viaClient.map((x) => x.cpuMs));
  const { count, pageCount } = viaClient[0];
  if (count !== raw[0].count) throw new Error(`client saw ${count} items, raw loop ${raw[0].count}`);
  console.log(`paging.bench: ${count} items, ${pageCount} pages of ${PAGE_SIZE} (sandbox seeded in ${(seededMs / 1000).toFixed(1)} s), median of ${ROUNDS} rounds; client via ${client.route}`);
  console.log(`  raw https.request loop : ${(r / 1000).toFixed(2)} s  (${(r / pageCount).toFixed(2)} ms/page)   rounds: ${raw.map((x) => x.ms.toFixed(0)).join(', ')} ms`);
  console.log(`  raw loop + valibot     : ${(rv / 1000).toFixed(2)} s  (${(rv / pageCount).toFixed(2)} ms/page)   rounds: ${rawValidated.map((x) => x.ms.toFixed(0)).join(', ')} ms`);
  console.log(`  RetracClient + pages() : ${(c / 1000).toFixed(2)} s  (${(c / pageCount).toFixed(2)} ms/page)   rounds: ${viaClient.map((x) => x.ms.toFixed(0)).join(', ')} ms`);
  console.log(`  CPU per page           : raw ${(rCpu / pageCount).toFixed(2)} ms, raw + valibot ${(rvCpu / pageCount).toFixed(2)} ms, client ${(cCpu / pageCount).toFixed(2)} ms (ratio ${(cCpu / rCpu).toFixed(2)}×)`);
  console.log(`  ratio client/raw       : ${(c / r).toFixed(2)}×  (client overhead ${((c - r) / pageCount).toFixed(2)} ms/page, of which validation ${((rv - r) / pageCount).toFixed(2)} ms/page)`);
} finally {
  agent.destroy();
  await sandbox.close();
}
