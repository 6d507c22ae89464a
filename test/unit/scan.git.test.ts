// retrac-scan in git: --staged, --git over real repositories built here (keys added then removed,
// renames, merges, binary and huge blobs, a shallow clone, several refs), the bad-input paths, a
// pre-commit hook that blocks a real `git commit`, baselines and the JSON report.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { addedFindings } from '../../src/scan/git/blobScans';
import { scanHistory } from '../../src/scan/git/history';
import { parseRawEntries } from '../../src/scan/git/rawDiff';
import { parseBaseline } from '../../src/scan/baseline';
import { hookScript, installHook, locateHook, removeHook } from '../../src/scan/git/preCommitHook';
import type { Finding } from '../../src/scan';
import { fullKey, restrictedKey } from './scanFixtures';

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'dist', 'retrac-scan.js');

interface Json {
  findings: { file: string; line: number; rule: string; message: string; fingerprint: string; commit?: string; author?: string; date?: string; inHead?: boolean }[];
  skipped: { path: string; reason: string; commit?: string; size?: number }[];
  notes?: string[];
}

function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(args: string[], cwd: string): Json & { code: number | null; stderr: string } {
  const r = cli([...args, '--format', 'json'], cwd);
  assert.ok(r.stdout, `no output; stderr: ${r.stderr}`);
  return { ...(JSON.parse(r.stdout) as Json), code: r.code, stderr: r.stderr };
}

class Repo {
  private clock = Date.UTC(2026, 0, 1) / 1000;
  constructor(readonly dir: string) {}

  static create(): Repo {
    const repo = new Repo(mkdtempSync(join(tmpdir(), 'retrac-git-')));
    repo.git('init', '-q', '-b', 'main');
    repo.git('config', 'user.name', 'Ada Lovelace');
    repo.git('config', 'user.email', 'ada@example.com');
    repo.git('config', 'commit.gpgsign', 'false');
    repo.git('config', 'core.hooksPath', '.git/hooks'); // no global hooks of this machine
    return repo;
  }

