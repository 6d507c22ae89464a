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
const FLOOR = join(ROOT, 'test/bench/readFloor.mjs');
const SECRETLINT = join(ROOT, 'node_modules/secretlint/bin/secretlint.js');
const FILES = 10_000;
const argv = process.argv.slice(2);
const ROUNDS = Number(argv[argv.indexOf('--rounds') + 1]) || 5;
const WITH_SECRETLINT = argv.includes('--secretlint');
const RESTRICTED_PATTERN = '(^|[^A-Za-z0-9_])retrac_[0-9A-Za-z]{24}([^0-9A-Za-z_]|$)';
const FULL_SHAPE_PATTERN = '(^|[^A-Za-z0-9_])[0-9A-Za-z]{24}([^0-9A-Za-z_]|$)';
const SLOW_S = 10;

// Seeded so every run scans the same tree.
// The sandbox's seeded generator (src/sandbox/ids.ts): the same data every run.
const rand = createRequire(import.meta.url)('../../out/src/sandbox/ids.js').seededRng(20261127);
const pick = (a) => a[Math.floor(rand() * a.length)];
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const fakeKey = (prefixed) => (prefixed ? 'retrac' + '_' : '') + Array.from({ length: 24 }, () => ALNUM[Math.floor(rand() * 62)]).join('');

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

/**
 * Copies about FILES source files from node_modules, evenly sampled over the sorted list, into
 * `dir` (nested node_modules folders renamed, so every tool reads every file), plus a few files
 * with generated keys so each tool has something to find.
 */
