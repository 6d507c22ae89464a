// The shape of code around a line: which lines make up the statement (bracket nesting, line
// continuations, builder chains), which neighbouring statements build the same request (a shared
// variable: `req := http.NewRequest(…)` then `req.Header.Set(…)`), and which sections enclose a
// line (`"retrac": {`, `retrac:`, `[retrac]`, `variable "retrac_api_key" {`). Pure and bounded:
// every walk reads at most `limit` lines either side, each line once per walk, so the scanner's
// locality (and with it the incremental scan) holds. No regex here can backtrack.
import { hasRetracWord } from './names';

/** What one line contributes to the structure; computed once per line and cached by the caller. */
export interface LineShape {
  /** Bracket characters outside strings and comments, in order. */
  brackets: string;
  /** Blank or comment only. */
  empty: boolean;
  /** Ends so that the statement goes on: `\`, `,`, `(`, `+`, `&&`, `||`, `|`, `=`, `.`, `?`, `` ` `` (PowerShell), `=>`. */
  contEnd: boolean;
  /** Starts so that it continues the line before: `.`, `?.`, `->`, `|`, `&&`, `||`, `+`, `)`, `]`, `}`, `:` (ternary). */
  contStart: boolean;
  /** The line's last unmatched opener is `{` opening a code block (after `)`, `=>`, or a block keyword). */
  blockOpen: boolean;
  /** Columns of leading blanks; -1 for empty lines. */
  indent: number;
  /** Net bracket depth change. */
  net: number;
  /** Lowest running depth within the line (≤ 0). */
  low: number;
  /** `[section]` / `[[table]]` header (TOML, INI). */
  header: boolean;
}

const CLOSE = ')}]';
const BLOCK_START = /^\s*(?:export\s+|public\s+|private\s+|protected\s+|internal\s+|static\s+|async\s+|override\s+|final\s+|abstract\s+)*(?:function|func|def|class|if|else|elif|for|foreach|while|do|switch|match|try|catch|finally|fn|impl|namespace|module|struct|interface|enum|object|trait|with|unless|until|case|when|begin|loop|void|int|bool|string|Task|IActionResult)\b/;
const BLOCK_WORD_BEFORE = /(?:^|[^\w$])(?:else|try|do|finally|then|loop|unsafe|begin|get|set|init)\s*$/;
const NEW_CALL = /(?:^|[^\w$])new\s+[\w.<>]+\s*\([^()]*\)$/;
const HEADER = /^\s*\[\[?[^\]=]+\]\]?\s*$/;
/** `@Name`, `@Name(…)` alone on a line (not `@token = …`). */
const ANNOTATION = /^@[A-Za-z_][\w.]{0,80}(?:\(.*\))?$/;
/** A C# attribute with arguments alone on a line: `[Get("/items")]`, `[Headers("Authorization: …")]`. */
const ATTRIBUTE = /^\[[A-Z][\w.]{0,80}\(.*\)\]$/;

