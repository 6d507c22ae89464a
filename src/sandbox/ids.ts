// Ids and secrets of the sandbox. Seeded data uses a deterministic generator (same catalog run to
// run for a given randomSeed); keys and ids created at run time use crypto randomness.
import { randomInt } from 'node:crypto';

/** A source of numbers in [0, 1). */
export type Rng = () => number;

/** mulberry32: tiny, fast and good enough for demo data. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const cryptoRng: Rng = () => randomInt(0, 2 ** 47) / 2 ** 47;

const LOWER_ALNUM = '0123456789abcdefghijklmnopqrstuvwxyz';
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function pick(alphabet: string, length: number, rng: Rng): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(rng() * alphabet.length)];
  return out;
}

/** A cuid-like id: `c` + 24 lowercase alphanumerics. */
export function cuid(rng: Rng = cryptoRng): string {
  return 'c' + pick(LOWER_ALNUM, 24, rng);
}

export function workspaceIdOf(rng: Rng = cryptoRng): string {
  return 'ws_' + cuid(rng);
}

/** 24 characters of [0-9A-Za-z] from crypto randomness (unbiased). */
export function randomAlnum(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[randomInt(0, ALNUM.length)];
  return out;
}
