// A prefilter in front of the byte gate (prepare.ts `mayHaveFindings`): it says "no gate word can
// be in these bytes" for almost every file of a tree, without making a string of them. Pure.
//
// How: each gate word is made of literals and character classes (`orkspace[I_]`); it becomes the
// byte strings it can match, case-folded (every byte OR 0x20, so `RETRAC` and `retrac` are one
// needle, and a fold can only merge, never separate). A small WebAssembly SIMD function, written
// here byte by byte for this needle set, tests 16 positions at a time for two bytes of each needle
// (folded the same way); a block where any needle's pair is present is checked position by
// position in JavaScript against the whole folded needles. So the prefilter passes every position
// where the gate's hint regex matches, and a few more (other case mixes): it never says no where
// the gate would say yes. The gate's own regexes then decide, on the few files that pass.
//
// Bytes read into `gateBuffer` lie in the function's memory already (no copy); other bytes are
// copied into a scratch memory of their own. Without WebAssembly SIMD (or for a needle set it
// cannot hold) the prefilter passes everything, so the gate works as before, only slower.

/** Longest needle the function handles. */
const MAX_NEEDLE = 1024;
/** Blocks of 16 bytes per loop turn (4: ~30 % faster than 1, measured). */
const UNROLL = 4;
/** Bytes past a buffer's end the function may load: the last block's loads at the farthest needle byte. */
const SLACK = MAX_NEEDLE + 16 * UNROLL + 16;
const PAGE = 65536;

/** At most this many byte strings per pattern. */
const MAX_VARIANTS = 64;

/**
 * The byte strings a gate pattern can match (its text is read as latin1: one char, one byte);
 * undefined when the pattern uses more than literal characters, `\`-escaped punctuation, `[…]`
 * sets of single characters and `(?:…|…)` groups of those.
 */
export function patternNeedles(pattern: string): Uint8Array[] | undefined {
  let i = 0;
  /** Alternatives up to the end of the pattern or of the enclosing group. */
  const alternatives = (inGroup: boolean): number[][] | undefined => {
    const all: number[][] = [];
    let variants: number[][] = [[]];
    for (; i < pattern.length; i++) {
      const c = pattern[i];
      let choices: number[][];
      if (c === '|' && inGroup) {
        all.push(...variants);
        variants = [[]];
        continue;
      } else if (c === ')' && inGroup) break;
      else if (c === '(') {
        if (!pattern.startsWith('(?:', i)) return undefined;
        i += 3;
        const inner = alternatives(true);
        if (!inner || pattern[i] !== ')') return undefined;
        choices = inner;
      } else if (c === '[') {
        const close = pattern.indexOf(']', i + 1);
        if (close < 0) return undefined;
        const set = pattern.slice(i + 1, close);
        if (!set || set.startsWith('^') || set.includes('\\') || /.-./.test(set)) return undefined;
        choices = [...new Set([...set].map((ch) => ch.charCodeAt(0)))].map((b) => [b]);
        i = close;
      } else if (c === '\\') {
        if (i + 1 >= pattern.length || /[0-9A-Za-z]/.test(pattern[i + 1])) return undefined; // \d, \b, \x41…: not literals
        choices = [[pattern.charCodeAt(++i)]];
      } else if ('.*+?^$(){}|]'.includes(c)) return undefined;
      else choices = [[c.charCodeAt(0)]];
      if (choices.some((bytes) => bytes.some((b) => b > 0xff))) return undefined; // no byte for it
      const next: number[][] = [];
      for (const v of variants) for (const bytes of choices) next.push([...v, ...bytes]);
      variants = next;
      if (variants.length > MAX_VARIANTS) return undefined;
    }
    all.push(...variants);
    return all.length > MAX_VARIANTS ? undefined : all;
  };
  const variants = alternatives(false);
  if (!variants || i !== pattern.length || variants.some((v) => !v.length || v.length > MAX_NEEDLE)) return undefined;
  return variants.map((v) => Uint8Array.from(v));
}

