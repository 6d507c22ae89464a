// Glob matching in O(pattern × name) for every pattern: `.gitignore` lines and the editor's
// exclusion globs (`files.exclude`, `retrac.scan.exclude`) are compiled to a Thompson NFA and run
// by keeping the set of live states, never by backtracking. A backtracking regex such as
// `^(?:.*/)?[^/]*a[^/]*a…b$` takes exponential time on a name full of `a`s; this cannot.
//
// Syntax: `*` (any run without `/`), `**` (any run, `/` included; `**/` any number of folders),
// `?` (one character but `/`), `[abc]`, `[a-z]`, `[!x]`/`[^x]`, `\x` (a literal x), and, when
// `braces` is on (VS Code globs, not .gitignore), `{a,b}` with nesting.

const enum Op {
  Char,
  Any, // any character but '/'
  AnyWithSlash,
  Class,
  Split,
  Match,
}

interface State {
  op: Op;
  ch: number;
  /** For Class: inclusive ranges as [lo, hi, lo, hi, …]. */
  ranges?: number[];
  negate?: boolean;
  out: number;
  out2: number;
}

/** A fragment under construction: its entry state and the dangling exits to patch. */
interface Frag {
  start: number;
  exits: { state: number; second: boolean }[];
}

export interface GlobOptions {
  /** `{a,b}` alternatives (VS Code globs); off for .gitignore, where braces are literal. */
  braces?: boolean;
}

/** A compiled glob: `matches(name)` runs in O(states × name.length). */
export class Glob {
  private readonly states: State[] = [];
  private readonly start: number;
  /** Set when the whole pattern is one literal: a string comparison. */
  private readonly literal: string | undefined;
  /** Set when the pattern is `*` + literal (the common `*.log`): a suffix test. */
  private readonly suffix: string | undefined;
  // Scratch lists for the simulation, reused between calls.
  private mark: Uint32Array;
  private generation = 0;
  /** Each state is pushed at most twice per closure (once per split edge into it). */
  private readonly stack: Int32Array;

