// What a Retrac key body looks like and which key-shaped strings are placeholders, docs examples,
// identifiers or hashes rather than keys. Pure and linear in the token length.

/** Char-code classes for the hot loops: 1 = digit, 2 = lower, 4 = upper. */
const CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CLASS[c] = 1;
for (let c = 97; c <= 122; c++) CLASS[c] = 2;
for (let c = 65; c <= 90; c++) CLASS[c] = 4;

export function isAlnum(code: number): boolean {
  return code < 128 && CLASS[code] !== 0;
}

/** Characters that continue an identifier in most languages (and in env names). */
export function isIdentChar(code: number): boolean {
  return (code < 128 && CLASS[code] !== 0) || code === 95 /* _ */ || code === 36 /* $ */;
}

export interface KeyLengths {
  min: number;
  max: number;
}

/** Contract §1: 24 characters; the lenient mode accepts 16–64 for keys of other issuers' formats. */
export function keyLengths(lenient: boolean | undefined): KeyLengths {
  return lenient ? { min: 16, max: 64 } : { min: 24, max: 24 };
}

/** End of the alphanumeric run starting at `from`. */
export function alnumRunEnd(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit && isAlnum(text.charCodeAt(i))) i++;
  return i;
}

// Words that make a key-shaped token a placeholder when they cover half of it
// (`YourRestrictedKeyHere...`); a random key virtually never spells them out.
const PLACEHOLDER_WORDS = new Set([
  'your', 'my', 'our', 'the', 'a', 'an', 'key', 'keys', 'api', 'apikey', 'restricted', 'full', 'access', 'secret', 'token',
  'here', 'goes', 'put', 'example', 'examples', 'sample', 'test', 'testing', 'dummy', 'fake', 'placeholder', 'redacted',
  'change', 'changeme', 'me', 'replace', 'insert', 'with', 'value', 'foo', 'bar', 'baz', 'demo', 'mock', 'not', 'real',
  'valid', 'invalid', 'retrac', 'live', 'prod', 'dev', 'abc', 'xyz', 'xxx', 'xxxx', 'todo', 'fixme', 'none', 'null',
  'undefined', 'string', 'some', 'random', 'generated', 'new', 'old', 'workspace', 'id', 'secretkey', 'private', 'public',
]);

function entropyBitsPerChar(body: string): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const n of counts.values()) {
    const p = n / body.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Case-folded code, so `AbCd` counts as a sequence. */
function fold(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/** `abcdef…`, `0123…`, `zyx…`: long steps of ±1 or mostly sequential pairs. */
function isSequential(body: string): boolean {
  let pairs = 0;
  let run = 0;
  let longest = 0;
  let lastStep = 0;
  for (let i = 1; i < body.length; i++) {
    const step = fold(body.charCodeAt(i)) - fold(body.charCodeAt(i - 1));
    if (step === 1 || step === -1) {
      pairs++;
      run = step === lastStep ? run + 1 : 1;
      lastStep = step;
      if (run > longest) longest = run;
    } else {
      run = 0;
      lastStep = 0;
    }
  }
  return longest >= 6 || pairs * 2 >= body.length - 1;
}

function longestSameRun(body: string): number {
  let longest = 1;
  let run = 1;
  for (let i = 1; i < body.length; i++) {
    run = body.charCodeAt(i) === body.charCodeAt(i - 1) ? run + 1 : 1;
    if (run > longest) longest = run;
  }
  return longest;
}

/** Splits `YourRestrictedKey123` into `your`, `restricted`, `key`, `123` (case and digit boundaries). */
function wordCoverage(body: string): number {
  let covered = 0;
  let start = 0;
  for (let i = 1; i <= body.length; i++) {
    const prev = CLASS[body.charCodeAt(i - 1)] ?? 0;
    const cur = i < body.length ? CLASS[body.charCodeAt(i)] ?? 0 : -1;
    // A segment ends before an uppercase letter that follows a lowercase one, and at digit/letter switches.
    const boundary = cur === -1 || (cur === 4 && prev !== 4) || ((cur === 1) !== (prev === 1));
    if (boundary) {
      const seg = body.slice(start, i).toLowerCase();
      if (seg.length >= 2 && PLACEHOLDER_WORDS.has(seg)) covered += seg.length;
      start = i;
    }
  }
  return covered / body.length;
}

const CAMEL_WORDS = /^(?:[a-z]{2,}|[A-Z][a-z]{2,})(?:[A-Z][a-z]{2,})+$/;

/** True when an alphanumeric token of key length is not a plausible random key. */
export function isImplausibleKeyBody(body: string): boolean {
  let classes = 0;
  let hexOnlyLower = true;
  let hexOnlyUpper = true;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    classes |= CLASS[c] ?? 0;
    const lc = (c >= 48 && c <= 57) || (c >= 97 && c <= 102);
    const uc = (c >= 48 && c <= 57) || (c >= 65 && c <= 70);
    if (!lc) hexOnlyLower = false;
    if (!uc) hexOnlyUpper = false;
  }
  // Only digits (ids, timestamps), only one letter case (identifiers, words) or hex (hashes):
  // a random 24-character key has each of these with probability below 1e-8.
  if (classes === 1 || classes === 2 || classes === 4) return true;
  // Digits and one letter case only (`warehousesnapshotv2count` after `retrac_`, a table or column name):
  // keys are drawn from both cases, so a random 24-character key lacks one with probability about 2e-6.
  if ((classes === 3 || classes === 5) && body.length >= 20) return true;
  if (hexOnlyLower || hexOnlyUpper) return true;
  // Letters only, in camel-case words (`fetchInventoryItemsPaged`): an identifier. A random key
  // has no digit and this case pattern together with probability below 1e-5.
  if (classes === 6 && CAMEL_WORDS.test(body)) return true;
  if (longestSameRun(body) >= 6) return true;
  if (entropyBitsPerChar(body) < 3) return true;
  if (isSequential(body)) return true;
  return wordCoverage(body) >= 0.5;
}
