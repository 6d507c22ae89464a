// Benchmarks the leak scanner (printed, not asserted): the retrac-scan CLI against secretlint
// and git-secrets on the same generated tree and on one 1 MB file, and scanText of a 1 MB
// document against IncrementalScan.update after a one-character edit.
// Run after a build: `node esbuild.mjs && node test/bench/scan.bench.mjs [--rounds N] [--no-secretlint]`.
// Tools run in alternating order, round after round, on the same files; medians of wall and CPU
// time are compared, since the machine is shared and its load changes from second to second.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const CLI = join(ROOT, 'dist/retrac-scan.js');
const SECRETLINT = join(ROOT, 'node_modules/secretlint/bin/secretlint.js');
const FILES = 10_000;
const TREE_BYTES = 30 * 1024 * 1024;
const argv = process.argv.slice(2);
const ROUNDS = Number(argv[argv.indexOf('--rounds') + 1]) || 5;
const WITH_SECRETLINT = !argv.includes('--no-secretlint');
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

const CODE = {
  ts: [
    'export async function listItems(page: number): Promise<Item[]> {',
    '  const res = await client.get(`/items?page=${page}&pageSize=100`);',
    '  return res.filter((item) => item.sku.startsWith(prefix));',
    '}',
    'const total = balances.reduce((sum, b) => sum + b.onHandQty, 0);',
    "import { describe, it } from 'mocha';",
    '  if (!location.active) throw new Error(`Location ${location.name} is inactive`);',
    '// Keep the tree in sync with the inventory events.',
    'interface Transfer { id: string; fromLocationId: string; toLocationId: string; lines: Line[] }',
    '    this.emitter.fire({ kind: "changed", itemIds: changed.map((i) => i.id) });',
  ],
  py: [
    'def list_items(session, page=1):',
    '    resp = session.get(f"{BASE}/items", params={"page": page})',
    '    resp.raise_for_status()',
    '    return [Item(**row) for row in resp.json()]',
    'class InventorySync:',
    '    """Copies balances from the warehouse system."""',
    '        total = sum(b["onHandQty"] for b in balances)',
    'import os, json, logging',
  ],
  go: [
    'func (c *Client) ListItems(ctx context.Context, page int) ([]Item, error) {',
    '\treq, err := http.NewRequestWithContext(ctx, "GET", c.base+"/items", nil)',
    '\tif err != nil {',
    '\t\treturn nil, fmt.Errorf("list items: %w", err)',
    '\t}',
    'type Balance struct { ItemID string `json:"itemId"`; OnHandQty int `json:"onHandQty"` }',
  ],
  md: [
    '## Stock transfers',
    'Transfers move stock between locations and are applied immediately.',
    '- `fromLocationId` and `toLocationId` must differ.',
    'See the API reference for pagination: a page shorter than `pageSize` is the last.',
    '',
  ],
};
const RETRAC_SNIPPETS = [
  () => `const retrac = new Retrac({ apiKey: process.env.RETRAC_API_KEY });`,
  () => `const res = await fetch('https://api.retrac.co/items?workspaceId=' + ws, { headers: { Authorization: \`Bearer \${key}\` } });`,
  () => `const key = "${fakeKey(true)}";`,
  () => `RETRAC_API_KEY = "${fakeKey(false)}"`,
  () => `// Retrac workspace: ${'ws' + '_'}ckx9d0000abcd`,
];

