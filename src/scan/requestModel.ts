// The request analysis of the leak scanner, on top of the line model: whether a request sends to
// Retrac (a Retrac line around it, or a use of a name bound to a Retrac URL), whether a key
// candidate is near, and the keys a request carries, literal or reached through the definitions
// of the names it sends as auth (within FLOW_LINES). Cached per scan like the line facts.
import { endsWithAssignment, type KeyToken } from './keyTokens';
import { LineModel, CONTEXT_LINES, FLOW_LINES, REQUEST_LINES } from './lineModel';
import { AUTH_WORD, authNames, hasRetracWord, isGenericKeyName, lastSegment, nameSaysRetracKey } from './names';
import { hasRunOf, isWordChar, lineOfOffset } from './text';
import { assignedVariable, inNamedSection, requestExtent, retracOutsideClosedEntries } from './structure';

/** A YAML list item that opens a mapping (`- run: …`, `- name: …`): a new step. A scalar item (`- -H`, `- "…"`) is one more argument. */
const LIST_ITEM = /^\s*-[ \t]+(?:[A-Za-z_][\w.-]{0,60}|"[^"]{0,60}"|'[^']{0,60}')[ \t]*:(?:[ \t]|$)/;
/** The name a section opener gives: `courier:`, `"headers": [`, `stripe = {`, `[courier]`. */
const SECTION_NAME = /["'[]?([A-Za-z_$][\w$.-]{0,60})["'\]]?\s*(?:[:=]|=>)?\s*[{[(]?\s*$/;
/** Section names that say what a part of a request or config is, not whose it is. */
const STRUCTURAL_SECTIONS = new Set([
  'headers', 'header', 'request', 'req', 'response', 'res', 'params', 'query', 'body', 'auth', 'authorization', 'credentials',
  'creds', 'env', 'environment', 'variables', 'vars', 'data', 'stringdata', 'spec', 'config', 'configuration', 'settings',
  'options', 'opts', 'integrations', 'services', 'providers', 'clients', 'client', 'secrets', 'secret', 'values', 'global',
  'defaults', 'default', 'production', 'prod', 'development', 'dev', 'staging', 'test', 'local', 'api', 'apis', 'http',
  'interactions', 'entries', 'log', 'items', 'item', 'properties', 'metadata', 'extra', 'common', 'shared', 'app',
  'application', 'keys', 'tokens', 'matchheaders', 'request_headers', 'requestheaders', 'with', 'inputs', 'args',
]);
/** A URL to a host other than Retrac's or a local one: a request there is not a Retrac request. */
export const OTHER_HOST_URL = /https?:\/\/(?!api\.retrac\.co|localhost|127\.0\.0\.1|\[::1\]|\$|\{)[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
/**
 * A host named without a scheme under a host field: `<stringProp name="HTTPSampler.domain">api.courier.example<`,
 * `hostname: 'api.courier.example'`, `req.set(http::field::host, "api.courier.example")`.
 */
const OTHER_HOST_FIELD = /(?:host|domain)[\w-]{0,24}["'>]?[ \t]{0,3}(?:[:=,]|=>|>)[ \t]{0,3}["']?(?!localhost\b)[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,4}\.[A-Za-z]{2,12}\b/i;
/**
 * A host named without a scheme as a connection's argument: followed by its port (`HTTPSClientSession
 * session("api.courier.example", 443)`, `gun:open("…", 443, …)`, `Net::HTTP.start("…", 443)`), or the first
 * argument of a connection or session constructor (`http.client.HTTPSConnection("api.courier.example")`).
 */
// Also a `host:port` literal, quoted or not (`nodes: { "api.courier.example:443": 1 }` in an APISIX upstream,
// `server courier api.courier.example:443 ssl` in HAProxy, a gRPC target).
const OTHER_HOST_ARGUMENT =
  /(?<![\w.@/-])(?!localhost\b)[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,4}\.[A-Za-z]{2,12}:\d{2,5}(?![\w.])|(?:(?:Connection|Session|connect|open|start)[ \t]{0,3}\([ \t]{0,3}["']|["'](?=(?:[A-Za-z0-9-]{1,63}\.){1,5}[A-Za-z]{2,12}(?::\d{2,5}["']|["'][ \t]{0,3},[ \t]{0,3}\d{2,5}\b)))(?!localhost\b)[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,4}\.[A-Za-z]{2,12}(?::\d{2,5})?["']/;
/**
 * A request to the app under test, not to a service: supertest's `request(app)`, Flask's `test_client()`,
 * Starlette's `TestClient(app)`, Laravel's `$this->getJson(…)`, Fastify's `app.inject(…)`.
 */
export const APP_UNDER_TEST = /\brequest\([ \t]{0,3}(?:app|server|this\.app|httpServer|app\.getHttpServer\(\))[ \t]{0,3}\)|\.test_client\(|\bTestClient\(|\$this->(?:get|post|put|patch|delete)Json\(|\bapp\.inject\(/;
/** Field names that set a client's base URL: the client variable carries the Retrac host. */
// `url_base` (Airbyte low-code connectors), `basePath` (OpenAPI-generated clients' Configuration), `root_url`.
export const BASE_FIELD = /^(?:base_?ur[li]|baseU(?:RL|rl|ri)|prefix_?url|prefixUrl|host|endpoint|server|api_?url|apiUrl|url|uri|site|url_?base|base_?path|root_?url)$/i;
/** Distinct names bound to Retrac URLs searched window by window before every line's words are read once instead. */
const HOST_NAMES_BEFORE_INDEX = 8;
const WORD = /[A-Za-z_$][\w$]*/g;
/** Characters before a member's definition on its line searched for the owner's name. */
const MEMBER_OWNER_WINDOW = 400;
/** Distinct names looked up one by one before all definitions are indexed in one pass. */
const DEF_NAMES_BEFORE_INDEX = 24;

/** Opens a class-like body: `class X`, `export class X`, `enum X: TargetType {`, `struct`, `impl`, `object`. */
const CLASS_LINE = /^[ \t]*(?:(?:public|private|internal|open|final|abstract|export|default|sealed|data|static)[ \t]+)*(?:class|module|defmodule|object|enum|struct|impl|trait|extension)[ \t]/;
/** A call in a request: `authHeaders(`, `_headers(`, `authorize(`. */
const CALL_WORD = /(?<![\w$])([A-Za-z_]\w{0,60})[ \t]*\(/g;
/** Helper names looked for per request: a request rarely uses more. */
const MAX_HELPER_WORDS = 12;
/** A member a request calls through: `this.http`, `self.session`, `$this->http`, `@conn`. */
const MEMBER_WORD = /(?:(?:\bthis\.|\bself\.|\$this->)([A-Za-z_]\w{0,60})|(?<![\w@])@([a-z_]\w{0,60}))/g;
/** A statement that starts on a member: `self.session.headers[…] = …`, `this.http = …`, `$this->http = …`. */
const MEMBER_START = /^[ \t]*(?:(?:this\.|self\.|\$this->)([A-Za-z_]\w*)|@([a-z_]\w*))/;
/** A name passed as a value: followed by `,`, `)`, `}`, `]` or the end of the line. */
const VALUE_WORD = /(?<![\w$])([A-Za-z_$][\w$]{2,60})[ \t]*(?:[,)}\]]|$)/g;
/** A command at the start of a line (shell): `api /items`. */
const COMMAND_WORD = /^[ \t]*([A-Za-z_][\w-]{2,60})[ \t]+[^ \t=(]/;
/** Calls that are never a helper defined in the file. */
const NOT_HELPER = new Set([
  'get', 'post', 'put', 'patch', 'delete', 'fetch', 'request', 'send', 'json', 'then', 'new', 'print', 'log', 'format', 'Sprintf',
  'String', 'URI', 'URL', 'Uri', 'parse', 'create', 'build', 'stringify', 'require', 'import', 'super', 'function', 'return',
  'await', 'const', 'let', 'var', 'val', 'export', 'async', 'public', 'private', 'protected', 'static', 'def', 'func', 'class',
  'interface', 'if', 'for', 'while', 'echo', 'local', 'true', 'false', 'null', 'this', 'self',
]);
const DEF_KEYWORD = /(?:^|[^\w$])(?:function|def|func|fn|sub)[ \t]+(?:\([^()]*\)[ \t]*)?([A-Za-z_]\w{0,60})/;
/** A method header: modifiers and a type, the name, a parameter list, then a body opener or nothing. */
const METHOD_HEADER = /^[ \t]*((?:[\w<>[\],.?]+[ \t]+){0,4})([A-Za-z_]\w{0,60})[ \t]*\([^()]*\)[ \t]*(?::[ \t]*[\w<>[\],.?]+)?[ \t]*(\{|:|=>|=|throws[^{]*\{)?[ \t]*$/;
/** An assignment: `const w = …`, `private http = …`, `$headers = @{`, `let headers: HTTPHeaders = [`. */
const ASSIGN_DEF = /^[ \t]*(?:(?:const|let|var|val|my|final|private|public|protected|readonly|static)[ \t]+)*[$@]?([A-Za-z_]\w{0,60})[ \t]*(?::[ \t]*[\w<>[\],.?]+)?[ \t]*=(?![=>~])[ \t]*/y;
/** What an assignment defines a helper with: a function, an arrow, a map or an object, a constructed object. */
const HELPER_VALUE = /^(?:async[ \t]+)?(?:function\b|\([^()]*\)[ \t]*=>|[A-Za-z_]\w*[ \t]*=>|@?[{[]|new[ \t]+[\w.]+[ \t]*[({])/;

/**
 * What line `t` defines: helpers by name (`function w(`, `def w`, `func (c *C) w(`, a method header
 * `private HttpHeaders w() {` / `w() {`, `const w = (…) =>`, `headers = {`), and members or fields
 * (`self.session…`, `this.http = …`, `private http = …`).
 */
function definedNames(t: string): { calls: string[]; members: string[] } {
  const calls: string[] = [];
  const members: string[] = [];
  const paren = t.includes('(');
  const equals = t.includes('=');
  // Most lines define nothing: only lines with a call-like or an assignment, or that start on a member, are read.
  const keyword = t.includes('def') || t.includes('sub');
  if (t.length > 2000 || (!paren && !equals && !keyword && !/^[ \t]*[s$t@]/.test(t))) return { calls, members };
  const kw = paren || keyword ? DEF_KEYWORD.exec(t) : null;
  if (kw) calls.push(kw[1]);
  const header = paren ? METHOD_HEADER.exec(t) : null;
  // A bare call (`authorize(req)`) is not a header: it needs a type or modifiers before it, or a body opener after.
  if (header && (header[1] || header[3])) calls.push(header[2]);
  ASSIGN_DEF.lastIndex = 0;
  const assign = equals ? ASSIGN_DEF.exec(t) : null;
  if (assign) {
    members.push(assign[1]);
    if (HELPER_VALUE.test(t.slice(ASSIGN_DEF.lastIndex, ASSIGN_DEF.lastIndex + 200))) calls.push(assign[1]);
  }
  const m = MEMBER_START.exec(t);
  if (m) members.push(m[1] ?? m[2]);
  return { calls, members };
}

export interface RequestKey {
  tok: KeyToken;
  line: number;
  /** Sent as auth (or under a key name): not just any literal on the request's lines. */
  sent: boolean;
  /** Reached through a name the request sends as auth. */
  flow: boolean;
}

/** `name` stands in an interpolation or a reference on the line: `${name}`, `{{ name }}`, `$name`, `$(name)`, `%name%`, `@name`. */
function isInterpolated(text: string, name: string): boolean {
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + name.length)) {
    let b = i;
    while (b > 0 && (text.charCodeAt(b - 1) === 32 || text.charCodeAt(b - 1) === 9)) b--;
    const c = text.charAt(b - 1);
    if (c === '$' || c === '{' || c === '(' || c === '%' || c === '@') return true;
  }
  return false;
}

/** OTHER_HOST_ARGUMENT, after cheap tests of what each of its forms needs (a `:` and a digit, a call, a port argument). */
function namesHostArgument(t: string): boolean {
  if (!t.includes('.')) return false;
  const port = t.includes(':') && HOST_PORT_HINT.test(t);
  const call = t.includes('(') && (t.includes('onnect') || t.includes('ession') || t.includes('open') || t.includes('start'));
  const portArgument = t.includes(',') && PORT_ARGUMENT_HINT.test(t);
  return (port || call || portArgument) && OTHER_HOST_ARGUMENT.test(t);
}
const HOST_PORT_HINT = /[A-Za-z]:\d/;
const PORT_ARGUMENT_HINT = /["'][ \t]{0,3},[ \t]{0,3}\d/;

/** APP_UNDER_TEST, after a test of the words each of its forms holds. */
export function callsAppUnderTest(t: string): boolean {
  return (t.includes('request(') || t.includes('test_client') || t.includes('TestClient') || t.includes('Json(') || t.includes('.inject(')) && APP_UNDER_TEST.test(t);
}

function isSentToken(tok: KeyToken): boolean {
  const name = tok.name ?? '';
  return tok.via === 'bearer' || tok.via === 'host' || nameSaysRetracKey(name) || isGenericKeyName(name);
}

/** The per-scan caches of request analysis, and the queries over them. */
export abstract class RequestModel extends LineModel {
  /** Whether a request sends to Retrac, by its extent. */
  private readonly retracRequests = new Map<number, boolean>();
  private readonly requestKeyMemo = new Map<number, RequestKey[]>();
  private readonly outsideClosedMemo = new Map<number, boolean>();
  private readonly joinedMemo = new Map<number, { from: number; to: number } | null>();
  private readonly sectionOwnerMemo = new Map<number, boolean>();
  private readonly otherHostLines = new Map<number, boolean>();
  private readonly classLineMemo = new Map<number, number>();
  private readonly helperMemo = new Map<number, { from: number; to: number }[]>();
  private readonly lineDefs = new Map<number, { calls: string[]; members: string[] }>();
  private readonly helperWords = new Map<number, { calls: string[]; members: string[]; commands: string[] }>();
  private readonly objectWords = new Map<number, { calls: string[]; members: string[]; commands: string[] }>();
  /** Key definitions by name over the facts region: per name on demand, or all at once past DEF_NAMES_BEFORE_INDEX names. */
  private readonly defsByName = new Map<string, { tok: KeyToken; line: number }[]>();
  private defIndexed = false;
  /** Lines of the facts region that use a name bound to a Retrac URL, found once. */
  private hostUseLines?: Set<number>;
  private candScanned = -1;
  private fullScanned = -1;
  private readonly fullLines: number[] = [];
  private readonly candLines: number[] = [];

  /** The request sends to Retrac: a line of it names Retrac (not an import), or uses a name bound to a Retrac URL. */
  protected sendsToRetrac(ext: { from: number; to: number }): boolean {
    const memo = this.retracRequests.get(ext.from * 1e7 + ext.to);
    if (memo !== undefined) return memo;
    let yes = false;
    for (let l = ext.from; l <= ext.to && !yes; l++) yes = this.factsOf(l).retracTarget;
    if (!yes) {
      const uses = this.hostUses();
      for (let l = ext.from; l <= ext.to && !yes && uses.size; l++) yes = uses.has(l);
    }
    this.retracRequests.set(ext.from * 1e7 + ext.to, yes);
    return yes;
  }

  /**
   * The variable a Retrac URL on a line is bound to: `BASE = "https://api.retrac.co"`, or the
   * client whose base URL it is (`const api = axios.create({ baseURL: "https://api.retrac.co" })`).
   */
  private hostNameFor(line: number): string | undefined {
    const h = this.factsOf(line).hostName;
    if (!h || !BASE_FIELD.test(h)) return h;
    return assignedVariable(this.text(this.statement(line).from));
  }

  /**
   * The request sends to Retrac as seen from one of its lines: a Retrac line (not an import) or a
   * use of a Retrac URL name that encloses the line or sits beside it in the same construct. A
   * sibling object (`"retrac": {…}` next to `"stripe": {…}`) does not count.
   */
  protected retracAround(ext: { from: number; to: number }, line: number): boolean {
    const n = ext.to - ext.from + 1;
    const depth = new Array<number>(n + 1);
    depth[0] = 0;
    for (let i = 0; i < n; i++) depth[i + 1] = depth[i] + this.shape(ext.from + i).net;
    const uses = this.hostUses();
    const t = line - ext.from;
    // The line's own statement, unless it also names another host: in code, a statement joined to
    // the request through a shared variable (`headers = [ … ]` then `AF.request(url, headers: headers)`)
    // sends what it holds to the request's host.
    // In formats read by paragraphs (and code of languages without a grammar here: OCaml, VBA, Power Query),
    // a paragraph that also goes to another host is placed by the key's own statement too.
    const own = this.prep.paragraphs && !this.namesOtherHost(ext) && !this.namesOtherHost(this.requestWindow(line)) ? undefined : this.statement(line);
    if (own && this.namesOtherHost(own)) return false;
    // In a paragraph the key's own line is its statement: a log line or a command that sends it elsewhere.
    if (!own && this.namesOtherHost({ from: line, to: line })) return false;
    // Joined through a shared word, a request that also goes elsewhere (`headers` sent to a courier,
    // then a Retrac call with `headers: retracHeaders`) says nothing about where this statement's key goes.
    // Nor does a Retrac request whose window reaches the key's statement when the key's own request goes elsewhere.
    const across = own !== undefined && !this.namesOtherHost(ext) && !this.namesOtherHost(this.requestWindow(line));
    // A paragraph that sends to another host: a word that says Retrac (`retracItemId`, `retrac items list`)
    // on another line does not place the key; a Retrac URL still does.
    const urlOnly = own === undefined && this.namesOtherHost(ext);
    // Code in a language without a grammar here (ABAP, Apex, Luau, …), read by paragraphs: statements joined
    // through the names they share (`create_by_url( … IMPORTING client = lo_client ).` then
    // `lo_client->request->set_header_field( … )`) are one request, whatever brackets close between them.
    const joined = own === undefined && !urlOnly && this.prep.codeWithoutGrammar ? this.joinedStatements(line) : undefined;
    for (let i = 0; i < n; i++) {
      const l = ext.from + i;
      if (!this.factsOf(l).retracTarget && !uses.has(l)) continue;
      if (i === t) return true;
      if (joined && l >= joined.from && l <= joined.to) return true;
      if (urlOnly && !uses.has(l) && !this.factsText(l).includes('retrac.co')) continue;
      // `{:retrac {:url "…"}` or `{"retrac": {…},` above: a sibling closed on its line names nothing below.
      if (i < t && !uses.has(l) && !this.retracOutsideClosed(l)) continue;
      if (own && (l < own.from || l > own.to)) {
        if (across) return true;
        continue; // the request also goes elsewhere: only a Retrac line of the key's own statement places it
      }
      // Every line between stays at least as deep as the earlier line leaves off.
      const a = Math.min(i, t);
      const b = Math.max(i, t);
      const need = depth[a + 1];
      let ok = true;
      for (let k = a + 1; k <= b && ok; k++) ok = depth[k] >= need;
      // A Retrac line below the key, one or two levels up once the key's object closes (`"headers": [ … ],`
      // then `"url": "…"` in a recorded request): a field of an object that encloses the key's, unless
      // the key's own section names another service.
      if (!ok && i > t && need - depth[b] >= 1 && need - depth[b] <= 2) {
        ok = true;
        for (let k = a + 1; k <= b && ok; k++) ok = depth[k] >= depth[b];
        ok &&= !this.sectionOwnerIsOther(line);
      }
      // In indented formats a line that opens a mapping (`retrac:`) holds only the lines indented under it.
      if (ok && this.prep.paragraphs) {
        let top = this.shape(ext.from + a).indent;
        const opens = this.text(ext.from + a).trimEnd().endsWith(':');
        // A Retrac line below the key, less indented but not at the top level (`uri:` after `headers:` /
        // `Authorization:` / `- Bearer …` in a recorded request): a field of the mapping that holds the key's.
        if (i > t && !opens) {
          const below = this.shape(l).indent;
          if (below > 0 && below < top) top = below;
        }
        // A Retrac line below and outside the key's block (`courier:` / `token: …` then `retrac:`) places it
        // only when the key's own section does not name another service.
        const keyIndent = this.shape(line).indent;
        if (i > t && keyIndent >= 0 && this.shape(l).indent >= 0 && this.shape(l).indent < keyIndent && this.sectionOwnerIsOther(line)) ok = false;
        for (let k = a + 1; k <= b && ok; k++) {
          const ind = this.shape(ext.from + k).indent;
          if (ind >= 0) ok = opens ? ind > top : ind >= top || k === b;
          // A new YAML list item (`- run: …`) at the same level is another step, not the same request;
          // nor does a top-level entry that opens nothing (`x-sync: retrac sync`) hold the steps of another section.
          if (ok && ind >= 0 && (ind <= top || (top === 0 && !opens && i < t)) && LIST_ITEM.test(this.text(ext.from + k))) ok = false;
        }
      }
      if (ok) return true;
    }
    return false;
  }

  /**
   * The nearest section enclosing the line whose name is not structural (`headers`, `request`, `env`,
   * `auth`, …) names another service (`courier:`, `"stripe": {`), and that section's lines from its
   * opener to just below the line say nothing of Retrac (`provider: retrac` would). By line.
   */
  protected sectionOwnerIsOther(line: number): boolean {
    let v = this.sectionOwnerMemo.get(line);
    if (v !== undefined) return v;
    let opener = -1;
    let other = false;
    inNamedSection(this, line, CONTEXT_LINES, (t) => {
      const name = SECTION_NAME.exec(t.length > 200 ? t.slice(-200) : t)?.[1];
      if (!name) return false;
      if (hasRetracWord(name)) return true;
      const lower = name.toLowerCase();
      if (STRUCTURAL_SECTIONS.has(lower) || isGenericKeyName(lower) || !/[a-z]{3}/.test(lower)) return false;
      other = true;
      return true;
    }, (l) => (opener = l));
    if (other && opener >= 0) {
      const indent = this.shape(opener).indent;
      for (let l = opener + 1; l <= Math.min(this.last, line + 3) && other; l++) {
        const sh = this.shape(l);
        if (l > line && !sh.empty && sh.indent <= indent) break;
        if (this.factsOf(l).retracWord) other = false;
      }
    }
    this.sectionOwnerMemo.set(line, (v = other));
    return v;
  }

  /** The statements joined to a line's through shared names (requestExtent, without a paragraph), when they name no other host; by line. */
  private joinedStatements(line: number): { from: number; to: number } | undefined {
    let v = this.joinedMemo.get(line);
    if (v === undefined) {
      const ext = requestExtent(this, line, REQUEST_LINES);
      v = this.namesOtherHost(ext) ? null : ext;
      this.joinedMemo.set(line, v);
    }
    return v ?? undefined;
  }

  /** `retracOutsideClosedEntries` of a line, once per line per scan. */
  private retracOutsideClosed(line: number): boolean {
    let v = this.outsideClosedMemo.get(line);
    if (v === undefined) this.outsideClosedMemo.set(line, (v = retracOutsideClosedEntries(this.text(line))));
    return v;
  }

  /**
   * The helpers a request uses, defined within REQUEST_LINES of it: functions and methods it calls
   * (`headers: authHeaders()`, `authorize(req)`, `new HttpEntity<>(headers())`) with their bodies,
   * and the statements that set up a member it calls through (`self.session.headers[…] = …` for
   * `self.session.get(…)`, `this.http = axios.create(…)` for `this.http.get(…)`).
   */
  protected helpersOf(ext: { from: number; to: number }, objectsOnly = false): { from: number; to: number }[] {
    const memoKey = (ext.from * 1e7 + ext.to) * 2 + (objectsOnly ? 1 : 0);
    const memo = this.helperMemo.get(memoKey);
    if (memo) return memo;
    const out: { from: number; to: number }[] = [];
    this.helperMemo.set(memoKey, out);
    const calls = new Set<string>();
    const members = new Set<string>();
    for (let l = ext.from; l <= ext.to; l++) {
      const words = objectsOnly ? this.objectWordsOf(l) : this.helperWordsOf(l);
      for (const w of objectsOnly ? words.commands : words.calls) if (calls.size < MAX_HELPER_WORDS) calls.add(w);
      for (const w of words.members) if (members.size < MAX_HELPER_WORDS) members.add(w);
    }
    if (!calls.size && !members.size) return out;
    const lo = Math.max(0, ext.from - REQUEST_LINES);
    const hi = Math.min(this.last, ext.to + REQUEST_LINES);
    for (let l = lo; l <= hi; l++) {
      if (l >= ext.from && l <= ext.to) continue;
      // A line that holds none of the names defines none of them (a substring test before any regex).
      const t = this.factsText(l);
      let named = false;
      for (const w of calls) if ((named = t.includes(w))) break;
      if (!named) for (const w of members) if ((named = t.includes(w))) break;
      if (!named) continue;
      const d = this.defsOf(l);
      const byCall = d.calls.some((w) => calls.has(w));
      if (!byCall && !d.members.some((w) => members.has(w))) continue;
      // `self.client` / `this.http` set up in another class is another object.
      if (!byCall && this.classLineOf(l) !== this.classLineOf(ext.from)) continue;
      const body = this.definitionBody(l);
      if (!out.some((b) => b.from === body.from)) out.push(body);
    }
    return out;
  }

  /** The line of the class that encloses `line` (by indentation, within REQUEST_LINES), or -1. */
  protected classLineOf(line: number): number {
    let v = this.classLineMemo.get(line);
    if (v !== undefined) return v;
    v = -1;
    let indent = this.shape(line).indent;
    for (let l = line - 1; l >= Math.max(0, line - REQUEST_LINES) && indent > 0; l--) {
      const sh = this.shape(l);
      if (sh.empty || sh.indent >= indent) continue;
      indent = sh.indent;
      if (CLASS_LINE.test(this.factsText(l))) {
        v = l;
        break;
      }
    }
    this.classLineMemo.set(line, v);
    return v;
  }

  /** The names a line may use a helper by (calls, values passed by name, a command, members), read once per line. */
  private helperWordsOf(line: number): { calls: string[]; members: string[]; commands: string[] } {
    let w = this.helperWords.get(line);
    if (w) return w;
    w = { calls: [] as string[], members: [] as string[], commands: [] as string[] };
    this.helperWords.set(line, w);
    const t = this.factsText(line);
    if (t.length > 2000) return w;
    const add = (list: string[], x: string | undefined): void => {
      if (x && x.length >= 3 && !NOT_HELPER.has(x) && !list.includes(x) && list.length < MAX_HELPER_WORDS) list.push(x);
    };
    CALL_WORD.lastIndex = 0;
    if (t.includes('(')) for (let m = CALL_WORD.exec(t); m; m = CALL_WORD.exec(t)) add(w.calls, m[1]);
    // Values passed by name (`{ headers }`, `headers: auth_headers`), and a shell function run as a command (`api /items`).
    VALUE_WORD.lastIndex = 0;
    for (let m = VALUE_WORD.exec(t); m; m = VALUE_WORD.exec(t)) add(w.calls, m[1]);
    add(w.calls, COMMAND_WORD.exec(t)?.[1]);
    add(w.commands, COMMAND_WORD.exec(t)?.[1]);
    MEMBER_WORD.lastIndex = 0;
    if (t.includes('this') || t.includes('self') || t.includes('@')) for (let m = MEMBER_WORD.exec(t); m; m = MEMBER_WORD.exec(t)) if (!w.members.includes(m[1] ?? m[2]) && w.members.length < MAX_HELPER_WORDS) w.members.push(m[1] ?? m[2]);
    // What the line defines itself is not a helper it uses (`function listItems(page)`).
    const own = this.defsOf(line);
    if (own.calls.length) w.calls = w.calls.filter((x) => !own.calls.includes(x));
    return w;
  }

  /** Only the members and the command of a line (cheaper than helperWordsOf: no call or value words). */
  private objectWordsOf(line: number): { calls: string[]; members: string[]; commands: string[] } {
    const known = this.helperWords.get(line) ?? this.objectWords.get(line);
    if (known) return known;
    const t = this.factsText(line);
    const w = { calls: [] as string[], members: [] as string[], commands: [] as string[] };
    this.objectWords.set(line, w);
    if (t.length > 2000) return w;
    const command = COMMAND_WORD.exec(t)?.[1];
    if (command && command.length >= 3 && !NOT_HELPER.has(command)) w.commands.push(command);
    MEMBER_WORD.lastIndex = 0;
    if (t.includes('this') || t.includes('self') || t.includes('@')) {
      for (let m = MEMBER_WORD.exec(t); m; m = MEMBER_WORD.exec(t)) if (!w.members.includes(m[1] ?? m[2]) && w.members.length < MAX_HELPER_WORDS) w.members.push(m[1] ?? m[2]);
    }
    return w;
  }

  private defsOf(line: number): { calls: string[]; members: string[] } {
    let d = this.lineDefs.get(line);
    if (!d) this.lineDefs.set(line, (d = definedNames(this.factsText(line))));
    return d;
  }

  /** A definition with its body: its statement (brackets), or the lines indented under it (Python, Ruby). */
  protected definitionBody(line: number): { from: number; to: number } {
    const st = this.statement(line);
    let to = st.to;
    if (to === line && line + 1 <= this.last && this.factsText(line + 1).trim() === '{') to = this.statement(line + 1).to;
    if (to === line) {
      const indent = this.shape(line).indent;
      for (let l = line + 1; l <= Math.min(this.last, line + REQUEST_LINES); l++) {
        const sh = this.shape(l);
        if (sh.empty) continue;
        if (sh.indent <= indent) break;
        to = l;
      }
    }
    return { from: st.from, to };
  }

  /** A line of the extent has a URL to a host other than Retrac's (a courier's). */
  protected namesOtherHost(ext: { from: number; to: number }): boolean {
    for (let l = ext.from; l <= ext.to; l++) {
      let other = this.otherHostLines.get(l);
      if (other === undefined) {
        const t = this.factsText(l);
        const field = t.includes('ost') || t.includes('OST') || t.includes('omain') || t.includes('OMAIN');
        other = ((t.includes('://') && OTHER_HOST_URL.test(t)) || (field && OTHER_HOST_FIELD.test(t)) || namesHostArgument(t)) && !t.includes('retrac.co');
        this.otherHostLines.set(l, other);
      }
      if (other) return true;
    }
    return false;
  }

  /**
   * Lines that use a name bound to a Retrac URL (`BASE = "https://api.retrac.co"`) within
   * FLOW_LINES of the binding; found once per scan for the facts region.
   */
  protected hostUses(): Set<number> {
    if (this.hostUseLines) return this.hostUseLines;
    const uses = (this.hostUseLines = new Set<number>());
    const a = this.factsBase;
    const b = Math.min(this.last, this.factsBase + this.facts.length - 1);
    const to = this.lineEnd(b);
    const bindings = new Map<string, number[]>();
    // Searched in the region's text only: the last search would otherwise run on to the document's end.
    const base = this.starts[a];
    const region = this.doc.slice(base, to);
    for (let k = region.indexOf('retrac.co'); k >= 0; k = region.indexOf('retrac.co', k + 9)) {
      const i = base + k;
      const line = lineOfOffset(this.starts, i);
      const name = this.hostNameFor(line);
      if (name) {
        const list = bindings.get(name);
        if (list) list.push(line);
        else bindings.set(name, [line]);
      }
      if (line + 1 > this.last) break;
      k = this.starts[line + 1] - 9 - base;
    }
    if (bindings.size > HOST_NAMES_BEFORE_INDEX) {
      // Many names: read each line's words once (the same answer as the windows below, in linear time).
      for (let l = a; l <= b; l++) {
        const t = this.factsText(l);
        WORD.lastIndex = 0;
        for (let m = WORD.exec(t); m; m = WORD.exec(t)) {
          const list = bindings.get(m[0]);
          if (list && list.some((x) => x !== l && Math.abs(x - l) <= FLOW_LINES)) {
            uses.add(l);
            break;
          }
        }
      }
      return uses;
    }
    for (const [name, lines] of bindings) {
      let covered = a - 1; // bindings come in order: a window starts where the last one ended
      for (const line of lines) {
        const wa = this.starts[Math.max(a, line - FLOW_LINES, covered + 1)];
        covered = Math.min(b, line + FLOW_LINES);
        const wb = this.lineEnd(covered);
        // Searched in a slice: a name that never comes again must not send indexOf to the end of the file.
        const win = this.doc.slice(wa, wb);
        for (let j = win.indexOf(name); j >= 0; j = win.indexOf(name, j + name.length)) {
          if (isWordChar(win.charCodeAt(j - 1)) || isWordChar(win.charCodeAt(j + name.length))) continue;
          const l = lineOfOffset(this.starts, wa + j);
          if (l !== line || lines.some((x) => x !== l && Math.abs(x - l) <= FLOW_LINES)) uses.add(l);
        }
      }
    }
    return uses;
  }

  /**
   * A line within REQUEST_LINES of `line` may hold a key token or sends a name as auth: without
   * one, no request there can carry a key. Each line is looked at once; asked out of order, the
   * answer may be a needless true, never a wrong false.
   */
  protected candidateNear(line: number): boolean {
    const upTo = Math.min(this.last, line + REQUEST_LINES);
    for (let l = Math.max(this.candScanned + 1, line - REQUEST_LINES); l <= upTo; l++) {
      // Cheap, on the document without copying the line: a long enough alphanumeric run (a key
      // token needs one), or an auth word followed by a name sent as auth.
      const a = this.starts[l];
      const b = this.lineEnd(l);
      let cand = hasRunOf(this.doc, this.prep.lengths.min, a, b);
      if (!cand) {
        const t = this.factsText(l);
        cand = AUTH_WORD.test(t) && authNames(t).length > 0;
      }
      if (cand) this.candLines.push(l);
    }
    this.candScanned = Math.max(this.candScanned, upTo);
    // The last candidate at or before upTo; lines before line - REQUEST_LINES are too far.
    const c = this.candLines;
    return c.length > 0 && c[c.length - 1] >= line - REQUEST_LINES;
  }

  /**
   * Like candidateNear, for full-access keys only: an unprefixed run long enough for a key, a name
   * sent as auth that is bound to an unprefixed key, or `.env` values that hold one.
   */
  protected fullCandidateNear(line: number): boolean {
    if (this.prep.hasFullEnvKey) return true;
    const upTo = Math.min(this.last, line + REQUEST_LINES);
    for (let l = Math.max(this.fullScanned + 1, line - REQUEST_LINES); l <= upTo; l++) {
      const a = this.starts[l];
      let cand = hasRunOf(this.doc, this.prep.lengths.min, a, this.lineEnd(l), true);
      if (!cand) {
        const t = this.factsText(l);
        cand = AUTH_WORD.test(t) && authNames(t).some((n) => this.fullDefinitionNear(lastSegment(n), l));
      }
      if (cand) this.fullLines.push(l);
    }
    this.fullScanned = Math.max(this.fullScanned, upTo);
    const c = this.fullLines;
    return c.length > 0 && c[c.length - 1] >= line - REQUEST_LINES;
  }

  /**
   * A full-access key bound to `name` that a request on `line` can reach (definitionOf looks FLOW_LINES
   * from the request's start). Definitions are in line order: a binary search, not a walk from the top
   * (a file of thousands of `token: …` lines asks this on every line).
   */
  private fullDefinitionNear(name: string, line: number): boolean {
    const defs = this.definitionsOf(name);
    const reach = FLOW_LINES + REQUEST_LINES;
    let lo = 0;
    let hi = defs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (defs[mid].line < line - reach) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < defs.length && defs[i].line <= line + reach; i++) if (defs[i].tok.keyType === 'full') return true;
    return false;
  }

  /** Some line of the request holds a key token or sends a name as auth. */
  protected hasCandidates(ext: { from: number; to: number }): boolean {
    for (let l = ext.from; l <= ext.to; l++) {
      const w = this.factsOf(l);
      if (this.keysOf(w, l).length || (w.authNames ??= authNames(w.text)).length) return true;
    }
    return false;
  }

  /**
   * Keys a request carries: literals on its lines sent as auth or named values, and the literals
   * that names it sends as auth are bound to (a constant, an attribute, a variable) within
   * FLOW_LINES; `.env` values come as env refs.
   */
  protected requestKeys(ext: { from: number; to: number }): RequestKey[] {
    const memo = this.requestKeyMemo.get(ext.from * 1e7 + ext.to);
    if (memo) return memo;
    const out: RequestKey[] = [];
    this.requestKeyMemo.set(ext.from * 1e7 + ext.to, out);
    const names = new Set<string>();
    const mixed = this.namesOtherHost(ext);
    for (let l = ext.from; l <= ext.to; l++) {
      const w = this.factsOf(l);
      for (const tok of this.keysOf(w, l)) out.push({ tok, line: l, sent: isSentToken(tok), flow: false });
      const sent = (w.authNames ??= authNames(w.text));
      // A name sent by a statement that goes to another host (a courier's token) is not sent by this request.
      if (sent.length && (!mixed || !this.namesOtherHost(this.statement(l)))) {
        // In a config document a bare value is a string (`auth_method: bearer_token`), not a name: only interpolations name.
        for (const n of sent) if (!this.prep.configDocument || isInterpolated(w.text, n)) names.add(n);
      }
    }
    for (const name of names) {
      const dot = name.lastIndexOf('.');
      const def = dot < 0 ? this.definitionOf(name, ext.from) : this.memberDefinitionOf(name.slice(0, dot), name.slice(dot + 1), ext.from);
      if (!def) continue;
      const same = out.find((o) => o.line === def.line && o.tok.start === def.tok.start);
      if (same) {
        same.sent = true;
        same.flow = true;
      } else out.push({ ...def, sent: true, flow: true });
    }
    return out;
  }

  /**
   * The key literal `owner.member` reads (`RetracConfig.apiKey`, `Secrets.retracToken`): a definition of
   * the member inside an object, class or block that `owner`'s last part names (on the definition's
   * line, or on the nearest less-indented line above it), so another object's member of the same
   * name (`courier.apiKey`) is not taken for it.
   */
  private memberDefinitionOf(owner: string, member: string, near: number): { tok: KeyToken; line: number } | undefined {
    const ownerName = lastSegment(owner);
    if (ownerName.length < 2) return undefined;
    // `local.retrac_token` reads Terraform's `locals { … }`: an owner may be named in the plural.
    const named = new RegExp(`(?<![\\w$])${ownerName.replace(/\$/g, '\\$')}s?(?![\\w$])`);
    for (const d of this.definitionsOf(member)) {
      if (d.line < near - FLOW_LINES || d.line > near + FLOW_LINES) continue;
      const text = this.factsText(d.line);
      // The owner's name just before the member on its line (`Config = { apiKey: … }`): a bounded window,
      // so a long line of many definitions is read once per definition, not to its start each time.
      if (named.test(text.slice(Math.max(0, d.tok.start - MEMBER_OWNER_WINDOW), d.tok.start))) return d;
      const indent = text.length - text.trimStart().length;
      for (let l = d.line - 1; l >= Math.max(0, d.line - CONTEXT_LINES); l--) {
        const t = this.factsText(l);
        if (!t.trim()) continue;
        if (t.length - t.trimStart().length < indent) {
          if (named.test(t)) return d;
          break;
        }
      }
    }
    return undefined;
  }

  /** The key literal a name is bound to, nearest above the request first, within FLOW_LINES. */
  private definitionOf(name: string, near: number): { tok: KeyToken; line: number } | undefined {
    const defs = this.definitionsOf(name);
    let best: { tok: KeyToken; line: number } | undefined;
    for (const d of defs) {
      if (d.line < near - FLOW_LINES) continue;
      if (d.line <= near) best = d;
      else return best ?? (d.line <= near + FLOW_LINES ? d : undefined);
    }
    return best;
  }

  /**
   * Every line of the facts region that binds `name` to a key literal, in order. Searched per name;
   * past DEF_NAMES_BEFORE_INDEX names, one pass indexes them all (the same answers, bounded work).
   */
  private definitionsOf(name: string): { tok: KeyToken; line: number }[] {
    const known = this.defsByName.get(name);
    if (known) return known;
    if (this.defIndexed) return [];
    const a = this.factsBase;
    const b = Math.min(this.last, this.factsBase + this.facts.length - 1);
    if (this.defsByName.size >= DEF_NAMES_BEFORE_INDEX) {
      this.defIndexed = true;
      for (let l = a; l <= b; l++) {
        for (const tok of this.keysOf(this.factsOf(l), l)) {
          for (const n of namesBoundTo(this.assignedVariableOf(l), tok, this.factsText(l))) {
            let list = this.defsByName.get(n);
            if (!list) this.defsByName.set(n, (list = []));
            if (!list.some((d) => d.line === l && d.tok === tok)) list.push({ tok, line: l });
          }
        }
      }
      for (const list of this.defsByName.values()) list.sort((x, y) => x.line - y.line || x.tok.start - y.tok.start);
      return this.defsByName.get(name) ?? [];
    }
    const out: { tok: KeyToken; line: number }[] = [];
    const from = this.starts[a];
    // The region's text only: a search past its end would run on to the document's end, per name.
    const region = this.doc.slice(from, this.lineEnd(b));
    for (let k = region.indexOf(name); k >= 0; k = region.indexOf(name, k + name.length)) {
      const i = from + k;
      if (isWordChar(this.doc.charCodeAt(i - 1)) || isWordChar(this.doc.charCodeAt(i + name.length))) continue;
      const l = lineOfOffset(this.starts, i);
      for (const tok of this.keysOf(this.factsOf(l), l)) {
        if (namesBoundTo(this.assignedVariableOf(l), tok, this.factsText(l)).includes(name)) out.push({ tok, line: l });
      }
      // `token =` / `    "…"`: the value alone on the line below its binding.
      if (l + 1 <= b && endsWithAssignment(this.factsText(l))) {
        for (const tok of this.keysOf(this.factsOf(l + 1), l + 1)) {
          // Pushed at most once: only a name on this line reads the line below, and the next line is searched after it.
          if (tok.name !== undefined && lastSegment(tok.name) === name && out[out.length - 1]?.tok !== tok) out.push({ tok, line: l + 1 });
        }
      }
      if (l + 1 > this.last) break;
      k = this.starts[l + 1] - name.length - from;
    }
    this.defsByName.set(name, out);
    return out;
  }
}

/**
 * The names a key literal on a line is bound to: its own name, and the variable the line assigns
 * when the literal is the value assigned (`const RETRAC_KEY = Deno.env.get('RETRAC_API_KEY') ?? '…'`
 * binds both the env name and RETRAC_KEY: a request that sends RETRAC_KEY sends the fallback).
 */
function namesBoundTo(assigned: string | undefined, tok: KeyToken, text: string): string[] {
  const own = tok.name === undefined ? undefined : lastSegment(tok.name);
  const variable = tok.via === 'assign' ? assigned : undefined;
  if (variable === undefined || variable === own || text.indexOf(variable) > tok.start) return own === undefined ? [] : [own];
  return own === undefined ? [variable] : [own, variable];
}