  git(...args: string[]): string {
    const date = `${this.clock} +0000`;
    const r: SpawnSyncReturns<string> = spawnSync('git', args, {
      cwd: this.dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }

  write(rel: string, content: string | Buffer): this {
    mkdirSync(dirname(join(this.dir, rel)), { recursive: true });
    writeFileSync(join(this.dir, rel), content);
    return this;
  }

  /** Commits everything; returns the commit id. */
  commit(message: string): string {
    this.clock += 86400;
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const code = (name: string, key: string): string => `const x = 1;\nconst ${name} = "${key}";\nexport default x;\n`;

describe('retrac-scan in git', function () {
  this.timeout(60_000);
  const repos: Repo[] = [];
  const repo = (): Repo => {
    const r = Repo.create();
    repos.push(r);
    return r;
  };
  after(() => repos.forEach((r) => r.remove()));

  describe('--git (history)', () => {
    it('finds a key a commit added and a later one removed, with commit, author, date, line and inHead', () => {
      const r = repo();
      const gone = restrictedKey();
      const kept = restrictedKey();
      r.write('src/app.ts', 'export const a = 1;\n').commit('start');
      const added = r.write('src/app.ts', 'export const a = 1;\n' + code('RETRAC_API_KEY', gone)).commit('add key');
      r.write('src/app.ts', 'export const a = 1;\n').commit('remove key');
      const keptAt = r.write('config/settings.py', `\n\nRETRAC_KEY = "${kept}"\n`).commit('another key');
      const out = json(['--git'], r.dir);
      assert.equal(out.code, 1, out.stderr);
      assert.equal(out.findings.length, 2, JSON.stringify(out.findings));
      const [first, second] = out.findings; // newest commit first, as git log lists them
      assert.deepEqual(
        { file: first.file, line: first.line, commit: first.commit, author: first.author, inHead: first.inHead },
        { file: 'config/settings.py', line: 3, commit: keptAt, author: 'Ada Lovelace', inHead: true },
      );
      assert.deepEqual(
        { file: second.file, line: second.line, commit: second.commit, inHead: second.inHead },
        { file: 'src/app.ts', line: 3, commit: added, inHead: false },
      );
      assert.match(second.date!, /^2026-01-03T00:00:00/);
      assert.equal(second.rule, 'retrac/restricted-key');
      for (const key of [gone, kept]) assert.ok(!JSON.stringify(out).includes(key), 'a key is in the report');
    });

    it('reports a key once: not again when the file is renamed, edited around it or merged', () => {
      const r = repo();
      const key = restrictedKey();
      const added = r.write('a.js', code('RETRAC_API_KEY', key)).commit('add');
      r.git('mv', 'a.js', 'b.js');
      r.commit('rename');
      r.write('b.js', '// header\n// more\n' + code('RETRAC_API_KEY', key) + 'more();\n').commit('edit around');
      r.git('checkout', '-q', '-b', 'side');
      r.write('side.txt', 'side\n').commit('side work');
      r.git('checkout', '-q', 'main');
      r.write('b.js', '// header\n// more\n' + code('RETRAC_API_KEY', key) + 'more();\nother();\n').commit('main work');
      r.git('merge', '-q', '--no-edit', 'side');
      const out = json(['--git'], r.dir);
      assert.equal(out.findings.length, 1, JSON.stringify(out.findings.map((f) => [f.file, f.line, f.commit])));
      assert.equal(out.findings[0].commit, added);
      assert.equal(out.findings[0].file, 'a.js');
      assert.equal(out.findings[0].inHead, true);
    });

    it('a second copy of the key in the same file is a new finding; a key a branch added is attributed to the branch commit, not the merge', () => {
      const r = repo();
      const key = restrictedKey();
      const other = restrictedKey();
      r.write('a.js', code('RETRAC_API_KEY', key)).commit('add');
      const copied = r.write('a.js', code('RETRAC_API_KEY', key) + `const RETRAC_BACKUP_KEY = "${key}";\n`).commit('copy');
      r.git('checkout', '-q', '-b', 'feature');
      const onBranch = r.write('feature.py', `RETRAC_API_KEY = "${other}"\n`).commit('feature key');
      r.git('checkout', '-q', 'main');
      r.write('main.txt', 'main\n').commit('main');
      r.git('merge', '-q', '--no-edit', 'feature');
      const out = json(['--git'], r.dir);
      const where = out.findings.map((f) => `${f.file}:${f.line}@${f.commit}`).sort();
      assert.deepEqual(where, [`a.js:2@${r.git('rev-list', '--max-parents=0', 'HEAD').trim()}`, `a.js:4@${copied}`, `feature.py:1@${onBranch}`].sort());
    });

    it('a key added by a merge resolution belongs to the merge commit', () => {
      const r = repo();
      r.write('conf.js', 'module.exports = {};\n').commit('base');
      r.git('checkout', '-q', '-b', 'b');
      r.write('conf.js', 'module.exports = { b: 1 };\n').commit('b');
      r.git('checkout', '-q', 'main');
      r.write('conf.js', 'module.exports = { a: 1 };\n').commit('a');
      spawnSync('git', ['merge', '-q', 'b'], { cwd: r.dir }); // conflicts
      const key = restrictedKey();
      r.write('conf.js', `module.exports = { a: 1, b: 1, RETRAC_API_KEY: "${key}" };\n`);
      const merge = r.commit('merge with a key');
      const out = json(['--git'], r.dir);
      assert.deepEqual(out.findings.map((f) => [f.file, f.commit]), [['conf.js', merge]]);
    });

    it('--all also scans refs HEAD cannot reach; a REV-RANGE limits the commits', () => {
      const r = repo();
      r.write('a.txt', 'a\n').commit('base');
      r.git('checkout', '-q', '-b', 'wip');
      const hidden = r.write('wip.js', code('RETRAC_API_KEY', restrictedKey())).commit('wip');
      r.git('checkout', '-q', 'main');
      const early = r.write('early.js', code('RETRAC_API_KEY', restrictedKey())).commit('early');
      const late = r.write('late.js', code('RETRAC_API_KEY', restrictedKey())).commit('late');
      assert.deepEqual(json(['--git'], r.dir).findings.map((f) => f.commit), [late, early]);
      assert.deepEqual(json(['--git', '--all'], r.dir).findings.map((f) => f.commit).sort(), [late, early, hidden].sort());
      assert.deepEqual(json(['--git', `${early}..HEAD`], r.dir).findings.map((f) => f.commit), [late]);
    });

    it('reports compressed and huge blobs as not scanned, and finds keys in the other files of the same commit', () => {
      const r = repo();
      const key = restrictedKey();
      // Compressed: the key is not in its bytes, so it cannot be searched (other binaries are searched byte-wise).
      r.write('img/logo.dat', gzipSync(Buffer.from(`RETRAC_API_KEY="${key}"`)));
      r.write('data/dump.sql', `-- retrac dump\n${'x'.repeat(100)}\n`.repeat(60_000)); // ~6 MB, over the 5 MB limit given below
      const c = r.write('src/a.js', code('RETRAC_API_KEY', key)).commit('assets');
      const out = json(['--git', '--max-file-size', '5M'], r.dir);
      assert.deepEqual(out.findings.map((f) => f.file), ['src/a.js']);
      assert.deepEqual(out.skipped.map((s) => [s.path, s.reason, s.commit]).sort(), [['data/dump.sql', 'too-large', c], ['img/logo.dat', 'binary', c]]);
      assert.ok(out.skipped.find((s) => s.reason === 'too-large')!.size! > 5 * 1024 * 1024);
      const text = cli(['--git', '--max-file-size', '5M', '--verbose'], r.dir);
      assert.match(text.stderr, /not scanned \(too large, 6\.\d MB, commit [0-9a-f]{10}\): data\/dump\.sql/);
      assert.match(text.stderr, /not scanned \(binary, [^)]*\): img\/logo\.dat/);
      assert.match(text.stderr, /2 files not scanned: 1 too large, 1 binary/);
    });

    it('scans a shallow clone and says it is shallow', () => {
      const r = repo();
      r.write('old.js', code('RETRAC_API_KEY', restrictedKey())).commit('old');
      for (let i = 0; i < 3; i++) r.write(`f${i}.txt`, `${i}\n`).commit(`c${i}`);
      const recent = r.write('new.js', code('RETRAC_API_KEY', restrictedKey())).commit('new');
      const clone = mkdtempSync(join(tmpdir(), 'retrac-shallow-'));
      repos.push(new Repo(clone));
      spawnSync('git', ['clone', '-q', '--depth', '2', `file://${r.dir}`, clone], { encoding: 'utf8' });
      const out = json(['--git'], clone);
      assert.equal(out.code, 1);
      // The grafted boundary commit shows all its files as added: old.js is reported there.
      assert.deepEqual(out.findings.map((f) => f.file).sort(), ['new.js', 'old.js']);
      assert.equal(out.findings.find((f) => f.file === 'new.js')!.commit, recent);
      assert.match(out.stderr, /shallow clone/);
      assert.match(cli(['--git'], clone).stdout, /shallow clone/);
    });

    it('an abort (Ctrl-C) ends the scan with what was found so far, marked interrupted, instead of hanging on the blob being read', async () => {
      const r = repo();
      for (let i = 0; i < 30; i++) r.write(`f${i}.js`, code('RETRAC_API_KEY', restrictedKey()) + `${'x'.repeat(70)}\n`.repeat(700)).commit(`c${i}`);
      const controller = new AbortController();
      const scan = scanHistory({ cwd: r.dir, signal: controller.signal });
      setImmediate(() => controller.abort());
      const result = await scan;
      assert.equal(result.interrupted, true);
      assert.ok(result.findings.length < 30, `${result.findings.length} findings: the abort came too late to tell`);
      const full = await scanHistory({ cwd: r.dir });
      assert.equal(full.interrupted, false);
      assert.equal(full.findings.length, 30);
    });

    it('CLI: progress on stderr while blobs are read, and Ctrl-C (SIGINT) prints what was found so far, exit 130', async () => {
      const r = repo();
      r.write('a.js', code('RETRAC_API_KEY', restrictedKey())).commit('a');
      // A git whose cat-file never answers: the scan is stuck reading blobs until interrupted.
      const bin = mkdtempSync(join(tmpdir(), 'retrac-slowgit-'));
      repos.push(new Repo(bin));
      const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
      writeFileSync(join(bin, 'git'), `#!/bin/sh\nif [ "$1" = cat-file ]; then exec sleep 600; fi\nexec "${realGit}" "$@"\n`);
      chmodSync(join(bin, 'git'), 0o755);
      const child = spawn(process.execPath, [CLI, '--git'], { cwd: r.dir, env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      const progressed = new Promise<void>((resolve) => child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (/0 of 1 commits scanned/.test(stderr)) resolve();
      }));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      await progressed;
      child.kill('SIGINT');
      assert.equal(await exited, 130, stderr);
      assert.match(stdout, /0 findings \(0 errors\) in 1 commit/);
      assert.match(stdout, /Interrupted: partial results \(0 of 1 blob read, 1 commit listed\)/);
    });

    it('bad input: not a repository, a bad range, git missing: exit 2 and a sentence', () => {
      const plain = mkdtempSync(join(tmpdir(), 'retrac-nogit-'));
      repos.push(new Repo(plain));
      for (const mode of [['--git'], ['--staged']]) {
        const r = cli(mode, plain);
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /not inside a git repository/);
      }
      const r = repo();
      r.write('a', 'a\n').commit('a');
      const bad = cli(['--git', 'no-such-branch..HEAD'], r.dir);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /bad revision 'no-such-branch\.\.HEAD'/);
      const noGit = cli(['--staged'], r.dir, { ...process.env, PATH: '/nonexistent' });
      assert.equal(noGit.code, 2);
      assert.match(noGit.stderr, /git was not found/);
      const usage = cli(['--staged', 'src'], r.dir);
      assert.equal(usage.code, 2);
      assert.match(usage.stderr, /no PATH/);
    });
  });

  describe('--staged', () => {
    it('scans the index, not the work tree, and only what the commit adds', () => {
      const r = repo();
      const old = restrictedKey();
      r.write('legacy.js', code('RETRAC_API_KEY', old)).commit('legacy'); // already in history
      r.write('legacy.js', code('RETRAC_API_KEY', old) + 'more();\n');
      r.git('add', 'legacy.js');
      assert.equal(cli(['--staged'], r.dir).code, 0, 'a key HEAD already holds blocked the commit');

      const key = restrictedKey();
      r.write('src/new.ts', '\n' + code('retracToken', key));
      r.git('add', 'src/new.ts');
      r.write('src/new.ts', 'clean in the work tree\n'); // the index still has the key
      const staged = json(['--staged'], r.dir);
      assert.equal(staged.code, 1);
      assert.deepEqual(staged.findings.map((f) => [f.file, f.line, f.rule]), [['src/new.ts', 3, 'retrac/restricted-key']]);
      assert.ok(!JSON.stringify(staged).includes(key));

      r.write('src/new.ts', 'clean\n');
      r.git('add', 'src/new.ts');
      r.write('wt-only.js', code('RETRAC_API_KEY', fullKey())); // not staged
      assert.equal(cli(['--staged'], r.dir).code, 0);
    });

    it('works before the first commit and with renames', () => {
      const r = repo();
      r.write('a.py', `RETRAC_API_KEY = "${restrictedKey()}"\n`);
      r.git('add', '-A');
      assert.equal(cli(['--staged'], r.dir).code, 1);
      r.commit('first');
      r.git('mv', 'a.py', 'b.py');
      assert.equal(cli(['--staged'], r.dir).code, 0, 'a rename re-reported the key');
    });

    it('a pre-commit hook with --staged blocks a real git commit that adds a key, and lets a clean one through', () => {
      const r = repo();
      r.write('README.md', 'hi\n').commit('init');
      const hook = join(r.dir, '.git', 'hooks', 'pre-commit');
      mkdirSync(dirname(hook), { recursive: true });
      writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" --staged\n`);
      chmodSync(hook, 0o755);
      r.write('app.js', code('RETRAC_API_KEY', restrictedKey()));
      r.git('add', 'app.js');
      const blocked = spawnSync('git', ['commit', '-m', 'leak'], { cwd: r.dir, encoding: 'utf8' });
      assert.notEqual(blocked.status, 0, 'the commit went through');
      assert.match(blocked.stdout + blocked.stderr, /app\.js:2:\d+ error retrac\/restricted-key/);
      assert.equal(r.git('rev-list', '--count', 'HEAD').trim(), '1');
      r.write('app.js', 'const key = process.env.RETRAC_API_KEY;\n');
      r.git('add', 'app.js');
      const ok = spawnSync('git', ['commit', '-q', '-m', 'clean'], { cwd: r.dir, encoding: 'utf8' });
      assert.equal(ok.status, 0, ok.stderr + ok.stdout);
      assert.equal(r.git('rev-list', '--count', 'HEAD').trim(), '2');
    });
  });

  describe('baselines', () => {
    it('round trip: --write-baseline records fingerprints (no key), --baseline fails only on new findings, in all modes', () => {
      const r = repo();
      const key = restrictedKey();
      r.write('a.js', code('RETRAC_API_KEY', key)).commit('a');
      const base = join(r.dir, '.retrac-baseline.json');
      const written = cli(['--git', '--write-baseline', base], r.dir);
      assert.equal(written.code, 0, written.stderr);
      const text = readFileSync(base, 'utf8');
      assert.ok(!text.includes(key), 'the baseline holds the key');
      const entries = parseBaseline(text, base);
      assert.equal(entries.length, 1);
      assert.deepEqual({ path: entries[0].path, line: entries[0].line, rule: entries[0].rule }, { path: 'a.js', line: 2, rule: 'retrac/restricted-key' });
      assert.match(entries[0].fingerprint, /^[0-9a-f]{64}$/);

      assert.equal(cli(['--git', '--baseline', base], r.dir).code, 0);
      assert.equal(cli(['.', '--baseline', base], r.dir).code, 0, 'plain scan');
      r.write('c.js', code('RETRAC_API_KEY', key)); // the same key elsewhere: same fingerprint, accepted
      r.git('add', 'c.js');
      assert.equal(cli(['--staged', '--baseline', base], r.dir).code, 0);
      r.write('b.js', code('RETRAC_API_KEY', restrictedKey()));
      r.git('add', 'b.js');
      const fresh = json(['--staged', '--baseline', base], r.dir);
      assert.equal(fresh.code, 1);
      assert.deepEqual(fresh.findings.map((f) => f.file), ['b.js']);
      const history = cli(['--git', '--baseline', base], r.dir);
      assert.match(history.stdout, /0 findings \(0 errors, 1 accepted by the baseline\)/);
    });

    it('--staged and --git read ./.retrac-baseline.json when present (the file the editor writes); --no-baseline does not', () => {
      const r = repo();
      r.write('a.js', code('RETRAC_API_KEY', restrictedKey()));
      r.git('add', 'a.js');
      assert.equal(cli(['--staged', '--write-baseline', '.retrac-baseline.json'], r.dir).code, 0);
      const accepted = cli(['--staged'], r.dir);
      assert.equal(accepted.code, 0, accepted.stdout);
      assert.match(accepted.stdout, /1 accepted by the baseline/);
      assert.equal(cli(['--staged', '--no-baseline'], r.dir).code, 1);
    });

    it('a broken or missing baseline is exit 2 with a sentence, not an accepted-everything run', () => {
      const r = repo();
      r.write('a.js', code('RETRAC_API_KEY', restrictedKey())).commit('a');
      r.write('bad.json', '{"version": 1, "findings": [{"fingerprint": "nope"}]}');
      const bad = cli(['--git', '--baseline', 'bad.json'], r.dir);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /bad\.json: entry 1 has no fingerprint/);
      const missing = cli(['--git', '--baseline', 'none.json'], r.dir);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /No such baseline file: none\.json/);
    });
  });