function makeFile(ext, bytes) {
  const pool = CODE[ext];
  const lines = [];
  let size = 0;
  while (size < bytes) {
    const line = rand() < 0.004 ? pick(RETRAC_SNIPPETS)() : pick(pool);
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n') + '\n';
}

function generateTree(dir) {
  let total = 0;
  const exts = ['ts', 'ts', 'ts', 'py', 'go', 'md'];
  for (let i = 0; i < FILES; i++) {
    const sub = join(dir, `pkg${i % 50}`, `mod${i % 7}`);
    if (i < 350) mkdirSync(sub, { recursive: true });
    const ext = pick(exts);
    const content = makeFile(ext, Math.floor((TREE_BYTES / FILES) * (0.4 + rand() * 1.2)));
    writeFileSync(join(sub, `file${i}.${ext}`), content);
    total += content.length;
  }
  return total;
}

// bash's `times` gives the CPU time (user + system, in ms) of the children it waited for: on a
// shared, loaded machine it says more than the wall clock. GNU time only has centiseconds.
const HAS_BASH = !spawnSync('bash', ['-c', 'true']).error;
const TIMED = '"$@"; rc=$?; times >&2; exit $rc';

function time(cmd, args, cwd) {
  const t0 = process.hrtime.bigint();
  const r = HAS_BASH
    ? spawnSync('bash', ['-c', TIMED, 'bash', cmd, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    : spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  let stderr = r.stderr ?? '';
  let cpu = NaN;
  // Last line of `times`: the children's user and system time, e.g. `0m0.380s 0m0.070s`.
  const m = /\n?(\d+)m([\d.]+)s (\d+)m([\d.]+)s\n(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec(stderr);
  if (m) {
    cpu = Number(m[5]) * 60 + Number(m[6]) + Number(m[7]) * 60 + Number(m[8]);
    stderr = stderr.slice(0, m.index);
  }
  return { s, cpu, status: r.status, stdout: r.stdout ?? '', stderr, error: r.error };
}

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const mbps = (bytes, s) => bytes / 1024 / 1024 / s;
const fmt = (x, d = 1) => x.toFixed(d);
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');

/** The tools, each a run function returning its time and a finding count, or why it cannot run. */
function tools(dir, work) {
  const list = [];
  list.push({
    name: 'retrac-scan',
    run: () => {
      const r = time(process.execPath, [CLI, '--format', 'json', '.'], dir);
      return { ...r, found: r.status === 1 ? JSON.parse(r.stdout).length : 0, ok: r.status === 0 || r.status === 1 };
    },
  });

  // git-secrets scans what git tracks: the repository is made once, before any tool runs, so every
  // tool sees the same files (each skips .git).
  const git = (...args) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  if (spawnSync('git', ['secrets', '--list']).error || !spawnSync('sh', ['-c', 'command -v git-secrets'], { encoding: 'utf8' }).stdout.trim()) {
    list.push({ name: 'git secrets --scan', missing: 'git-secrets is not installed' });
  } else {
    git('init', '-q');
    git('-c', 'user.email=bench@example.invalid', '-c', 'user.name=bench', 'add', '-A');
    git('secrets', '--add', '(^|[^A-Za-z0-9_])retrac_[0-9A-Za-z]{24}([^0-9A-Za-z_]|$)');
    list.push({
      name: 'git secrets --scan',
      run: () => {
        const r = time('git', ['secrets', '--scan'], dir);
        return { ...r, found: (r.stderr.match(/retrac_/g) ?? []).length, ok: r.status === 0 || r.status === 1 };
      },
    });
  }

  if (WITH_SECRETLINT) {
    // Config and report outside the tree, so that the tree holds the same files for every tool.
    const rc = join(work, `secretlintrc-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(rc, JSON.stringify({
      rules: [{ id: '@secretlint/secretlint-rule-pattern', options: { patterns: [{ name: 'Retrac restricted key', pattern: '/(?<![A-Za-z0-9_])retrac_[0-9A-Za-z]{24}(?![0-9A-Za-z_])/' }] } }],
    }));
    // A report file, not stdout: secretlint exits before a large piped output is flushed.
    const report = join(work, 'secretlint-report.txt');
    list.push({
      name: 'secretlint 11 (pattern rule)',
      run: () => {
        const r = time(process.execPath, [SECRETLINT, '**/*', '--format', 'unix', '--no-color', '--output', report, '--secretlintrc', rc], dir);
        const found = existsSync(report) ? (readFileSync(report, 'utf8').match(/found matching/g) ?? []).length : 0;
        rmSync(report, { force: true });
        return { ...r, found, ok: !r.error && (r.status === 0 || r.status === 1) };
      },
    });
  }
  return list;
}

function compare(dir, work, bytes, label, rounds) {
  const list = tools(dir, work);
  const runnable = list.filter((t) => t.run);
  for (const t of runnable) t.runs = [];
  const loadBefore = load();
  for (let r = 0; r < rounds; r++) {
    // Rotate the order each round, so no tool always runs right after another's cache warm-up.
    for (let k = 0; k < runnable.length; k++) {
      const t = runnable[(r + k) % runnable.length];
      // A tool two orders of magnitude slower (secretlint on the tree) runs once: that says enough.
      if (t.failed || (t.runs.length && t.runs[0].s > SLOW_S)) continue;
      const res = t.run();
      if (!res.ok) t.failed = res.error?.message ?? res.stderr.split('\n')[0];
      else t.runs.push(res);
    }
  }
  console.log(`\n${label}: ${fmt(bytes / 1024 / 1024)} MB, ${rounds} alternating rounds, medians; load average ${loadBefore} before, ${load()} after`);
  const ours = runnable[0];
  const oursWall = median(ours.runs.map((x) => x.s));
  const oursCpu = median(ours.runs.map((x) => x.cpu));
  for (const t of list) {
    if (t.missing || t.failed) {
      console.log(`  ${t.name.padEnd(30)} —  (could not run: ${t.missing ?? t.failed})`);
      continue;
    }
    const wall = median(t.runs.map((x) => x.s));
    const cpu = median(t.runs.map((x) => x.cpu));
    const found = t.runs[t.runs.length - 1].found;
    const cpuText = Number.isNaN(cpu) ? '' : `  cpu ${fmt(cpu * 1000, 0).padStart(6)} ms ${fmt(mbps(bytes, cpu)).padStart(6)} MB/s`;
    console.log(`  ${t.name.padEnd(30)} wall ${fmt(wall * 1000, 0).padStart(6)} ms ${fmt(mbps(bytes, wall)).padStart(6)} MB/s${cpuText}  (${found} findings, ${t.runs.length} run${t.runs.length === 1 ? '' : 's'})`);
    if (t !== ours) {
      const ratio = (x, y) => `${fmt(x / y, 2)}x ${x >= y ? '(retrac-scan faster)' : '(retrac-scan slower)'}`;
      console.log(`  ${''.padEnd(30)} ${t.name} time / retrac-scan time: wall ${ratio(wall, oursWall)}${Number.isNaN(cpu) ? '' : `, cpu ${ratio(cpu, oursCpu)}`}`);
    }
  }
  rmSync(join(dir, '.git'), { recursive: true, force: true });
}

/** The scanner as the extension ships it: one esbuild bundle (a file-by-file build calls across modules through getters). */
async function loadScanner(work) {
  const esbuild = await import('esbuild');
  const outfile = join(work, 'scan-bundle.cjs');
  await esbuild.build({ entryPoints: [join(ROOT, 'src/scan/index.ts')], bundle: true, outfile, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning' });
  return require(outfile);
}

function editorTimings({ scanText, IncrementalScan }) {
  const lines = [];
  let size = 0;
  while (size < 1024 * 1024) {
    const line = rand() < 0.02 ? pick(RETRAC_SNIPPETS)() : pick(CODE.ts);
    lines.push(line);
    size += line.length + 1;
  }
  const text = lines.join('\n');
  const options = { fileName: 'big.ts' };
  for (let i = 0; i < 5; i++) scanText(text, options); // warm up
  const fullTimes = [];
  for (let i = 0; i < 20; i++) {
    const t0 = process.hrtime.bigint();
    scanText(text, options);
    fullTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const inc = new IncrementalScan(options);
  inc.full(text);
  let current = text;
  const incTimes = [];
  for (let i = 0; i < 200; i++) {
    const at = Math.floor(rand() * current.length);
    const change = i % 2 ? { rangeOffset: at, rangeLength: 1, text: '' } : { rangeOffset: at, rangeLength: 0, text: 'x' };
    current = current.slice(0, change.rangeOffset) + change.text + current.slice(change.rangeOffset + change.rangeLength);
    current.charCodeAt(current.length - 1); // flatten the concatenation outside the timing, as getText() returns a flat string
    const t0 = process.hrtime.bigint();
    inc.update(current, [change]);
    incTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const findings = scanText(text, options).length;
  console.log(`\nEditor: 1 MB TypeScript document (${lines.length} lines, ${findings} findings)`);
  const min = (a) => Math.min(...a);
  console.log(`  scanText (full)                 median ${fmt(median(fullTimes), 2)} ms  best ${fmt(min(fullTimes), 2)} ms  (${fmt(mbps(text.length, median(fullTimes) / 1000), 0)} MB/s)`);
  console.log(`  IncrementalScan.update (1 char) median ${fmt(median(incTimes), 3)} ms  best ${fmt(min(incTimes), 3)} ms  p95 ${fmt([...incTimes].sort((a, b) => a - b)[Math.floor(incTimes.length * 0.95)], 3)} ms`);
  console.log('  targets: full ≤ 15 ms, incremental ≤ 1 ms');
}

const work = mkdtempSync(join(tmpdir(), 'retrac-scan-bench-'));
try {
  console.log(`${cpus().length} CPUs, load average ${load()}; node ${process.version}`);
  const tree = join(work, 'tree');
  mkdirSync(tree);
  const treeBytes = generateTree(tree);
  console.log(`Generated ${FILES} files in ${tree}`);
  compare(tree, work, treeBytes, `Tree of ${FILES} files`, ROUNDS);

  const single = join(work, 'single');
  mkdirSync(single);
  const one = makeFile('ts', 1024 * 1024);
  writeFileSync(join(single, 'big.ts'), one);
  compare(single, work, one.length, 'One 1 MB file', ROUNDS * 2);
  console.log(`  (CLI times include Node start-up, ${fmt(median(Array.from({ length: 5 }, () => time(process.execPath, ['-e', '0'], work).s)) * 1000, 0)} ms wall here, for retrac-scan and secretlint)`);

  editorTimings(await loadScanner(work));
  console.log('\ntargets: ≥ 100 MB/s on the tree, faster than both peers');
} finally {
  rmSync(work, { recursive: true, force: true });
}