/** Reads one line's shape: strings and comments are skipped, so brackets in them do not count. One pass over char codes. */
export function shapeOf(s: string): LineShape {
  let brackets = '';
  let net = 0;
  let low = 0;
  let codeEnd = 0; // end of the code part (before a trailing comment)
  let firstCode = -1;
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13) {
      i++;
      continue;
    }
    if (c === 34 || c === 39 || c === 96) {
      // A string: to its closing quote on this line, or to the end (multi-line strings stay open).
      if (firstCode < 0) firstCode = i;
      let j = i + 1;
      while (j < n) {
        const d = s.charCodeAt(j);
        if (d === c) break;
        j += d === 92 ? 2 : 1;
      }
      i = j + 1;
      codeEnd = i < n ? i : n;
      continue;
    }
    if (c === 47 /* / */) {
      const d = s.charCodeAt(i + 1);
      if ((d === 47 || d === 42) && (i === 0 || s.charCodeAt(i - 1) !== 58 /* : */)) {
        if (d === 42) {
          const close = s.indexOf('*/', i + 2);
          if (close >= 0) {
            i = close + 2;
            continue;
          }
        }
        break;
      }
    } else if (c === 35 /* # */ && (i === 0 || s.charCodeAt(i - 1) === 32 || s.charCodeAt(i - 1) === 9) && s.charCodeAt(i + 1) !== 123 /* #{ */) {
      break;
    } else if (c === 40 || c === 91 || c === 123) {
      brackets += s[i];
      net++;
    } else if (c === 41 || c === 93 || c === 125) {
      brackets += s[i];
      net--;
      if (net < low) low = net;
    }
    if (firstCode < 0) firstCode = i;
    codeEnd = i + 1;
    i++;
  }
  const empty = firstCode < 0;
  if (empty) return { brackets, empty, contEnd: false, contStart: false, blockOpen: false, indent: -1, net, low, header: false };
  const last = s.charCodeAt(codeEnd - 1);
  const prev = codeEnd - 2 >= firstCode ? s.charCodeAt(codeEnd - 2) : 0;
  const contEnd =
    last === 92 /* \ */ || last === 44 /* , */ || last === 40 /* ( */ || last === 43 /* + */ || last === 124 /* | */ || last === 61 /* = */ ||
    last === 46 /* . */ || last === 63 /* ? */ || last === 96 /* ` */ || last === 91 /* [ */ || (last === 38 && prev === 38) /* && */ ||
    (last === 94 /* ^ (cmd.exe) */ && (prev === 32 || prev === 9)) ||
    (last === 62 && (prev === 61 || prev === 45 || prev === 124)) /* => -> |> */ || (last === 37 && prev === 62) /* %>% */;
  const first = s.charCodeAt(firstCode);
  const second = s.charCodeAt(firstCode + 1);
  const contStart =
    (first === 46 /* . */ && second !== 46) || (first === 63 && second === 46) /* ?. */ || (first === 45 && second === 62) /* -> */ ||
    first === 124 /* | */ || (first === 38 && second === 38) || first === 43 /* + */ || first === 41 || first === 93 || first === 125 ||
    (first === 58 /* : */ && second !== 58);
  // An annotation or attribute line (`@RegisterRestClient(baseUri = "…")`, `@Headers("…")`, `[Get("/items")]`)
  // belongs to the declaration below it.
  const annotation =
    net === 0 &&
    ((first === 64 /* @ */ && ANNOTATION.test(s.slice(firstCode, codeEnd))) || (first === 91 && last === 93 && ATTRIBUTE.test(s.slice(firstCode, codeEnd))));
  let blockOpen = false;
  if (net > 0 && last === 123 /* { */) {
    const before = s.slice(firstCode, codeEnd - 1).trimEnd();
    const b = before.charCodeAt(before.length - 1);
    // `new RestClient(url) {` is an object initializer, not a block.
    blockOpen = before === '' || NEW_CALL.test(before) ? false : b === 41 /* ) */ || before.endsWith('=>') || before.endsWith('->') || BLOCK_WORD_BEFORE.test(before) || BLOCK_START.test(before);
  }
  return {
    brackets,
    empty,
    contEnd: contEnd || annotation,
    contStart,
    blockOpen,
    indent: firstCode,
    net,
    low,
    header: first === 91 && HEADER.test(s),
  };
}

/** Line access for the walks: shapes and texts are cached by the scanner. */
export interface Lines {
  readonly last: number;
  shape(line: number): LineShape;
  text(line: number): string;
  /** `statementExtent(this, line, limit)`, memoised by the caller. */
  statement(line: number): { from: number; to: number };
}

/**
 * Line `l` opens a code block: its shape says so, or it is a lone `{` under a header (Allman style:
 * `public Task Items()` / `{`), not under `new Options(…)` (an object initializer) or an unfinished line.
 */
function opensBlock(lines: Lines, l: number): boolean {
  const sh = lines.shape(l);
  if (sh.blockOpen) return true;
  if (sh.brackets !== '{' || lines.text(l).trim() !== '{') return false;
  for (let p = l - 1; p >= Math.max(0, l - 3); p--) {
    const prev = lines.shape(p);
    if (prev.empty) continue;
    return !prev.contEnd && !NEW_CALL.test(lines.text(p).trim());
  }
  return false;
}

/** The next non-empty line after `line`, within `limit`; -1 if none. */
function nextCode(lines: Lines, line: number, limit: number): number {
  for (let l = line + 1; l <= limit; l++) if (!lines.shape(l).empty) return l;
  return -1;
}

