// The retrac-scan CLI, the file walk and the scan worker, on temporary folders.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { isEnvFileName, lineCommentFor, mergeEnvFiles, parseEnvFile } from '../../src/scan';
import { parseIgnoreLine, walk } from '../../src/scan/walk';
import type { WorkerMessage } from '../../src/scan/workerProtocol';
import { fullKey, restrictedKey } from './scanFixtures';

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'dist', 'retrac-scan.js');
const WORKER = join(ROOT, 'dist', 'scan-worker.js');

function run(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function write(dir: string, rel: string, content: string | Buffer): void {
  mkdirSync(join(dir, rel, '..'), { recursive: true });
  writeFileSync(join(dir, rel), content);
}

describe('retrac-scan CLI, walk and worker', function () {
  let dir: string;
  const key = restrictedKey();
  const full = fullKey();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'retrac-scan-'));
    mkdirSync(join(dir, '.git')); // the folder is a repository root for .gitignore purposes
    write(dir, '.gitignore', 'ignored/\n*.log\n.env.local\n!keep.log\n');
    write(dir, 'src/app.ts', `export const k = "${key}";\n`);
    write(dir, 'src/ok.ts', 'export const k = process.env.RETRAC_API_KEY;\n');
    write(dir, 'node_modules/pkg/index.js', `module.exports = "${key}";\n`);
    write(dir, 'ignored/secret.ts', `export const k = "${key}";\n`);
    write(dir, 'debug.log', `key ${key}\n`);
    write(dir, 'keep.log', `key ${key}\n`);
    write(dir, 'package-lock.json', `{"k": "${key}"}\n`);
    write(dir, 'dist/app.min.js', `var k="${key}";\n`);
    write(dir, 'dist/bundle.js', 'var a=1;'.repeat(1000) + `var k="${key}";\n`);
    write(dir, 'img.dat', Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(`"${key}"`)]));
    write(dir, 'archive.zip', Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4, 20, 0]), Buffer.from(`"${key}"`)]));
    write(dir, '.env.local', `RETRAC_API_KEY=${full}\nVITE_RETRAC_KEY=${key}\n`);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('text format: compiler-style lines, exit 1 on an error finding; bundles, lock files and binaries are read', () => {
    const r = run(['.'], dir);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    const findings = lines.slice(0, -1).sort();
    assert.deepEqual(findings.map((l) => l.split(' ').slice(0, 3).join(' ')), [
      '.env.local:2:17 error retrac/client-exposed-key',
      'dist/app.min.js:1:8 error retrac/restricted-key',
      'dist/bundle.js:1:8008 error retrac/restricted-key',
      'img.dat:1:5 error retrac/restricted-key',
      'keep.log:1:5 error retrac/restricted-key',
      'package-lock.json:1:8 error retrac/restricted-key',
      'src/app.ts:1:19 error retrac/restricted-key',
    ]);
    assert.match(lines[lines.length - 1], /^7 findings \(7 errors\) in \d+ files\.$/);
    // The archive's content cannot be searched: said on stderr, not silently passed.
    assert.equal(r.stderr, '1 file not scanned: 1 binary (--verbose lists them)\n');
    assert.ok(!r.stdout.includes(key) && !r.stdout.includes(full), 'output shows no key');
  });

  it('json format: {findings, skipped}, findings with 1-based positions and redacted messages', () => {
    const r = run(['--format', 'json', 'src'], dir);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as { findings: Record<string, unknown>[]; skipped: unknown[] };
    assert.deepEqual(Object.keys(report), ['findings', 'skipped']);
    assert.deepEqual(report.skipped, []);
    const parsed = report.findings;
    assert.deepEqual(parsed.map((f) => Object.keys(f).sort()), [['column', 'endColumn', 'endLine', 'file', 'fingerprint', 'line', 'message', 'rule', 'severity']]);
    // The fingerprint is a hash of rule and secret (what baselines store), never the key.
    const fingerprint = createHash('sha256').update(`retrac/restricted-key:${key}`).digest('hex');
    assert.deepEqual(
      { ...parsed[0], message: undefined },
      { file: 'src/app.ts', line: 1, column: 19, endLine: 1, endColumn: 19 + key.length, rule: 'retrac/restricted-key', severity: 'error', message: undefined, fingerprint },
    );
    assert.ok(String(parsed[0].message).includes('retrac_…' + key.slice(-4)));
    assert.ok(!r.stdout.includes(key));
  });

  it('exit 0 and empty arrays when nothing is found; warnings alone do not fail', () => {
    const clean = run(['--format=json', 'src/ok.ts'], dir);
    assert.deepEqual(JSON.parse(clean.stdout), { findings: [], skipped: [] });
    assert.equal(clean.stderr, '');
    assert.equal(run(['src/ok.ts'], dir).code, 0);
    write(dir, 'hint.ts', "list({ workspaceId: 'ws_" + 'ckx9d0000abcd' + "' });\n");
    const r = run(['--format', 'json', 'hint.ts'], dir);
    assert.equal(r.code, 0);
    assert.equal((JSON.parse(r.stdout) as { findings: { severity: string }[] }).findings[0].severity, 'hint');
  });

  it('--lenient finds keys of other lengths', () => {
    write(dir, 'long.py', `KEY = "${restrictedKey(40)}"\n`);
    assert.equal(run(['long.py'], dir).code, 0);
    assert.equal(run(['--lenient', 'long.py'], dir).code, 1);
  });

  it('exit 2 with a message on stderr for usage errors; --help exits 0', () => {
    for (const [args, message] of [[['--bogus', '.'], /Unknown option --bogus/], [[], /No PATH given/], [['missing-dir'], /No such file or folder: missing-dir/], [['--format', 'xml', '.'], /--format takes json, text or sarif/]] as const) {
      const r = run([...args], dir);
      assert.equal(r.code, 2, String(args));
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    }
    const help = run(['--help'], dir);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: retrac-scan/);
  });

  it('an explicitly named ignored .env file is scanned with git-ignored severity rules', () => {
    const r = run(['--format', 'json', '.env.local'], dir);
    assert.deepEqual((JSON.parse(r.stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule), ['retrac/client-exposed-key']);
  });

  it('a file that names a key only through a local env name is read, whatever its encoding', () => {
    // Files are rejected on their raw bytes before decoding: the env names from .env files are
    // among the words that keep a file, and a Latin-1 byte must not hide them.
    write(dir, '.env', `MY_TOKEN=${restrictedKey()}\n`);
    write(dir, 'deploy/build.sh', Buffer.concat([Buffer.from('# d'), Buffer.from([0xe9]), Buffer.from('ploiement\nexport VITE_KEY=$MY_TOKEN\n')]));
    const r = run(['--format', 'json', '.'], dir);
    const inScript = (JSON.parse(r.stdout) as { findings: { file: string; rule: string; line: number; column: number }[] }).findings.filter((f) => f.file === 'deploy/build.sh');
    assert.deepEqual(inScript.map((f) => [f.rule, f.line, f.column]), [['retrac/client-exposed-key', 2, 8]]);
  });

  it('a file named for Retrac is read even when its text never says Retrac (config/retrac.yml, a full key under a generic name)', () => {
    write(dir, 'config/retrac.yml', `token: "${full}"\n`);
    const r = run(['--format', 'json', 'config'], dir);
    const report = JSON.parse(r.stdout) as { findings: { file: string; rule: string }[] };
    assert.deepEqual(report.findings.map((f) => [f.file, f.rule]), [['config/retrac.yml', 'retrac/full-access-key']]);
    assert.equal(r.code, 1);
  });

  it('walk lists every file but ignored ones and node_modules, marks ignored .env files and loads their values', () => {
    write(dir, 'sub/.gitignore', '*.tmp\n');
    write(dir, 'sub/a.tmp', 'x');
    write(dir, 'sub/b.ts', 'x');
    const { files, envValues } = walk([dir]);
    const rel = files.map((f) => f.path.slice(dir.length + 1).split('\\').join('/')).sort();
    assert.deepEqual(rel, ['.env.local', '.gitignore', 'archive.zip', 'dist/app.min.js', 'dist/bundle.js', 'img.dat', 'keep.log', 'package-lock.json', 'src/app.ts', 'src/ok.ts', 'sub/.gitignore', 'sub/b.ts']);
    assert.equal(files.find((f) => f.path.endsWith('.env.local'))?.gitIgnored, true);
    assert.equal(files.find((f) => f.path.endsWith('app.ts'))?.gitIgnored, false);
    assert.equal(envValues.get('RETRAC_API_KEY'), full);
  });

  it('a subfolder root still follows the .gitignore files above it, up to the repository root', () => {
    write(dir, 'sub/deep/x.log', 'x');
    write(dir, 'sub/deep/y.ts', 'x');
    write(dir, 'sub/.gitignore', 'deep/y.ts\n');
    const rel = walk([join(dir, 'sub', 'deep')]).files.map((f) => f.path.slice(dir.length + 1).split('\\').join('/'));
    assert.deepEqual(rel, []);
    assert.equal(walk([join(dir, 'sub', 'deep', 'x.log')]).files[0].gitIgnored, true);
  });

  it('gitignore patterns: anchoring, globs, negation, directories', () => {
    const m = (pattern: string, path: string): boolean => parseIgnoreLine(pattern, '/')!.matches(path);
    assert.ok(m('*.log', 'a/b/c.log'));
    assert.ok(!m('/*.log', 'a/c.log'));
    assert.ok(m('/*.log', 'c.log'));
    assert.ok(m('docs/**/*.md', 'docs/a/b/c.md'));
    assert.ok(m('docs/**/*.md', 'docs/c.md'));
    assert.ok(m('**/build', 'x/y/build'));
    assert.ok(m('file?.txt', 'file1.txt'));
    assert.ok(m('[ab].txt', 'b.txt') && !m('[ab].txt', 'c.txt'));
    assert.ok(parseIgnoreLine('!keep.log', '/')!.negate);
    assert.ok(parseIgnoreLine('build/', '/')!.dirOnly);
    assert.equal(parseIgnoreLine('# comment', '/'), undefined);
    assert.equal(parseIgnoreLine('   ', '/'), undefined);
  });

  it('the worker posts progress, findings per file and done; cancel stops it', async () => {
    const worker = new Worker(WORKER);
    try {
      const messages: WorkerMessage[] = [];
      const done = new Promise<void>((resolveDone) =>
        worker.on('message', (m: WorkerMessage) => {
          messages.push(m);
          if (m.type === 'done' || m.type === 'error') resolveDone();
        }),
      );
      worker.postMessage({ type: 'scan', id: 1, roots: [dir] });
      await done;
      const files = messages.filter((m) => m.type === 'file').map((m) => (m.type === 'file' ? m.path.slice(dir.length + 1) : '')).sort();
      assert.deepEqual(files, ['.env.local', join('dist', 'app.min.js'), join('dist', 'bundle.js'), 'img.dat', 'keep.log', 'package-lock.json', join('src', 'app.ts')]);
      const last = messages[messages.length - 1];
      assert.equal(last.type, 'done');
      assert.ok(last.type === 'done' && !last.cancelled && last.findingsCount === 7 && last.filesSkipped === 1, JSON.stringify(last));
      assert.deepEqual(last.type === 'done' && last.skipped, [{ path: join(dir, 'archive.zip'), reason: 'binary' }]);
      assert.ok(messages.some((m) => m.type === 'progress'));
      assert.ok(!JSON.stringify(messages).includes(key), 'no key crosses the thread boundary');

      for (let i = 0; i < 400; i++) write(dir, `many/f${i}.ts`, `const k = "${restrictedKey()}";\n`);
      const cancelled = new Promise<WorkerMessage>((resolveDone) =>
        worker.on('message', (m: WorkerMessage) => {
          if (m.type === 'done' && m.id === 2) resolveDone(m);
        }),
      );
      worker.postMessage({ type: 'scan', id: 2, roots: [dir] });
      worker.postMessage({ type: 'cancel', id: 2 });
      const end = await cancelled;
      assert.ok(end.type === 'done' && end.cancelled && end.filesScanned < 400, JSON.stringify(end));
    } finally {
      await worker.terminate();
    }
  });

  it('helpers: env file names, dotenv parsing, merging env files, comment syntax', () => {
    for (const n of ['.env', '.env.local', '.env.production.local', '.envrc', 'config/app.env', 'C:\\x\\.env.test']) assert.ok(isEnvFileName(n), n);
    for (const n of ['env.ts', 'environment.ts', 'src/env', 'my.envy', 'dotenv.js']) assert.ok(!isEnvFileName(n), n);
    const env = parseEnvFile('# c\nA=1\nexport B="two # not a comment"\nC=\'$lit\'\nD=plain # comment\nE="multi\nline"\n  F = spaced  \nbad line\n');
    assert.deepEqual([...env], [['A', '1'], ['B', 'two # not a comment'], ['C', '$lit'], ['D', 'plain'], ['E', 'multi\nline'], ['F', 'spaced']]);
    // Several env files: a later one wins, an empty value sets nothing, a template's values fill only names no other file sets.
    const merged = mergeEnvFiles([
      ['.env', 'RETRAC_API_KEY=real\nA=1\nB=from-env'],
      ['.env.example', 'RETRAC_API_KEY=\nA=your-value-here\nTEMPLATE_ONLY=x'],
      ['.env.production', 'B=from-production\nA='],
      ['config/sample.env', 'RETRAC_API_KEY=changeme'],
    ]);
    assert.deepEqual([...merged].sort(), [['A', '1'], ['B', 'from-production'], ['RETRAC_API_KEY', 'real'], ['TEMPLATE_ONLY', 'x']]);
    assert.deepEqual(lineCommentFor('typescript'), { start: '//' });
    assert.deepEqual(lineCommentFor('src/a.py'), { start: '#' });
    assert.deepEqual(lineCommentFor('.env.local'), { start: '#' });
    assert.deepEqual(lineCommentFor('README.md'), { start: '<!--', end: '-->' });
    assert.deepEqual(lineCommentFor('Dockerfile'), { start: '#' });
    assert.deepEqual(lineCommentFor('query.sql'), { start: '--' });
    assert.equal(lineCommentFor('data.json'), undefined);
  });
});