/**
 * How often a folded byte occurs in source code, per mille (measured on 119 MB of node_modules;
 * `*` is a folded newline, space also a folded NUL, DEL a folded `_`); others count 1. The pair of
 * a needle's bytes that is rarest together makes the fewest positions to check whole.
 */
const PER_MILLE: Record<string, number> = {
  ' ': 205, e: 76, a: 68, t: 55, n: 44, r: 43, i: 42, o: 40, s: 39, c: 34, '*': 24, l: 23, d: 21, ',': 21, p: 19,
  u: 18, m: 16, f: 14, g: 13, '.': 12, h: 12, ')': 12, b: 10, y: 10, ';': 9, '(': 9, '/': 8, '\x7f': 7, '=': 7,
  '"': 6, v: 6, '{': 6, '}': 6, k: 6, '|': 6, ':': 5, x: 5, w: 5, '-': 4, '0': 3, '1': 3, '`': 3, q: 2, "'": 2, '2': 2, j: 2,
};
const commonness = (b: number): number => PER_MILLE[String.fromCharCode(b)] ?? 1;

/**
 * Two positions among `usable` whose folded bytes are rarest together (one position twice when
 * there is one).
 */
function pairOf(folded: Uint8Array, usable: readonly number[]): [number, number] {
  let best: [number, number] = [usable[0], usable[usable.length - 1]];
  let bestScore = Infinity;
  for (const a of usable) {
    for (const b of usable) {
      if (b < a || (a === b && usable.length > 1)) continue;
      const score = a === b || folded[a] === folded[b] ? commonness(folded[a]) * 1000 : commonness(folded[a]) * commonness(folded[b]);
      if (score < bestScore) [best, bestScore] = [[a, b], score];
    }
  }
  return best;
}

function leb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n === 0) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(byte & 0x40)) || (n === -1 && byte & 0x40)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const section = (id: number, body: number[]): number[] => [id, ...leb(body.length), ...body];
const name = (s: string): number[] => [...leb(s.length), ...[...s].map((c) => c.charCodeAt(0))];

/** Needles that share a folded byte pair (at the same distance) share one SIMD test. */
interface PairGroup {
  a: number;
  b: number;
  ca: number;
  cb: number;
  needles: Uint8Array[];
}

/**
 * Groups by shared pair. `needleSets`: the byte strings of each pattern; the pair is taken where
 * they all agree when folded, so the strings of `orkspace(?:Id|ID|_id)` share one test.
 */
export function pairGroups(needleSets: readonly (readonly Uint8Array[])[]): PairGroup[] {
  const groups = new Map<string, PairGroup>();
  for (const set of needleSets) {
    const folded = set[0].map((x) => x | 0x20);
    const usable = [...folded.keys()].filter((i) => set.every((n) => i < n.length && (n[i] | 0x20) === folded[i]));
    for (const n of set) {
      const [a, b] = usable.length ? pairOf(folded, usable) : pairOf(n.map((x) => x | 0x20), [...n.keys()]);
      const [ca, cb] = [n[a] | 0x20, n[b] | 0x20];
      const key = `${a},${b},${ca},${cb}`;
      const g = groups.get(key);
      if (!g) groups.set(key, { a, b, ca, cb, needles: [n] });
      else if (!g.needles.some((w) => w.length === n.length && w.every((x, i) => x === n[i]))) g.needles.push(n);
    }
  }
  return [...groups.values()];
}

/**
 * `find(start, end)`: 1 when some needle lies whole in [start, end); else 0. It tests UNROLL
 * blocks of 16 positions at a time for two bytes of each needle, folded (OR 0x20: `E` and `e`
 * alike, so `etrac` and `ETRAC` share a test), at their distance; only where a pair is present are
 * the needle's bytes compared, exactly. Loads reach SLACK bytes past `end`. Memory imported as `m.m`.
 */