/**
 * The statement that holds `line`: up over enclosing brackets that are not code blocks and over
 * lines that continue into the next, down until the brackets close and the line does not go on.
 * Blank lines and comments inside a statement do not end it.
 */
export function statementExtent(lines: Lines, line: number, limit: number): { from: number; to: number } {
  const lo = Math.max(0, line - limit);
  const hi = Math.min(lines.last, line + limit);
  // Depth at the start of each line relative to `line`, going up: depth(l) = depth(l+1) - net(l).
  let level = 0;
  let depth = 0; // depth at the start of the line being looked at
  let from = line;
  let below = line; // the code line below the one being looked at
  for (let l = line - 1; l >= lo; l--) {
    const sh = lines.shape(l);
    if (sh.empty) continue;
    depth -= sh.net;
    const end = depth + sh.net; // depth at the start of the next line
    if (depth < level) {
      // `l` opens a bracket around `line`: part of the statement unless it opens a code block.
      if (opensBlock(lines, l)) break;
      level = depth;
      from = l;
    } else if (end > level) {
      from = l; // inside a nested construct that closes further down, at a line already taken
    } else if (sh.contEnd || lines.shape(below).contStart) {
      from = l;
    } else {
      break;
    }
    below = l;
  }
  // Down: until the depth falls back to the statement's level and the line does not go on.
  let to = line;
  // Depth at the start of `line` relative to the statement start equals -level (level ≤ 0).
  let d = -level;
  for (let l = line; l <= hi; l++) {
    const sh = lines.shape(l);
    to = l;
    if (sh.empty) continue;
    d += sh.net;
    if (d < 0) break; // closes the block the statement is in
    if (d > 0) continue;
    if (sh.contEnd) continue;
    const next = nextCode(lines, l, hi);
    if (next >= 0 && lines.shape(next).contStart && lines.shape(next).net >= 0) continue;
    break;
  }
  return { from, to };
}

const ASSIGNED = /^\s*(?:(?:const|let|var|val|final|auto|my|local|using|dim|set|Dim|Set|struct|static|unsigned|readonly|private|public|protected|internal|export)\s+)*(?:[A-Za-z_][\w<>.?[\]]*(?:[*&]?\s+|\s*[*&]{1,2}))?\$?([A-Za-z_]\w*)(?:\s*,\s*_?\w*)?(?:\s*:\s*&?[A-Za-z_][\w<>.?[\],]*)?\s*(?::=|=(?![=>~])|\+=|<-)/;
const KEYWORDS = new Set(['const', 'let', 'var', 'val', 'final', 'new', 'return', 'await', 'the', 'and', 'for', 'if', 'else', 'err', 'nil', 'null', 'true', 'false', 'self', 'this']);

/** The variable a statement assigns first (`req`, `headers`, `$ch`), if any. */
export function assignedVariable(text: string): string | undefined {
  const m = ASSIGNED.exec(text);
  const name = m?.[1];
  return name && name.length >= 2 && !KEYWORDS.has(name) ? name : undefined;
}

