// The text readers the scanner shares (src/scan/text.ts): the alphanumeric-run search both the
// full-key candidates and the request checks use.
import * as assert from 'node:assert/strict';
import { AlnumRuns, hasRunOf } from '../../src/scan/text';

/** Every maximal run of ASCII letters and digits of at least `min`, the slow way. */
function runsByRegex(s: string, min: number): [number, number][] {
  return [...s.matchAll(/[A-Za-z0-9]+/g)].filter((m) => m[0].length >= min).map((m) => [m.index, m.index + m[0].length]);
}

describe('AlnumRuns', () => {
  it('visits exactly the maximal runs of at least min characters, in order, on 3,000 random lines', () => {
    let seed = 11;
    const rand = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), (seed >>> 8) % n);
    const atoms = ['a', 'Z', '7', '_', '-', ' ', '"', 'é', '.', 'abcdefgh', 'X1Y2Z3W4'];
    for (let k = 0; k < 3000; k++) {
      const s = Array.from({ length: rand(40) }, () => atoms[rand(atoms.length)]).join('');
      const min = 1 + rand(30);
      const seen: [number, number][] = [];
      for (const runs = new AlnumRuns(s, min, 0, s.length); runs.next(); ) seen.push([runs.start, runs.end]);
      assert.deepEqual(seen, runsByRegex(s, min), `${JSON.stringify(s)} min ${min}`);
      assert.equal(hasRunOf(s, min, 0, s.length), seen.length > 0, `${JSON.stringify(s)} min ${min}`);
    }
  });

  it('a run one shorter than min is not a run; a run in a slice counts only inside it', () => {
    const short = `x = "${'ab'.repeat(11)}a";`;
    const long = `x = "${'ab'.repeat(12)}";`;
    assert.equal(hasRunOf(short, 24, 0, short.length), false);
    assert.equal(hasRunOf(long, 24, 0, long.length), true);
    assert.equal(hasRunOf('aaaa bbbb cccc', 4, 5, 9), true);
    assert.equal(hasRunOf('aaaa bbbb cccc', 4, 6, 9), false);
  });

  it('hasRunOf(unprefixed) skips the body of a restricted key', () => {
    const body = 'Ab3'.repeat(8); // built at run time: no key-shaped literal in the repository
    assert.equal(hasRunOf(`k = "retrac_${body}"`, 24, 0, 40, true), false);
    assert.equal(hasRunOf(`k = "${body}"`, 24, 0, 40, true), true);
  });
});
