// Small readers of text the scanner shares: line offsets, character classes, alphanumeric runs,
// token boundaries, the name a value is assigned to, and a line's quoted strings. Pure functions
// over a string and an offset; no rule lives here.
import { RESTRICTED_PREFIX } from '../api/keys';
import { isAlnum, isIdentChar } from './keyShape';
import { nameSaysRetracKey } from './names';

/** Offsets where lines start; `starts[i]` is the first character of line i (0-based). */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 0-based line of an offset. */
export function lineOfOffset(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The maximal runs of at least `min` ASCII letters and digits in `s[from, to)`, in order: `next()`
 * moves to the next one (false when none is left), `start` and `end` bound it. A run that long
 * covers the character `min - 1` after any point where it may start, so the search probes there
 * and skips `min` characters when that one is not alphanumeric: most text is read once at most,
 * none more than twice. Invariant: no run crosses `i` from the left. A cursor, not a callback:
 * the hottest loop of the scanner stays one monomorphic call.
 */
export class AlnumRuns {
  start = -1;
  end = -1;
  private i = 0;

  constructor(
    private s: string,
    private min: number,
    from: number,
    private to: number,
  ) {
    this.i = from;
  }

  /** Starts over on another text: a leaf caller reuses one cursor instead of allocating one per call. */
  reset(s: string, min: number, from: number, to: number): this {
    this.s = s;
    this.min = min;
    this.i = from;
    this.to = to;
    return this;
  }

  next(): boolean {
    const { s, min, to } = this;
    for (let i = this.i; i + min <= to; ) {
      const probe = i + min - 1;
      if (!isAsciiAlnum(s.charCodeAt(probe))) {
        i = probe + 1;
        continue;
      }
      let start = probe;
      while (start > i && isAsciiAlnum(s.charCodeAt(start - 1))) start--;
      let end = probe + 1;
      while (end < to && isAsciiAlnum(s.charCodeAt(end))) end++;
      i = end + 1; // s[end] is not alphanumeric
      if (end - start < min) continue;
      this.i = i;
      this.start = start;
      this.end = end;
      return true;
    }
    this.i = to;
    return false;
  }
}

const hasRunOfCursor = new AlnumRuns('', 1, 0, 0);

/** A run of at least `min` ASCII letters and digits; `unprefixed`: not the body of a restricted key (right after `retrac_`). */
export function hasRunOf(s: string, min: number, from: number, to: number, unprefixed = false): boolean {
  const runs = hasRunOfCursor.reset(s, min, from, to);
  while (runs.next()) {
    const start = runs.start;
    if (!(unprefixed && start >= RESTRICTED_PREFIX.length && s.startsWith(RESTRICTED_PREFIX, start - RESTRICTED_PREFIX.length))) return true;
  }
  return false;
}

/** `isAlnum` without the table: this module's hottest loop calls it. */
export function isAsciiAlnum(code: number): boolean {
  const lower = code | 32;
  return (code >= 48 && code <= 57) || (lower >= 97 && lower <= 122);
}

export function isWordChar(code: number): boolean {
  return isAlnum(code) || code === 95;
}

export function isQuote(code: number): boolean {
  return code === 34 || code === 39 || code === 96;
}

export function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

/** A token may not continue an identifier, a path, a base64 string or a domain name. */
export function isTokenStart(s: string, start: number): boolean {
  const c = s.charCodeAt(start - 1);
  if (Number.isNaN(c)) return true;
  if (c === 45 && s.charCodeAt(start - 2) === 58) return true; // `${NAME:-…}`
  if (c === 45 && isShellDefault(s, start - 1)) return true; // `${NAME-…}`
  return !isIdentChar(c) && c !== 45 /* - */ && c !== 46 /* . */ && c !== 47 /* / */ && c !== 92 /* \ */ && c !== 64 /* @ */ && c !== 43 /* + */ && c !== 37 /* % */ && c !== 35 /* # */;
}

/** `${NAME-` ends at `dash`: a shell default for an unset variable. */
function isShellDefault(s: string, dash: number): boolean {
  let i = dash;
  while (i > 0 && dash - i < 64 && isIdentChar(s.charCodeAt(i - 1)) && s.charCodeAt(i - 1) !== 36) i--;
  return i < dash && s.charCodeAt(i - 1) === 123 /* { */ && s.charCodeAt(i - 2) === 36 /* $ */;
}

export function isTokenEnd(s: string, end: number): boolean {
  const c = s.charCodeAt(end);
  if (Number.isNaN(c)) return true;
  if (isIdentChar(c) || c === 42 /* * */ || c === 0x2026 /* … */ || c === 47 /* / */ || c === 43 /* + */ || c === 64 /* @ */ || c === 37 /* % */) return false;
  if (c === 45 /* - */ || c === 46 /* . */) return !isAlnum(s.charCodeAt(end + 1));
  return c !== 61; // `=` after an alphanumeric run is base64 padding

}

const STRING_TYPES = new Set(['string', 'String', 'str']);
/** The name before a type: `RetracApiKey As ` / `retracKey `. */
const TYPED_NAME_BEFORE = /([A-Za-z_]\w{0,60})[ \t]+(?:As[ \t]+)?$/;
const DECLARATION_WORDS = new Set(['const', 'var', 'let', 'val', 'dim', 'public', 'private', 'protected', 'internal', 'static', 'final', 'readonly', 'friend', 'shared', 'export']);

/**
 * The name a value at `valueStart` is assigned to, reading backwards over an operator
 * (`=`, `:`, `:=`, `?=`, `=>`, `,` as in `setenv("NAME", "…")`) or plain blanks (`ENV NAME value`).
 */
export function assignedName(s: string, valueStart: number): { name: string; operator: boolean } | undefined {
  let j = valueStart;
  // `@"…"`: an Objective-C string literal (a C# verbatim string).
  if (s.charCodeAt(j - 1) === 64 /* @ */ && isQuote(s.charCodeAt(j))) j--;
  while (j > 0 && isBlank(s.charCodeAt(j - 1))) j--;
  const blanks = j < valueStart;
  let operator = false;
  let equals = false;
  if (s.charCodeAt(j - 1) === 62 /* > */ && s.charCodeAt(j - 2) === 61 /* = */) {
    j -= 2;
    operator = true;
  } else if (s.charCodeAt(j - 1) === 45 /* - */ && s.charCodeAt(j - 2) === 60 /* < */) {
    // R's `name <- "…"` (and `<<-`).
    j -= s.charCodeAt(j - 3) === 60 ? 3 : 2;
    operator = true;
  } else {
    const c = s.charCodeAt(j - 1);
    if (c === 61 || c === 58 || c === 44) {
      j--;
      operator = true;
      equals = c === 61;
      for (let k = 0; k < 2 && /[:?+=]/.test(s.charAt(j - 1)); k++) j--;
    }
  }
  if (!operator && !blanks) return undefined;
  while (j > 0 && isBlank(s.charCodeAt(j - 1))) j--;
  if (s.charCodeAt(j - 1) === 93 /* ] */) {
    j--;
    while (j > 0 && isBlank(s.charCodeAt(j - 1))) j--; // `[ "NAME" ]` (a notebook's unescaped quotes)
    // `kRetracApiKey[] = "…"`, `KEY[25] = "…"`: a C array declaration, the name before its brackets.
    let k = j;
    while (k > 0 && j - k < 6 && s.charCodeAt(k - 1) >= 48 && s.charCodeAt(k - 1) <= 57) k--;
    if (s.charCodeAt(k - 1) === 91 /* [ */ && /[\w$]/.test(s.charAt(k - 2))) j = k - 1;
  }
  if (j > 0 && isQuote(s.charCodeAt(j - 1))) j--;
  let end = j;
  while (j > 0 && /[\w.$-]/.test(s.charAt(j - 1))) j--;
  // A type annotation (`NAME: string =`, `NAME: &str =`): the name stands before the colon.
  if (equals && !nameSaysRetracKey(s.slice(j, end))) {
    let k = j;
    while (k > 0 && (isBlank(s.charCodeAt(k - 1)) || s.charCodeAt(k - 1) === 38 /* & */)) k--;
    if (k < j && s.charCodeAt(k - 1) === 58 && s.charCodeAt(k - 2) !== 58) {
      k--;
      while (k > 0 && isBlank(s.charCodeAt(k - 1))) k--;
      end = k;
      while (k > 0 && /[\w.$-]/.test(s.charAt(k - 1))) k--;
      if (k < end) j = k;
      else end = j;
    }
  }
  // A type after the name: `Const RetracApiKey As String = "…"` (VB), `var retracKey string = "…"` (Go).
  if (equals && STRING_TYPES.has(s.slice(j, end))) {
    const typed = TYPED_NAME_BEFORE.exec(s.slice(Math.max(0, j - 80), j));
    if (typed && !DECLARATION_WORDS.has(typed[1].toLowerCase())) return { name: typed[1], operator };
  }
  // A blank-separated key with colons (`SET retrac:api_key …` in Redis): the whole key is the name.
  while (!operator && j > 1 && s.charCodeAt(j - 1) === 58 /* : */ && /[\w.$-]/.test(s.charAt(j - 2))) {
    j--;
    while (j > 0 && /[\w.$-]/.test(s.charAt(j - 1))) j--;
  }
  const name = s.slice(j, end).replace(/^[$-]+/, '');
  if (!name || !/[A-Za-z]/.test(name)) return undefined;
  return { name, operator };
}

/** Quoted strings of a line as [start, end) pairs, quotes included; an unclosed quote ends the list. */
export function quotedStrings(s: string): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (!isQuote(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < s.length && s.charCodeAt(j) !== c) j += s.charCodeAt(j) === 92 ? 2 : 1;
    if (j >= s.length) break;
    out.push(i, j + 1);
    i = j + 1;
  }
  return out;
}