  describe('pre-commit hook file (what the editor command writes)', () => {
    const fallback = { node: process.execPath, cli: CLI };
    const stageKey = (r: Repo): void => {
      r.write('leak.js', code('RETRAC_API_KEY', restrictedKey()));
      r.git('add', 'leak.js');
    };
    const commitStatus = (r: Repo): number | null => spawnSync('git', ['commit', '-q', '-m', 'try'], { cwd: r.dir, encoding: 'utf8', env: { ...process.env, PATH: '/usr/bin:/bin' } }).status;

    it('installs in .git/hooks, blocks a key (bundled CLI, retrac-scan not on PATH), and is removed again', async () => {
      const r = repo();
      r.write('a', 'a\n').commit('a');
      const loc = await locateHook({ cwd: r.dir });
      assert.equal(loc.hookPath, join(r.dir, '.git', 'hooks', 'pre-commit'));
      assert.equal(loc.existing, 'none');
      installHook(loc, hookScript(fallback, false), false);
      stageKey(r);
      assert.notEqual(commitStatus(r), 0);
      assert.equal(removeHook(await locateHook({ cwd: r.dir })), 'removed');
      assert.equal(commitStatus(r), 0);
    });

    it('honours core.hooksPath, never overwrites a hook without chain, chains in front of it and restores it on removal', async () => {
      const r = repo();
      r.write('a', 'a\n').commit('a');
      r.git('config', 'core.hooksPath', 'githooks');
      const theirs = '#!/bin/sh\necho their-hook-ran > their-hook.txt\n';
      r.write('githooks/pre-commit', theirs);
      chmodSync(join(r.dir, 'githooks', 'pre-commit'), 0o755);
      const loc = await locateHook({ cwd: r.dir });
      assert.equal(loc.hookPath, join(r.dir, 'githooks', 'pre-commit'));
      assert.equal(loc.existing, 'other');
      assert.equal(loc.hooksPath, 'githooks');
      assert.throws(() => installHook(loc, hookScript(fallback, false), false), /exists; not overwritten/);
      assert.equal(readFileSync(loc.hookPath, 'utf8'), theirs);
      installHook(loc, hookScript(fallback, true), true);
      stageKey(r);
      assert.notEqual(commitStatus(r), 0, 'the chained hook let a key through');
      r.git('rm', '-q', '--cached', 'leak.js');
      rmSync(join(r.dir, 'leak.js'));
      r.write('ok.txt', 'fine\n');
      r.git('add', 'ok.txt');
      assert.equal(commitStatus(r), 0);
      assert.equal(readFileSync(join(r.dir, 'their-hook.txt'), 'utf8'), 'their-hook-ran\n', 'the chained hook did not run');
      assert.equal(removeHook(await locateHook({ cwd: r.dir })), 'restored');
      assert.equal(readFileSync(loc.hookPath, 'utf8'), theirs);
      assert.equal(removeHook(await locateHook({ cwd: r.dir })), 'not-ours');
    });

    it("husky's core.hooksPath (.husky/_) means husky's own .husky/pre-commit", async () => {
      const r = repo();
      r.write('a', 'a\n').commit('a');
      r.git('config', 'core.hooksPath', '.husky/_');
      const loc = await locateHook({ cwd: r.dir });
      assert.equal(loc.hookPath, join(r.dir, '.husky', 'pre-commit'));
      assert.equal(loc.husky, true);
    });
  });