/** `req` in `req.Header.Set(…)`, `client` in `await client.GetAsync(…)`, `$ch` in `$ch->…`. */
const RECEIVER = /^\s*(?:(?:await|return|try)\s+){0,2}\$?([A-Za-z_]\w*)\s*(?:\.|\[|->|::)/;

const namesMemo = new WeakMap<Lines, Map<number, string[]>>();

/** The names that tie a statement to its neighbours: the variable it assigns and the object it works on. */
function statementNames(lines: Lines, from: number): string[] {
  let memo = namesMemo.get(lines);
  if (!memo) namesMemo.set(lines, (memo = new Map<number, string[]>()));
  let known = memo.get(from);
  if (!known) {
    const t = lines.text(from);
    // `with … as session:` names its variable at the statement's end.
    const last = t.includes('with') ? lines.text(lines.statement(from).to) : '';
    memo.set(from, (known = readStatementNames(t, last)));
  }
  return known;
}

/** `with … as session:` / `async with httpx.AsyncClient() as client:` binds a name at the statement's end. */
const WITH_AS = /\bas[ \t]{1,4}([A-Za-z_]\w*)[ \t]*:[ \t]*$/;


function readStatementNames(t: string, last: string): string[] {
  const out: string[] = [];
  // One-letter variables (`h = curl_slist_append(…)`) count: their uses must be a receiver or an argument (usesWord).
  const assigned = ASSIGNED.exec(t)?.[1];
  const named = assigned && assigned.length >= 2 && !KEYWORDS.has(assigned) ? assigned : undefined;
  // `printf -v auth '…' "$token"` (bash) assigns `auth`.
  const printed = named === undefined && t.includes('printf') ? PRINTF_V.exec(t)?.[1] : undefined;
  const v = named ?? printed ?? WITH_AS.exec(last)?.[1] ?? (assigned?.length === 1 ? assigned : undefined);
  if (v) out.push(v);
  // One-letter receivers (`s.headers[…] = …`, `r = s.get(…)`) count: their uses must be receivers too (usesWord).
  const r = RECEIVER.exec(t)?.[1];
  if (r && !KEYWORDS.has(r) && !out.includes(r)) out.push(r);
  // A named client: `AddHttpClient("inventory", …)` / `CreateClient("inventory")` (IHttpClientFactory).
  const client = t.length < 400 && t.includes('Client') ? NAMED_CLIENT.exec(t)?.[1] : undefined;
  if (client) out.push(`"${client}"`);
  // A handle passed first to a function (`curl_easy_setopt(curl, …)`, `Mint.HTTP.request(conn, …)`), and
  // the names a tuple binds (`{:ok, conn, ref} = …`, `{ok, 200, _, Ref} = …`).
  if (!v) {
    const h = t.includes(',') ? HANDLE_FIRST.exec(t)?.[1] : undefined;
    if (h && h.length >= 2 && !KEYWORDS.has(h) && !NOT_HANDLE.has(h.toLowerCase()) && !out.includes(h)) out.push(h);
    const tuple = t.length < 400 && t.includes('=') ? TUPLE_ASSIGNED.exec(t)?.[1] : undefined;
    if (tuple) {
      for (const m of tuple.matchAll(TUPLE_NAME)) if (m[1].length >= 2 && !KEYWORDS.has(m[1]) && !out.includes(m[1]) && out.length < 6) out.push(m[1]);
    }
  }
  return out;
}

const PRINTF_V = /^\s*printf[ \t]+-v[ \t]+([A-Za-z_]\w{0,60})\b/;
const NAMED_CLIENT = /\b(?:Add|Create|Get|Named)\w{0,20}Client\w{0,20}(?:<[^<>]{0,80}>)?\(\s*"([\w.-]{2,40})"/;
/** `curl_easy_setopt(curl, …)`, `hackney:request(Conn, …)`: a bare call whose first argument is a handle. */
const HANDLE_FIRST = /^\s*(?:(?:await|return|try)\s+)?[A-Za-z_][\w.:]{0,60}\(\s*[&$]?([A-Za-z_]\w{0,60})\s*,/;
/** First arguments that are not a handle: HTTP methods, format strings' names. */
const NOT_HANDLE = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'stdout', 'stderr', 'fmt', 'format', 'nil', 'none']);
/** `{:ok, conn} = …`, `(status, body) = …`, `[a, b] = …`: a destructuring assignment. */
const TUPLE_ASSIGNED = /^\s*(?:(?:const|let|var|val|local)\s+)?[{([]([^{}()[\]=]{1,160})[})\]]\s*(?::=|=(?![=>~])|<-)/;
const TUPLE_NAME = /(?<![\w:@$.])([A-Za-z_]\w{0,60})(?![\w:])/g;

function usesWord(lines: Lines, from: number, to: number, word: string): boolean {
  for (let l = from; l <= to; l++) {
    const s = lines.text(l);
    for (let i = s.indexOf(word); i >= 0; i = s.indexOf(word, i + word.length)) {
      if (isWordCode(s.charCodeAt(i - 1)) || isWordCode(s.charCodeAt(i + word.length))) continue;
      // A one-letter name is only used as a receiver (`s.get(…)`, `s[…]`), not as a word in a string.
      const next = s.charCodeAt(i + 1);
      if (word.length > 1 || ((next === 46 /* . */ || next === 91 /* [ */) && !isQuoteCode(s.charCodeAt(i - 1)))) return true;
      // …or an argument of its own (`curl_easy_setopt(curl, CURLOPT_HTTPHEADER, h)`).
      if (isArgumentAt(s, i)) return true;
    }
  }
  return false;
}

/** The one-letter word at `i` stands alone as an argument: after `(` or `,`, before `,` or `)`. */
function isArgumentAt(s: string, i: number): boolean {
  let a = i - 1;
  while (a >= 0 && (s.charCodeAt(a) === 32 || s.charCodeAt(a) === 9)) a--;
  let b = i + 1;
  while (b < s.length && (s.charCodeAt(b) === 32 || s.charCodeAt(b) === 9)) b++;
  const before = s.charCodeAt(a);
  const after = s.charCodeAt(b);
  return (before === 40 || before === 44) && (after === 41 || after === 44);
}

function isQuoteCode(c: number): boolean {
  return c === 34 || c === 39 || c === 96;
}

function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * The request around `line`: its statement, joined with the statements just before and after it
 * that share a variable one of them assigns (a request object, a header map, a curl handle, a
 * client), across blank lines and comments, within `limit` lines.
 */
export function requestExtent(lines: Lines, line: number, limit: number): { from: number; to: number } {
  const lo = Math.max(0, line - limit);
  const hi = Math.min(lines.last, line + limit);
  const first = lines.statement(line);
  let { from, to } = first;
  const names = new Set(statementNames(lines, from));
  // Up. As below, up to two statements that do not use the request may sit between its parts; a
  // block that ends just above (`if err != nil { … }`) counts as one statement.
  const up = (): void => {
  let start = from;
  for (let guard = 0, gap = 0; guard < 12 && gap <= 2; guard++) {
    let l = start - 1;
    while (l >= lo && lines.shape(l).empty) l--;
    if (l < lo || opensBlock(lines, l)) break;
    const prev = blockEndingAt(lines, l, lo) ?? lines.statement(l);
    if (prev.from < lo || prev.to >= start) break;
    start = prev.from;
    const own = statementNames(lines, prev.from);
    const linked = own.some((v) => usesWord(lines, from, to, v)) || [...names].some((a) => usesWord(lines, prev.from, prev.to, a));
    if (!linked) {
      gap++;
      continue;
    }
    gap = 0;
    for (const v of own) names.add(v);
    from = prev.from;
  }
  };
  up();
  const namesUp = names.size;
  // Down. Up to two statements that do not use the request (`if err != nil { … }`) may sit between its parts.
  let end = to;
  for (let guard = 0, gap = 0; guard < 12 && gap <= 2; guard++) {
    const l = nextCode(lines, end, hi);
    if (l < 0) break;
    const sh = lines.shape(l);
    if (sh.low < 0 && sh.net < 0) break; // closes the block the request is in
    const next = lines.statement(l);
    if (next.from < l || next.to > hi) break;
    end = next.to;
    const own = statementNames(lines, next.from);
    const linked = [...names].some((a) => usesWord(lines, next.from, next.to, a)) || own.some((v) => usesWord(lines, from, to, v));
    if (!linked) {
      gap++;
      continue;
    }
    gap = 0;
    for (const v of own) names.add(v);
    to = next.to;
  }
  // A statement found below may tie in one above (`setUp(scn…).protocols(httpProtocol)` after
  // `val httpProtocol = http.baseUrl(…)`, `curl_easy_setopt(curl, CURLOPT_HTTPHEADER, h)` after
  // `h = curl_slist_append(…)`): one more walk up with what was found below.
  if (names.size > namesUp || to > first.to) up();
  return { from, to };
}

/** `}` closing a code block on `line`: the block from its opener line, or undefined. */
function blockEndingAt(lines: Lines, line: number, lo: number): { from: number; to: number } | undefined {
  const sh = lines.shape(line);
  if (sh.net >= 0 || !CLOSE.includes(sh.brackets[0])) return undefined;
  let depth = sh.net;
  for (let l = line - 1; l >= lo; l--) {
    const s = lines.shape(l);
    if (s.empty) continue;
    depth += s.net;
    // A construct that is not a code block (`$headers = @{` … `}`, `headers = [` … `]`): the statement that opens it.
    if (depth >= 0) return opensBlock(lines, l) ? { from: l, to: line } : { from: lines.statement(l).from, to: line };
  }
  return undefined;
}

/**
 * What names the opener of a line that encloses the lines below (the unmatched opener `below`
 * places from the right): the text before it (`"retrac": {`, `:retrac {`, `variable "retrac" {`),
 * or the whole line when nothing after it opens or closes (`{ // retrac`). Not a sibling closed on
 * the same line: `{:retrac {:url "…"}` encloses `:stripe {…}` below it, unnamed.
 */
function enclosingName(s: string, below: number): string {
  const open: number[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 34 || c === 39 || c === 96) {
      let j = i + 1;
      while (j < s.length && s.charCodeAt(j) !== c) j += s.charCodeAt(j) === 92 ? 2 : 1;
      i = j + 1;
      continue;
    }
    if (c === 40 || c === 91 || c === 123) open.push(i);
    else if ((c === 41 || c === 93 || c === 125) && open.length) open.pop();
    i++;
  }
  const at = open[open.length - 1 - below];
  if (at === undefined) return s;
  const after = s.slice(at + 1);
  return /[()[\]{}]/.test(after) ? s.slice(0, at) : s;
}

