// Benchmarks the leak scanner (printed, not asserted), as ratios measured in one run:
// - Tree: the retrac-scan CLI on about 10,000 real source files written by others (copied, evenly
//   sampled, from this repository's node_modules: JS, TS, maps, JSON, Markdown, about 80 MB)
//   against `grep -rEI` with one Retrac pattern and `git secrets --scan -r` with the same pattern.
//   grep is also run with the full-access key's shape (no literal to skip ahead on), for scale.
// - Node start-up: `node -e 0` and `retrac-scan --help`, and their share of the tree scan.
// - One-line bundles: a 5 MB minified bundle with a key, scanned in-process (target ≤ 50 ms), and
//   the CLI on it; the generated 1 MB file against git secrets.
// - Editor: scanText of a 1 MB document and IncrementalScan.update after a one-character edit.
// Run after a build: `node esbuild.mjs && node test/bench/scan.bench.mjs [--rounds N] [--secretlint]`.
// Tools run in alternating order, round after round, on the same files; medians of wall and CPU
// time are compared, since the machine is shared and its load changes from second to second.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE } from './sampleCode.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const CLI = join(ROOT, 'dist/retrac-scan.js');
const SECRETLINT = join(ROOT, 'node_modules/secretlint/bin/secretlint.js');
const FILES = 10_000;
const argv = process.argv.slice(2);
const ROUNDS = Number(argv[argv.indexOf('--rounds') + 1]) || 5;
const WITH_SECRETLINT = argv.includes('--secretlint');
const RESTRICTED_PATTERN = '(^|[^A-Za-z0-9_])retrac_[0-9A-Za-z]{24}([^0-9A-Za-z_]|$)';
const FULL_SHAPE_PATTERN = '(^|[^A-Za-z0-9_])[0-9A-Za-z]{24}([^0-9A-Za-z_]|$)';
const SLOW_S = 10;

// Seeded so every run scans the same tree.
let seed = 20261127;
const rand = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (a) => a[Math.floor(rand() * a.length)];
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const fakeKey = (prefixed) => (prefixed ? 'retrac' + '_' : '') + Array.from({ length: 24 }, () => ALNUM[Math.floor(rand() * 62)]).join('');

