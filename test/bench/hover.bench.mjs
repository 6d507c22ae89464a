// What a hover costs on a big catalog: the real lookup (out/src/hover/lookup.js, no vscode) against a
// 100,000-item sandbox in a child process, cold (cache cleared before each value) and cached, per
// kind of value. Peer in the same run: one bare `GET /items/info` through the same client (the
// cheapest request there is). Printed, not asserted; the ≤ 300 ms target is asserted end to end in
// test/integration/insights.test.ts through VS Code's own hover command.
// Needs a build first (`node esbuild.mjs`). Run: node test/bench/hover.bench.mjs
import { createRequire } from 'node:module';
import { withSandbox } from './sandboxChild.mjs';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);

await main();

async function main() {
  const { RetracClient } = require('../../out/src/api/client.js');
  const { RetracLookup, NO_ROWS } = require('../../out/src/hover/lookup.js');
  const { InventoryCache } = require('../../out/src/inventoryCache.js');
  const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
  await withSandbox(ITEMS, async (info, seededMs) => {
    console.log(`hover bench: ${ITEMS.toLocaleString('en-US')}-item sandbox seeded in ${(seededMs / 1000).toFixed(1)} s`);
    const key = info.keys.find((k) => k.name === 'owner-full');
    const client = new RetracClient({ apiKey: key.key, baseUrl: info.baseUrl, ca: info.ca, workspaceId: key.workspaceId });
    const deep = await client.listItems({ page: Math.max(1, Math.floor(ITEMS / 100) - 5), pageSize: 100 });
    const locations = await client.listLocations({ pageSize: 50 });
    const transfers = await client.listTransfers({ pageSize: 20 });
    const cache = new InventoryCache();
    const lookup = new RetracLookup();
    const ctx = { client, profileKey: 'bench', workspaceId: key.workspaceId, cache, rows: NO_ROWS, can: () => true };
    const cases = {
      'item id (hinted)': deep.slice(0, 30).map((i) => ({ kind: 'item', hint: 'item', value: i.id })),
      'item id (no hint)': deep.slice(30, 50).map((i) => ({ kind: 'item', hint: 'unknown', value: i.id })),
      SKU: deep.slice(50, 80).map((i) => ({ kind: 'sku', hint: 'item', value: i.sku })),
      'location id': locations.slice(0, 8).map((l) => ({ kind: 'item', hint: 'location', value: l.id })),
      'transfer id': transfers.slice(0, 20).map((t) => ({ kind: 'item', hint: 'transfer', value: t.id })),
    };
    // Warm the connection and JIT as a first hover would not be: the first-hover cost is reported by the integration test.
    await lookup.resolve(cases.SKU[0], ctx, new AbortController().signal);
    const peer = [];
    for (const i of deep.slice(0, 30)) {
      const s = performance.now();
      await client.getItem(i.id);
      peer.push(performance.now() - s);
    }
    const peerMedian = median(peer);
    console.log(`  peer: one GET /items/info       median ${peerMedian.toFixed(1)} ms, p95 ${p95(peer).toFixed(1)} ms`);
    for (const [name, values] of Object.entries(cases)) {
      const cold = [];
      const warm = [];
      let requests = 0;
      for (const v of values) {
        cache.clear();
        const before = lookup.requests;
        let s = performance.now();
        const summary = await lookup.resolve(v, ctx, new AbortController().signal);
        cold.push(performance.now() - s);
        requests += lookup.requests - before;
        if (!summary) throw new Error(`no summary for ${name} ${v.value}`);
        s = performance.now();
        await lookup.resolve(v, ctx, new AbortController().signal);
        warm.push(performance.now() - s);
      }
      console.log(`  ${name.padEnd(18)} cold median ${median(cold).toFixed(1)} ms (${(median(cold) / peerMedian).toFixed(1)}× the peer), p95 ${p95(cold).toFixed(1)} ms, ${(requests / values.length).toFixed(1)} requests; cached median ${median(warm).toFixed(2)} ms`);
    }
  });
}

function median(a) {
  const s = a.slice().sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
}
function p95(a) {
  const s = a.slice().sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))];
}
