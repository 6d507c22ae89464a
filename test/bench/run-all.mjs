// `npm run bench`: runs every benchmark in this folder one after another (never in parallel:
// the figures are ratios against a peer measured in the same run, and a second benchmark on the
// other core would skew them). Benchmarks print; they assert nothing.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const r = spawnSync(process.execPath, [join(here, file)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`${file} exited with ${r.status ?? r.signal}`);
  }
}
process.exit(failed ? 1 : 0);
