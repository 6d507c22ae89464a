// The line model of the leak scanner: what each line says (its text, shape, key tokens, env
// refs, Retrac words, the name a Retrac URL is bound to), computed on demand and cached per scan
// over the facts region, and the extents built from lines (statements, request windows). The
// request analysis (requestModel.ts) and the rules (scanner.ts) read it.
import { RESTRICTED_PREFIX } from '../api/keys';
import { BASE64_MARKER_SEARCH, KeyTokens, type KeyToken } from './keyTokens';
import { hasRetracWord, lastSegment } from './names';
import type { KeyType, PreparedOptions } from './prepare';
import { assignedName, isQuote, isWordChar } from './text';
import { assignedVariable, openerAbove, requestExtent, shapeOf, statementExtent, type LineShape, type Lines } from './structure';

/** Lines either side of a candidate that its rule may read (Bearer context, request extent). */
export const CONTEXT_LINES = 10;
/** The longest SQL statement read as one request, in lines. */
const SQL_STATEMENT_LINES = 30;
/** A here-document's opener: `<<EOF`, `<<-'EOF'`, `<< "END"` (not a here-string `<<<`). */
const HEREDOC_OPENER = /(?<!<)<<-?[ \t]*["']?([A-Za-z_]\w{0,30})["']?/;
/** A top-level HCL block: `resource "type" "name" {`, `data "http" "items" {`, `provider "restapi" {`, `locals {`. */
const HCL_BLOCK_OPENER = /^[A-Za-z_][\w-]{0,40}(?:[ \t]+"[^"]{0,80}"){0,2}[ \t]*\{[ \t]*$/;
/** Lines either side of a line that the request it belongs to may span. */
export const REQUEST_LINES = 20;
/** Lines between a key's definition (or its section's name) and the request that sends it. */
export const FLOW_LINES = 150;

export const WORKSPACE_PARAM = /(?<!\w)(?:[wW]orkspace(?:Id|ID|_id)|[pP]roject(?:Slug|_slug))(?!\w)/g;
const CLIENT_CONTEXT =
  /\bRetrac(?:[A-Z]\w*)?(?:::\w+)*(?:\.new)?[ \t]*[({]|\bretrac\.(?:Client|NewClient|new_client|Retrac|client|connect)[ \t]*\(|\bcreateRetrac\w*[ \t]*\(|^[ \t]*(?:\[retrac\]|retrac:)[ \t]*$/;
const NON_BLANK = /\S/;
/** Imports and package references name Retrac without sending anything to it. */
// A keyword as a whole word: `imports: [HttpModule.register({ baseURL: … })]`, `useFetch('https://…')`,
// `includes`, `fromJson(…)` are not imports.
// `from` only as Python's `from x import y` or the end of a JS import (`from '…'`): SQL's `FROM url('https://…', …)` is a request.
export const IMPORT_LINE = /^\s*(?:(?:import|require|use|include|#include|package|@import|extern|pip|npm|yarn|pnpm|go get|gem|composer|dotnet add)(?![\w$-])|from[ \t]+(?:[\w.]+[ \t]+import\b|["'])|using\s+(?:static\s+)?[\w.]+\s*;|<PackageReference|"@?[\w./-]*retrac[\w./-]*"\s*:\s*"[~^]?\d)/i;
const KEY_LIKE = /retrac_[A-Za-z0-9]+/g;

function hasBase64Marker(s: string): boolean {
  return BASE64_MARKER_SEARCH.test(s);
}

export interface EnvRef {
  name: string;
  keyType: KeyType;
}

export interface LineFacts {
  text: string;
  offset: number;
  blank: boolean;
  retracWord: boolean;
  clientContext: boolean;
  workspaceParam: boolean;
  /** A Retrac word that says where something goes (a host, a client, a Retrac-named field), not an import. */
  retracTarget: boolean;
  keys?: KeyToken[];
  envRefs?: EnvRef[];
  /** Computed on demand: quoted strings as [start, end) pairs, and whether a marker silences the line. */
  strings?: number[];
  suppressed?: boolean;
  /** The variable a Retrac URL on this line is bound to (`BASE = "https://api.retrac.co"`). */
  hostName?: string;
  /** Names the line sends as auth (see authNames). */
  authNames?: string[];
}

/** `BASE = "https://api.retrac.co"`: the name a Retrac URL is bound to, if it is a variable. */
function hostNameOf(s: string): string | undefined {
  const at = s.indexOf('retrac.co');
  let q = at - 1;
  while (q >= 0 && !isQuote(s.charCodeAt(q)) && at - q < 64) q--;
  if (q < 0 || !isQuote(s.charCodeAt(q))) return undefined;
  // A URL wrapped in a constructor or parser (`let base = URL(string: "…")!`, `URI.create("…")`,
  // `Uri.parse('…')`, `new URL("…")`): the variable the statement assigns, not the argument's label.
  const wrapped = URL_WRAPPER_BEFORE.exec(s.slice(Math.max(0, q - 80), q));
  if (wrapped) {
    const variable = assignedVariable(s);
    return variable && s.indexOf(variable) < q - wrapped[0].length ? variable : undefined;
  }
  const named = assignedName(s, q);
  if (!named?.operator) return undefined;
  const name = lastSegment(named.name);
  return name.length >= 2 && /^[A-Za-z_]\w*$/.test(name) ? name : undefined;
}

/** A call that turns a string into a URL, right before its argument: `URL(string: `, `URI.create(`, `new Uri(`, `url.Parse(`. */
const URL_WRAPPER_BEFORE = /(?:\b(?:URL|URI|Uri|Url|NSURL|HttpUrl)(?:\.(?:create|parse|Parse|of|get|from|toHttpUrl))?|\burl\.Parse|\burlparse|\bURI\.(?:parse|join)|\.toHttpUrl|\.toUri)\s*\(\s*(?:string\s*:\s*)?$/;

/** A line that is one JSON string (`    "import retrac\\n",`): its quotes, `\\n` and comma blanked, so the code starts the line. */
const CELL_LINE = /^(\s*)"((?:[^"\\]|\\.)*)"(\s*,?\s*)$/;

function cellLineText(s: string): string {
  if (!s.endsWith('"') && !s.endsWith('",')) return s;
  const m = CELL_LINE.exec(s);
  if (!m) return s;
  const body = m[2].endsWith('\\n') && !m[2].endsWith('\\\\n') ? m[2].slice(0, -2) + '  ' : m[2];
  return m[1] + ' ' + body + ' ' + ' '.repeat(m[3].length);
}

/**
 * A notebook cell line (a JSON string) read as code, at the same offsets: each `\"` becomes a
 * quote and a blank, the blank outside the string it opens or closes (` "` opens, `" ` closes), so
 * `os.environ[\"RETRAC_API_KEY\"] = \"…\"` reads as `os.environ[ "RETRAC_API_KEY" ] =  "…" `.
 */
export function notebookText(raw: string): string {
  const s = cellLineText(raw);
  if (!s.includes('\\"')) return s;
  let out = '';
  let from = 0;
  let open = true;
  for (let i = s.indexOf('\\"'); i >= 0; i = s.indexOf('\\"', i + 2)) {
    out += s.slice(from, i) + (open ? ' "' : '" ');
    open = !open;
    from = i + 2;
  }
  return out + s.slice(from);
}

const SHAPE_CACHE_MAX_LINE = 400;
const SHAPE_CACHE_ENTRIES = 20_000;

/** The per-scan caches of line facts and extents, and the queries over them. */
export abstract class LineModel implements Lines {
  private readonly keyTokens: KeyTokens;
  /** Facts of line `l` at index `l - factsBase`: only lines near the scanned range are ever asked for. */
  protected facts: (LineFacts | undefined)[] = [];
  protected factsBase = 0;
  private shapes: (LineShape | undefined)[] = [];
  private texts: (string | undefined)[] = [];
  readonly last: number;
  /** Request extents by line. */
  private readonly extents = new Map<number, { from: number; to: number }>();
  private readonly statements = new Map<number, { from: number; to: number }>();
  private readonly openers = new Map<number, number>();
  /** SQL: the line ends a statement (`;`), by line. */
  private readonly sqlEnds = new Map<number, boolean>();

  constructor(
    protected readonly doc: string,
    protected readonly starts: readonly number[],
    protected readonly prep: PreparedOptions,
    /** Shapes by line text, kept across the rescans of one document (incremental.ts): most lines do not change. */
    private readonly shapeCache?: Map<string, LineShape>,
  ) {
    this.last = starts.length - 1;
    this.keyTokens = new KeyTokens(prep.lengths, (l) => this.factsText(l), (l, limit) => this.openerAbove(l, limit), () => this.last, prep.options.fileName);
  }

  /** Starts a scan: the facts of lines `first..lastLine` are cached from now on. */
  protected setRegion(first: number, lastLine: number): void {
    this.factsBase = first;
    this.facts = new Array<LineFacts | undefined>(Math.max(0, lastLine - first + 1));
    this.shapes = new Array<LineShape | undefined>(this.facts.length);
    this.texts = new Array<string | undefined>(this.facts.length);
  }

  protected lineEnd(line: number): number {
    let end = line < this.last ? this.starts[line + 1] - 1 : this.doc.length;
    if (end > this.starts[line] && this.doc.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  protected factsOf(line: number): LineFacts {
    const i = line - this.factsBase;
    if (i < 0 || i >= this.facts.length) return this.computeFacts(line);
    let f = this.facts[i];
    if (!f) {
      f = this.computeFacts(line);
      this.facts[i] = f;
    }
    return f;
  }

  /** A line's text as the rules read it (a notebook's escaped quotes unescaped: see notebookText). */
  private rawText(line: number): string {
    const s = this.doc.slice(this.starts[line], this.lineEnd(line));
    return this.prep.notebook ? notebookText(s) : s;
  }

  private computeFacts(line: number): LineFacts {
    const offset = this.starts[line];
    const i = line - this.factsBase;
    const s = (i >= 0 && i < this.texts.length ? this.texts[i] : undefined) ?? this.rawText(line);
    const retracWord = hasRetracWord(s);
    const f: LineFacts = {
      text: s,
      offset,
      blank: !NON_BLANK.test(s),
      retracWord,
      clientContext: retracWord && CLIENT_CONTEXT.test(s),
      workspaceParam: false,
      // The key itself (`retrac_…`) says nothing about where it goes.
      retracTarget: retracWord && !IMPORT_LINE.test(s) && (!s.includes(RESTRICTED_PREFIX) || hasRetracWord(s.replace(KEY_LIKE, ''))),
    };
    if (retracWord && s.includes('retrac.co')) f.hostName = hostNameOf(s);
    if (s.includes('orkspace') || s.includes('roject')) {
      WORKSPACE_PARAM.lastIndex = 0;
      f.workspaceParam = WORKSPACE_PARAM.test(s);
    }
    return f;
  }

  // Lines (structure.ts): shapes and texts, cached with the facts.
  shape(line: number): LineShape {
    // Kept apart from the facts: walks read the shape of many lines they need nothing else of.
    const i = line - this.factsBase;
    if (i < 0 || i >= this.shapes.length) return this.shapeOfText(this.factsText(line));
    return (this.shapes[i] ??= this.shapeOfText(this.factsText(line)));
  }

  private shapeOfText(s: string): LineShape {
    const cache = this.shapeCache;
    // Long lines are not kept: a cache must not hold a bundle's text.
    if (!cache || s.length > SHAPE_CACHE_MAX_LINE) return shapeOf(s);
    let shape = cache.get(s);
    if (!shape) {
      if (cache.size >= SHAPE_CACHE_ENTRIES) cache.clear();
      cache.set(s, (shape = shapeOf(s)));
    }
    return shape;
  }

  text(line: number): string {
    return this.factsText(line);
  }

  /** Key tokens of a line, found on first use: most context lines are only asked for cheap facts. */
  protected keysOf(f: LineFacts, line: number): KeyToken[] {
    if (!f.keys) {
      f.keys = [];
      if (f.retracWord) this.keyTokens.restricted(f.text, f.keys, line);
      if (hasBase64Marker(f.text)) this.keyTokens.encodedRestricted(f.text, f.keys, line);
      this.keyTokens.full(f.text, f.keys, line);
    }
    return f.keys;
  }

  protected envRefsOf(f: LineFacts): EnvRef[] {
    if (!f.envRefs) {
      f.envRefs = [];
      const s = f.text;
      for (const [name, { keyType }] of this.prep.keyEnvNames) {
        for (let i = s.indexOf(name); i >= 0; i = s.indexOf(name, i + name.length)) {
          if (isWordChar(s.charCodeAt(i - 1)) || isWordChar(s.charCodeAt(i + name.length))) continue;
          f.envRefs.push({ name, keyType });
          break;
        }
      }
    }
    return f.envRefs;
  }

  /** The variable a line assigns first (assignedVariable of its first 300 characters: the target starts the line), by line. */
  protected assignedVariableOf(line: number): string | undefined {
    let v = this.assignedMemo.get(line);
    if (v === undefined) {
      const t = this.factsText(line);
      this.assignedMemo.set(line, (v = assignedVariable(t.length > 300 ? t.slice(0, 300) : t) ?? null));
    }
    return v ?? undefined;
  }
  private readonly assignedMemo = new Map<number, string | null>();

  /** Line text without computing the facts of a line outside the scanned context. */
  protected factsText(line: number): string {
    const i = line - this.factsBase;
    if (i < 0 || i >= this.facts.length) return this.rawText(line);
    return this.facts[i]?.text ?? (this.texts[i] ??= this.rawText(line));
  }

  protected windowSome(line: number, pred: (f: LineFacts) => boolean): boolean {
    const a = Math.max(0, line - CONTEXT_LINES);
    const b = Math.min(this.last, line + CONTEXT_LINES);
    for (let l = a; l <= b; l++) if (pred(this.factsOf(l))) return true;
    return false;
  }

  /**
   * The request around a line: its statement and the statements that build the same request,
   * whatever blank lines and comments sit between; in formats without statements also its
   * paragraph (the old window: up to CONTEXT_LINES either side, stopping at blank lines).
   */
  protected requestWindow(line: number): { from: number; to: number } {
    let ext = this.extents.get(line);
    if (ext) return ext;
    ext = requestExtent(this, line, REQUEST_LINES);
    const block = this.prep.hcl ? this.hclBlockAround(line) : this.prep.sql ? this.sqlStatementAround(line) : this.prep.shell ? this.heredocAround(line) : undefined;
    if (block) ext = { from: Math.min(block.from, ext.from), to: Math.max(block.to, ext.to) };
    if (this.prep.requestFile) {
      // One request per file (Bruno): its url, headers and auth blocks are one request.
      ext = { from: Math.max(0, line - REQUEST_LINES), to: Math.min(this.last, line + REQUEST_LINES) };
    } else if (this.prep.paragraphs) {
      let from = line;
      while (from > Math.max(0, line - CONTEXT_LINES) && !this.factsOf(from - 1).blank) from--;
      let to = line;
      while (to < Math.min(this.last, line + CONTEXT_LINES) && !this.factsOf(to + 1).blank) to++;
      ext = { from: Math.min(from, ext.from), to: Math.max(to, ext.to) };
    }
    this.extents.set(line, ext);
    return ext;
  }

  /**
   * The top-level HCL block a line is in (`resource "aws_apigatewayv2_integration" "items" {` … `}`,
   * `data "http" "items" {`): its attributes configure one thing, so its URL and its headers (nested
   * maps too) are one request. The opener is looked for within REQUEST_LINES above, by indentation.
   */
  private hclBlockAround(line: number): { from: number; to: number } | undefined {
    for (let l = line, seen = 0; l >= Math.max(0, line - REQUEST_LINES) && seen < REQUEST_LINES; l--, seen++) {
      const sh = this.shape(l);
      if (sh.empty || sh.indent !== 0) continue;
      const t = this.text(l);
      if (t.length > 300 || !HCL_BLOCK_OPENER.test(t)) return undefined;
      const block = this.statement(l);
      return block.from === l && block.to >= line && block.to > l ? block : undefined;
    }
    return undefined;
  }

  /**
   * The SQL statement a line is in: from the line after the last `;` above to the first line ending with `;`
   * at or below it, within REQUEST_LINES (`CREATE EXTERNAL FUNCTION … HEADERS = (…) … AS 'https://…';`,
   * `SELECT … FROM url('https://…', …, headers(…)) LIMIT 100;`). Undefined when it is the line alone.
   */
  private sqlStatementAround(line: number): { from: number; to: number } | undefined {
    const ends = (l: number): boolean => {
      let v = this.sqlEnds.get(l);
      if (v === undefined) {
        const t = this.text(l);
        v = t.length > 2000 || (t.includes(';') && /;[ \t]*(?:--.*)?$/.test(t));
        this.sqlEnds.set(l, v);
      }
      return v;
    };
    // Bounded by a `;` or a blank line on both sides within SQL_STATEMENT_LINES, so that every line of a statement gets the
    // same extent (its requests are read once); a longer run without either is not read as one statement.
    let from = line;
    for (;;) {
      if (from === 0 || this.shape(from - 1).empty || ends(from - 1)) break;
      if (line - from >= SQL_STATEMENT_LINES) return undefined;
      from--;
    }
    let to = line;
    for (;;) {
      if (to === this.last || ends(to) || this.shape(to + 1).empty) break;
      if (to - line >= SQL_STATEMENT_LINES) return undefined;
      to++;
    }
    return from < to ? { from, to } : undefined;
  }

  /**
   * The here-document a shell line is in, with the command that reads it: `curl -K - <<EOF` / `url = "…"` /
   * `header = "Authorization: …"` / `EOF` is one request. The opener is looked for within REQUEST_LINES above.
   */
  private heredocAround(line: number): { from: number; to: number } | undefined {
    for (let l = line; l >= Math.max(0, line - REQUEST_LINES); l--) {
      const t = this.text(l);
      if (t.length > 2000) return undefined;
      const m = t.includes('<<') ? HEREDOC_OPENER.exec(t) : null;
      if (!m) continue;
      const word = m[1];
      // The body runs to the line that is the word alone (`<<-` allows tabs before it).
      for (let e = l + 1; e <= Math.min(this.last, l + 2 * REQUEST_LINES); e++) {
        if (this.text(e).trim() !== word) continue;
        return e >= line ? { from: this.statement(l).from, to: e } : undefined;
      }
      return undefined;
    }
    return undefined;
  }

  /** `openerAbove` memoised by line and limit: every key of a long line asks for the same answer. */
  protected openerAbove(line: number, limit: number): number {
    const k = line * 64 + limit;
    let v = this.openers.get(k);
    if (v === undefined) this.openers.set(k, (v = openerAbove(this, line, limit)));
    return v;
  }

  statement(line: number): { from: number; to: number } {
    let st = this.statements.get(line);
    if (!st) this.statements.set(line, (st = statementExtent(this, line, REQUEST_LINES)));
    return st;
  }
}
