// Benchmarks retrac-scan in git (printed, not asserted):
// - `--git` over a generated repository of 6,000 commits with realistic churn (a few files
//   changed per commit, lines edited in place, files added, deleted and renamed, side branches
//   merged back, ~20% of the files calling the Retrac API, keys added and removed), in MB/s of
//   unique blob content, side by side with `git log -p | grep -E` over the same history (the
//   simplest peer: it greps for key-shaped strings and does nothing else);
// - `--staged` on a typical 10-file commit and on 1,000 staged files, wall time including Node's
//   start, next to `node -e 0` and `git diff --cached | grep -E`.
// The repository is made with `git fast-import` (seconds, not minutes) and kept in the temp folder
// between runs. Run after a build: `node esbuild.mjs && node test/bench/gitHistory.bench.mjs [--rounds N]`.
import { createRequire } from 'node:module';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE } from './sampleCode.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = join(ROOT, 'dist/retrac-scan.js');
const argv = process.argv.slice(2);
const ROUNDS = Number(argv[argv.indexOf('--rounds') + 1]) || 3;
const COMMITS = 6000;
const FILES = 700;
const REPO = join(tmpdir(), `retrac-bench-history-v1-${COMMITS}`);
const KEY_PATTERN = "retrac_[A-Za-z0-9]{24}|Bearer [A-Za-z0-9]{24}";

// The sandbox's seeded generator (src/sandbox/ids.ts): the same data every run.
const rand = createRequire(import.meta.url)('../../out/src/sandbox/ids.js').seededRng(20261206);
const pick = (a) => a[Math.floor(rand() * a.length)];
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const fakeKey = () => 'retrac' + '_' + Array.from({ length: 24 }, () => ALNUM[Math.floor(rand() * 62)]).join('');

const LINES = { ts: CODE.ts, py: CODE.py, md: CODE.md };
const RETRAC_LINES = [
  'const retrac = new Retrac({ apiKey: process.env.RETRAC_API_KEY });',
  "const res = await fetch('https://api.retrac.co/items?workspaceId=' + ws, { headers: { Authorization: `Bearer ${key}` } });",
  'retrac_client = retrac.Client(api_key=os.environ["RETRAC_API_KEY"])',
];

function makeLines(ext, bytes, retrac) {
  const out = [];
  let size = 0;
  while (size < bytes) {
    const line = retrac && rand() < 0.05 ? pick(RETRAC_LINES) : pick(LINES[ext]);
    out.push(line);
    size += line.length + 1;
  }
  return out;
}

