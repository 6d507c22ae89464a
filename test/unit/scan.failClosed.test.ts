// retrac-scan fails closed: every file it does not scan is reported with its reason, special
// files never block it, and keys in bundles, source maps, large and odd files are found.
import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scanFile } from '../../src/scan/scanFiles';
import { scanText } from '../../src/scan';
import { fullKey, restrictedKey } from './scanFixtures';

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'dist', 'retrac-scan.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string, options: SpawnSyncOptions = {}): Run {
  // A scan that blocks (a FIFO opened for reading) would hit this bound and fail the test.
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024, ...options });
  assert.equal(r.signal, null, `retrac-scan was killed (${String(r.signal)}): it hung`);
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

interface JsonOut {
  findings: { file: string; line: number; column: number; endLine: number; endColumn: number; rule: string; severity: string; message: string }[];
  skipped: { path: string; reason: string }[];
}

function json(args: string[], cwd: string): JsonOut & { code: number | null; stderr: string } {
  const r = run(['--format', 'json', ...args], cwd);
  return { ...(JSON.parse(r.stdout) as JsonOut), code: r.code, stderr: r.stderr };
}

function write(dir: string, rel: string, content: string | Buffer): string {
  mkdirSync(join(dir, rel, '..'), { recursive: true });
  writeFileSync(join(dir, rel), content);
  return join(dir, rel);
}