/**
 * The line names Retrac outside entries named for Retrac that open and close on it:
 * `{:retrac {:url "…"}` and `{"retrac": {"url": "…"},` do not (the Retrac entry is a sibling of
 * what follows), `"retrac": {`, `new Retrac({` and `"url": {"raw": "https://api.retrac.co"},` do.
 * An entry is a name (`"name":`, `name =`, `:name`) and a `{`/`[` value.
 * Linear: one walk, each skipped entry read once more to find its end.
 */
export function retracOutsideClosedEntries(raw: string): boolean {
  if (!hasRetracWord(raw)) return false;
  const s = withoutClosedRetracElements(raw);
  let rest = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 || c === 39 || c === 96) {
      let j = i + 1;
      while (j < s.length && s.charCodeAt(j) !== c) j += s.charCodeAt(j) === 92 ? 2 : 1;
      i = j;
      continue;
    }
    if (c !== 123 && c !== 91) continue;
    const name = entryNameStart(s, i, from);
    if (name < 0 || !hasRetracWord(s.slice(name, i))) continue;
    const close = closingBracket(s, i);
    if (close < 0) break;
    rest += s.slice(from, name) + ' ';
    from = close + 1;
    i = close;
  }
  return hasRetracWord(rest + s.slice(from));
}

/** `<Retrac><Url>…</Url></Retrac>` on one line: an XML element named for Retrac that closes on its line, blanked. */
function withoutClosedRetracElements(s: string): string {
  let out = s;
  for (let i = s.indexOf('<'); i >= 0; i = s.indexOf('<', i + 1)) {
    let j = i + 1;
    while (j < s.length && j - i < 64 && isNameCode(s.charCodeAt(j))) j++;
    const tag = s.slice(i + 1, j);
    if (!tag || !hasRetracWord(tag)) continue;
    // Bounded: an element longer than 2,000 characters on one line is not looked for.
    const close = s.slice(j, j + 2000).indexOf('</' + tag);
    if (close < 0) continue;
    const end = j + close + tag.length + 2;
    out = out.slice(0, i) + ' '.repeat(end - i) + out.slice(end);
    i = end - 1;
  }
  return out;
}