/** Writes the fast-import stream for the whole history; returns counts. */
async function generate() {
  rmSync(REPO, { recursive: true, force: true });
  mkdirSync(REPO, { recursive: true });
  spawnSync('git', ['init', '-q', '-b', 'main', REPO]);
  const fi = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: REPO, stdio: ['pipe', 'inherit', 'inherit'] });
  const closed = new Promise((res) => fi.on('close', res));
  let buffered = [];
  let bufferedBytes = 0;
  const out = async (s) => {
    buffered.push(s);
    bufferedBytes += Buffer.byteLength(s);
    if (bufferedBytes > 4 * 1024 * 1024) await flush();
  };
  const flush = () => {
    const chunk = buffered.join('');
    buffered = [];
    bufferedBytes = 0;
    return new Promise((res) => (fi.stdin.write(chunk) ? res() : fi.stdin.once('drain', res)));
  };
  const data = (s) => `data ${Buffer.byteLength(s)}\n${s}\n`;
  let mark = 0;
  const files = new Map(); // path -> { lines, ext, retrac }
  const exts = ['ts', 'ts', 'ts', 'py', 'md'];
  const newPath = (i) => {
    const ext = pick(exts);
    return { path: `pkg${i % 40}/mod${i % 6}/file${i}.${ext}`, ext };
  };
  let fileCounter = 0;
  let blobBytes = 0;
  let keysAdded = 0;
  const blob = async (lines) => {
    const text = lines.join('\n') + '\n';
    blobBytes += Buffer.byteLength(text);
    await out(`blob\nmark :${++mark}\n${data(text)}`);
    return mark;
  };
  let clock = Date.UTC(2020, 0, 1) / 1000;
  let mainTip = 0;
  let sideTip = 0;
  const commit = async (ref, from, merge, changes, message) => {
    const ops = [];
    for (const c of changes) ops.push(c.op === 'D' ? `D ${c.path}\n` : c.op === 'R' ? `R ${c.from} ${c.path}\n` : `M 100644 :${c.mark} ${c.path}\n`);
    clock += 600 + Math.floor(rand() * 7200);
    const who = pick(['Ada Lovelace <ada@example.com>', 'Grace Hopper <grace@example.com>', 'Alan Turing <alan@example.com>']);
    await out(`commit ${ref}\nmark :${++mark}\nauthor ${who} ${clock} +0000\ncommitter ${who} ${clock} +0000\n${data(message)}${from ? `from :${from}\n` : ''}${merge ? `merge :${merge}\n` : ''}${ops.join('')}`);
    return mark;
  };
  // Initial tree.
  const initial = [];
  for (let i = 0; i < FILES; i++) {
    const { path, ext } = newPath(fileCounter++);
    const retrac = rand() < 0.2;
    const lines = makeLines(ext, 1000 + Math.floor(rand() * 24000), retrac);
    files.set(path, { lines, ext, retrac });
    initial.push({ op: 'M', path, mark: await blob(lines) });
  }
  mainTip = await commit('refs/heads/main', 0, 0, initial, 'initial import');
  let commits = 1;
  const paths = () => [...files.keys()];
  const change = async () => {
    const r = rand();
    if (r < 0.02) {
      const { path, ext } = newPath(fileCounter++);
      const retrac = rand() < 0.2;
      const lines = makeLines(ext, 1000 + Math.floor(rand() * 12000), retrac);
      files.set(path, { lines, ext, retrac });
      return { op: 'M', path, mark: await blob(lines) };
    }
    if (r < 0.03 && files.size > 50) {
      const path = pick(paths());
      files.delete(path);
      return { op: 'D', path };
    }
    if (r < 0.04) {
      const from = pick(paths());
      const f = files.get(from);
      const to = from.replace(/file(\d+)/, `moved${fileCounter++}`);
      files.delete(from);
      files.set(to, f);
      return { op: 'R', from, path: to };
    }
    const path = pick(paths());
    const f = files.get(path);
    const edits = 1 + Math.floor(rand() * 12);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(rand() * f.lines.length);
      const k = rand();
      if (k < 0.5) f.lines.splice(at, 0, ...makeLines(f.ext, 30 + Math.floor(rand() * 300), f.retrac));
      else if (k < 0.8) f.lines.splice(at, 1 + Math.floor(rand() * 3));
      else f.lines[at] = pick(LINES[f.ext]);
    }
    if (rand() < 0.004) {
      // A leak: it stays until an edit happens to delete its line.
      f.lines.splice(Math.floor(rand() * f.lines.length), 0, `const RETRAC_API_KEY = "${fakeKey()}";`);
      keysAdded++;
    }
    return { op: 'M', path, mark: await blob(f.lines) };
  };
  while (commits < COMMITS) {
    if (commits % 60 === 0) {
      // A short side branch merged back.
      sideTip = mainTip;
      for (let s = 0; s < 3; s++) {
        const changes = [];
        for (let n = 0; n < 1 + Math.floor(rand() * 3); n++) changes.push(await change());
        sideTip = await commit('refs/heads/side', sideTip, 0, dedupe(changes), `side ${commits}`);
        commits++;
      }
      mainTip = await commit('refs/heads/main', mainTip, sideTip, [], `merge side ${commits}`);
      commits++;
      continue;
    }
    const changes = [];
    const n = rand() < 0.7 ? 1 + Math.floor(rand() * 3) : 4 + Math.floor(rand() * 6);
    for (let i = 0; i < n; i++) changes.push(await change());
    mainTip = await commit('refs/heads/main', mainTip, 0, dedupe(changes), `change ${commits}`);
    commits++;
  }
  await out('done\n');
  await flush();
  fi.stdin.end();
  await closed;
  spawnSync('git', ['checkout', '-q', '-f', 'main'], { cwd: REPO });
  writeFileSync(join(REPO, '.git', 'bench-done'), JSON.stringify({ commits, blobBytes, keysAdded }));
}

