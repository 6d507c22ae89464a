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

/** Tools' env names that scope a password or token to a package index named Retrac: `UV_INDEX_RETRAC_PASSWORD`, `POETRY_HTTP_BASIC_RETRAC_PASSWORD`. */
const INDEX_CREDENTIAL_NAME = /^(?:UV_INDEX|POETRY_HTTP_BASIC|POETRY_PYPI_TOKEN|PDM_SOURCE|HATCH_INDEX|RYE_SOURCE|CARGO_REGISTRIES)_RETRAC(?:_[A-Z0-9]{1,20})?_(?:PASSWORD|TOKEN|AUTH)$/i;

/** A name that scopes a credential to a Retrac package index in a tool's own naming. */
export function namesRetracIndexCredential(name: string): boolean {
  return name.length < 120 && INDEX_CREDENTIAL_NAME.test(name);
}

const HOSTNAME = /^[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}\.[A-Za-z]{2,24}(?::\d{1,5})?$/;
const RETRAC_HOSTNAME = /^(?:[\w-]+\.)*retrac\.co(?::\d{1,5})?$/i;
/** CLIs that store a password for a named service: macOS `security add-generic-password -s NAME … -w VALUE`, Windows `cmdkey /generic:NAME … /pass:VALUE`. */
const SERVICE_STORE = /\b(?:security[ \t]+add-(?:generic|internet)-password|cmdkey)\b/;
const SERVICE_NAME_FLAG = /(?:[ \t]-s[ \t]+["']?|\/generic:|\/add:)([\w.:-]{1,80})/;
const SERVICE_VALUE_BEFORE = /(?:[ \t]-w[ \t]+["']?|\/pass:)$/;

/**
 * Whose service a credential is stored for by the syntax of its call or command: a credentials call
 * with a host argument (sbt `Credentials("…", "maven.retrac.co", "ci", "…")`), a keychain or credential
 * manager entry named by a flag (`security add-generic-password -s retrac … -w …`, `cmdkey /generic:retrac … /pass:…`).
 * `retrac` when the host or service says Retrac, `other` when it names something else, undefined otherwise.
 */
export function credentialService(s: string, valueStart: number): 'retrac' | 'other' | undefined {
  const before = s.slice(Math.max(0, valueStart - SLICE), valueStart);
  if (SERVICE_VALUE_BEFORE.test(before) && SERVICE_STORE.test(before)) {
    const m = SERVICE_NAME_FLAG.exec(before);
    if (m) return hasRetracWord(m[1]) ? 'retrac' : 'other';
  }
  if (!ARGUMENT_BEFORE.test(s.slice(Math.max(0, valueStart - 8), valueStart))) return undefined;
  const open = openingParen(s, valueStart);
  if (open <= 0) return undefined;
  const callee = calleeBefore(s, open);
  if (!callee || !/credential/i.test(callee.chain.slice(-40))) return undefined;
  const tuple = tupleCells(s, open);
  const hosts = (tuple?.cells ?? []).map(unquote).filter((c) => HOSTNAME.test(c));
  if (hosts.length === 0) return undefined;
  return hosts.some((h) => RETRAC_HOSTNAME.test(h)) ? 'retrac' : 'other';
}

/** `credentials "app.terraform.io" {` (`.terraformrc`), `host "api.retrac.co" {`: a block labelled by the host its credentials are for. */
const HOST_BLOCK = /^\s*(?:credentials|host|registry|server|machine)\s+"([A-Za-z0-9.-]{1,200}(?::\d{1,5})?)"\s*\{/;

/** The host a block opener on `text` labels, if it is one. */
export function hostBlockLabel(text: string): string | undefined {
  const m = text.length < 400 ? HOST_BLOCK.exec(text) : null;
  return m && HOSTNAME.test(m[1]) ? m[1] : undefined;
}

/** Data directives of assemblers: `.asciz "…"`, `.string`, `.ascii`, NASM `db "…"`. */
const DATA_DIRECTIVE_BEFORE = /(?:^|[\s:])(?:\.asci[iz]|\.string|\.asciiz|db|dc\.b)[ \t]+$/i;
const LABEL_ON_LINE = /^[ \t]*([A-Za-z_.$][\w.$]{0,60})(?::|[ \t]+(?=db\b|dc\.b\b))/i;
const LABEL_LINE = /^[ \t]*([A-Za-z_.$][\w.$]{0,60}):[ \t]*(?:[;#@].*)?$/;

/**
 * Assembler data under a label: `retrac_api_key: .asciz "…"`, NASM `retrac_key db "…", 0`, or the label alone
 * on the line above (`retrac_api_key:` / `.asciz "…"`).
 */
export function dataDirectiveLabel(s: string, valueStart: number, lineAbove: () => string): BoundName | undefined {
  const before = s.slice(Math.max(0, valueStart - 80), valueStart);
  if (!DATA_DIRECTIVE_BEFORE.test(before)) return undefined;
  const same = LABEL_ON_LINE.exec(s.slice(0, Math.min(valueStart, 200)));
  if (same && !/^\.?(?:asci[iz]|string|asciiz|db)$/i.test(same[1])) return { via: 'assign', name: same[1] };
  if (!/^[ \t]*(?:\.asci[iz]|\.string|\.asciiz|db|dc\.b)[ \t]/i.test(s)) return undefined;
  const above = lineAbove();
  const m = above.length < 200 ? LABEL_LINE.exec(above) : null;
  return m ? { via: 'assign', name: m[1] } : undefined;
}

const isNameChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 64 || c === 36 || c === 35;
const isSpace = (c: number): boolean => c === 32 || c === 9;

/**
 * A declaration with a sized type between the name and `:=`/`=`: PL/SQL `c_retrac_key CONSTANT VARCHAR2(24) := '…'`,
 * T-SQL `DECLARE @RetracApiKey NVARCHAR(50) = N'…'`, VHDL/Ada `RETRAC_KEY : constant string := "…"` is read elsewhere.
 * Read backwards; only a name that says Retrac key counts (a type word is never taken for one).
 */
export function typedDeclaration(s: string, valueStart: number): BoundName | undefined {
  let j = valueStart;
  if ((s.charCodeAt(j - 1) === 78 || s.charCodeAt(j - 1) === 110) && !isNameChar(s.charCodeAt(j - 2))) j--; // T-SQL N'…'
  while (j > 0 && isSpace(s.charCodeAt(j - 1))) j--;
  if (s.charCodeAt(j - 1) !== 61 /* = */) return undefined;
  j--;
  if (s.charCodeAt(j - 1) === 58 /* : */) j--;
  else if (/[=!<>]/.test(s.charAt(j - 1))) return undefined;
  while (j > 0 && isSpace(s.charCodeAt(j - 1))) j--;
  if (s.charCodeAt(j - 1) === 41 /* ) */) {
    const open = s.lastIndexOf('(', j - 1);
    if (open < 0 || j - open > 16 || !/^\(\s*(?:\d+|max)\s*(?:,\s*\d+\s*)?(?:\s+(?:byte|char))?\)$/i.test(s.slice(open, j))) return undefined;
    j = open;
    while (j > 0 && isSpace(s.charCodeAt(j - 1))) j--;
  }
  const word = (): string | undefined => {
    const e = j;
    while (j > 0 && e - j < 64 && isNameChar(s.charCodeAt(j - 1))) j--;
    const w = s.slice(j, e);
    let k = j;
    while (k > 0 && isSpace(s.charCodeAt(k - 1))) k--;
    if (k === j && j > 0) return undefined; // a name must be separated by blanks
    j = k;
    return w || undefined;
  };
  if (word() === undefined) return undefined; // the type
  let name = word();
  if (name !== undefined && /^constant$/i.test(name)) name = word();
  return name !== undefined && nameSaysRetracKey(name) ? { via: 'assign', name } : undefined;
}

/**
 * A blank-separated path before the value whose segments say Retrac key: `consul kv put stock/retrac/api_key …`,
 * `vault write secret/retrac/token …` (a name whose last segment alone is generic).
 */
export function pathNameBefore(s: string, valueStart: number): BoundName | undefined {
  let j = valueStart;
  while (j > 0 && isSpace(s.charCodeAt(j - 1))) j--;
  if (j === valueStart) return undefined;
  const e = j;
  while (j > 0 && e - j < 200 && !isSpace(s.charCodeAt(j - 1))) j--;
  const path = s.slice(j, e);
  return path.includes('/') && !path.includes('://') && /^[\w./:-]+$/.test(path) && nameSaysRetracKey(path) ? { via: 'assign', name: path } : undefined;
}

/** Files read as prose: notes, mail, plain text and docs (their code blocks hold no `Label:` phrases of several words). */
const PROSE_FILE = /(?:\.(?:md|markdown|mdx|txt|text|eml|rst|adoc|asciidoc|wiki|org|textile)|(?:^|[\\/])[A-Z][A-Z0-9_-]{2,40})$/;

export function isProseFileName(fileName: string | undefined): boolean {
  return fileName !== undefined && PROSE_FILE.test(fileName);
}

const PROSE_LABEL_END = /(?:::?|\bis|\bwas|=|->|→|—|–)[ \t]*[`"'*]*[ \t]*$/;
const KEY_WORD = /^(?:api[-_]?)?(?:key|keys|token|secret|credentials?|apikey)$/i;

/**
 * In prose, the phrase before `:`/`is` says whose key follows: `- Retrac API key (prod): …`,
 * `The Retrac key is …`, `here is the Retrac API key for staging: …`, `Courier API key: …`. A phrase of
 * two to ten words holding a key word becomes the name (`Retrac_API_key_prod`), so the service it names decides.
 */
export function proseLabel(s: string, valueStart: number): BoundName | undefined {
  const before = s.slice(Math.max(0, valueStart - 120), valueStart);
  const end = PROSE_LABEL_END.exec(before);
  if (!end) return undefined;
  let label = before.slice(0, end.index);
  const cut = Math.max(label.lastIndexOf('. '), label.lastIndexOf('! '), label.lastIndexOf('? '), label.lastIndexOf('; '), label.lastIndexOf(', '), label.lastIndexOf('|'));
  label = label.slice(cut + 1).replace(/^[\s>*+-]*(?:\d+[.)]\s*)?/, '').replace(/[()[\]*_`]/g, ' ').trim();
  const words = label.split(/\s+/).filter((w) => w !== '');
  if (words.length < 2 || words.length > 10 || !words.some((w) => KEY_WORD.test(w))) return undefined;
  if (!words.every((w) => /^[\w.'-]{1,40}$/.test(w))) return undefined;
  return { via: 'assign', name: words.join('_') };
}

/** Lisp definers before a name and its value: `(defparameter *retrac-api-key* "…")`, `(setq retrac-token "…")`, `(define retrac-key "…")`. */
const LISP_DEFINITION = /\((?:def[a-z-]{0,14}|setq|setf|set!|define|local|global|var)[ \t]+(\*?[\w.+!?<>/-]{1,60}?\*?)[ \t]+$/;

/** A Lisp definition's name (earmuffs dropped: `*retrac-api-key*` is `retrac-api-key`). */
export function lispDefinition(s: string, valueStart: number): BoundName | undefined {
  const before = s.slice(Math.max(0, valueStart - 100), valueStart);
  if (!before.includes('(')) return undefined;
  const m = LISP_DEFINITION.exec(before);
  return m ? { via: 'assign', name: m[1].replace(/^\*|\*$/g, '') } : undefined;
}

/** APL's assignment arrow: `RetracKey←'…'`. */
export function aplAssignment(s: string, valueStart: number): BoundName | undefined {
  let j = valueStart;
  while (j > 0 && isSpace(s.charCodeAt(j - 1))) j--;
  if (s.charCodeAt(j - 1) !== 0x2190 /* ← */) return undefined;
  j--;
  while (j > 0 && isSpace(s.charCodeAt(j - 1))) j--;
  const e = j;
  while (j > 0 && e - j < 64 && isNameChar(s.charCodeAt(j - 1))) j--;
  return j < e ? { via: 'assign', name: s.slice(j, e) } : undefined;
}

/** Calls that set one configuration value of an owner: Elixir `Application.put_env`, Erlang `application:set_env`, ConfigParser `.set`. */
const OWNER_KEY_VALUE_CALL = /^(?:put_env|set_env|set|set_value|setvalue)$/i;
const ATOM_OR_STRING = /^(?::|["'])?([A-Za-z_][\w.-]{0,60})["']?$/;

/**
 * The third argument of an owner/key/value call is named `<owner>.<key>`: `Application.put_env(:retrac, :api_key, "…")`,
 * `application:set_env(retrac, api_key, "…")`, `config.set('retrac', 'api_key', "…")`; so `(:courier, :api_key, …)` is
 * the courier's.
 */
export function ownerKeyValueCall(s: string, valueStart: number): BoundName | undefined {
  if (!ARGUMENT_BEFORE.test(s.slice(Math.max(0, valueStart - 8), valueStart))) return undefined;
  const open = openingParen(s, valueStart);
  if (open <= 0) return undefined;
  const callee = calleeBefore(s, open);
  const last = callee?.chain.split(/\.|::|:|->/).pop() ?? '';
  if (!OWNER_KEY_VALUE_CALL.test(last)) return undefined;
  const tuple = tupleCells(s, open);
  if (!tuple || tuple.cells.length < 3 || !(tuple.starts[2] <= valueStart && (tuple.starts[3] ?? Infinity) > valueStart)) return undefined;
  const owner = ATOM_OR_STRING.exec(tuple.cells[0])?.[1];
  const key = ATOM_OR_STRING.exec(tuple.cells[1])?.[1];
  return owner && key ? { via: 'assign', name: `${owner}.${key}` } : undefined;
}

/** DI registrations named for a service: `AddCourier(o => …)`, `ConfigureRetrac(…)`, `RegisterCourier(…)`. */
const REGISTRATION = /^(?:Add|Configure|Register)([A-Z][A-Za-z0-9]{2,40})$/;

/**
 * The service a registration call that encloses the value is named for (`builder.Services.AddCourier(o => o.ApiKey = "…")`
 * is `Courier`), or undefined when the enclosing call is not one.
 */
export function enclosingRegistration(s: string, valueStart: number): string | undefined {
  const open = openingParen(s, valueStart);
  if (open <= 0) return undefined;
  const callee = calleeBefore(s, open);
  const last = callee?.chain.split(/\.|::|->/).pop() ?? '';
  return REGISTRATION.exec(last)?.[1];
}