/**
 * The name of the innermost entry still open at `at` on a line (`Courier = @{ ApiKey = '…'`,
 * `{"courier": {"token": "…"`), or undefined. Strings are skipped; linear.
 */
export function openEntryNameAt(s: string, at: number): { name: string; at: number } | undefined {
  const open: number[] = [];
  const end = Math.min(at, s.length);
  // One pass over the characters, strings skipped (a line of many keys asks this once per key, on a bounded window).
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 || c === 39 || c === 96) {
      let j = i + 1;
      while (j < s.length && s.charCodeAt(j) !== c) j += s.charCodeAt(j) === 92 ? 2 : 1;
      if (j >= at) break;
      i = j;
    } else if (c === 123 || c === 91) open.push(i);
    else if ((c === 125 || c === 93) && open.length) open.pop();
  }
  const top = open[open.length - 1];
  if (top === undefined) return undefined;
  const name = entryNameStart(s, top, 0);
  if (name < 0) return undefined;
  const word = /[\w.-]+/.exec(s.slice(name, top))?.[0];
  return word ? { name: word, at: top } : undefined;
}

/** Where the name of an entry whose value opens at `at` starts (`"retrac": {`, `retrac = [`, `:retrac {`), or -1. */
function entryNameStart(s: string, at: number, floor: number): number {
  let j = at;
  if (j > floor && s.charCodeAt(j - 1) === 64 /* @ */) j--; // PowerShell `@{`
  while (j > floor && (s.charCodeAt(j - 1) === 32 || s.charCodeAt(j - 1) === 9)) j--;
  const op = s.charCodeAt(j - 1);
  const keyword = op !== 58 && op !== 61;
  if (!keyword) {
    j--;
    while (j > floor && (s.charCodeAt(j - 1) === 32 || s.charCodeAt(j - 1) === 9)) j--;
  }
  if (j > floor && (s.charCodeAt(j - 1) === 34 || s.charCodeAt(j - 1) === 39)) j--;
  const end = j;
  while (j > floor && end - j < 64 && isNameCode(s.charCodeAt(j - 1))) j--;
  if (j === end) return -1;
  if (keyword) return j > floor && s.charCodeAt(j - 1) === 58 && !isNameCode(s.charCodeAt(j - 2)) ? j - 1 : -1;
  if (j > floor && (s.charCodeAt(j - 1) === 34 || s.charCodeAt(j - 1) === 39)) j--;
  return j;
}