function copyRealTree(dir) {
  const all = [];
  const visit = (d) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.isFile() && /\.(?:js|ts|mjs|cjs|json|md|map|css|html|ya?ml|txt)$/.test(e.name)) all.push(p);
    }
  };
  const modules = join(ROOT, 'node_modules');
  visit(modules);
  const step = all.length / FILES;
  let bytes = 0;
  const n = Math.min(FILES, all.length);
  for (let i = 0; i < n; i++) {
    const from = all[Math.floor(i * step)];
    const to = join(dir, from.slice(modules.length + 1).split('/node_modules/').join('/nm/'));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
    bytes += statSync(to).size;
  }
  for (let i = 0; i < 5; i++) {
    const content = `// planted by the bench\nexport const key = "${fakeKey(true)}";\n`;
    writeFileSync(join(dir, `planted-${i}.ts`), content);
    bytes += content.length;
  }
  return { files: n + 5, bytes };
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
function tools(dir, work, withGrep) {
  const list = [];
  list.push({
    name: 'retrac-scan',
    run: () => {
      const r = time(process.execPath, [CLI, '--format', 'json', '.'], dir);
      return { ...r, found: r.status === 1 ? JSON.parse(r.stdout).findings.length : 0, ok: r.status === 0 || r.status === 1 };
    },
  });
  if (withGrep) {
    // The default, then each thread count explicitly: the figures say which one the default is worth.
    for (const jobs of ['1', '2']) {
      list.push({
        name: `retrac-scan --jobs ${jobs}`,
        run: () => {
          const r = time(process.execPath, [CLI, '--jobs', jobs, '--format', 'json', '.'], dir);
          return { ...r, found: r.status === 1 ? JSON.parse(r.stdout).findings.length : 0, ok: r.status === 0 || r.status === 1 };
        },
      });
    }
    for (const [name, pattern] of [['grep -rEI (restricted key)', RESTRICTED_PATTERN], ['grep -rEI (full-key shape)', FULL_SHAPE_PATTERN]]) {
      list.push({
        name,
        run: () => {
          const r = time('grep', ['-rEI', '--exclude-dir=.git', pattern, '.'], dir);
          return { ...r, found: r.stdout ? r.stdout.trim().split('\n').length : 0, ok: r.status === 0 || r.status === 1 };
        },
      });
    }
    // Not a scanner: the least any Node program pays to read the tree (see readFloor.mjs).
    list.push({
      name: 'node walk + read (no search)',
      run: () => {
        const r = time(process.execPath, [FLOOR, '.'], dir);
        return { ...r, found: 0, ok: r.status === 0 };
      },
    });
  }

  // git-secrets scans what git tracks: the repository is made once, before any tool runs, so every
  // tool sees the same files (each skips .git).
  const git = (...args) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  if (spawnSync('git', ['secrets', '--list']).error || !spawnSync('sh', ['-c', 'command -v git-secrets'], { encoding: 'utf8' }).stdout.trim()) {
    list.push({ name: 'git secrets --scan -r', missing: 'git-secrets is not installed' });
  } else {
    git('init', '-q');
    git('-c', 'user.email=bench@example.invalid', '-c', 'user.name=bench', 'add', '-A');
    git('secrets', '--add', RESTRICTED_PATTERN);
    list.push({
      name: 'git secrets --scan -r',
      run: () => {
        const r = time('git', ['secrets', '--scan', '-r', '.'], dir);
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

function compare(dir, work, bytes, label, rounds, withGrep = false) {
  const list = tools(dir, work, withGrep);
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
      console.log(`  ${''.padEnd(30)} retrac-scan / ${t.name}: wall ${fmt(oursWall / wall, 2)}x`);
    }
  }
  const wallOf = (name) => {
    const t = list.find((x) => x.name === name && x.runs?.length && !x.failed);
    return t && median(t.runs.map((x) => x.s));
  };
  const floor = wallOf('node walk + read (no search)');
  const grep = wallOf('grep -rEI (restricted key)');
  if (floor && grep) {
    console.log(`  Node's floor: walking and reading the tree, searching nothing, is ${fmt(floor / grep, 2)}x grep's wall; retrac-scan is ${fmt(oursWall / floor, 2)}x that floor`);
  }
  rmSync(join(dir, '.git'), { recursive: true, force: true });
  return oursWall;
}

/** The scanner as the extension ships it: one esbuild bundle (a file-by-file build calls across modules through getters). */
async function loadScanner(work) {
  const esbuild = await import('esbuild');
  const outfile = join(work, 'scan-bundle.cjs');
  const entry = join(work, 'scan-entry.ts');
  writeFileSync(entry, `export * from ${JSON.stringify(join(ROOT, 'src/scan/index.ts'))};\nexport { scanFile } from ${JSON.stringify(join(ROOT, 'src/scan/scanFiles.ts'))};\n`);
  await esbuild.build({ entryPoints: [entry], bundle: true, outfile, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning' });
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

/** A minified one-line bundle of about `bytes` with one key near the end. */
function makeBundle(bytes) {
  const parts = ['var a=function(b){return b+1};', 'n.prototype.x=function(){this.y=2};', '"use strict";', 'fetch("/api/items",{headers:{a:1}}).then(function(r){return r.json()});'];
  const out = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    out.push(parts[i % parts.length]);
    size += parts[i % parts.length].length;
  }
  out.splice(out.length - 50, 0, `var k="${fakeKey(true)}";`);
  return out.join('');
}

function bundleTimings(work, { scanFile }) {
  const file = join(work, 'bundle.min.js');
  writeFileSync(file, makeBundle(5 * 1024 * 1024));
  const options = {};
  for (let i = 0; i < 3; i++) scanFile({ path: file, gitIgnored: false }, options); // warm up
  const times = [];
  let found = 0;
  for (let i = 0; i < 15; i++) {
    const t0 = process.hrtime.bigint();
    found = scanFile({ path: file, gitIgnored: false }, options).findings.length;
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const cli = Array.from({ length: 5 }, () => time(process.execPath, [CLI, file], work).s * 1000);
  console.log(`\nOne-line 5 MB bundle (${found} finding): read + scan in-process median ${fmt(median(times), 1)} ms, best ${fmt(Math.min(...times), 1)} ms (target ≤ 50 ms); CLI wall ${fmt(median(cli), 0)} ms`);
}

function startupTimings(work, treeWall) {
  const node = median(Array.from({ length: 7 }, () => time(process.execPath, ['-e', '0'], work).s));
  const help = median(Array.from({ length: 7 }, () => time(process.execPath, [CLI, '--help'], work).s));
  console.log(`\nNode start-up: node -e 0 ${fmt(node * 1000, 0)} ms, retrac-scan --help ${fmt(help * 1000, 0)} ms (the CLI's own modules: ${fmt((help - node) * 1000, 0)} ms)`);
  console.log(`  share of the tree scan's wall time: ${fmt((help / treeWall) * 100, 0)} % (Node alone ${fmt((node / treeWall) * 100, 0)} %)`);
}

const work = mkdtempSync(join(tmpdir(), 'retrac-scan-bench-'));
// `--editor`: only the editor timings (for profiling: `node --cpu-prof test/bench/scan.bench.mjs --editor`).
if (argv.includes('--editor')) {
  try {
    editorTimings(await loadScanner(work));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  process.exit(0);
}
try {
  console.log(`${cpus().length} CPUs, load average ${load()}; node ${process.version}`);
  const tree = join(work, 'tree');
  mkdirSync(tree);
  const real = copyRealTree(tree);
  console.log(`Copied ${real.files} files (${fmt(real.bytes / 1024 / 1024)} MB) from node_modules into ${tree}`);
  const treeWall = compare(tree, work, real.bytes, `Tree of ${real.files} real source files`, ROUNDS, true);
  startupTimings(work, treeWall);

  const single = join(work, 'single');
  mkdirSync(single);
  const one = makeFile('ts', 1024 * 1024);
  writeFileSync(join(single, 'big.ts'), one);
  compare(single, work, one.length, 'One 1 MB file', ROUNDS * 2);

  const modules = await loadScanner(work);
  bundleTimings(work, modules);
  editorTimings(modules);
  console.log('\ntargets: tree wall ≤ 1.2x grep -rEI and ≤ git secrets --scan -r; 5 MB bundle ≤ 50 ms; incremental ≤ 1 ms');
} finally {
  rmSync(work, { recursive: true, force: true });
}