/** Line and column (1-based, UTF-16 units) of `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - (before.lastIndexOf('\n') + 1) + 1 };
}

describe('retrac-scan fails closed', function () {
  this.timeout(60_000);
  let dir: string;
  const key = restrictedKey();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'retrac-failclosed-'));
    chmodSync(dir, 0o755); // the unreadable-file test runs the CLI as another user
    write(dir, 'src/clean.ts', 'export const url = process.env.RETRAC_API_URL;\n');
  });
  // GNU rm copes with paths deeper than PATH_MAX; fs.rmSync does not.
  afterEach(() => {
    if (spawnSync('rm', ['-rf', dir]).status !== 0) rmSync(dir, { recursive: true, force: true });
  });

  describe('every file not scanned is reported', () => {
    it('a FIFO in a folder and as PATH is never opened: reported as a special file, no hang', () => {
      assert.equal(spawnSync('mkfifo', [join(dir, 'pipe')]).status, 0);
      const tree = json(['.'], dir);
      assert.deepEqual(tree.skipped, [{ path: 'pipe', reason: 'special-file' }]);
      assert.equal(tree.code, 0);
      const asPath = run(['pipe'], dir);
      assert.equal(asPath.code, 0);
      assert.equal(asPath.stderr, '1 file not scanned: 1 special file (--verbose lists them)\n');
      assert.equal(run(['--strict', 'pipe'], dir).code, 3);
    });

    it('a socket and a device are special files too', () => {
      const socket = spawnSync(process.execPath, ['-e', `const s=require('net').createServer().listen(${JSON.stringify(join(dir, 'sock'))},()=>{s.close=()=>{};process.exit(0)})`]);
      assert.equal(socket.status, 0, String(socket.stderr));
      symlinkSync('/dev/null', join(dir, 'devnull'));
      const r = json(['.'], dir);
      assert.deepEqual(r.skipped.sort((a, b) => a.path.localeCompare(b.path)), [
        { path: 'devnull', reason: 'special-file' },
        { path: 'sock', reason: 'special-file' },
      ]);
    });

    it('an unreadable file and folder (EACCES) are reported as unreadable', () => {
      write(dir, 'secret/app.ts', `const k = "${key}";\n`);
      const locked = write(dir, 'locked.ts', `const k = "${key}";\n`);
      chmodSync(locked, 0);
      chmodSync(join(dir, 'secret'), 0);
      try {
        // Tests may run as root, who reads anything: then the CLI runs as `nobody` via setpriv.
        const asRoot = process.getuid?.() === 0;
        const r = asRoot
          ? (() => {
              const p = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, '--format', 'json', '--strict', '.'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
              assert.equal(p.error, undefined, 'setpriv is needed to test EACCES as root');
              return { code: p.status, stdout: p.stdout, stderr: p.stderr };
            })()
          : run(['--format', 'json', '--strict', '.'], dir);
        const out = JSON.parse(r.stdout) as JsonOut;
        assert.deepEqual(out.skipped.sort((a, b) => a.path.localeCompare(b.path)), [
          { path: 'locked.ts', reason: 'unreadable' },
          { path: 'secret', reason: 'unreadable' },
        ]);
        assert.equal(r.code, 3, r.stderr);
        assert.equal(r.stderr, '2 files not scanned: 2 unreadable (--verbose lists them)\n');
      } finally {
        chmodSync(join(dir, 'secret'), 0o755);
      }
    });

    it('a path longer than PATH_MAX is reported as path too long', () => {
      // Built with relative steps: no single call sees the whole path.
      const name = 'd'.repeat(200);
      const made = spawnSync('bash', ['-c', `set -e; for i in $(seq 1 24); do mkdir ${name}; cd ${name}; done; printf 'const k = "%s";\\n' "$1" > deep.ts`, 'bash', key], { cwd: dir });
      assert.equal(made.status, 0, String(made.stderr));
      const r = json(['.'], dir);
      assert.equal(r.skipped.length, 1, JSON.stringify(r.skipped));
      assert.equal(r.skipped[0].reason, 'path-too-long');
      assert.ok(r.skipped[0].path.startsWith(name + '/'), r.skipped[0].path.slice(0, 80));
      assert.ok(r.skipped[0].path.length > 4096);
      assert.equal(json(['--strict', '.'], dir).code, 3);
    });

    it('symlink loops are reported; a PATH that links to a folder is scanned; a link to a file is read once', () => {
      write(dir, 'app/src/config.ts', `export const k = "${key}";\n`);
      symlinkSync('..', join(dir, 'app', 'src', 'up')); // app/src/up → app: a loop
      symlinkSync('self', join(dir, 'self')); // ELOOP
      symlinkSync(join(dir, 'app', 'src', 'config.ts'), join(dir, 'config-link.ts'));
      const r = json(['.'], dir);
      assert.deepEqual(r.skipped.sort((a, b) => a.path.localeCompare(b.path)), [
        { path: 'app/src/up', reason: 'symlink-loop' },
        { path: 'self', reason: 'symlink-loop' },
      ]);
      assert.equal(r.findings.length, 1, JSON.stringify(r.findings));
      assert.equal(r.code, 1);

      symlinkSync(join(dir, 'app'), join(dir, 'app-link'));
      const viaLink = json(['app-link'], dir);
      assert.deepEqual(viaLink.findings.map((f) => [f.file, f.rule]), [['app-link/src/config.ts', 'retrac/restricted-key']]);
      assert.deepEqual(viaLink.skipped, [{ path: 'app-link/src/up', reason: 'symlink-loop' }]);
    });

    it('compressed archives are reported as binary; files over --max-file-size as too large', () => {
      write(dir, 'dist/site.zip', Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.from(`k="${key}"`)]));
      write(dir, 'dump.gz', Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.alloc(100)]));
      write(dir, 'big.js', `const k = "${key}";\n` + 'x'.repeat(4000));
      const r = json(['--max-file-size', '2K', '.'], dir);
      assert.deepEqual(r.skipped.sort((a, b) => a.path.localeCompare(b.path)), [
        { path: 'big.js', reason: 'too-large' },
        { path: 'dist/site.zip', reason: 'binary' },
        { path: 'dump.gz', reason: 'binary' },
      ]);
      assert.equal(r.code, 0);
      assert.equal(r.stderr, '3 files not scanned: 1 too large, 2 binary (--verbose lists them)\n');
      assert.equal(json(['--max-file-size=8K', 'big.js'], dir).code, 1);
      const bad = run(['--max-file-size', 'lots', '.'], dir);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--max-file-size takes a size/);
    });

    it('--verbose lists each file; --strict exits 3, but an error finding (exit 1) wins', () => {
      assert.equal(spawnSync('mkfifo', [join(dir, 'pipe')]).status, 0);
      write(dir, 'a.zip', Buffer.from([0x50, 0x4b, 5, 6, 0, 0]));
      const verbose = run(['--verbose', '.'], dir);
      assert.equal(verbose.code, 0);
      assert.deepEqual(verbose.stderr.trim().split('\n').slice(0, -1).sort(), ['not scanned (binary): a.zip', 'not scanned (special file): pipe']);
      assert.equal(verbose.stderr.trim().split('\n').pop(), '2 files not scanned: 1 binary, 1 special file');
      assert.match(verbose.stdout, /^0 findings \(0 errors\) in 1 file\.\n$/);
      assert.equal(run(['--strict', '.'], dir).code, 3);
      assert.equal(run(['--strict', 'src'], dir).code, 0);
      write(dir, 'leak.py', `KEY = "${key}"\n`);
      const both = run(['--strict', '.'], dir);
      assert.equal(both.code, 1);
      assert.match(both.stderr, /2 files not scanned/);
    });
  });

  it('--jobs 2, 3, auto and the default, on a tree of 2,100 files, print exactly what one thread prints', () => {
    for (let i = 0; i < 2100; i++) write(dir, `pkg${i % 30}/f${i}.ts`, i % 300 === 7 ? `const k = "${restrictedKey()}";\n` : `export const v${i} = ${i};\n`);
    write(dir, 'pkg3/a.zip', Buffer.from([0x50, 0x4b, 3, 4, 0, 0]));
    assert.equal(spawnSync('mkfifo', [join(dir, 'pkg4', 'pipe')]).status, 0);
    const one = run(['--format', 'json', '--jobs', '1', '.'], dir);
    const two = run(['--format', 'json', '--jobs=2', '.'], dir);
    assert.equal(two.code, 1);
    assert.equal(two.stdout, one.stdout);
    assert.equal(two.stderr, one.stderr);
    for (const jobs of [['--jobs', 'auto'], ['--jobs=3'], []]) {
      const other = run(['--format', 'json', ...jobs, '.'], dir);
      assert.deepEqual([other.code, other.stdout, other.stderr], [1, one.stdout, one.stderr], jobs.join(' ') || 'the default');
    }
    const out = JSON.parse(two.stdout) as JsonOut;
    assert.equal(out.findings.length, 7);
    assert.deepEqual(out.skipped.map((s) => s.reason).sort(), ['binary', 'special-file']);
    assert.match(run(['--jobs', '0', '.'], dir).stderr, /--jobs takes a whole number/);
  });

  describe('keys in bundles, maps, large and odd files are found', () => {
    it('a key in a 4 MB one-line bundle, at its column', () => {
      const head = 'var a=function(b){return b+1};'.repeat(Math.ceil((4 * 1024 * 1024) / 30));
      const text = `${head}var k="${key}";` + 'n.x=function(){this.y=2};'.repeat(1000);
      write(dir, 'public/app.js', text);
      const r = json(['public'], dir);
      assert.deepEqual(r.findings.map((f) => [f.file, f.rule, f.line, f.column]), [['public/app.js', 'retrac/restricted-key', 1, head.length + 8]]);
      assert.deepEqual(r.skipped, []);
    });

    it('a key across a chunk boundary of a file over 8 MB is found once, at its line and column', () => {
      const chunk = 8 * 1024 * 1024;
      const line = 'const value = compute(input) + offset; // ordinary code, ééé\n';
      const lineBytes = Buffer.byteLength(line);
      let text = line.repeat(Math.floor((chunk - 200) / lineBytes));
      const fill = chunk - 10 - Buffer.byteLength(text) - ';const RETRAC_API_KEY = "'.length;
      text += 'x'.repeat(fill) + ';const RETRAC_API_KEY = "' + key + '";\n' + line.repeat(2000);
      const keyByte = Buffer.from(text).indexOf(key);
      assert.ok(keyByte < chunk && keyByte + key.length > chunk, 'the key straddles the boundary');
      write(dir, 'big.ts', text);
      const r = json(['big.ts'], dir);
      const want = positionOf(text, key);
      assert.deepEqual(r.findings.map((f) => [f.rule, f.line, f.column]), [['retrac/restricted-key', want.line, want.column]]);
    });

    it('a one-line 9 MB bundle: a key across the chunk boundary and one near the end, at their columns', () => {
      const chunk = 8 * 1024 * 1024;
      const piece = 'n.p.x=function(a){return"ü"+a};';
      const pieceBytes = Buffer.byteLength(piece);
      const second = restrictedKey();
      let text = piece.repeat(Math.floor((chunk - 100) / pieceBytes));
      text += 'y'.repeat(chunk - 12 - Buffer.byteLength(text) - 'var k="'.length) + `var k="${key}";`;
      text += piece.repeat(20000) + `var z="${second}";` + piece.repeat(50);
      const keyByte = Buffer.from(text).indexOf(key);
      assert.ok(keyByte < chunk && keyByte + key.length > chunk, 'the key straddles the boundary');
      write(dir, 'dist/big.js', text);
      const r = json(['dist'], dir);
      assert.deepEqual(
        r.findings.map((f) => [f.rule, f.line, f.column]),
        [
          ['retrac/restricted-key', 1, text.indexOf(key) + 1],
          ['retrac/restricted-key', 1, text.indexOf(second) + 1],
        ],
      );
    });

    it('chunked reading finds a key at every boundary position, once, where a whole read does', () => {
      const texts = [
        `const a = 1;\nlet s = "ünïcødé ✓ 𝄞";\nconfig.retracApiKey = "${key}";\nconst b = 2;\n`,
        `var a="ünïcødé ✓ 𝄞",b=function(){return 1};var c={retracApiKey:"${key}"},d=2;`, // one line, as bundles are
      ];
      for (const [i, text] of texts.entries()) {
        const path = write(dir, `cfg${i}.ts`, text);
        const whole = scanText(text, { fileName: path }).map((f) => [f.rule, f.start, f.end, f.line, f.column, f.endLine, f.endColumn]);
        assert.equal(whole.length, 1);
        const bytes = Buffer.byteLength(text);
        for (let chunkBytes = 5; chunkBytes < bytes; chunkBytes += 2) {
          for (const overlapBytes of [48, 200]) {
            const r = scanFile({ path, gitIgnored: false }, { chunkBytes, overlapBytes });
            assert.deepEqual(r.findings.map((f) => [f.rule, f.start, f.end, f.line, f.column, f.endLine, f.endColumn]), whole, `text ${i}, chunk ${chunkBytes}, overlap ${overlapBytes}`);
          }
        }
      }
    });

    it('a one-line bundle scanned in windows around the gate words finds the keys a whole scan finds', () => {
      const full = fullKey();
      const pieces = [
        `var k="${key}";`,
        `var c={retracApiKey:"${full}"};`,
        `fetch("http://api.retrac.co/v1/items",{headers:{Authorization:"Bearer "+t}});`,
        `var NEXT_PUBLIC_RETRAC_KEY="${restrictedKey()}";`,
      ];
      const filler = 'n.prototype.x=function(a){return"str"+a+\'q\'};';
      let text = '';
      for (const [i, piece] of pieces.entries()) text += filler.repeat(8000 + i * 3001) + piece;
      text += filler.repeat(5000) + '\n' + filler.repeat(9000) + `var z="${key}";` + filler.repeat(100);
      const path = write(dir, 'dist/bundle.js', text);
      const shape = (fs: { rule: string; start: number; end: number; line: number; column: number; endLine: number; endColumn: number; fingerprint: string }[]): string[] =>
        fs.map((f) => [f.rule, f.start, f.end, f.line, f.column, f.endLine, f.endColumn, f.fingerprint].join(' ')).sort();
      const whole = scanText(text, { fileName: path });
      assert.ok(whole.length >= pieces.length, JSON.stringify(whole.map((f) => f.rule)));
      const windowed = shape(scanFile({ path, gitIgnored: false }, {}).findings);
      // Key findings are exactly those of a whole scan. Request rules are judged within ±32 KB of
      // the request: a key a megabyte away on the same "line" no longer counts as its context.
      const keys = (list: string[]): string[] => list.filter((f) => /key /.test(f));
      assert.deepEqual(keys(windowed), keys(shape(whole)));
      // Four keys; the NEXT_PUBLIC_ one is both a leaked key and a client-exposed key (two findings).
      assert.equal(keys(windowed).length, 5);
      assert.ok(windowed.some((f) => f.startsWith('retrac/insecure-http ')));
    });

    it("a key in a source map's sourcesContent names the original file and line", () => {
      const original = `import x from 'y';\n\nexport const retracKey = "${key}";\n`;
      const map = JSON.stringify({ version: 3, file: 'app.js', sources: ['../src/config.ts'], sourcesContent: [original], names: [], mappings: 'AAAA' });
      write(dir, 'dist/app.js.map', map);
      const r = json(['dist'], dir);
      assert.equal(r.findings.length, 1, JSON.stringify(r.findings));
      const f = r.findings[0];
      assert.deepEqual([f.file, f.rule, f.line], ['dist/app.js.map', 'retrac/restricted-key', 1]);
      assert.equal(f.column, map.indexOf(key) + 1);
      assert.match(f.message, /sourcesContent: \.\.\/src\/config\.ts, line 3/);
      assert.ok(!f.message.includes(key));
    });

    it('a source map whose original source escapes the key line still reports it once', () => {
      const original = 'const a = "tab\\there";\r\n\tconst k = "' + key + '"; // "quoted"\n';
      const map = JSON.stringify({ version: 3, sources: ['src/a.js', 'src/b.js'], sourcesContent: [null, original], mappings: '' });
      write(dir, 'b.js.map', map);
      const r = json(['b.js.map'], dir);
      assert.deepEqual(r.findings.map((f) => [f.rule, f.column]), [['retrac/restricted-key', map.indexOf(key) + 1]]);
      assert.match(r.findings[0].message, /src\/b\.js, line 2/);
    });

    it('one NUL byte in the first 8 KB does not hide a text file', () => {
      write(dir, 'notes.txt', Buffer.concat([Buffer.from('header'), Buffer.from([0]), Buffer.from(`\nRETRAC_KEY = "${key}"\n`), Buffer.from('filler line\n'.repeat(100))]));
      const r = json(['notes.txt'], dir);
      assert.deepEqual(r.findings.map((f) => [f.rule, f.line, f.column]), [['retrac/restricted-key', 2, 15]]);
      assert.deepEqual(r.skipped, []);
    });

    it('keys in executables and other uncompressed binaries are found byte by byte', () => {
      const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(4000), Buffer.from(`${key}\0`), Buffer.alloc(4000)]);
      write(dir, 'bin/tool', elf);
      const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200), Buffer.from(`tEXtComment\0${key}`), Buffer.alloc(200)]);
      write(dir, 'img/logo.png', png);
      const r = json(['bin', 'img'], dir);
      assert.deepEqual(r.findings.map((f) => [f.file, f.rule]).sort(), [['bin/tool', 'retrac/restricted-key'], ['img/logo.png', 'retrac/restricted-key']]);
    });

    it('UTF-16 text (with or without a BOM) is decoded, not taken for binary', () => {
      const text = `# settings\r\nRETRAC_API_KEY = "${key}"\r\n`;
      write(dir, 'le.ini', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
      write(dir, 'be.ini', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
      write(dir, 'nobom.ini', Buffer.from(text, 'utf16le'));
      const r = json(['le.ini', 'be.ini', 'nobom.ini'], dir);
      assert.deepEqual(r.findings.map((f) => [f.file, f.line, f.column]).sort(), [['be.ini', 2, 19], ['le.ini', 2, 19], ['nobom.ini', 2, 19]]);
    });
  });
});