export function prefilterModule(needleSets: readonly (readonly Uint8Array[])[]): Uint8Array<ArrayBuffer> {
  const SIMD = 0xfd;
  const U = UNROLL;
  const [P, END, M, POS] = [0, 1, 2, 3]; // params, then i32 locals
  const splat = (b: number): number[] => [SIMD, 0x0c, ...new Array<number>(16).fill(b)];
  const groups = pairGroups(needleSets);
  const offsets = [...new Set(groups.flatMap((g) => [g.a, g.b]))];
  const nOff = offsets.length;
  const loaded = (u: number, offset: number): number => 4 + u * nOff + offsets.indexOf(offset); // v128 locals: block u's folded loads…
  const hits = (u: number, k: number): number => 4 + U * nOff + u * groups.length + k; // …then its pair mask per group
  const body: number[] = [];
  body.push(0x02, 0x40, 0x03, 0x40); // block $out, loop $next
  body.push(0x20, P, 0x20, END, 0x4f, 0x0d, 1); // p >= end: br $out
  for (let u = 0; u < U; u++) for (const o of offsets) body.push(0x20, P, SIMD, 0x00, 0, ...leb(o + 16 * u), ...splat(0x20), SIMD, 0x50, 0x21, loaded(u, o)); // fold(load(p + 16u + o))
  let first = true;
  for (let u = 0; u < U; u++) groups.forEach((g, k) => {
    body.push(0x20, loaded(u, g.a), ...splat(g.ca), SIMD, 0x23, 0x20, loaded(u, g.b), ...splat(g.cb), SIMD, 0x23, SIMD, 0x4e);
    body.push(0x22, hits(u, k)); // local.tee
    if (!first) body.push(SIMD, 0x50);
    first = false;
  });
  body.push(SIMD, 0x53, 0x04, 0x40); // v128.any_true of all blocks' masks; if
  for (let u = 0; u < U; u++) groups.forEach((g, k) => {
    body.push(0x20, hits(u, k), SIMD, 0x64, 0x22, M, 0x04, 0x40); // m = bitmask; if m
    body.push(0x03, 0x40); // loop $bits
    body.push(0x20, P, 0x41, ...sleb(16 * u), 0x6a, 0x20, M, 0x68, 0x6a, 0x21, POS); // pos = p + 16u + ctz(m)
    for (const n of g.needles) {
      body.push(0x02, 0x40); // block $no
      body.push(0x20, POS, 0x41, ...sleb(n.length), 0x6a, 0x20, END, 0x4b, 0x0d, 0); // pos + len > end: br $no
      for (let j = 0; j < n.length; j++) body.push(0x20, POS, 0x2d, 0, ...leb(j), 0x41, ...sleb(n[j]), 0x47, 0x0d, 0); // mem[pos + j] != n[j]: br $no
      body.push(0x41, 1, 0x0f, 0x0b); // return 1; end $no
    }
    body.push(0x20, M, 0x20, M, 0x41, 1, 0x6b, 0x71, 0x22, M, 0x0d, 0); // m &= m - 1; br_if $bits
    body.push(0x0b, 0x0b); // end loop, end if
  });
  body.push(0x0b); // end if any
  body.push(0x20, P, 0x41, ...sleb(16 * U), 0x6a, 0x21, P, 0x0c, 0, 0x0b, 0x0b); // p += 16U; br $next; end loop; end block
  body.push(0x41, 0, 0x0b); // return 0
  const fn = [2, 2, 0x7f, ...leb(U * (nOff + groups.length)), 0x7b, ...body];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 2, 0x7f, 0x7f, 1, 0x7f]),
    ...section(2, [1, ...name('m'), ...name('m'), 0x02, 0x00, 0x00]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('f'), 0x00, 0]),
    ...section(10, [1, ...leb(fn.length), ...fn]),
  ]);
}

type Find = (p: number, end: number) => number;

