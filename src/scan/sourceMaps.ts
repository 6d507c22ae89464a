// Source maps carry the original sources in `sourcesContent`, as JSON strings: a key written in
// `src/config.ts` and left out of a bundle by tree-shaking can still sit there, in a file that is
// often committed or served. The map is scanned as text like any file, then each original source
// is decoded and scanned as the file it names (so its syntax rules apply); findings point at the
// key's position in the map and say which original file and line it comes from.
import { prepareOptions, type PreparedOptions, type SharedParts } from './prepare';
import { compareFindings, scanWhole } from './scanner';
import { computeLineStarts, lineOfOffset } from './text';
import type { Finding } from './types';

export function isSourceMapName(path: string): boolean {
  return path.toLowerCase().endsWith('.map');
}

interface DecodedString {
  text: string;
  /** Raw offset in the map of each decoded UTF-16 unit, plus one entry for the closing quote (when asked for). */
  rawAt: Int32Array;
  /** Raw offset of the opening quote. */
  rawStart: number;
}

const QUOTE_OR_BACKSLASH = /["\\]/g;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

/** A small JSON reader that keeps raw offsets: enough to find `sourcesContent` and decode its strings. */
class JsonCursor {
  i = 0;
  constructor(private readonly s: string) {}

  ws(): void {
    while (this.i < this.s.length && ' \t\r\n'.includes(this.s[this.i])) this.i++;
  }

  peek(): string {
    this.ws();
    return this.s[this.i];
  }

  expect(c: string): boolean {
    if (this.peek() !== c) return false;
    this.i++;
    return true;
  }

  /** Reads a string starting at its opening quote, keeping the raw offset of each unit. */
  string(withOffsets: boolean): DecodedString | undefined {
    if (this.peek() !== '"') return undefined;
    const s = this.s;
    const rawStart = this.i;
    let i = this.i + 1;
    let out = '';
    const offsets: number[] = [];
    let runStart = i;
    const flush = (to: number): void => {
      if (to > runStart) {
        out += s.slice(runStart, to);
        if (withOffsets) for (let k = runStart; k < to; k++) offsets.push(k);
      }
    };
    for (;;) {
      // Jump to the next quote or backslash: a char-by-char loop was half of a map's scan time.
      QUOTE_OR_BACKSLASH.lastIndex = i;
      i = QUOTE_OR_BACKSLASH.test(s) ? QUOTE_OR_BACKSLASH.lastIndex - 1 : s.length;
      if (i >= s.length || s[i] === '"') break;
      flush(i);
      const esc = s[i + 1];
      let ch: string;
      let len = 2;
      if (esc === 'u') {
        ch = String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16) || 0);
        len = 6;
      } else ch = ESCAPES[esc] ?? esc ?? '';
      out += ch;
      if (withOffsets) offsets.push(i);
      i += len;
      runStart = i;
    }
    if (i >= s.length) return undefined;
    flush(i);
    if (withOffsets) offsets.push(i);
    this.i = i + 1;
    return { text: out, rawAt: withOffsets ? Int32Array.from(offsets) : new Int32Array(0), rawStart };
  }

  /** Skips any value; false on malformed input. */
  skip(): boolean {
    const c = this.peek();
    if (c === '"') return this.string(false) !== undefined;
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      this.i++;
      if (this.expect(close)) return true;
      for (;;) {
        if (c === '{') {
          if (!this.string(false) || !this.expect(':')) return false;
        }
        if (!this.skip()) return false;
        if (this.expect(',')) continue;
        return this.expect(close);
      }
    }
    const m = /^(?:-?[0-9.eE+-]+|true|false|null)/.exec(this.s.slice(this.i, this.i + 64));
    if (!m) return false;
    this.i += m[0].length;
    return true;
  }
}

/** `sources` and the decoded `sourcesContent` strings with their raw offsets; undefined if the map has none. */
function readSources(text: string): { sources: (string | undefined)[]; contents: (DecodedString | undefined)[] } | undefined {
  const j = new JsonCursor(text);
  if (!j.expect('{')) return undefined;
  let sources: (string | undefined)[] = [];
  let contents: (DecodedString | undefined)[] | undefined;
  if (j.expect('}')) return undefined;
  for (;;) {
    const key = j.string(false);
    if (!key || !j.expect(':')) return contents && { sources, contents };
    if ((key.text === 'sources' || key.text === 'sourcesContent') && j.peek() === '[') {
      const list: (DecodedString | undefined)[] = [];
      j.i++;
      if (!j.expect(']')) {
        for (;;) {
          // Offsets are found later, only for a source with findings: most sources have none.
          if (j.peek() === '"') list.push(j.string(false));
          else if (j.skip()) list.push(undefined);
          else return contents && { sources, contents };
          if (j.expect(',')) continue;
          if (!j.expect(']')) return contents && { sources, contents };
          break;
        }
      }
      if (key.text === 'sources') sources = list.map((d) => d?.text);
      else contents = list;
    } else if (!j.skip()) return contents && { sources, contents };
    if (j.expect(',')) continue;
    break;
  }
  return contents && { sources, contents };
}

interface ScanContext {
  lenient?: boolean;
  envValues?: ReadonlyMap<string, string>;
  ignoredFingerprints?: ReadonlySet<string>;
}

/** Findings of the map as text plus those of each original source, once each, sorted. */
export function scanSourceMap(text: string, prep: PreparedOptions, context: ScanContext, parts: SharedParts): Finding[] {
  const own = scanWhole(text, prep);
  if (!text.includes('"sourcesContent"')) return own;
  const map = readSources(text);
  if (!map) return own;
  const starts = computeLineStarts(text);
  const position = (offset: number): { line: number; column: number } => {
    const l = lineOfOffset(starts, offset);
    return { line: l + 1, column: offset - starts[l] + 1 };
  };
  const fromSources: Finding[] = [];
  map.contents.forEach((content, i) => {
    if (!content) return;
    const source = map.sources[i] ?? `source ${i + 1}`;
    const options = { fileName: source, lenient: context.lenient, gitIgnored: prep.options.gitIgnored, envValues: context.envValues, ignoredFingerprints: context.ignoredFingerprints };
    const found = scanWhole(content.text, prepareOptions(options, parts));
    if (!found.length) return;
    const raw = new JsonCursor(text);
    raw.i = content.rawStart;
    const rawAt = raw.string(true)!.rawAt;
    for (const f of found) {
      const start = rawAt[f.start];
      const end = rawAt[Math.min(f.end, rawAt.length - 1)];
      const a = position(start);
      const b = position(end);
      const { literalStart: _ls, literalEnd: _le, ...rest } = f;
      fromSources.push({
        ...rest,
        message: `${f.message} (in this source map's sourcesContent: ${source}, line ${f.line})`,
        start,
        end,
        line: a.line,
        column: a.column,
        endLine: b.line,
        endColumn: b.column,
      });
    }
  });
  const seen = new Set(fromSources.map((f) => `${f.rule}@${f.start}`));
  return [...own.filter((f) => !seen.has(`${f.rule}@${f.start}`)), ...fromSources].sort(compareFindings);
}
