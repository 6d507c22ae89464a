// Names a literal is bound to by the syntax of the statement around it rather than by an
// operator right before it (engineer P's round 1 of issue 10): a positional argument of a Retrac
// client's constructor, a declaration whose name and value a keyword joins (COBOL/ABAP `VALUE`,
// AppleScript `set … to`, `MOVE … TO`), a cell of an SQL `VALUES` tuple (its column names it, its
// row says whose it is), and a value echoed into a named sink (`echo … | wrangler secret put NAME`,
// `printf … > ~/.config/retrac/token`). Each reader works on a bounded slice of the line.
import { hasRetracWord, isGenericKeyName, nameSaysRetracKey } from './names';

export interface BoundName {
  via: 'assign';
  name: string;
}

/** How far back on a line the readers look. */
const SLICE = 200;

/** The index of the `(` that opens the argument list a value at `valueStart` sits in (at depth 0), or -1. */
function openingParen(s: string, valueStart: number): number {
  let depth = 0;
  let quote = 0;
  for (let i = valueStart - 1; i >= 0 && valueStart - i < SLICE; i--) {
    const c = s.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
      continue;
    }
    if (c === 34 || c === 39 || c === 96) quote = c;
    else if (c === 41 || c === 93 || c === 125) depth++;
    else if (c === 40 || c === 91 || c === 123) {
      if (depth === 0) return c === 40 ? i : -1;
      depth--;
    } else if (c === 59 /* ; */ && depth === 0) return -1;
  }
  return -1;
}

const isChainChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c === 46 || c === 58 || c === 92;

/**
 * The callee before the `(` at `open`: `new RetracClient`, `retrac::Client::new`, `Retrac::Client.new`,
 * `retrac.NewClient`, `\Retrac\Client`, `$c->make` (a generic `<T>` before the bracket is skipped).
 * Read backwards over at most 160 characters: a regex anchored at the end would try every position.
 */