/** Memory that can hold `bytes` plus SLACK (grown by 16 pages at least: few moves). */
function ensure(memory: WebAssembly.Memory, bytes: number): void {
  const have = memory.buffer.byteLength;
  const need = bytes + SLACK;
  if (need > have) memory.grow(Math.max(16, Math.ceil((need - have) / PAGE)));
}

/** The read buffer's memory: files read into `gateBuffer` are checked where they lie. */
let readMemory: WebAssembly.Memory | undefined;
let readView: Buffer | undefined;
let simd: boolean | undefined;

function hasSimd(): boolean {
  if (simd === undefined) {
    try {
      simd = typeof WebAssembly === 'object' && WebAssembly.validate(prefilterModule([[Uint8Array.of(0x61, 0x62)]]));
    } catch {
      simd = false;
    }
  }
  return simd;
}

/**
 * A buffer of at least `size` bytes to read files into, lying where the prefilter reads without
 * a copy. Reused: valid until the next call, which may move it, keeping its bytes.
 */
export function gateBuffer(size: number): Buffer {
  // Per file, twice: no getter of the memory unless it must grow.
  if (readView && readView.length >= size) return readView;
  if (!hasSimd()) {
    const grown = Buffer.allocUnsafe(Math.max(size, 2 * (readView?.length ?? 0), 64 * 1024));
    readView?.copy(grown);
    return (readView = grown);
  }
  readMemory ??= new WebAssembly.Memory({ initial: 16 });
  ensure(readMemory, size);
  return (readView = Buffer.from(readMemory.buffer, 0, readMemory.buffer.byteLength - SLACK));
}

export class BytePrefilter {
  /** Made on first use: the editor prepares options per document and never calls mayMatch. */
  private module: WebAssembly.Module | undefined | null = null;
  /** The function on the read buffer's memory, and on a scratch memory for other bytes. */
  private readFind: Find | undefined;
  private scratchFind: Find | undefined;
  private scratch: WebAssembly.Memory | undefined;

  /** `patterns`: the gate's patterns (see patternNeedles); one it cannot read makes this pass everything. */
  constructor(private readonly patterns: readonly string[]) {}

  private compile(): WebAssembly.Module | undefined {
    if (this.module !== null) return this.module;
    this.module = undefined;
    const needleSets: Uint8Array[][] = [];
    for (const p of this.patterns) {
      const n = patternNeedles(p);
      if (!n) return undefined;
      needleSets.push(n);
    }
    if (!needleSets.length || !hasSimd()) return undefined;
    try {
      this.module = new WebAssembly.Module(prefilterModule(needleSets));
    } catch {
      this.module = undefined; // passes everything: the gate's regexes decide alone
    }
    return this.module;
  }

  /** False when the WebAssembly function could not be made: then everything passes. */
  get native(): boolean {
    return this.compile() !== undefined;
  }

  /** False only when no needle is in `bytes`. */
  mayMatch(bytes: Uint8Array): boolean {
    const module = this.compile();
    if (!module) return true;
    // Bytes in the read buffer (a view of the memory, SLACK short of its end): searched where they lie.
    if (readView && bytes.buffer === readView.buffer && bytes.byteOffset + bytes.length <= readView.length) {
      this.readFind ??= instantiate(module, readMemory!);
      return this.readFind(bytes.byteOffset, bytes.byteOffset + bytes.length) === 1;
    }
    const scratch = (this.scratch ??= new WebAssembly.Memory({ initial: 1 }));
    ensure(scratch, bytes.length);
    new Uint8Array(scratch.buffer, 0, bytes.length).set(bytes);
    this.scratchFind ??= instantiate(module, scratch);
    return this.scratchFind(0, bytes.length) === 1;
  }
}

function instantiate(module: WebAssembly.Module, memory: WebAssembly.Memory): Find {
  return new WebAssembly.Instance(module, { m: { m: memory } }).exports.f as Find;
}