function isNameCode(c: number): boolean {
  return isWordCode(c) || c === 45 || c === 46;
}

/** The offset of the bracket that closes the one at `at` on the same line (strings skipped), or -1. */
function closingBracket(s: string, at: number): number {
  let depth = 0;
  for (let i = at; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 || c === 39 || c === 96) {
      let j = i + 1;
      while (j < s.length && s.charCodeAt(j) !== c) j += s.charCodeAt(j) === 92 ? 2 : 1;
      i = j;
    } else if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93 || c === 125) {
      if (--depth === 0) return i;
    }
  }
  return -1;
}

/** The nearest line above `line` (within `limit`) with an opener that is still open at `line`, or -1. */
export function openerAbove(lines: Lines, line: number, limit: number): number {
  let pending = 0;
  for (let l = line - 1; l >= Math.max(0, line - limit); l--) {
    const sh = lines.shape(l);
    if (sh.empty) continue;
    for (let k = sh.brackets.length - 1; k >= 0; k--) {
      if (CLOSE.includes(sh.brackets[k])) pending++;
      else if (pending > 0) pending--;
      else return l;
    }
  }
  return -1;
}

/**
 * True when a section around `line` is named for Retrac (per `named`): walks up through unclosed
 * openers (`"retrac": {`, `Retrac = {`, `variable "retrac_api_key" {`), lines with less indent
 * that open a YAML mapping (`retrac:`), and the nearest `[section]` header, at any depth.
 */
export function inNamedSection(lines: Lines, line: number, limit: number, named: (text: string) => boolean, at?: (opener: number) => void): boolean {
  const lo = Math.max(0, line - limit);
  let pending = 0; // closers seen going up whose openers are still above
  let indent = lines.shape(line).indent;
  for (let l = line - 1; l >= lo; l--) {
    const sh = lines.shape(l);
    if (sh.empty) continue;
    // Brackets right to left: an opener without a closer below it encloses `line`.
    let encloses = false;
    const below = pending;
    for (let k = sh.brackets.length - 1; k >= 0; k--) {
      if (CLOSE.includes(sh.brackets[k])) pending++;
      else if (pending > 0) pending--;
      else encloses = true;
    }
    if (encloses && named(enclosingName(lines.text(l), below))) {
      at?.(l);
      return true;
    }
    if (sh.header) {
      const yes = named(lines.text(l));
      if (yes) at?.(l);
      return yes;
    }
    if (indent >= 0 && sh.indent < indent) {
      const t = lines.text(l).trimEnd();
      // A YAML key that opens a mapping, or a less-indented line that opens a block.
      if ((t.endsWith(':') || t.endsWith('{') || t.endsWith('(') || t.endsWith('[')) && named(t)) {
        at?.(l);
        return true;
      }
      indent = sh.indent;
    }
  }
  return false;
}