function calleeBefore(s: string, open: number): { chain: string; isNew: boolean } | undefined {
  let e = open;
  while (e > 0 && (s.charCodeAt(e - 1) === 32 || s.charCodeAt(e - 1) === 9)) e--;
  if (s.charCodeAt(e - 1) === 62 /* > */ && s.charCodeAt(e - 2) !== 45 /* - */) {
    const lt = s.lastIndexOf('<', e - 1);
    if (lt < 0 || e - lt > 60) return undefined;
    e = lt;
  }
  let b = e;
  while (b > 0 && e - b < 160) {
    const c = s.charCodeAt(b - 1);
    if (isChainChar(c)) b--;
    else if (c === 62 && s.charCodeAt(b - 2) === 45) b -= 2; // `->`
    else break;
  }
  if (b === e) return undefined;
  let w = b;
  while (w > 0 && (s.charCodeAt(w - 1) === 32 || s.charCodeAt(w - 1) === 9)) w--;
  const isNew = w < b && w >= 3 && s.slice(w - 3, w) === 'new' && !isChainChar(s.charCodeAt(w - 4));
  return { chain: s.slice(b, e), isNew };
}
/** The last segment of a callee that makes something: a constructor, a factory, a class name. */
const MAKER = /^(?:new\w*|New\w*|create\w*|init\w*|connect|configure|setup|open|make\w*|build|client|sdk|api|[A-Z]\w*)$/;
/** A value just after the argument list's `(` or an earlier argument's `,` (not after a label: `apiKey: "…"` is a name). */
const ARGUMENT_BEFORE = /[(,][ \t]*$/;

/**
 * A literal passed positionally to a Retrac client's constructor or factory is its key:
 * `new RetracClient("…")`, `retrac.Client("…")`, `Retrac::Client.new("…")`, `retrac::Client::new("…")`,
 * `retrac.NewClient("…")`, `createRetracClient("…")`, `retrac_client_new("…")`. The callee must say
 * Retrac in a segment and make something (its last segment a constructor or a Retrac word).
 */
export function retracClientArgument(s: string, valueStart: number): BoundName | undefined {
  if (!ARGUMENT_BEFORE.test(s.slice(Math.max(0, valueStart - 8), valueStart))) return undefined;
  const open = openingParen(s, valueStart);
  if (open <= 0) return undefined;
  const callee = calleeBefore(s, open);
  if (!callee) return undefined;
  const segments = callee.chain.split(/\.|::|->|\\|\$/).filter((x) => x !== '');
  if (!segments.some((x) => hasRetracWord(x))) return undefined;
  const last = segments[segments.length - 1] ?? '';
  if (!callee.isNew && !hasRetracWord(last) && !MAKER.test(last)) return undefined;
  return { via: 'assign', name: 'retrac.client.apiKey' };
}

/** Words that open a declaration before its name: COBOL level numbers, ABAP `CONSTANTS`/`DATA`, AppleScript `set`. */
const DECLARING = new Set(['set', 'constants', 'constant', 'data', 'statics', 'parameters', 'let', 'var', 'global', 'local', 'property']);
const KEYWORD_BEFORE = /(?:^|[\s])(?:value(?:[ \t]+is)?|to)[ \t]+$/i;
const MOVE_BEFORE = /(?:^|[\s.;])(?:move|put)[ \t]+$/i;
const TO_NAME_AFTER = /^["']?[ \t]+(?:to|into)[ \t]+([A-Za-z_][\w-]{0,60})/i;
const WORD = /^[A-Za-z_][\w-]{0,60}$/;

/**
 * A declaration whose name and value a keyword joins: `01 RETRAC-API-KEY PIC X(24) VALUE "…".` (COBOL),
 * `CONSTANTS gc_retrac_key TYPE string VALUE '…'.` (ABAP), `set retracKey to "…"` (AppleScript), and
 * the value first: `MOVE "…" TO WS-RETRAC-KEY` (COBOL), `put "…" into retracKey` (HyperTalk).
 */
export function keywordDeclaration(s: string, valueStart: number, valueEnd: number): BoundName | undefined {
  const before = s.slice(Math.max(0, valueStart - SLICE), valueStart);
  if (MOVE_BEFORE.test(before)) {
    const m = TO_NAME_AFTER.exec(s.slice(valueEnd, valueEnd + 80));
    return m ? { via: 'assign', name: m[1] } : undefined;
  }
  const k = KEYWORD_BEFORE.exec(before);
  if (!k) return undefined;
  // The statement's words before the keyword, from its start (a line start, `.` or `;`).
  const head = before.slice(0, k.index);
  const from = Math.max(head.lastIndexOf(';'), head.lastIndexOf('. '));
  const words = head.slice(from + 1).trim().split(/\s+/);
  let i = 0;
  while (i < words.length - 1 && (/^\d+$/.test(words[i]) || DECLARING.has(words[i].toLowerCase()))) i++;
  const name = words[i]?.replace(/[:,]$/, '');
  return name && WORD.test(name) && !DECLARING.has(name.toLowerCase()) ? { via: 'assign', name } : undefined;
}

const unquote = (c: string): string => c.replace(/^[`"'[]|[`"'\]]$/g, '').trim();

/** `INSERT INTO t (a, b, c)` then `VALUES`: the column list of the tuple's statement. */
const INSERT_COLUMNS = /\binsert[ \t]+(?:into[ \t]+)?[\w."`[\]]{1,80}[ \t]*\(([^()]{1,400})\)/gi;
const VALUE_COLUMN = /^(?:value|val|content|setting_value|config_value)$/i;
const NAME_COLUMN = /^(?:name|key|setting|setting_name|setting_key|config_key|param|parameter|variable)$/i;
const OWNER_COLUMN = /^(?:provider|service|vendor|integration|name|kind|type|system|source)$/i;
/** Lines an `INSERT … (columns)` may sit above its `VALUES` rows. */
const SQL_LINES = 20;

/** The cells of a tuple from `(` (at `open`) to its `)`, split at top-level commas outside quotes; bounded. */
function tupleCells(s: string, open: number): { cells: string[]; starts: number[] } | undefined {
  const cells: string[] = [];
  const starts: number[] = [];
  let quote = 0;
  let depth = 0;
  let start = open + 1;
  for (let i = open + 1; i < s.length && i - open < 2000; i++) {
    const c = s.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
      continue;
    }
    if (c === 34 || c === 39) quote = c;
    else if (c === 40) depth++;
    else if (c === 41 && depth > 0) depth--;
    else if ((c === 44 && depth === 0) || c === 41) {
      cells.push(s.slice(start, i).trim());
      starts.push(start);
      if (c === 41) return { cells, starts };
      start = i + 1;
    }
  }
  return undefined;
}


/**
 * A cell of an SQL `VALUES` tuple: its column (from `INSERT INTO t (…, api_key, …)` on the line or up
 * to SQL_LINES above) names it, and a key-like column's cell is named `<row owner>.<column>`, the
 * owner being the row's `provider`/`service`/`name` cell (else its first text cell):
 * `('retrac', '…', true)` is `retrac.api_key`, `('courier', '…')` is `courier.api_key`.
 */
export class SqlColumnLists {
  /** By line: the last `INSERT … (columns)` on the line, or null. */
  private readonly memo = new Map<number, string[] | null>();

  constructor(private readonly lineText: (line: number) => string) {}

  /** The last column list in `t`, or null. */
  static read(t: string): string[] | null {
    if (t.length > 2000 || !/insert/i.test(t)) return null;
    let columns: string[] | null = null;
    INSERT_COLUMNS.lastIndex = 0;
    for (let m = INSERT_COLUMNS.exec(t); m; m = INSERT_COLUMNS.exec(t)) columns = m[1].split(',').map(unquote);
    return columns;
  }

  /** The nearest column list on the lines above `line`, within SQL_LINES; each line is read once. */
  above(line: number): string[] | undefined {
    for (let l = line - 1; l >= Math.max(0, line - SQL_LINES); l--) {
      let v = this.memo.get(l);
      if (v === undefined) this.memo.set(l, (v = SqlColumnLists.read(this.lineText(l))));
      if (v) return v;
    }
    return undefined;
  }
}

export function sqlTupleCellName(s: string, valueStart: number, lists: SqlColumnLists, line: number): BoundName | undefined {
  if (!ARGUMENT_BEFORE.test(s.slice(Math.max(0, valueStart - 8), valueStart))) return undefined;
  const open = openingParen(s, valueStart);
  if (open < 0) return undefined;
  const tuple = tupleCells(s, open);
  if (!tuple) return undefined;
  const index = tuple.starts.findIndex((st, k) => st <= valueStart && (k + 1 === tuple.starts.length || tuple.starts[k + 1] > valueStart));
  if (index < 0) return undefined;
  // The statement's column list: the last `INSERT … (…)` before the tuple, on its line or above.
  const columns = SqlColumnLists.read(s.slice(Math.max(0, open - 400), open)) ?? lists.above(line);
  if (!columns || columns.length !== tuple.cells.length) return undefined;
  const column = columns[index];
  if (!WORD.test(column)) return undefined;
  if (nameSaysRetracKey(column)) return { via: 'assign', name: column };
  const cells = tuple.cells.map(unquote);
  // A name/value row (`settings (name, value)` / `('retrac_api_key', '…')`): the name cell names the value.
  if (VALUE_COLUMN.test(column)) {
    const nameAt = columns.findIndex((c) => NAME_COLUMN.test(c));
    return nameAt >= 0 && WORD.test(cells[nameAt].replace(/[.:]/g, '_')) ? { via: 'assign', name: cells[nameAt] } : undefined;
  }
  if (!isGenericKeyName(column)) return undefined;
  const ownerAt = columns.findIndex((c) => OWNER_COLUMN.test(c));
  const owner = ownerAt >= 0 && ownerAt !== index ? cells[ownerAt] : cells.find((c, k) => k !== index && /^[A-Za-z][\w .-]{0,39}$/.test(c));
  return owner && /^[A-Za-z][\w .-]{0,39}$/.test(owner) ? { via: 'assign', name: `${owner.replace(/ /g, '_')}.${column}` } : { via: 'assign', name: column };
}

/** `echo -n "…" |`, `printf '%s' '…' >`, `echo … | tee`: a value printed into a pipe or a file. */
const ECHO_BEFORE = /(?:^|[\s;&|(])(?:echo|printf)(?:[ \t]+-[A-Za-z]{1,3})*(?:[ \t]+(?:'%s(?:\\n)?'|"%s(?:\\n)?"|%s))?[ \t]+["']?$/;
const SINK_AFTER = /^["']?[ \t]*(\||>>?)([^|;&]{1,200})/;
const SINK_NAME = /[A-Za-z_~./][\w./:~-]*/g;

/**
 * A value printed into a named sink: a pipe into a command that stores it under a name
 * (`echo -n "…" | wrangler secret put RETRAC_API_KEY`, `printf '%s' … | docker secret create retrac_api_key -`,
 * `… | gh secret set RETRAC_TOKEN`, `… | gcloud secrets create retrac-api-key --data-file=-`) or a file
 * redirect (`echo … > ~/.config/retrac/token`). The name is the first word of the command after the
 * pipe (or the redirect's path) that says Retrac key; another service's name leaves the value bare.
 */
export function echoedInto(s: string, valueStart: number, valueEnd: number): BoundName | undefined {
  if (!ECHO_BEFORE.test(s.slice(Math.max(0, valueStart - 40), valueStart))) return undefined;
  const m = SINK_AFTER.exec(s.slice(valueEnd, valueEnd + 240));
  if (!m) return undefined;
  SINK_NAME.lastIndex = 0;
  for (let w = SINK_NAME.exec(m[2]); w; w = SINK_NAME.exec(m[2])) if (nameSaysRetracKey(w[0])) return { via: 'assign', name: w[0] };
  return undefined;
}

/** `BUNDLE_GEMS__RETRAC__CO` (Bundler's env and config names for a host's credentials: `.` as `__`, `-` as `___`). */
const BUNDLER_HOST_NAME = /^BUNDLE_(?:[A-Z0-9]+(?:___?))*RETRAC__CO(?:__\d{1,5})?$/i;

/** A name that is a Retrac host in the encoding a tool uses for credentials keyed by host. */
export function namesRetracHost(name: string): boolean {
  return name.length < 200 && BUNDLER_HOST_NAME.test(name);
}