/** One change per path per commit (fast-import applies them in order; a later edit wins anyway). */
function dedupe(changes) {
  const seen = new Set();
  return changes.reverse().filter((c) => {
    const key = c.path + (c.from ?? '');
    if (seen.has(key) || (c.from && seen.has(c.from))) return false;
    seen.add(key);
    return true;
  }).reverse();
}

// bash's `times` gives the CPU time (user + system) of the children it waited for: on a shared,
// loaded machine it says more than the wall clock (load 12 on 2 cores makes wall times 5x longer).
const TIMED = '"$@"; rc=$?; times >&2; exit $rc';

function timeIt(cmd, args, cwd, options = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('bash', ['-c', TIMED, 'bash', cmd, ...args], { cwd, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, ...options });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  let cpu = NaN;
  const m = /(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec(r.stderr ?? '');
  if (m) cpu = Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4]);
  return { s, cpu, r };
}

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const mb = (b) => b / 1024 / 1024;
const fmt = (x, d = 1) => x.toFixed(d);

function uniqueBlobBytes(cwd) {
  const r = spawnSync('sh', ['-c', "git rev-list --objects --all | cut -d' ' -f1 | git cat-file --batch-check='%(objecttype) %(objectsize)'"], { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  let bytes = 0;
  let blobs = 0;
  for (const line of r.stdout.split('\n')) {
    if (!line.startsWith('blob ')) continue;
    blobs++;
    bytes += Number(line.slice(5));
  }
  return { bytes, blobs };
}

async function historyBench() {
  if (!existsSync(join(REPO, '.git', 'bench-done'))) {
    const t0 = Date.now();
    await generate();
    console.log(`generated ${REPO} in ${fmt((Date.now() - t0) / 1000)} s`);
  }
  const { bytes, blobs } = uniqueBlobBytes(REPO);
  const commits = Number(spawnSync('git', ['rev-list', '--count', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).stdout.trim());
  console.log(`history: ${commits} commits, ${blobs} unique blobs, ${fmt(mb(bytes))} MB of blob content; ${cpus().length} cores, load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const tools = [
    ['retrac-scan --git', () => timeIt(process.execPath, [CLI, '--git', '--format', 'json'], REPO), (r) => JSON.parse(r.stdout).findings.length],
    ['git log -p | grep -E', () => timeIt('sh', ['-c', `git log -p HEAD | grep -cE '${KEY_PATTERN}'`], REPO), (r) => Number(r.stdout.trim())],
    ['git log -p -U0 | grep -E', () => timeIt('sh', ['-c', `git log -p -U0 HEAD | grep -cE '${KEY_PATTERN}'`], REPO), (r) => Number(r.stdout.trim())],
  ];
  const times = new Map(tools.map(([n]) => [n, []]));
  const cpus_ = new Map(tools.map(([n]) => [n, []]));
  const counts = new Map();
  for (let round = 0; round < ROUNDS; round++) {
    const order = tools.map((_, i) => tools[(i + round) % tools.length]); // rotate: no tool always first
    for (const [name, run, count] of order) {
      const { s, cpu, r } = run();
      if (r.status !== 0 && r.status !== 1) throw new Error(`${name} failed: ${r.stderr}`);
      times.get(name).push(s);
      cpus_.get(name).push(cpu);
      counts.set(name, count(r));
    }
  }
  const ours = median(times.get(tools[0][0]));
  const oursCpu = median(cpus_.get(tools[0][0]));
  console.log('tool                         wall s   MB/s  ratio   CPU s  MB/CPU-s  ratio   findings/matches');
  for (const [name] of tools) {
    const s = median(times.get(name));
    const c = median(cpus_.get(name));
    console.log(`${name.padEnd(28)} ${fmt(s, 2).padStart(6)} ${fmt(mb(bytes) / s, 0).padStart(6)} ${fmt(s / ours, 2).padStart(5)}x ${fmt(c, 2).padStart(6)} ${fmt(mb(bytes) / c, 0).padStart(8)} ${fmt(c / oursCpu, 2).padStart(6)}x   ${counts.get(name)}`);
  }
  console.log(`retrac-scan --git: ${fmt(mb(bytes) / ours, 1)} MB/s of unique blob content by the wall clock (${fmt(commits / ours, 0)} commits/s, Node start included), ${fmt(mb(bytes) / oursCpu, 1)} MB per CPU second (git's processes included)`);
}

function stagedBench() {
  const dir = join(tmpdir(), 'retrac-bench-staged');
  rmSync(dir, { recursive: true, force: true });
  // A work tree of HEAD of the history repo: 700+ files, realistic sizes.
  spawnSync('git', ['clone', '-q', '--depth', '1', `file://${REPO}`, dir]);
  const git = (...a) => spawnSync('git', a, { cwd: dir, encoding: 'utf8' });
  git('config', 'user.name', 'Bench');
  git('config', 'user.email', 'bench@example.com');
  const tracked = git('ls-files').stdout.trim().split('\n').filter((p) => !p.endsWith('.md'));
  const stage = (n) => {
    git('reset', '-q', '--hard');
    const changed = [];
    for (let i = 0; i < n; i++) {
      // Existing files edited, then new files once the tracked ones run out.
      const path = i < tracked.length ? tracked[i] : `new/file${i}.ts`;
      mkdirSync(join(dir, dirname(path)), { recursive: true });
      const extra = `export const added${i} = ${i};\n`.repeat(3);
      writeFileSync(join(dir, path), (i < tracked.length ? spawnSync('git', ['show', `HEAD:${path}`], { cwd: dir, encoding: 'utf8' }).stdout : '') + extra);
      changed.push(path);
    }
    spawnSync('git', ['add', '-A'], { cwd: dir });
    return Number(git('diff', '--cached', '--name-only').stdout.trim().split('\n').filter(Boolean).length);
  };
  console.log('\nstaged                       files   wall ms  CPU ms (medians of N)');
  for (const n of [10, 1000]) {
    const count = stage(n);
    const rounds = n === 10 ? 15 : 7;
    const rows = [
      ['node -e 0 (Node start)', () => timeIt(process.execPath, ['-e', '0'], dir)],
      ['retrac-scan --staged', () => timeIt(process.execPath, [CLI, '--staged'], dir)],
      ['git diff --cached | grep -E', () => timeIt('sh', ['-c', `git diff --cached | grep -cE '${KEY_PATTERN}'`], dir)],
    ];
    const times = rows.map(() => []);
    const cpu = rows.map(() => []);
    for (let round = 0; round < rounds; round++) {
      rows.forEach(([, run], i) => {
        const { s, cpu: c, r } = run();
        if (i === 1 && r.status !== 0 && r.status !== 1) throw new Error(r.stderr);
        times[i].push(s);
        cpu[i].push(c);
      });
    }
    rows.forEach(([name], i) => console.log(`${name.padEnd(28)} ${String(count).padStart(5)}   ${fmt(median(times[i]) * 1000, 0).padStart(6)}  ${fmt(median(cpu[i]) * 1000, 0).padStart(6)} (${rounds})`));
  }
  rmSync(dir, { recursive: true, force: true });
}

await historyBench();
stagedBench();