  describe('--output', () => {
    it('writes the report to a file, keeps the exit status', () => {
      const r = repo();
      r.write('a.js', code('RETRAC_API_KEY', restrictedKey())).commit('a');
      const res = cli(['--git', '--format', 'json', '--output', 'out.json'], r.dir);
      assert.equal(res.code, 1);
      assert.equal(res.stdout, '');
      const data = JSON.parse(readFileSync(join(r.dir, 'out.json'), 'utf8')) as Json;
      assert.equal(data.findings.length, 1);
    });
  });

  describe('parts', () => {
    const f = (fingerprint: string, line: number): Finding => ({ fingerprint, line } as Finding);
    it('addedFindings counts occurrences against every parent version', () => {
      assert.deepEqual(addedFindings([f('a', 1), f('b', 2)], []).map((x) => x.fingerprint), ['a', 'b']);
      assert.deepEqual(addedFindings([f('a', 5)], [[f('a', 1)]]), [], 'a moved key is not added');
      assert.deepEqual(addedFindings([f('a', 1), f('a', 9)], [[f('a', 1)]]).map((x) => x.line), [9]);
      assert.deepEqual(addedFindings([f('a', 1)], [[], [f('a', 3)]]), [], 'a merge: present in one parent');
    });
    it('parseRawEntries reads plain, rename and combined entries', () => {
      const z = '0'.repeat(40);
      const a = 'a'.repeat(40);
      const b = 'b'.repeat(40);
      const c = 'c'.repeat(40);
      const tokens = [`\n:000000 100644 ${z} ${a} A`, 'new file', `:100644 100644 ${a} ${b} R090`, 'old', 'new', `::100644 100644 100644 ${a} ${b} ${c} MM`, 'merged', ''];
      const { entries } = parseRawEntries(tokens, 0);
      assert.deepEqual(entries.map((e) => [e.status, e.path, e.fromPath, e.oldOids.length, e.newOid[0]]), [
        ['A', 'new file', undefined, 1, 'a'], ['R', 'new', 'old', 1, 'b'], ['M', 'merged', undefined, 2, 'c'],
      ]);
    });
  });
});
