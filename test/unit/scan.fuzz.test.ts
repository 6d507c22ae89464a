// No input hangs the scan: adversarial .gitignore lines, editor globs, file names and contents,
// each case under a second. Glob matching is also checked against a plain regex translation on
// small random inputs, where backtracking is harmless, so linear time does not cost correctness.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Glob } from '../../src/scan/glob';
import { scanText } from '../../src/scan';
import { scanInputs } from '../../src/scan/scanRun';
import { parseIgnoreLine, walk } from '../../src/scan/walk';
import { restrictedKey, withCpuMs } from './scanFixtures';

const LIMIT_MS = 1000;

/**
 * Runs `f` and asserts it took under a second of CPU time. CPU time, not wall time: the property is
 * that the work is bounded (linear), and a loaded machine stretches wall time without more work.
 */
function timed<T>(label: string, f: () => T): T {
  const result = withCpuMs(f);
  assert.ok(result.cpuMs < LIMIT_MS, `${label}: ${result.cpuMs.toFixed(0)} ms of CPU (${result.wallMs.toFixed(0)} ms wall)`);
  return result.value;
}

// Seeded, so a failure can be replayed.
let seed = 0x5eed;
function rand(n: number): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed >>> 8) % n;
}
const pick = <T>(a: readonly T[]): T => a[rand(a.length)];

