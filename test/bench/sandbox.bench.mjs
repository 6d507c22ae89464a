// Sandbox overhead: requests per second for `GET /items` pages and `PUT /inventory/balances`
// against the sandbox, side by side in the same run with a bare Node HTTPS server that answers the
// same bytes (so the ratio is what the sandbox's routing, auth, rate limit, validation and data
// work cost). Printed, not asserted. Needs a build first (`node esbuild.mjs`): uses dist/sandbox.js.
// Knobs: BENCH_ITEMS (catalog size, default 10000), BENCH_REQUESTS (per scenario, default 2000),
// BENCH_CONCURRENCY (connections, default 4), BENCH_ROUNDS (alternating runs per side, median kept, default 3).
import { createRequire } from 'node:module';
import * as https from 'node:https';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { startSandbox } = require('../../dist/sandbox.js');
const selfsigned = require('selfsigned');

const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PAGE_SIZE = 100;

const t0 = performance.now();
const sandbox = await startSandbox({ port: 0, seedItems: ITEMS, rateLimitPerMinute: 1e9, randomSeed: 1 });
const startMs = performance.now() - t0;
const owner = sandbox.keys.find((k) => k.name === 'owner-full');
const auth = { authorization: `Bearer ${owner.key}`, accept: 'application/json' };
const ws = encodeURIComponent(owner.workspaceId);

/** One request; resolves with status, headers and body bytes. */
function request(agent, base, method, path, body) {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, agent, headers: { ...auth, ...(body ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

// The scenarios: a path (and body) per request number.
const locations = JSON.parse((await request(new https.Agent({ ca: sandbox.ca }), sandbox.baseUrl, 'GET', `/locations?workspaceId=${ws}&active=true`)).body);
const items = JSON.parse((await request(new https.Agent({ ca: sandbox.ca }), sandbox.baseUrl, 'GET', `/items?workspaceId=${ws}&pageSize=100`)).body);
const pages = Math.max(1, Math.floor(ITEMS / PAGE_SIZE));
const scenarios = {
  'GET /items (page of 100)': (i) => ({ method: 'GET', path: `/items?workspaceId=${ws}&pageSize=${PAGE_SIZE}&page=${(i % pages) + 1}` }),
  'PUT /inventory/balances': (i) => ({
    method: 'PUT',
    path: `/inventory/balances?workspaceId=${ws}`,
    // Alternating quantities, so every write changes stock and appends a movement.
    body: JSON.stringify({ itemId: items[i % items.length].id, locationId: locations[i % locations.length].id, onHandQty: (i % 7) + 1, note: 'bench' }),
  }),
};

// A bare HTTPS server that answers every request with the sandbox's bytes for that scenario.
const pem = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
  keyType: 'ec', algorithm: 'sha256',
  extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
});
let canned = { status: 200, headers: {}, body: Buffer.alloc(0) };
const bare = https.createServer({ key: pem.private, cert: pem.cert, keepAlive: true }, (req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(canned.status, canned.headers);
    res.end(canned.body);
  });
});
await new Promise((r) => bare.listen(0, '127.0.0.1', r));
const bareUrl = `https://127.0.0.1:${bare.address().port}`;

async function run(base, ca, scenario) {
  const agent = new https.Agent({ ca, keepAlive: true, maxSockets: CONCURRENCY });
  let next = 0;
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < REQUESTS) {
      const { method, path, body } = scenario(next++);
      const r = await request(agent, base, method, path, body);
      if (r.status !== 200) throw new Error(`${method} ${path}: ${r.status} ${r.body.toString()}`);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  agent.destroy();
  return { rps: REQUESTS / seconds, perCpuSecond: REQUESTS / ((cpu.user + cpu.system) / 1e6) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const [name, scenario] of Object.entries(scenarios)) {
  // The bare server replays the sandbox's own answer (status, content headers, body).
  const sample = await request(new https.Agent({ ca: sandbox.ca }), sandbox.baseUrl, scenario(0).method, scenario(0).path, scenario(0).body);
  canned = { status: sample.status, headers: { 'content-type': sample.headers['content-type'], 'content-length': sample.body.length }, body: sample.body };
  await run(sandbox.baseUrl, sandbox.ca, (i) => scenario(i)); // warm-up
  // Alternating rounds, median of each side: the machine is shared, so single runs drift.
  const sandboxRuns = [];
  const bareRuns = [];
  for (let round = 0; round < ROUNDS; round++) {
    sandboxRuns.push(await run(sandbox.baseUrl, sandbox.ca, scenario));
    bareRuns.push(await run(bareUrl, pem.cert, scenario));
  }
  rows.push({
    scenario: name, bytes: sample.body.length,
    sandbox: median(sandboxRuns.map((r) => r.rps)), bare: median(bareRuns.map((r) => r.rps)),
    sandboxCpu: median(sandboxRuns.map((r) => r.perCpuSecond)), bareCpu: median(bareRuns.map((r) => r.perCpuSecond)),
  });
}

await sandbox.close();
await new Promise((r) => bare.close(r));

const fmt = (n) => n.toFixed(0).padStart(8);
console.log(`sandbox bench: ${ITEMS} items (started in ${startMs.toFixed(0)} ms), ${REQUESTS} requests per run, ${CONCURRENCY} keep-alive connections, median of ${ROUNDS} alternating runs`);
// Requests per second of wall time, and per CPU-second of this process (client and server run
// here: on a shared, loaded machine the CPU ratio is the steadier one, as waiting for a core
// does not count).
console.log(`${'scenario'.padEnd(28)} ${'bytes'.padStart(7)} ${'sandbox/s'.padStart(10)} ${'bare/s'.padStart(8)}  sandbox/bare   per CPU-s: ${'sandbox'.padStart(8)} ${'bare'.padStart(8)}  sandbox/bare`);
for (const r of rows) {
  console.log(`${r.scenario.padEnd(28)} ${String(r.bytes).padStart(7)} ${fmt(r.sandbox).padStart(10)} ${fmt(r.bare)}  ${(r.sandbox / r.bare).toFixed(2).padStart(12)}              ${fmt(r.sandboxCpu)} ${fmt(r.bareCpu)}  ${(r.sandboxCpu / r.bareCpu).toFixed(2).padStart(12)}`);
}