  constructor(readonly pattern: string, options: GlobOptions = {}) {
    const p = new Parser(pattern, !!options.braces, this.states);
    const frag = p.parseAlternatives(false);
    const match = this.add({ op: Op.Match, ch: 0, out: -1, out2: -1 });
    this.patch(frag, match);
    this.start = frag.start;
    this.mark = new Uint32Array(this.states.length);
    this.stack = new Int32Array(this.states.length * 2 + 2);
    const plain = !/[*?[\\]/.test(pattern) && !(options.braces && /[{}]/.test(pattern));
    this.literal = plain ? pattern : undefined;
    const rest = pattern.slice(1);
    this.suffix = pattern.startsWith('*') && !rest.startsWith('*') && !/[*?[\\/]/.test(rest) && !(options.braces && /[{}]/.test(rest)) ? rest : undefined;
  }

  private add(s: State): number {
    this.states.push(s);
    return this.states.length - 1;
  }

  private patch(frag: Frag, to: number): void {
    for (const e of frag.exits) {
      if (e.second) this.states[e.state].out2 = to;
      else this.states[e.state].out = to;
    }
  }

  matches(name: string): boolean {
    if (this.literal !== undefined) return name === this.literal;
    if (this.suffix !== undefined) return name.endsWith(this.suffix) && name.indexOf('/') < 0;
    let current: number[] = [];
    let next: number[] = [];
    this.nextGeneration();
    this.addState(current, this.start);
    for (let i = 0; i < name.length && current.length; i++) {
      const c = name.charCodeAt(i);
      this.nextGeneration();
      next.length = 0;
      for (const si of current) {
        const s = this.states[si];
        if (this.step(s, c)) this.addState(next, s.out);
      }
      [current, next] = [next, current];
    }
    return current.some((si) => this.states[si].op === Op.Match);
  }

  private nextGeneration(): void {
    this.generation++;
    if (this.generation === 0xffffffff) {
      this.mark.fill(0);
      this.generation = 1;
    }
  }

  private step(s: State, c: number): boolean {
    switch (s.op) {
      case Op.Char:
        return s.ch === c;
      case Op.Any:
        return c !== 47;
      case Op.AnyWithSlash:
        return true;
      case Op.Class: {
        if (c === 47) return false;
        const r = s.ranges!;
        let hit = false;
        for (let k = 0; k < r.length && !hit; k += 2) hit = c >= r[k] && c <= r[k + 1];
        return hit !== !!s.negate;
      }
      default:
        return false;
    }
  }

  /** Adds a state and everything reachable from it through splits (no recursion: a reused stack). */
  private addState(list: number[], first: number): void {
    const stack = this.stack;
    let top = 0;
    stack[top++] = first;
    while (top > 0) {
      const si = stack[--top];
      if (si < 0 || this.mark[si] === this.generation) continue;
      this.mark[si] = this.generation;
      const s = this.states[si];
      if (s.op === Op.Split) {
        stack[top++] = s.out2;
        stack[top++] = s.out;
      } else list.push(si);
    }
  }
}

class Parser {
  private i = 0;

  constructor(
    private readonly p: string,
    private readonly braces: boolean,
    private readonly states: State[],
  ) {}

  private add(s: State): number {
    this.states.push(s);
    return this.states.length - 1;
  }

  private single(op: Op, ch = 0, extra: Partial<State> = {}): Frag {
    const s = this.add({ op, ch, out: -1, out2: -1, ...extra });
    return { start: s, exits: [{ state: s, second: false }] };
  }

  private patch(frag: Frag, to: number): void {
    for (const e of frag.exits) {
      if (e.second) this.states[e.state].out2 = to;
      else this.states[e.state].out = to;
    }
  }

  private concat(a: Frag | undefined, b: Frag): Frag {
    if (!a) return b;
    this.patch(a, b.start);
    return { start: a.start, exits: b.exits };
  }

  /** Zero or more of `f`. */
  private star(f: Frag): Frag {
    const split = this.add({ op: Op.Split, ch: 0, out: f.start, out2: -1 });
    this.patch(f, split);
    return { start: split, exits: [{ state: split, second: true }] };
  }

  /** Zero or one of `f`. */
  private optional(f: Frag): Frag {
    const split = this.add({ op: Op.Split, ch: 0, out: f.start, out2: -1 });
    return { start: split, exits: [...f.exits, { state: split, second: true }] };
  }

  /** An empty fragment (a split whose both exits go on). */
  private empty(): Frag {
    const split = this.add({ op: Op.Split, ch: 0, out: -1, out2: -1 });
    return { start: split, exits: [{ state: split, second: false }, { state: split, second: true }] };
  }

  /** A sequence, split on top-level commas inside braces: `a,b` → alternatives. */
  parseAlternatives(inBraces: boolean): Frag {
    const alternatives: Frag[] = [];
    let seq: Frag | undefined;
    while (this.i < this.p.length) {
      const c = this.p[this.i];
      if (inBraces && c === ',') {
        alternatives.push(seq ?? this.empty());
        seq = undefined;
        this.i++;
        continue;
      }
      if (inBraces && c === '}') break;
      seq = this.concat(seq, this.atom());
    }
    alternatives.push(seq ?? this.empty());
    let frag = alternatives[0];
    for (let k = 1; k < alternatives.length; k++) {
      const split = this.add({ op: Op.Split, ch: 0, out: frag.start, out2: alternatives[k].start });
      frag = { start: split, exits: [...frag.exits, ...alternatives[k].exits] };
    }
    return frag;
  }

  private atom(): Frag {
    const p = this.p;
    const c = p[this.i];
    // A run of `*` and `?` within a segment (`*?*?`) is "at least k characters": k single
    // characters then one star, so the live state set stays small.
    if ((c === '*' || c === '?') && this.wildcardRunLength() > 0) return this.wildcardRun();
    if (c === '*') {
      let n = 0;
      while (p[this.i] === '*') {
        n++;
        this.i++;
      }
      // `**` only spans folders as a whole path segment (git): `a**b` is `a*b`.
      const segmentStart = this.i - n === 0 || p[this.i - n - 1] === '/';
      const segmentEnd = this.i === p.length || p[this.i] === '/';
      if (n >= 2 && segmentStart && segmentEnd) {
        if (p[this.i] === '/') {
          this.i++;
          return this.optional(this.concat(this.star(this.single(Op.AnyWithSlash)), this.single(Op.Char, 47)));
        }
        return this.star(this.single(Op.AnyWithSlash));
      }
      return this.star(this.single(Op.Any));
    }
    if (c === '?') {
      this.i++;
      return this.single(Op.Any);
    }
    if (c === '[') {
      const cls = this.parseClass();
      if (cls) return cls;
      this.i++;
      return this.single(Op.Char, 91);
    }
    if (c === '\\' && this.i + 1 < p.length) {
      this.i += 2;
      return this.single(Op.Char, p.charCodeAt(this.i - 1));
    }
    if (this.braces && c === '{' && p.indexOf('}', this.i) > 0) {
      this.i++;
      const inner = this.parseAlternatives(true);
      if (p[this.i] === '}') this.i++;
      return inner;
    }
    this.i++;
    return this.single(Op.Char, c.charCodeAt(0));
  }

  /** Length of a run of `*`/`?` mixing both or several `?`s; 0 when a `**` segment is involved. */
  private wildcardRunLength(): number {
    const p = this.p;
    let j = this.i;
    let stars = 0;
    let prevStar = false;
    while (j < p.length && (p[j] === '*' || p[j] === '?')) {
      if (p[j] === '*') {
        if (prevStar) return 0; // `**`: left to atom(), which knows about folders
        stars++;
        prevStar = true;
      } else prevStar = false;
      j++;
    }
    const n = j - this.i;
    return stars > 0 && n > 1 ? n : 0;
  }

  private wildcardRun(): Frag {
    const n = this.wildcardRunLength();
    let frag: Frag | undefined;
    for (let k = this.i; k < this.i + n; k++) if (this.p[k] === '?') frag = this.concat(frag, this.single(Op.Any));
    this.i += n;
    return this.concat(frag, this.star(this.single(Op.Any)));
  }

  /** `[...]`; undefined (a literal `[`) when it has no closing bracket. */
  private parseClass(): Frag | undefined {
    const p = this.p;
    let j = this.i + 1;
    const negate = p[j] === '!' || p[j] === '^';
    if (negate) j++;
    const ranges: number[] = [];
    let first = true;
    while (j < p.length && (p[j] !== ']' || first)) {
      first = false;
      let lo = p.charCodeAt(j);
      if (p[j] === '\\' && j + 1 < p.length) lo = p.charCodeAt(++j);
      let hi = lo;
      if (p[j + 1] === '-' && j + 2 < p.length && p[j + 2] !== ']') {
        j += 2;
        hi = p[j] === '\\' && j + 1 < p.length ? p.charCodeAt(++j) : p.charCodeAt(j);
      }
      ranges.push(Math.min(lo, hi), Math.max(lo, hi));
      j++;
    }
    if (j >= p.length) return undefined;
    this.i = j + 1;
    return this.single(Op.Class, 0, { ranges, negate });
  }
}