/** The glob as a backtracking regex (the old way): exact on small inputs. */
function reference(pattern: string, braces = false): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      let n = 1;
      while (pattern[i + 1] === '*') {
        n++;
        i++;
      }
      const segStart = i - n + 1 === 0 || pattern[i - n] === '/';
      const segEnd = i + 1 === pattern.length || pattern[i + 1] === '/';
      if (n >= 2 && segStart && segEnd) {
        if (pattern[i + 1] === '/') {
          re += '(?:.*/)?';
          i++;
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (braces && c === '{') re += '(?:';
    else if (braces && c === '}') re += ')';
    else if (braces && c === ',') re += '|';
    else re += c.replace(/[.+^${}()|\\[\]/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

describe('no input hangs the scan', function () {
  this.timeout(30_000);

  it('globs agree with a regex translation on 20,000 random small cases', () => {
    const atoms = ['a', 'b', '/', '*', '**', '**/', '?', '.'];
    for (let k = 0; k < 20_000; k++) {
      const pattern = Array.from({ length: 1 + rand(6) }, () => pick(atoms)).join('');
      const name = Array.from({ length: rand(8) }, () => pick(['a', 'b', '/', '.'])).join('');
      assert.equal(new Glob(pattern).matches(name), reference(pattern).test(name), `${JSON.stringify(pattern)} on ${JSON.stringify(name)}`);
    }
    for (let k = 0; k < 5_000; k++) {
      const alt = (): string => Array.from({ length: 1 + rand(3) }, () => pick(['a', 'b', '*', '?'])).join('');
      const pattern = Array.from({ length: 1 + rand(3) }, () => (rand(2) ? `{${alt()},${alt()}}` : alt())).join('');
      const name = Array.from({ length: rand(7) }, () => pick(['a', 'b', '/'])).join('');
      assert.equal(new Glob(pattern, { braces: true }).matches(name), reference(pattern, true).test(name), `${pattern} on ${name}`);
    }
  });

  it('classes, negation and escapes', () => {
    assert.ok(new Glob('[a-c]x').matches('bx') && !new Glob('[a-c]x').matches('dx'));
    assert.ok(new Glob('[!a-c]x').matches('dx') && !new Glob('[!a-c]x').matches('ax'));
    assert.ok(!new Glob('[!a]').matches('/'));
    assert.ok(new Glob('\\*.txt').matches('*.txt') && !new Glob('\\*.txt').matches('a.txt'));
    assert.ok(new Glob('[unclosed').matches('[unclosed'));
    assert.ok(new Glob('{a,b}.js', { braces: true }).matches('b.js') && new Glob('{a,b}.js').matches('{a,b}.js'));
  });

  it('adversarial patterns against long names stay linear', () => {
    const names = ['a'.repeat(60), 'a'.repeat(4000), ('a/'.repeat(2000) + 'a'), 'ab'.repeat(3000), '*'.repeat(3000)];
    const patterns = [
      '*a*a*a*a*a*a*a*a*a*a*b',
      '*a'.repeat(200) + 'b',
      '**/'.repeat(200) + 'b',
      'a/**/'.repeat(100) + 'b',
      '?'.repeat(3000) + 'b',
      '[a]*'.repeat(150) + 'b',
      '*?'.repeat(500) + 'b',
      '**a**a**a**a**a**a**a**a**a**b',
      '\\'.repeat(2000),
      '['.repeat(2000),
    ];
    for (const p of patterns) {
      const rule = parseIgnoreLine(p, '/');
      const glob = new Glob(p, { braces: true });
      for (const n of names) timed(`${p.slice(0, 30)}… on ${n.length} chars`, () => [rule?.matches(n), glob.matches(n)]);
    }
    const manyBraces = '{a,b}'.repeat(40) + 'c'; // 2^40 expansions if braces were expanded
    timed('40 brace groups', () => new Glob(manyBraces, { braces: true }).matches('ab'.repeat(20) + 'a'.repeat(20)));
    const nested = '{a,'.repeat(300) + 'b' + '}'.repeat(300);
    timed('300 nested braces', () => new Glob(nested, { braces: true }).matches('a'.repeat(300)));
  });

  it('a tree with adversarial .gitignore lines and names is walked and scanned in under a second per case', () => {
    const dir = mkdtempSync(join(tmpdir(), 'retrac-fuzz-'));
    try {
      const lines = [
        '*a*a*a*a*a*a*a*a*a*a*b',
        '**/*a*a*a*a*a*a*a*a*a*a*a*a*b/**',
        '/' + '*a'.repeat(100) + 'b',
        '!' + '?'.repeat(250),
        '[a-' + 'a'.repeat(100),
        'a/**/**/**/**/**/**/**/**/**/**/b',
        '\\!#not a comment  \\ ',
        '  ',
        '#' + '*'.repeat(1000),
      ];
      mkdirSync(join(dir, '.git'));
      writeFileSync(join(dir, '.gitignore'), lines.join('\n') + '\n');
      const names = ['a'.repeat(60), 'a'.repeat(250), 'a'.repeat(120) + '.b', '*a*a*a*a', '[a]', 'a\\b', ' a ', '.env.' + 'a'.repeat(200)];
      let d = dir;
      for (let depth = 0; depth < 8; depth++) {
        for (const n of names) writeFileSync(join(d, n), `x = "${restrictedKey()}"\n`);
        d = join(d, 'a'.repeat(61));
        mkdirSync(d);
      }
      const { files } = timed('walk', () => walk([dir]));
      assert.ok(files.length > 8, String(files.length));
      timed('scan', () => scanInputs({ roots: [dir] }));
      // The same lines against one deep name many times: the matcher, not the file system.
      const rules = lines.map((l) => parseIgnoreLine(l, '/')).filter((r) => r !== undefined);
      const deep = ('a'.repeat(60) + '/').repeat(60) + 'a'.repeat(60);
      timed('rules × deep name', () => rules.map((r) => r.matches(deep)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // One test per content: each case's limit is its own CPU second; the suite's timeout is not a budget for all of them.
  describe('adversarial contents scan in under a second each', () => {
    const key = restrictedKey();
    const MB = 1024 * 1024;
    const contents: [string, () => string][] = [
      ['prefix runs', () => 'retrac_'.repeat(MB / 7)],
      ['one long token', () => 'retrac_' + 'A'.repeat(MB)],
      ['alnum line', () => 'aB3'.repeat(MB / 3)],
      ['quotes', () => '"'.repeat(MB)],
      ['quote pairs around prefixes', () => '"retrac_"'.repeat(MB / 9)],
      ['template nesting', () => '${'.repeat(MB / 4) + '}'.repeat(MB / 4)],
      ['backslashes', () => '\\'.repeat(MB)],
      ['brackets', () => '{['.repeat(MB / 2)],
      ['workspace words', () => 'workspaceId=ws_&'.repeat(MB / 16)],
      ['bearer lines', () => 'Authorization: Bearer retrac_\n'.repeat(MB / 30)],
      ['env names', () => 'process.env.RETRAC_KEY || process.env.RETRAC_KEY ?? '.repeat(MB / 50)],
      ['keys without breaks', () => key.repeat(MB / 4 / key.length)],
      // Dense findings (one per line, each hashed for its fingerprint): a quarter of the size.
      ['keys on lines', () => `const k = "${key}";\n`.repeat(MB / 160)],
      ['newlines', () => '\n'.repeat(MB)],
      ['CRs', () => '\r'.repeat(MB)],
      ['comment markers', () => '// retrac-ignore-next-line\n'.repeat(MB / 27)],
      ['http urls', () => 'http://api.retrac.co/'.repeat(MB / 21)],
      ['yaml nesting', () => Array.from({ length: 20000 }, (_, i) => ' '.repeat(i % 200) + 'retrac:').join('\n')],
      ['json nesting', () => '{"retrac":'.repeat(50000) + '"x"' + '}'.repeat(50000)],
    ];
    const tokens = ['retrac', '_', key, '"', "'", '`', '=', ':', '\n', ' ', 'Authorization', 'Bearer ', 'apiKey', 'workspaceId', '${', '}', '{', '[', '#', '//', 'process.env.', 'RETRAC_API_KEY', 'http://', 'https://api.retrac.co'];
    for (let k = 0; k < 20; k++) contents.push([`random mix ${k}`, () => Array.from({ length: 60_000 }, () => pick(tokens)).join('')]);
    for (const [label, make] of contents) {
      it(label, () => {
        const text = make();
        for (const fileName of ['a.ts', 'a.py', '.env', 'a.yaml', 'a.json']) timed(`${label} as ${fileName}`, () => scanText(text, { fileName }));
      });
    }
  });
});
