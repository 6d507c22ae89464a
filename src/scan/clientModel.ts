// How clients are configured once and used many times: configuration blocks, declarations in a
// class body, classes whose base URL is Retrac's, interceptors and middleware, service interfaces
// bound to a client. The rules (scanner.ts) ask it where a request's key comes from when the
// request itself shows none; it sits on the request model.
import type { KeyToken } from './keyTokens';
import { CONTEXT_LINES, FLOW_LINES, REQUEST_LINES } from './lineModel';
import { isGenericKeyName, nameSaysRetracKey } from './names';
import { BASE_FIELD, RequestModel } from './requestModel';
import { assignedVariable } from './structure';
import { languageIdFor } from './syntax';
import { hasRunOf, lineOfOffset } from './text';

/** `client = HttpClient(CIO) {`, `val http = OkHttpClient.Builder().apply {`: a client assigned from a call with a configuration block. */
const CLIENT_BLOCK = /=\s{0,4}(?:new\s+)?[A-Z][\w.:<>]{0,80}\([^()]{0,120}\)[\w.]{0,40}\s{0,4}\{\s{0,4}$/;
/** A declaration: a bare call of a word, its arguments after a blank or a bracket (`base_uri '…'`, `plug X, …`, `headers(…)`). */
const DECLARATION = /^[ \t]*[A-Za-z_][\w.:]{0,60}(?:[ \t]+[^ \t=]|\()/;
/** Opens a class or module body (Ruby, Elixir, Python, Kotlin, Scala…). */
const CLASS_OPENER = /^[ \t]*(?:(?:public|private|internal|open|final|abstract|export|default|sealed|data)[ \t]+)*(?:class|module|defmodule|object|enum|struct|impl|extension)[ \t]/;
/** A member that gives a client its base URL: `var baseURL: URL { … }`, `resolveBaseUrl()`, `def base_url`, `getBaseUri()`. */
const BASE_MEMBER = /(?:base_?ur[li]|baseU(?:RL|rl|ri)|BaseAddress|base_?address|prefix_?url)\b/i;
/** A variable assigned a call whose first argument is a Retrac base URL (no path): a client constructed for it. */
const BASE_URL_FIRST_ARGUMENT = /[A-Za-z_]\w*[ \t]*(?::=|=(?![=>]))[ \t]*(?:(?:check|await|new|try|const)[ \t]+)*[\w.:$]{0,60}[ \t]*\([ \t]*["'`]https:\/\/(?:[\w-]+\.)*retrac\.co\/?["'`][ \t]*[,)]/;
/** A call on a capitalised name: `InventoryItem.find(`, `Item::all(`. */
const CLASS_RECEIVER = /(?<![\w.$])([A-Z][A-Za-z0-9_]{1,60})(?:\.|::)[a-z_]\w{0,40}[ \t]*\(/;
const INTERCEPTOR = /(?:intercept|RoundTrip|roundTrip|willSendRequest|prepareHeaders|onRequest|beforeRequest|auth_flow|DelegatingHandler|SendAsync|RequestInterceptor|ExchangeFilterFunction|[Mm]iddleware)/;
/**
 * Defaults set once for every request a script makes after them, like an interceptor's: a DuckDB HTTP
 * secret (`CREATE SECRET … (TYPE http, EXTRA_HTTP_HEADERS …)`), httr's `set_config(add_headers(…))`,
 * PowerShell's `$PSDefaultParameterValues['Invoke-RestMethod:Headers']`, urllib's `opener.addheaders`.
 */
const SESSION_DEFAULTS = /\bCREATE[ \t]+(?:OR[ \t]+REPLACE[ \t]+)?(?:PERSISTENT[ \t]+|TEMPORARY[ \t]+)?SECRET\b|\bset_config[ \t]*\(|\$PSDefaultParameterValues\b|\.addheaders\b/i;
/** A Retrac URL on the line ends at its host (or `/`) and a quote: a base URL, the only kind BASE_URL_FIRST_ARGUMENT takes. */
function endsAtBaseUrl(t: string): boolean {
  for (let i = t.indexOf('retrac.co'); i >= 0; i = t.indexOf('retrac.co', i + 9)) {
    let j = i + 9;
    if (t.charCodeAt(j) === 47 /* / */) j++;
    const c = t.charCodeAt(j);
    if (c === 34 || c === 39 || c === 96) return true;
  }
  return false;
}

/** The last non-blank character's code of a line, or NaN. */
function lastCharCode(t: string): number {
  let e = t.length;
  while (e > 0 && (t.charCodeAt(e - 1) === 32 || t.charCodeAt(e - 1) === 9)) e--;
  return t.charCodeAt(e - 1);
}

function isSessionDefault(t: string): boolean {
  return t.length < 400 && (t.includes('ECRET') || t.includes('ecret') || t.includes('set_config') || t.includes('PSDefault') || t.includes('addheaders')) && SESSION_DEFAULTS.test(t);
}
/** `interface InventoryService {`: a declared HTTP service (Retrofit, Feign, Refit). */
const SERVICE_OPENER = /^[ \t]*(?:(?:public|internal|private)[ \t]+)?interface[ \t]+([A-Z]\w*)/;
/** `InventoryService::class.java`, `InventoryApi.class`, `create<InventoryService>()`, `RestService.For<IApi>(…)`. */
const SERVICE_REF = /\b([A-Z]\w{0,80})(?:::class\b|\.class\b)|\b(?:create|For)<([A-Z]\w{0,80})>/;

/** An attribute or annotation alone on its line: `[Header("Authorization", "…")]`, `@Headers({…})`. */
const ATTRIBUTE_LINE = /^[ \t]*(?:\[[A-Z][\w.]{0,80}(?:\(.*\))?\]|@[A-Za-z_][\w.]{0,80}(?:\(.*\))?)[ \t]*$/;
/** Languages whose lines are commands: a declaration there is a command line, not a client's configuration. */
const SHELL_LIKE = new Set(['shellscript', 'powershell', 'bat', 'makefile', 'dockerfile']);

/** The first restricted key among a request's keys. */
export function restrictedKeyIn(keys: readonly { tok: KeyToken }[]): string | undefined {
  return keys.find((k) => k.tok.keyType === 'restricted')?.tok.key;
}

/** Sent as auth: after `Bearer`, into an auth helper, or under a generic key name (`token: "…"`). */
export function isAuthToken(tok: KeyToken): boolean {
  return tok.via === 'bearer' || tok.via === 'host' || isGenericKeyName(tok.name ?? '');
}

/** The per-scan caches of client configuration, and the queries over them. */
export abstract class ClientModel extends RequestModel {
  private readonly interceptorMemo = new Map<number, boolean>();
  private readonly interceptedMemo = new Map<number, boolean>();

  /**
   * A client configured by declarations in a class or module body (`base_uri '…'` / `headers
   * 'Authorization' => …` with HTTParty, `plug Tesla.Middleware.BaseUrl, …` / `plug
   * Tesla.Middleware.BearerAuth, token: …`): the one-line declarations at the same indent around a
   * declaration that names the URL, up to a blank line, within CONTEXT_LINES.
   */
  protected declarationsAround(line: number): { from: number; to: number } | undefined {
    const isDecl = (l: number): boolean => {
      const t = this.text(l);
      const st = this.statement(l);
      return st.from === l && st.to === l && DECLARATION.test(t) && assignedVariable(t) === undefined;
    };
    // Shell-like files are commands, one per line: `echo … retrac` above `kubectl … --from-literal=token=…` declares no client.
    if (this.prep.paragraphs || SHELL_LIKE.has(this.prep.options.languageId ?? languageIdFor(this.prep.options.fileName)) || !isDecl(line)) return undefined;
    const indent = this.shape(line).indent;
    const same = (l: number): boolean => !this.shape(l).empty && this.shape(l).indent === indent && isDecl(l);
    let from = line;
    while (from > Math.max(0, line - CONTEXT_LINES) && same(from - 1)) from--;
    let to = line;
    while (to < Math.min(this.last, line + CONTEXT_LINES) && same(to + 1)) to++;
    return from < to ? { from, to } : undefined;
  }

  /**
   * The declarations of a Retrac client in the class or module that encloses `line` (HTTParty
   * `base_uri`/`headers`, Tesla `plug`s): requests made in its methods go there with its auth.
   * The class opener is looked for within REQUEST_LINES, its declarations within CONTEXT_LINES under it.
   */
  protected classClientAround(line: number): { from: number; to: number } | undefined {
    if (this.prep.paragraphs) return undefined;
    let indent = this.shape(line).indent;
    for (let l = line - 1; l >= Math.max(0, line - REQUEST_LINES); l--) {
      const sh = this.shape(l);
      if (sh.empty || sh.indent >= indent || this.text(l).trim() === '{') continue;
      indent = sh.indent;
      const service = SERVICE_OPENER.exec(this.text(l));
      if (service) {
        // Annotations on the interface itself may name the URL (`@RegisterRestClient(baseUri = "…")`).
        const head = this.statement(l);
        if (head.from < l && this.sendsToRetrac({ from: head.from, to: l })) return { from: head.from, to: Math.max(head.to, this.bodyOf(l).to) };
        return this.serviceBound(l, service[1]);
      }
      if (!CLASS_OPENER.test(this.text(l))) continue;
      for (let d = l + 1; d <= Math.min(this.last, l + CONTEXT_LINES); d++) {
        if (!this.factsOf(d).retracTarget) continue;
        // A field or attribute that sets the class's base URL (`override baseURL = '…'` in an Apollo data
        // source, `host = "…"` on a Locust user): every request of the class goes there, with the auth set in it.
        if (this.bindsBaseField(d)) return this.definitionBody(l);
        const decl = this.declarationsAround(d);
        return decl && this.sendsToRetrac(decl) ? decl : undefined;
      }
      return undefined;
    }
    return undefined;
  }

  /** The line binds a Retrac URL to a base-URL field: `override baseURL = '…'`, `host = "…"`, `base_url = "…"`. */
  protected bindsBaseField(line: number): boolean {
    const h = this.factsOf(line).hostName;
    if (h !== undefined && BASE_FIELD.test(h)) return true;
    // A client constructed with the base URL as its first argument: `inventory = check new ("https://api.retrac.co", auth = …)`
    // (Ballerina), `client = Client("https://api.retrac.co")`, `api := NewClient("https://api.retrac.co/")`.
    const t = this.factsText(line);
    if (t.length < 400 && endsAtBaseUrl(t) && BASE_URL_FIRST_ARGUMENT.test(t)) return true;
    // A base-URL member: on the line (`var baseURL: URL { URL(string: "…")! }`) or its header up to two lines above.
    for (let l = line, seen = 0; l >= Math.max(0, line - 6) && seen < 3; l--) {
      const sh = this.shape(l);
      if (sh.empty && l < line) continue;
      const t = this.text(l);
      if (t.length < 400 && BASE_MEMBER.test(t)) return true;
      seen++;
    }
    return false;
  }

  /** The body of the class whose base-URL field line `line` sets (the class opener within CONTEXT_LINES above). */
  protected classOfBaseField(line: number): { from: number; to: number } | undefined {
    if (this.prep.paragraphs || !this.bindsBaseField(line)) return undefined;
    let indent = this.shape(line).indent;
    for (let l = line - 1; l >= Math.max(0, line - CONTEXT_LINES); l--) {
      const sh = this.shape(l);
      // A lone `{` (Allman style) belongs to the header above it.
      if (sh.empty || sh.indent >= indent || this.text(l).trim() === '{') continue;
      indent = sh.indent;
      if (CLASS_OPENER.test(this.text(l))) return this.definitionBody(l);
      if (indent === 0) return undefined;
    }
    return undefined;
  }

  /** An enclosing header within REQUEST_LINES (by indentation) is an interceptor or a middleware. */
  protected inInterceptor(line: number): boolean {
    let v = this.interceptorMemo.get(line);
    if (v !== undefined) return v;
    // Session defaults on a header above the line (`CREATE SECRET … (`); on the line itself, see inSessionDefaults.
    v = false;
    let indent = this.shape(line).indent;
    for (let l = line - 1; l >= Math.max(0, line - REQUEST_LINES) && indent > 0 && !v; l--) {
      const sh = this.shape(l);
      if (sh.empty || sh.indent >= indent) continue;
      indent = sh.indent;
      const t = this.text(l);
      // A session-default header opens its arguments at its end: `CREATE SECRET inv (`.
      v = t.length < 400 && (INTERCEPTOR.test(t) || (lastCharCode(t) === 40 /* ( */ && isSessionDefault(t)));
    }
    this.interceptorMemo.set(line, v);
    return v;
  }

  /**
   * What an interceptor adds goes where the requests around it go: a Retrac URL within FLOW_LINES,
   * and no URL of another host there.
   */
  /** The line itself sets session defaults (`set_config(add_headers(…))`, `$PSDefaultParameterValues[…] = …`). */
  protected inSessionDefaults(line: number): boolean {
    return isSessionDefault(this.text(line));
  }

  protected interceptedToRetrac(line: number): boolean {
    if (!this.inInterceptor(line) && !this.inSessionDefaults(line)) return false;
    const known = this.interceptedMemo.get(line);
    if (known !== undefined) return known;
    const v = this.readInterceptedToRetrac(line);
    this.interceptedMemo.set(line, v);
    return v;
  }

  protected readInterceptedToRetrac(line: number): boolean {
    let retrac = false;
    for (let l = Math.max(0, line - FLOW_LINES); l <= Math.min(this.last, line + FLOW_LINES); l++) {
      const t = this.factsText(l);
      if (!t.includes('://') && !t.includes('host') && !t.includes('domain')) continue;
      if (this.namesOtherHost({ from: l, to: l })) return false;
      if (!retrac && t.includes('retrac.co')) retrac = this.factsOf(l).retracTarget;
    }
    return retrac;
  }

  /** The body of `class X` (within REQUEST_LINES) when a line calls `X.method(…)` / `X::method(…)`. */
  protected classCalledOn(s: string, line: number): { from: number; to: number } | undefined {
    const m = CLASS_RECEIVER.exec(s);
    if (!m) return undefined;
    const opener = new RegExp(`^[ \\t]*(?:(?:public|export|final|abstract)[ \\t]+)*class[ \\t]+${m[1]}\\b`);
    for (let l = Math.max(0, line - REQUEST_LINES); l <= Math.min(this.last, line + REQUEST_LINES); l++) {
      if (l !== line && this.factsText(l).includes(m[1]) && opener.test(this.factsText(l))) return this.definitionBody(l);
    }
    return undefined;
  }

  /** The full-access key of a statement within REQUEST_LINES that sets a Retrac base URL and auth together. */
  protected configuredClientKeyNear(line: number): { full?: string; fullEnv?: string } {
    for (const cfg of this.configuredClientsNear(line)) {
      const k = this.fullKeyOf(cfg);
      if (k.full || k.fullEnv) return k;
    }
    return {};
  }

  /** Like configuredClientKeyNear, for a restricted key. */
  protected configuredRestrictedNear(line: number): { key?: string; env?: string } {
    for (const cfg of this.configuredClientsNear(line)) {
      const key = restrictedKeyIn(this.requestKeys(cfg));
      if (key) return { key };
      for (let l = cfg.from; l <= cfg.to; l++) {
        const r = this.envRefsOf(this.factsOf(l)).find((e) => e.keyType === 'restricted');
        if (r) return { env: r.name };
      }
    }
    return {};
  }

  /** Statements within REQUEST_LINES that set a Retrac base URL (a client configured once), going nowhere else. */
  protected configuredClientsNear(line: number): { from: number; to: number }[] {
    const out: { from: number; to: number }[] = [];
    const lo = Math.max(0, line - REQUEST_LINES);
    const hi = Math.min(this.last, line + REQUEST_LINES);
    // Only lines with a Retrac URL can set the base: found in the window's text (a slice: a search must not run
    // on to the end of the file), without reading every line's facts.
    const a = this.starts[lo];
    const win = this.doc.slice(a, this.lineEnd(hi));
    for (let i = win.indexOf('retrac.co'); i >= 0; i = win.indexOf('retrac.co', i + 9)) {
      const l = lineOfOffset(this.starts, a + i);
      if (l + 1 <= hi) i = this.starts[l + 1] - a - 9;
      else i = win.length;
      if (!this.factsOf(l).retracTarget || !this.bindsBaseField(l)) continue;
      // The class (Saloon connector), the block (`provider "restapi" { uri = …, headers = … }`) or the statement that sets it.
      const opener = this.openerAbove(l, CONTEXT_LINES);
      const cfg = this.classOfBaseField(l) ?? (opener >= 0 && !this.shape(opener).blockOpen ? this.bodyOf(opener) : this.requestWindow(l));
      if (!this.namesOtherHost(cfg) && !out.some((c) => c.from === cfg.from)) out.push(cfg);
    }
    return out;
  }

  /** A key (or a `.env` name holding one) that an interceptor within REQUEST_LINES adds to requests that go to Retrac. */
  protected interceptorKeyNear(line: number, keyType: 'full' | 'restricted'): { key?: string; env?: string } {
    for (let l = Math.max(0, line - REQUEST_LINES); l <= Math.min(this.last, line + REQUEST_LINES); l++) {
      // The interceptor first (memoised, shapes only): most lines are in none, and their key tokens are not needed.
      if (!this.inInterceptor(l) && !(hasRunOf(this.doc, this.prep.lengths.min, this.starts[l], this.lineEnd(l)) && this.inSessionDefaults(l))) continue;
      const f = this.factsOf(l);
      const tok = this.keysOf(f, l).find((k) => k.keyType === keyType && isAuthToken(k));
      const env = tok ? undefined : this.envRefsOf(f).find((e) => e.keyType === keyType);
      if ((tok || env) && this.interceptedToRetrac(l)) return tok ? { key: tok.key } : { env: env!.name };
    }
    return {};
  }

  /**
   * A service interface a Retrac request binds (`retrofit.create(InventoryService::class.java)`,
   * `Feign.builder().target(InventoryApi.class, url)`): the interface's body, declared within
   * REQUEST_LINES of the request, whose annotations (`@Headers("Authorization: …")`) it sends.
   */
  protected serviceBoundIn(ext: { from: number; to: number }): { from: number; to: number } | undefined {
    for (let l = ext.from; l <= ext.to; l++) {
      const t = this.text(l);
      if (!t.includes('class') && !t.includes('<')) continue;
      const ref = SERVICE_REF.exec(t);
      const name = ref?.[1] ?? ref?.[2];
      if (!name) continue;
      for (let d = Math.max(0, ext.from - REQUEST_LINES); d <= Math.min(this.last, ext.to + REQUEST_LINES); d++) {
        if (SERVICE_OPENER.exec(this.text(d))?.[1] === name) return this.withAttributesAbove(d, this.bodyOf(d));
      }
    }
    return undefined;
  }

  /**
   * A declaration's extent with the attributes and annotations alone on the lines just above it: what
   * `[Headers("Authorization: …")]` (Refit), `[Header("Authorization", …)]` (RestEase) or `@Headers(…)` (Feign)
   * say on an interface applies to all its methods.
   */
  protected withAttributesAbove(line: number, ext: { from: number; to: number }): { from: number; to: number } {
    let from = Math.min(line, ext.from);
    for (let l = from - 1; l >= Math.max(0, line - CONTEXT_LINES); l--) {
      const t = this.text(l);
      if (t.length > 400 || !ATTRIBUTE_LINE.test(t)) break;
      from = l;
    }
    return { from, to: ext.to };
  }

  /** A declaration with its body, also when the body's `{` stands on the next line (Allman style). */
  protected bodyOf(line: number): { from: number; to: number } {
    const st = this.statement(line);
    const next = line + 1 <= this.last && this.text(line + 1).trim() === '{' ? this.statement(line + 1) : undefined;
    return next && st.to === line ? { from: line, to: next.to } : st;
  }

  /** The body of service interface `name` opened on `line`, when a Retrac request within REQUEST_LINES binds it. */
  protected serviceBound(line: number, name: string): { from: number; to: number } | undefined {
    const body = this.bodyOf(line);
    for (let l = Math.max(0, line - REQUEST_LINES); l <= Math.min(this.last, body.to + REQUEST_LINES); l++) {
      if (l >= body.from && l <= body.to) continue;
      const t = this.text(l);
      if (!t.includes(name)) continue;
      const ref = SERVICE_REF.exec(t);
      if ((ref?.[1] ?? ref?.[2]) === name && this.sendsToRetrac(this.requestWindow(l))) return this.withAttributesAbove(line, body);
    }
    return undefined;
  }

  /**
   * The statement of a client constructor whose configuration block encloses `line`
   * (`val client = HttpClient(CIO) {`), within REQUEST_LINES.
   */
  protected clientBlockAround(line: number): { from: number; to: number } | undefined {
    let depth = 0;
    for (let l = line - 1; l >= Math.max(0, line - REQUEST_LINES); l--) {
      const sh = this.shape(l);
      if (sh.empty) continue;
      depth -= sh.net;
      if (depth >= 0) continue;
      const t = this.text(l);
      return CLIENT_BLOCK.test(t) ? this.statement(l) : undefined;
    }
    return undefined;
  }

  /** The full-access key (or env name holding one) a Retrac request sends, if any. */
  protected fullKeyOf(ext: { from: number; to: number }, line?: number): { full?: string; fullEnv?: string } {
    // When the joined statements also go to another host, a literal counts only in the statement of the path itself.
    const mixed = line !== undefined && this.namesOtherHost(ext) ? this.statement(line) : undefined;
    for (const k of this.requestKeys(ext)) {
      if (mixed && !k.flow && (k.line < mixed.from || k.line > mixed.to)) continue;
      if (k.tok.keyType === 'full' && (k.sent || nameSaysRetracKey(k.tok.name ?? ''))) return { full: k.tok.key };
    }
    for (let l = ext.from; l <= ext.to; l++) {
      const r = this.envRefsOf(this.factsOf(l)).find((e) => e.keyType === 'full');
      if (r) return { fullEnv: r.name };
    }
    return {};
  }
}
