// Key-shaped strings for tests, built at run time so that the repository never holds one.
import { randomInt } from 'node:crypto';

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `length` random letters and digits (crypto-random, no modulo bias). */
export function randomAlnum(length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALNUM[randomInt(ALNUM.length)];
  return s;
}

/** A fake Retrac key: 24 alphanumerics with a digit and both cases (as real keys look), `retrac_`-prefixed when restricted. */
export function fakeKey(type: 'full' | 'restricted'): string {
  let body: string;
  do body = randomAlnum(24);
  while (!/\d/.test(body) || !/[a-z]/.test(body) || !/[A-Z]/.test(body));
  return type === 'restricted' ? 'retrac' + '_' + body : body;
}
