// Benchmarks the leak scanner (printed, not asserted): the retrac-scan CLI against secretlint
// and git-secrets on the same generated tree and on one 1 MB file, and scanText of a 1 MB
// document against IncrementalScan.update after a one-character edit.
// Run after a build: `node esbuild.mjs && node test/bench/scan.bench.mjs`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const { scanText, IncrementalScan } = require(join(ROOT, 'out/src/scan/index.js'));
const CLI = join(ROOT, 'dist/retrac-scan.js');
const SECRETLINT = join(ROOT, 'node_modules/secretlint/bin/secretlint.js');
const FILES = 10_000;
const TREE_BYTES = 30 * 1024 * 1024;

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

// GNU time gives each run's CPU time (user + system, children included): on a shared, loaded
// machine it says more than the wall clock.
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function time(cmd, args, cwd) {
  const t0 = process.hrtime.bigint();
  const r = GNU_TIME
    ? spawnSync(GNU_TIME, ['-f', '@@cpu %U %S', cmd, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    : spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  let stderr = r.stderr ?? '';
  let cpu = NaN;
  const m = /@@cpu ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
  if (m) {
    cpu = Number(m[1]) + Number(m[2]);
    stderr = stderr.slice(0, m.index);
  }
  return { s, cpu, status: r.status, stdout: r.stdout ?? '', stderr, error: r.error };
}

function best(n, fn) {
  let min = Infinity;
  let minCpu = Infinity;
  let last;
  for (let i = 0; i < n; i++) {
    last = fn();
    min = Math.min(min, last.s);
    minCpu = Math.min(minCpu, last.cpu);
  }
  return { ...last, s: min, cpu: minCpu };
}

const mbps = (bytes, s) => bytes / 1024 / 1024 / s;
const fmt = (x, d = 1) => x.toFixed(d);

function peers(dir, bytes, label) {
  const rows = [];
  const ours = best(3, () => time(process.execPath, [CLI, '--format', 'json', '.'], dir));
  const found = ours.status === 1 ? JSON.parse(ours.stdout).length : 0;
  rows.push({ tool: 'retrac-scan', s: ours.s, cpu: ours.cpu, note: `${found} findings, exit ${ours.status}` });

  writeFileSync(join(dir, '.secretlintrc.json'), JSON.stringify({
    rules: [{ id: '@secretlint/secretlint-rule-pattern', options: { patterns: [{ name: 'Retrac restricted key', pattern: '/(?<![A-Za-z0-9_])retrac_[0-9A-Za-z]{24}(?![0-9A-Za-z_])/' }] } }],
  }));
  // A report file, not stdout: secretlint exits before a large piped output is flushed.
  const report = join(dir, '..', 'secretlint-report.txt');
  const sl = best(1, () => time(process.execPath, [SECRETLINT, '**/*', '--format', 'unix', '--no-color', '--output', report, '--secretlintrc', '.secretlintrc.json'], dir));
  if (sl.error || (sl.status !== 0 && sl.status !== 1)) rows.push({ tool: 'secretlint', s: NaN, note: `could not run: ${sl.error?.message ?? sl.stderr.split('\n')[0]}` });
  else {
    const n = existsSync(report) ? (readFileSync(report, 'utf8').match(/found matching/g) ?? []).length : 0;
    rmSync(report, { force: true });
    rows.push({ tool: 'secretlint 11 (pattern rule)', s: sl.s, cpu: sl.cpu, note: `${n} findings, exit ${sl.status}` });
  }

  const git = (...args) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  if (spawnSync('git', ['secrets', '--list']).error || !spawnSync('sh', ['-c', 'command -v git-secrets'], { encoding: 'utf8' }).stdout.trim()) {
    rows.push({ tool: 'git secrets', s: NaN, note: 'could not run: git-secrets is not installed' });
  } else {
    git('init', '-q');
    git('-c', 'user.email=bench@example.invalid', '-c', 'user.name=bench', 'add', '-A');
    git('secrets', '--add', '(^|[^A-Za-z0-9_])retrac_[0-9A-Za-z]{24}([^0-9A-Za-z_]|$)');
    const gs = best(2, () => time('git', ['secrets', '--scan'], dir));
    const n = (gs.stderr.match(/retrac_/g) ?? []).length;
    if (gs.status !== 0 && gs.status !== 1) rows.push({ tool: 'git secrets', s: NaN, note: `could not run: ${gs.stderr.split('\n')[0]}` });
    else rows.push({ tool: 'git secrets --scan', s: gs.s, cpu: gs.cpu, note: `${n} findings, exit ${gs.status}` });
    rmSync(join(dir, '.git'), { recursive: true, force: true });
  }
  rmSync(join(dir, '.secretlintrc.json'), { force: true });

  console.log(`\n${label}: ${fmt(bytes / 1024 / 1024)} MB (ratios are each tool's time over retrac-scan's)`);
  for (const r of rows) {
    if (Number.isNaN(r.s)) {
      console.log(`  ${r.tool.padEnd(30)} —  (${r.note})`);
      continue;
    }
    const cpu = Number.isNaN(r.cpu) ? '' : `  cpu ${fmt(r.cpu * 1000, 0)} ms ${fmt(mbps(bytes, r.cpu))} MB/s ${fmt(r.cpu / ours.cpu)}x`;
    console.log(`  ${r.tool.padEnd(30)} wall ${fmt(r.s * 1000, 0)} ms ${fmt(mbps(bytes, r.s))} MB/s ${fmt(r.s / ours.s)}x${cpu}  (${r.note})`);
  }
}

function editorTimings() {
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
  const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const findings = scanText(text, options).length;
  console.log(`\nEditor: 1 MB TypeScript document (${lines.length} lines, ${findings} findings)`);
  const min = (a) => Math.min(...a);
  console.log(`  scanText (full)                 median ${fmt(median(fullTimes), 2)} ms  best ${fmt(min(fullTimes), 2)} ms  (${fmt(mbps(text.length, median(fullTimes) / 1000), 0)} MB/s)`);
  console.log(`  IncrementalScan.update (1 char) median ${fmt(median(incTimes), 3)} ms  best ${fmt(min(incTimes), 3)} ms  p95 ${fmt([...incTimes].sort((a, b) => a - b)[Math.floor(incTimes.length * 0.95)], 3)} ms`);
  console.log('  targets: full ≤ 15 ms, incremental ≤ 1 ms');
}

const work = mkdtempSync(join(tmpdir(), 'retrac-scan-bench-'));
try {
  const tree = join(work, 'tree');
  mkdirSync(tree);
  const treeBytes = generateTree(tree);
  console.log(`Generated ${FILES} files in ${tree}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on this machine (wall times are best of runs)`);
  peers(tree, treeBytes, `Tree of ${FILES} files`);

  const single = join(work, 'single');
  mkdirSync(single);
  const one = makeFile('ts', 1024 * 1024);
  writeFileSync(join(single, 'big.ts'), one);
  peers(single, one.length, 'One 1 MB file');
  console.log('  (CLI times include Node start-up, about 40 ms, for every tool)');

  editorTimings();
  console.log('\ntargets: ≥ 100 MB/s on the tree, faster than both peers');
} finally {
  rmSync(work, { recursive: true, force: true });
}
