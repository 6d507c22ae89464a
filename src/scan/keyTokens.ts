// Key tokens of one line: `retrac_` keys wherever they stand, and unprefixed (full-access) keys
// only where the line says what they are (after `Bearer` or in an auth helper, or as the value of
// a name); and how each is introduced. A name may come from a partner on the lines above
// (`"key": "RETRAC_API_KEY"` then `"value": "…"`), read through `lineText`.
import { RESTRICTED_PREFIX } from '../api/keys';
import {
  aplAssignment, credentialService, dataDirectiveLabel, echoedInto, hostBlockLabel, isProseFileName, keywordDeclaration, lispDefinition, namesRetracHost, ownerKeyValueCall,
  namesRetracIndexCredential, pathNameBefore, proseLabel, retracClientArgument, SqlColumnLists, sqlTupleCellName, typedDeclaration,
} from './boundNames';
import { alnumRunEnd, isAlnum, isIdentChar, isImplausibleKeyBody, type KeyLengths } from './keyShape';
import { isGenericKeyName, lastSegment, nameSaysRetracKey } from './names';
import type { KeyType } from './prepare';
import { AlnumRuns, assignedName, isBlank, isQuote, isTokenEnd, isTokenStart, isWordChar } from './text';

export interface KeyToken {
  start: number; // offsets into the line
  end: number;
  key: string;
  keyType: KeyType;
  /** `host`: credentials bound to a Retrac host by their own syntax (URL userinfo, `.netrc` machine, a host-named field). */
  via: 'bare' | 'bearer' | 'assign' | 'host';
  name?: string;
}

/** A Retrac host (`api.retrac.co`, `npm.retrac.co:443`, `retrac.co`): credentials bound to it are Retrac keys. */
const RETRAC_HOST = /^(?:[\w-]+\.)*retrac\.co(?::\d{1,5})?$/i;
/** The host of a URL's authority after its userinfo: `…@api.retrac.co/v1`. */
const HOST_AFTER_AT = /^@([A-Za-z0-9.-]{1,120}(?::\d{1,5})?)/;
/** `.netrc` / `.authinfo`: `machine HOST` then `login …` and `password …` on that line or the lines below. */
/** The host a token at [start, end) is the userinfo of (`//KEY@host`, `//user:KEY@host`), or undefined. */
function userinfoHost(s: string, start: number, end: number): string | undefined {
  if (s.charCodeAt(end) !== 64 /* @ */) return undefined;
  const slashes = s.lastIndexOf('//', start);
  if (slashes < Math.max(0, start - 120) || /[\s/"'`]/.test(s.slice(slashes + 2, start))) return undefined;
  return HOST_AFTER_AT.exec(s.slice(end, end + 130))?.[1];
}

/** A token that ends at `@` is a key only as the userinfo of a URL to a Retrac host. */
function endsAsRetracUserinfo(s: string, start: number, end: number): boolean {
  const host = userinfoHost(s, start, end);
  return host !== undefined && RETRAC_HOST.test(host);
}

const NETRC_MACHINE = /(?:^|\s)(?:machine\s+(\S{1,200})|default)(?=\s|$)/g;
const NETRC_PASSWORD = /(?:^|\s)(?:password|passwd)\s+$/;
const HOST_SCOPED_AUTH = /\/\/([A-Za-z0-9.-]{1,120}(?::\d{1,5})?)\/[^\s"'=]{0,80}:_(?:authToken|auth|password)["']?\s*[= ]\s*["']?$/;
/** Lines a `.netrc` machine line may sit above its password. */
const NETRC_LINES = 8;

const AUTH_CALL_BEFORE =
  /(?:\b(?:bearer_?auth|set_?bearer_?(?:token|auth)|with_?(?:bearer_?)?token|(?:set_?|with_?)?basic_?auth|httpbasicauth|token_?auth|bearer_?tokens?|set_?auth_?token|auth|\w*authenticator)\s*\(\s*\(?\s*[&*]?\s*|\bauth["']?\s*(?:=>|[=:])\s*\(?\s*\[?\s*|(?:^|[\s{(,])(?:-u|--user|-a|--auth|--oauth2-bearer|--bearer|:oauth-token)\s+["']?|\bbearer\s*(?:\{\}|%s|%v)["'`]\s*,\s*)$/i;
const SPACE = /\s/;

/**
 * The name of a call just before the value: `name(` or `name {` (then an optional `(`, `&`, `*`),
 * its last 64 word characters; read by AUTH_CALL_NAME. Read backwards: a regex anchored at `$`
 * tries every position, for every key.
 */
function callNameBefore(s: string): string | undefined {
  const spacesBefore = (end: number): number => {
    while (end > 0 && SPACE.test(s[end - 1])) end--;
    return end;
  };
  let p = spacesBefore(s.length);
  if (s[p - 1] === '&' || s[p - 1] === '*') p = spacesBefore(p - 1);
  const wordBefore = (bracket: number): string | undefined => {
    const end = spacesBefore(bracket);
    let b = end;
    while (b > 0 && end - b < 64 && isWordChar(s.charCodeAt(b - 1))) b--;
    return b < end ? s.slice(b, end) : undefined;
  };
  // `name((`: the inner `(` is the optional one, and that reading starts further left, as a regex match would.
  if (s[p - 1] === '(') {
    const q = spacesBefore(p - 1);
    if (s[q - 1] === '(' || s[q - 1] === '{') {
      const outer = wordBefore(q - 1);
      if (outer !== undefined) return outer;
    }
  }
  return s[p - 1] === '(' || s[p - 1] === '{' ? wordBefore(p - 1) : undefined;
}
/** A call without brackets before a quoted value: `AuthorizationBearer "…"` (F#), `bearer_auth "…"` (Ruby, Crystal). */
const BEARER_JOINED_BEFORE = /(?<![A-Za-z])bearer[ \t]*["'`][ \t]*(?:\+\+?|\.\.?|<>|\|\||&|,|~)?[ \t]*$/i;
const BINDING_BEFORE = /(?:^|[;{\s\\])(?:#[ \t]*define|setenv|set(?:[ \t]+-{1,2}[A-Za-z]{1,12}){0,3})[ \t]+\$?([A-Za-z_]\w{0,60})[ \t]+["']?$/;
const ROBOT_VARIABLE_BEFORE = /(?:^|[ \t])[$@&%]\{([A-Za-z_][\w.-]{0,60})\}=?(?:[ \t]{2,}|\t)$/;
const BARE_CALL_BEFORE = /(?:^|[\s(;|])([A-Za-z_][\w-]{2,40})[ \t]+$/;
/**
 * Auth helpers by what their name says they do: a bearer or basic auth, an authenticator, setting a
 * token (`.bearer_auth(…)`, `req_auth_bearer_token(…)`, `WithOAuthBearerToken(…)`, `.auth.bearer(…)`,
 * `JwtAuthenticator(…)`, `Http::withToken(…)`, `SetAuthToken(…)`, `HTTPBasicAuth(…)`).
 */
// `Credentials.basic(…)` (OkHttp), `new NetworkCredential(…)` / `UsernamePasswordCredentials(…)`: credentials by what the call makes.
const AUTH_CALL_NAME = /bearer|basic_?auth|authenticat|^(?:set|with|use|add)\w*token$|^token_?auth$|^auth$|^basic$|credentials?$/i;
const ENV_FALLBACK_BEFORE =
  /([A-Za-z_][\w.-]*)["'\]]*\)*(?:\s*\.\s*(?:unwrap_or(?:_else)?|or_else|orElse(?:Get)?|getOrElse|getOrDefault)\s*\((?:\s*\|[^|]*\|\s*)?)?\s*(?:\|\||\?\?|\?:|\bor\b|,|:-|:=|:|\{)?\s*$/;
// `TEXT("…")` / `_T("…")` (Unreal, Win32), `QStringLiteral("…")` (Qt), `CFSTR("…")`: string macros wrap the literal.
const WRAPPER_BEFORE = /(?:(?:JSON\.stringify|String|str|SecretStr|Secret|SecretString|Some|Ok|TEXT|_T|_TEXT|QStringLiteral|QLatin1String|CFSTR|wxT)\s*\(|ConvertTo-SecureString(?:\s+-String)?|(?<=(?:[:=]|=>)[ \t]{0,3})[[{])\s*$/;
/** An option constant that says bearer before its value: `curl_setopt($ch, CURLOPT_XOAUTH2_BEARER, '…')`, `pycurl.XOAUTH2_BEARER, "…"`. */
const BEARER_OPTION_BEFORE = /[A-Z][A-Z0-9_]{0,40}(?:BEARER|USERPWD)[ \t]*,[ \t]*$/;
/** An env lookup before a fallback: `process.env.`, `getenv(`, `os.environ`, `ENV[`, `${`, `Environment.`, `System.get_env(`. */
const ENV_LOOKUP = /env|environ|\$\{/i;
// `useValue` names its partner by `provide` (Angular's dependency injection: `{ provide: RETRAC_API_KEY, useValue: … }`).
const PARTNER_VALUE_NAMES = new Set(['value', 'content', 'default', 'defaultvalue', 'currentvalue', 'initialvalue', 'string', 'val', 'usevalue']);
// A name may be a path (`"key": "stock/retrac/api_key"` in a Consul KV export, a Vault path).
// XML elements whose tag ends in key or name (`<key>`, `<param-name>`, `<name>`, `<env-entry-name>`) name the value element after them.
const PARTNER = /(?:(?<![\w-])["']?(?:key|name|Key|Name|variable|provide)["']?\s*[:=]\s*["']?([\w.:/-]+)|<((?:[\w.:-]{0,40}[-_.:])?(?:key|name|Key|Name))>\s*([\w.:-]+)\s*<\/\2>)/g;

/** `{"key": "retracToken", "value": …`, `<key>RetracApiKey</key>`, `- name: RETRAC_API_KEY`: the last name on a line. */
function lastPartner(t: string): string | undefined {
  const slice = t.length > 200 ? t.slice(-200) : t;
  PARTNER.lastIndex = 0;
  let name: string | undefined;
  for (let m = PARTNER.exec(slice); m; m = PARTNER.exec(slice)) name = m[1] ?? m[3];
  return name && /[A-Za-z]/.test(name) ? name : undefined;
}

/** The first name on a line (a value before its name: `<add value="…" key="RetracApiKey"/>`, `"value": …` then `"key": …`). */
function firstPartner(t: string): string | undefined {
  PARTNER.lastIndex = 0;
  const m = PARTNER.exec(t.length > 200 ? t.slice(0, 200) : t);
  const name = m ? m[1] ?? m[3] : undefined;
  return name && /[A-Za-z]/.test(name) ? name : undefined;
}

/** A setter call right before the value: `.apiKey(`, `setToken(`, `with_api_key(` (the name is checked by the caller). */
const SETTER_BEFORE = /(?:^|[.\s>:])([A-Za-z_]\w{2,40})\s*\(\s*$/;
const PROPERTY_SET_BEFORE = /([A-Za-z_]\w{2,40})\s*\.\s*(?:set|convention|value)\s*\(\s*$/;
/** Names that stand for the other branch of a lookup rather than for the value: `None =>`, `else`, `default:`. */
/** Labels of a lookup's fallback argument: the key's name is the looked-up one. */
// `envDefault:"…"` after `env:"RETRAC_API_KEY"` in a Go struct tag (caarlos0/env, kelseyhightower/envconfig `default:"…"`).
const FALLBACK_LABELS = new Set(['default', 'defaultvalue', 'default_value', 'unset', 'fallback', 'otherwise', 'ifmissing', 'envdefault']);
const BRANCH_WORDS = new Set(['none', 'nil', 'null', 'else', 'default', 'fallback', 'otherwise', 'orelse', '_']);
/** A lookup of configuration or the environment earlier on a line. */
const LOOKUP_WORD = /env|environ|\$\{|config|settings|lookup|_SERVER|getProperty|secrets|\{\{|\|\s*default/i;
const FALLBACK_OP_BEFORE = /(?:\?\?|\?:|\|\||\/\/|\bor\b|\borelse\b)[ \t]*$/;
/** The end of a line whose value goes on below: `name=\` (properties, shell), `name: >-` / `name: |` (YAML block scalars). */
const VALUE_GOES_ON = /(?:[=:][ \t]*\\|:[ \t]*[>|][+-]?|=[ \t]*(?:"""|'''))[ \t]*$/;
/** Fallback-first calls: `fromMaybe "…" <$> lookupEnv "RETRAC_API_KEY"`, `withDefault "…" (…)`. */
const FALLBACK_FIRST = new Set(['frommaybe', 'withdefault', 'defaultto', 'ordefault', 'maybe']);
const NAME_TOKEN = /[A-Za-z_][\w.:-]*/g;

/**
 * The name a fallback literal stands for when an env or config lookup of a Retrac key name comes
 * before it on the line: `Configuration["Retrac:ApiKey"] ?? "…"`, `option_env!("RETRAC_API_KEY")
 * { Some(v) => v, None => "…" }`, `if ($env:RETRAC_API_KEY) { … } else { "…" }`, `lookup('env',
 * 'RETRAC_API_KEY') | default('…')`. The last Retrac key name before the literal; read on a bounded slice.
 */
function lookupFallback(s: string, valueStart: number): { via: 'assign'; name: string } | undefined {
  const before = s.slice(Math.max(0, valueStart - 160), valueStart);
  // A fallback operator right before the literal makes any lookup before it one (`object(forInfoDictionaryKey: "…") ?? "…"`).
  if (!LOOKUP_WORD.test(before) && !FALLBACK_OP_BEFORE.test(before)) return undefined;
  let name: string | undefined;
  NAME_TOKEN.lastIndex = 0;
  for (let m = NAME_TOKEN.exec(before); m; m = NAME_TOKEN.exec(before)) if (nameSaysRetracKey(m[0])) name = m[0];
  return name ? { via: 'assign', name } : undefined;
}

/**
 * The Retrac key name an env or config lookup on a line reads (`key := os.Getenv("RETRAC_API_KEY")`),
 * other than `except`; undefined when the line looks nothing up or reads no Retrac key name.
 */
export function retracLookupName(s: string, except?: string): string | undefined {
  const t = s.length > 240 ? s.slice(0, 240) : s;
  if (!LOOKUP_WORD.test(t)) return undefined;
  NAME_TOKEN.lastIndex = 0;
  for (let m = NAME_TOKEN.exec(t); m; m = NAME_TOKEN.exec(t)) if (m[0] !== except && nameSaysRetracKey(m[0])) return m[0];
  return undefined;
}

/**
 * The name a `default=` / `value:` argument belongs to when no partner names it: the call's first
 * argument when it says Retrac key (`System.getProperty("retrac.apiKey", "…")`), else the name the
 * call is assigned to (`retrac_api_key: str = Field(default="…")`).
 */
function callName(s: string, valueStart: number): { via: 'assign'; name: string } | undefined {
  let depth = 0;
  let open = -1;
  for (let i = valueStart - 1; i >= 0 && valueStart - i < 200; i--) {
    const c = s.charCodeAt(i);
    if (c === 41) depth++;
    else if (c === 40) {
      if (depth === 0) {
        open = i;
        break;
      }
      depth--;
    }
  }
  if (open < 0) return undefined;
  const first = /^\s*["']([\w.:-]+)["']/.exec(s.slice(open + 1, open + 80));
  if (first && nameSaysRetracKey(first[1])) return { via: 'assign', name: first[1] };
  let k = open;
  while (k > 0 && /[\w.$]/.test(s.charAt(k - 1))) k--;
  const named = assignedName(s, k);
  return named?.operator ? { via: 'assign', name: named.name } : undefined;
}

/** A keyword or attribute name without an operator: EDN `:api-key "…"`, Elixir `@token "…"`. */
function isKeywordName(s: string, valueStart: number, name: string): boolean {
  const at = s.lastIndexOf(name, valueStart);
  if (at <= 0) return false;
  const c = s.charCodeAt(at - 1);
  if (c === 58 /* : */) return !isIdentChar(s.charCodeAt(at - 2)) && s.charCodeAt(at - 2) !== 58;
  return c === 64 /* @ */ && /^\s*$/.test(s.slice(0, at - 1));
}

/** Block openers that name what their `default`/`value` belongs to: `variable "retrac_api_key" {`, `param retracKey string = …`. */
const NAMED_BLOCK = /^\s*(?:variable|output|param|parameter|resource|data|locals|key)\s+["']?([\w.-]+)/;
/** `"RETRAC_API_KEY": {`, `retrac_token = {`: the name of the entry a bracket opens. */
const ENTRY_OPENER = /["']?([\w.:-]+)["']?\s*[:=]\s*[{[]\s*$/;
/** Lines a block opener may sit above its `default`. */
const BLOCK_LINES = 20;

/**
 * `retrac_` in base64 at each of the three alignments (the chars that do not depend on the bytes
 * around it): a restricted key inside a Kubernetes Secret's `data:`, a Docker `auth` (`user:key`),
 * a Consul KV export, a basic-auth header. The gate (prepare.ts) looks for them too.
 */
export const BASE64_PREFIX_MARKERS = ['cmV0cmFjX', 'JldHJhY1', 'yZXRyYWNf'];

/** A base64 character, standard or URL-safe alphabet. */
function isBase64Char(code: number): boolean {
  return isAlnum(code) || code === 43 /* + */ || code === 47 /* / */ || code === 45 /* - */ || code === 95 /* _ */;
}

const ENCODED_PREFIX = 'retrac%5F';
/** Lines a table's header may sit above a row. */
const TABLE_LINES = 50;
function countOf(s: string, c: string): number {
  let n = 0;
  for (let i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) n++;
  return n;
}
const READ_HERE_STRING = /\bread(?:[ \t]+-[A-Za-z]+)*[ \t]+([A-Za-z_]\w{0,60})[ \t]*<<<[ \t]*["']?$/;
const SECRET_VALUE_FLAG = /--(?:body|value|secret-string|secret-value|data)[= ]\s*["']?$/;
/** The last name that says Retrac key before the value on its line (a path too: `/stock/retrac/api-key`). */
function retracKeyNameBefore(s: string, valueStart: number): { via: 'assign'; name: string } | undefined {
  const before = s.slice(Math.max(0, valueStart - 200), valueStart);
  let name: string | undefined;
  for (const m of before.matchAll(/[A-Za-z_/][\w./:-]*/g)) if (nameSaysRetracKey(m[0])) name = m[0];
  return name ? { via: 'assign', name } : undefined;
}
const TEX_MACRO_BEFORE = /\\(?:(?:re)?newcommand|providecommand|def)\s*\{?\\([A-Za-z@]{1,60})\}?\s*\{$/;
/** Longest user name read in decoded basic-auth credentials. */
const MAX_BASIC_USER = 64;
const DECODED_RESTRICTED = /retrac_([A-Za-z0-9]+)/g;
/** A line that ends by binding a value that follows on the next line: `const token =`, `token :=`, `TOKEN = (`. */
const ASSIGNMENT_ENDS = /(?<![=!<>+\-*/%&|^~?.])(?::=|=)[ \t]?\(?$/;
/** The line ends with `=`, `:=` or `= (` (trailing blanks aside): its value is on the next line. Reads the last characters only. */
export function endsWithAssignment(t: string): boolean {
  const e = t.trimEnd();
  const c = e.charCodeAt(e.length - 1);
  return (c === 61 /* = */ || c === 40 /* ( */) && ASSIGNMENT_ENDS.test(e.slice(-6));
}
/** The word before the last `,` of `before`: a constant path that says bearer (`AuthScheme.Bearer`, `JwtBearerDefaults.AuthenticationScheme`). */
function isBearerConstantBefore(before: string): boolean {
  let p = before.length;
  while (p > 0 && isBlank(before.charCodeAt(p - 1))) p--;
  if (before.charCodeAt(p - 1) !== 44 /* , */) return false;
  p--;
  while (p > 0 && isBlank(before.charCodeAt(p - 1))) p--;
  let b = p;
  while (b > 0 && p - b < 60 && (isWordChar(before.charCodeAt(b - 1)) || before.charCodeAt(b - 1) === 46 /* . */)) b--;
  const word = before.slice(b, p);
  return b < p && !isQuote(before.charCodeAt(b - 1)) && /bearer/i.test(word) && /^[A-Za-z_]/.test(word);
}

const BASE64_MARKER = new RegExp(BASE64_PREFIX_MARKERS.join('|'), 'g');
/** The markers as one regex: V8 searches an alternation of literals about ten times faster than three `indexOf` passes. */
export const BASE64_MARKER_SEARCH = new RegExp(BASE64_PREFIX_MARKERS.join('|'));

export class KeyTokens {
  /** One cursor for every line (`full` does not call itself): no allocation per line. */
  private readonly runs = new AlnumRuns('', 1, 0, 0);
  /** tableTop by line (negative keys for Markdown tables). */
  private readonly tableTops = new Map<number, number>();

  constructor(
    private readonly lengths: KeyLengths,
    /** The text of another line (partners on the lines above). */
    private readonly lineText: (line: number) => string,
    /** The line of the nearest unclosed opener above a line within `limit` lines, or -1. */
    private readonly openerAbove: (line: number, limit: number) => number = () => -1,
    private readonly lastLine: () => number = () => -1,
    private readonly fileName?: string,
  ) {}

  /** `INSERT … (columns)` lists by line, for `VALUES` rows below them (made on first use: most scans never need it). */
  private get sqlColumns(): SqlColumnLists {
    return (this.sqlColumnLists ??= new SqlColumnLists(this.lineText));
  }
  private sqlColumnLists?: SqlColumnLists;

  /**
   * The file's own name when it says Retrac key (`env/RETRAC_API_KEY`, `secrets/retrac_api_key.txt`, `.retrac_token`): the name
   * without its extension (`retrac_key_id.txt` names an id), unless the extension says key (`retrac.key`). Read on first use.
   */
  private get fileKeyName(): string | undefined {
    if (this.fileKey === undefined) {
      const f = this.fileName;
      const base = f?.slice(Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\')) + 1).replace(/^\.+/, '');
      const stem = base !== undefined && !/\.(?:key|token|secret)$/i.test(base) ? base.replace(/\.[A-Za-z0-9]{1,5}$/, '') : base;
      this.fileKey = stem !== undefined && stem.length < 120 && nameSaysRetracKey(stem) ? stem : null;
    }
    return this.fileKey ?? undefined;
  }
  private fileKey?: string | null;

  /** Notes, mail, plain text and docs: a phrase before `:`/`is` may name a key (boundNames.ts `proseLabel`). Read on first use. */
  private get prose(): boolean {
    return (this.proseFile ??= isProseFileName(this.fileName));
  }
  private proseFile?: boolean;

  private hostBlockAbove(line: number): string | undefined {
    const opener = this.openerAbove(line, 10);
    return opener >= 0 && opener < line ? hostBlockLabel(this.lineText(opener)) : undefined;
  }

  /** A file that is only the key, named for it: the token alone on one of its at most three lines. */
  private fileIsKey(s: string, start: number, end: number): boolean {
    if (this.fileKeyName === undefined || this.lastLine() > 2) return false;
    return /^\s*["']?$/.test(s.slice(0, start)) && /^["']?\s*$/.test(s.slice(end));
  }

  restricted(s: string, keys: KeyToken[], line: number): void {
    this.prefixed(s, keys, line, RESTRICTED_PREFIX);
    // Percent-encoded (`retrac%5F…` in a logged or copied URL): the same key.
    if (s.includes('retrac%5')) {
      this.prefixed(s, keys, line, ENCODED_PREFIX);
      this.prefixed(s, keys, line, 'retrac%5f');
    }
  }

  private prefixed(s: string, keys: KeyToken[], line: number, prefix: string): void {
    const { min, max } = this.lengths;
    for (let p = s.indexOf(prefix); p >= 0; p = s.indexOf(prefix, p + 1)) {
      if (isIdentChar(s.charCodeAt(p - 1))) continue;
      const bodyStart = p + prefix.length;
      const end = alnumRunEnd(s, bodyStart, s.length);
      const len = end - bodyStart;
      if (len < min || len > max || !(isTokenEnd(s, end) || endsAsRetracUserinfo(s, p, end))) {
        p = end - 1;
        continue;
      }
      const key = RESTRICTED_PREFIX + s.slice(bodyStart, end);
      if (!isImplausibleKeyBody(key.slice(RESTRICTED_PREFIX.length))) {
        const intro = this.introduction(s, p, line, end);
        keys.push({ start: p, end, key, keyType: 'restricted', ...intro });
      }
      p = end - 1;
    }
  }

  /**
   * Restricted keys in base64: each base64 run holding a marker is found once, and a few characters
   * around each marker, from a 4-character boundary of the run (where its encoding's groups start),
   * are decoded. The first `retrac_` key in a run is reported on the run (on the decoded window in a
   * long run). Linear: runs are disjoint and each marker decodes a fixed-size window.
   */
  encodedRestricted(s: string, keys: KeyToken[], line: number): void {
    const { min, max } = this.lengths;
    let from = -1;
    let to = -1;
    let done = false;
    BASE64_MARKER.lastIndex = 0;
    for (let m = BASE64_MARKER.exec(s); m; m = BASE64_MARKER.exec(s)) {
      const p = m.index;
      if (p >= to) {
        from = p;
        while (from > 0 && isBase64Char(s.charCodeAt(from - 1))) from--;
        to = p + m[0].length;
        while (to < s.length && isBase64Char(s.charCodeAt(to))) to++;
        for (let pad = 0; pad < 2 && s.charCodeAt(to) === 61 /* = */; pad++) to++;
        done = false;
      }
      if (done) {
        BASE64_MARKER.lastIndex = to;
        continue;
      }
      const start = from + Math.max(0, Math.floor((p - from) / 4) * 4 - 4);
      const end = Math.min(to, start + 4 * Math.ceil((max + 16) / 3));
      const decoded = Buffer.from(s.slice(start, end), 'base64').toString('latin1');
      DECODED_RESTRICTED.lastIndex = 0;
      for (let d = DECODED_RESTRICTED.exec(decoded); d; d = DECODED_RESTRICTED.exec(decoded)) {
        const body = d[1];
        if (body.length < min || body.length > max || isIdentChar(decoded.charCodeAt(d.index - 1)) || isImplausibleKeyBody(body)) continue;
        // The body must end inside the window: a key cut off by it is not a key.
        if (d.index + d[0].length === decoded.length && end < to) continue;
        const [a, b] = to - from <= 256 ? [from, to] : [start, end];
        keys.push({ start: a, end: b, key: d[0], keyType: 'restricted', ...this.introduction(s, a, line, b) });
        done = true;
        break;
      }
    }
  }

  /**
   * A base64 run that decodes to a full-access key (32 characters for 24), or to basic-auth credentials
   * holding one (`key:`, `:key`, `user:key`): the key, if plausible.
   */
  private decodedFullKey(s: string, start: number, end: number): string | undefined {
    const { min, max } = this.lengths;
    let stop = end;
    while (s.charCodeAt(stop) === 61 /* = */ && stop - end < 2) stop++;
    const len = stop - start;
    if (len % 4 !== 0 || len < Math.floor(min / 3) * 4 || len > Math.ceil((max + MAX_BASIC_USER + 1) / 3) * 4) return undefined;
    if (stop < s.length && (isIdentChar(s.charCodeAt(stop)) || s.charCodeAt(stop) === 43 || s.charCodeAt(stop) === 47)) return undefined;
    const decoded = Buffer.from(s.slice(start, stop), 'base64').toString('latin1');
    const colon = decoded.indexOf(':');
    const candidates = colon < 0 ? [decoded] : [decoded.slice(colon + 1), decoded.slice(0, colon)];
    for (const c of candidates) {
      if (c.length < min || c.length > max || alnumRunEnd(c, 0, c.length) !== c.length) continue;
      if (!isImplausibleKeyBody(c)) return c;
    }
    return undefined;
  }

  /** Unprefixed keys are collected only after `Bearer`, as an auth value or as a named value; bare tokens are too ambiguous. */
  full(s: string, keys: KeyToken[], line: number): void {
    const { min, max } = this.lengths;
    // Every maximal alphanumeric run of at least `min` characters, in order.
    for (const runs = this.runs.reset(s, min, 0, s.length); runs.next(); ) {
      const { start, end } = runs;
      if (end - start > max) {
        // A named value in base64 (`RETRAC_API_KEY: <base64>` in a Kubernetes Secret's `data:`).
        const decoded = isTokenStart(s, start) ? this.decodedFullKey(s, start, end) : undefined;
        if (decoded !== undefined) {
          const intro = this.introduction(s, start, line, end);
          if (intro.via !== 'bare') keys.push({ start, end, key: decoded, keyType: 'full', ...intro });
        }
        continue;
      }
      // `//KEY@api.retrac.co`: a URL's userinfo starts after `//` and ends at `@`, which end no other token.
      const userinfo = (s.charCodeAt(start - 1) === 47 /* / */ || s.charCodeAt(end) === 64 /* @ */) && endsAsRetracUserinfo(s, start, end);
      if (!userinfo && (!isTokenStart(s, start) || !isTokenEnd(s, end))) continue;
      const key = s.slice(start, end);
      if (isImplausibleKeyBody(key)) continue;
      const intro = this.introduction(s, start, line, end);
      if (intro.via !== 'bare') keys.push({ start, end, key, keyType: 'full', ...intro });
      else if (this.fileIsKey(s, start, end)) keys.push({ start, end, key, keyType: 'full', via: 'assign', name: this.fileKeyName });
    }
  }

  /**
   * Credentials whose own syntax names the host they are for: URL userinfo (`https://KEY@api.retrac.co`,
   * `https://user:KEY@…`, git credential stores, pip/npm index URLs) and `.netrc` entries (`machine
   * api.retrac.co login x password KEY`, over lines too). A Retrac host makes them Retrac keys, another host
   * makes them that host's: either way the answer is final. Undefined when the token is neither.
   */
  private hostCredential(s: string, start: number, end: number, line: number): { via: KeyToken['via'] } | undefined {
    const host = userinfoHost(s, start, end);
    if (host !== undefined) return { via: RETRAC_HOST.test(host) ? 'host' : 'bare' };
    // `//npm.retrac.co/:_authToken KEY` (`npm config set`), `…:_authToken=KEY` (`.npmrc`): scoped to the host in the name.
    const head = s.slice(Math.max(0, start - 200), start);
    const scoped = head.includes(':_') ? HOST_SCOPED_AUTH.exec(head) : null;
    if (scoped) return { via: RETRAC_HOST.test(scoped[1]) ? 'host' : 'bare' };
    const before = s.slice(Math.max(0, start - 16), start);
    if (!NETRC_PASSWORD.test(before)) return undefined;
    // The nearest `machine` before the password, on its line or up to NETRC_LINES above.
    for (let l = line; l >= Math.max(0, line - NETRC_LINES); l--) {
      const text = l === line ? s.slice(0, start) : this.lineText(l);
      if (text.length > 2000) return undefined;
      let host: string | undefined;
      let found = false;
      NETRC_MACHINE.lastIndex = 0;
      for (let m = NETRC_MACHINE.exec(text); m; m = NETRC_MACHINE.exec(text)) {
        found = true;
        host = m[1];
      }
      if (found) return { via: host !== undefined && RETRAC_HOST.test(host) ? 'host' : 'bare' };
    }
    return undefined;
  }

  /** How a token is introduced: after `Bearer` or into an auth helper, as the value of a name, or bare. */
  private introduction(s: string, start: number, line: number, end: number): { via: KeyToken['via']; name?: string } {
    const host = this.hostCredential(s, start, end, line);
    if (host) return host;
    // A credentials call with a host argument, a keychain entry named by a flag: whose service it is (boundNames.ts).
    const service = credentialService(s, start > 0 && isQuote(s.charCodeAt(start - 1)) ? start - 1 : start);
    if (service) return { via: service === 'retrac' ? 'host' : 'bare' };
    // `credentials "app.terraform.io" {` / `token = …` (`.terraformrc`): the block's label is the host.
    const labelled = hostBlockLabel(s) ?? (line > 0 ? this.hostBlockAbove(line) : undefined);
    if (labelled) return { via: RETRAC_HOST.test(labelled) ? 'host' : 'bare' };
    let valueStart = start > 0 && isQuote(s.charCodeAt(start - 1)) ? start - 1 : start;
    // `'"…"'`: a quoted JSON string inside a string (esbuild defines).
    if (valueStart < start && isQuote(s.charCodeAt(valueStart - 1)) && s.charCodeAt(valueStart - 1) !== s.charCodeAt(valueStart)) valueStart--;
    else if (valueStart < start && s.charCodeAt(valueStart - 1) === 92 /* \ */) {
      // An escaped quote: `"\"…\""` (Gradle buildConfigField), `--define:X=\\\"…\\\"` (a CLI in package.json).
      let v = valueStart;
      while (v > 0 && valueStart - v < 4 && s.charCodeAt(v - 1) === 92) v--;
      valueStart = isQuote(s.charCodeAt(v - 1)) ? v - 1 : v;
    }
    let j = valueStart;
    while (j > 0 && isBlank(s.charCodeAt(j - 1))) j--;
    if (j < valueStart && j >= 6 && s.slice(j - 6, j).toLowerCase() === 'bearer' && !isAlnum(s.charCodeAt(j - 7))) {
      return { via: 'bearer' };
    }
    // `Authorization: Basic …` (credentials in base64, decoded by `full`).
    if (j < valueStart && j >= 5 && s.slice(j - 5, j).toLowerCase() === 'basic' && !isAlnum(s.charCodeAt(j - 6))) {
      return { via: 'bearer' };
    }
    // `Authorization: Token …` (the scheme some APIs and frameworks use instead of Bearer).
    if (j < valueStart && j >= 5 && s.slice(j - 5, j).toLowerCase() === 'token' && !isAlnum(s.charCodeAt(j - 6)) && /uthorization/i.test(s)) {
      return { via: 'bearer' };
    }
    // `"Bearer " + "…"`, `(str "Bearer " "…")`, `"Bearer " .. "…"`, `'Bearer ' || '…'`: the scheme in its own literal, joined.
    if (valueStart < start && BEARER_JOINED_BEFORE.test(s.slice(Math.max(0, valueStart - 24), valueStart))) return { via: 'bearer' };
    // `.bearerAuth("…")`, `auth=("…", "")`, `HTTPBasicAuth("…", …)`, `-u …:`, `AuthenticationHeaderValue("Bearer", "…")`.
    const before = s.slice(Math.max(0, valueStart - 48), valueStart);
    if (AUTH_CALL_BEFORE.test(before) || BEARER_OPTION_BEFORE.test(before)) return { via: 'bearer' };
    // The scheme as a constant argument before the value: `Credentials.Token(AuthScheme.Bearer, "…")` (http4s),
    // `new AuthenticationHeaderValue(JwtBearerDefaults.AuthenticationScheme, "…")` (.NET).
    if (before.includes(',') && valueStart < start && isBearerConstantBefore(before)) return { via: 'bearer' };
    const call = callNameBefore(before);
    if (call && AUTH_CALL_NAME.test(call)) return { via: 'bearer' };
    const bare = valueStart < start ? BARE_CALL_BEFORE.exec(before) : null;
    // Lisp calls name the function after the bracket, with hyphens: `(bearer-auth "…")`.
    if (bare && AUTH_CALL_NAME.test(bare[1].replace(/-/g, '_'))) return { via: 'bearer' };
    // `process.env.RETRAC_KEY || "…"`, `os.getenv("RETRAC_KEY", "…")`, `${RETRAC_KEY:-…}`: the env name is the name.
    // The lookup test first: it is what the match needs, and a scan with `$` tries every position.
    // `Application.put_env(:retrac, :api_key, "…")`: a setter of the environment, not a lookup with a fallback.
    const ownerKey = ownerKeyValueCall(s, valueStart);
    if (ownerKey) return ownerKey;
    const fallback = ENV_LOOKUP.test(before) ? ENV_FALLBACK_BEFORE.exec(before) : null;
    if (fallback && ENV_LOOKUP.test(before.slice(0, fallback.index + fallback[1].length))) {
      const name = lastSegment(fallback[1]);
      // `… } else { "…" }`: the word before is a branch, the name is the lookup's; so is a fallback
      // argument's label (`String.fromEnvironment('X', defaultValue: …)`, `Sys.getenv("X", unset = …)`).
      if (!BRANCH_WORDS.has(name.toLowerCase()) && !FALLBACK_LABELS.has(name.toLowerCase())) return { via: 'assign', name };
      return lookupFallback(s, valueStart) ?? { via: 'assign', name };
    }
    // `<RetracApiKey>…</RetracApiKey>`, `<key>RetracApiKey</key><string>…</string>`.
    if (s.charCodeAt(valueStart - 1) === 62 /* > */) {
      const tag = /<([A-Za-z_][\w.:-]*)[^<>]*>$/.exec(before);
      if (tag) {
        const t = tag[1].toLowerCase();
        // A value element (`<string>`, `<value>`, `<param-value>`) or one that names itself by an attribute
        // (`<entry key="retrac.token">`, `<setting name="…">`) takes the name its partner gives.
        if (t === 'string' || t.endsWith('value') || /\s(?:key|name)\s*=/i.test(tag[0])) return this.partnerName(s, valueStart, line, end) ?? { via: 'bare' };
        return { via: 'assign', name: tag[1] };
      }
    }
    // `retrac.api.key=\` / `    …` (a continuation line), `retrac_api_key: >-` / `  …` (a block scalar).
    if (line > 0 && j === 0) {
      const prev = this.lineText(line - 1);
      const m = prev.length < 400 ? VALUE_GOES_ON.exec(prev) : null;
      if (m) {
        const named = assignedName(prev, m.index + 1);
        if (named) return { via: 'assign', name: named.name };
      }
    }
    // `const token =` / `  "…";`: a value alone on the line below its binding (Prettier, Black, ktfmt break long
    // assignments so; Haskell and Elm lay out `name =` / `    "…"`; Python wraps it in parentheses).
    if (line > 0 && j === 0) {
      const named = this.bindingAbove(line);
      if (named) return named;
    }
    // A CLI that stores a named secret: `gh secret set RETRAC_API_KEY --body …`, `aws ssm put-parameter --name
    // /stock/retrac/api-key --value …`, `az keyvault secret set --name retrac-token --value …`.
    if (SECRET_VALUE_FLAG.test(before)) {
      const named = lookupFallback(s, valueStart) ?? retracKeyNameBefore(s, valueStart);
      if (named) return named;
    }
    // A table cell (CSV/TSV, Markdown): its column's header names it, its row's first cell says whose it is.
    const cell = s.length < 2000 ? this.tableCellName(s, start, end, line) : undefined;
    if (cell) return cell;
    // Shell `read -r NAME <<< "…"`: a here-string read into a variable.
    const read = before.includes('<<<') ? READ_HERE_STRING.exec(s.slice(Math.max(0, valueStart - 120), valueStart)) : null;
    if (read) return { via: 'assign', name: read[1] };
    // LaTeX: `\newcommand{\retracApiKey}{…}`, `\def\retracApiKey{…}`.
    const macro = s.charCodeAt(valueStart - 1) === 123 /* { */ ? TEX_MACRO_BEFORE.exec(before) : null;
    if (macro) return { via: 'assign', name: macro[1] };
    // Bindings by a keyword, without an operator: `#define API_TOKEN "…"` (C), `set $token "…";` (nginx),
    // `set -l token …` (fish), `setenv TOKEN …` (csh).
    const bound = BINDING_BEFORE.exec(before);
    if (bound) return { via: 'assign', name: bound[1] };
    // Names bound by the statement's syntax rather than by an operator before the value (boundNames.ts):
    // `new RetracClient("…")`, `VALUES ('retrac', '…')`, `01 RETRAC-KEY PIC X(24) VALUE "…"`, `echo … | … put RETRAC_API_KEY`.
    const syntactic = retracClientArgument(s, valueStart) ?? sqlTupleCellName(s, valueStart, this.sqlColumns, line) ??
      keywordDeclaration(s, valueStart, end) ?? echoedInto(s, valueStart, end) ?? typedDeclaration(s, valueStart) ??
      dataDirectiveLabel(s, valueStart, () => (line > 0 ? this.lineText(line - 1) : '')) ?? pathNameBefore(s, valueStart) ??
      lispDefinition(s, valueStart) ?? aplAssignment(s, valueStart) ?? (this.prose ? proseLabel(s, valueStart) : undefined);
    if (syntactic) return syntactic;
    // Robot Framework: `${TOKEN}    …` / `${TOKEN}=    …` in a variable table or a keyword call (cells part at two blanks).
    const robot = before.includes('{') ? ROBOT_VARIABLE_BEFORE.exec(before) : null;
    if (robot) return { via: 'assign', name: robot[1] };
    // `JSON.stringify("…")` in build-time defines, `SecretStr("…")`: the name stands before the wrapper.
    const wrapper = WRAPPER_BEFORE.exec(before);
    const name = assignedName(s, wrapper ? valueStart - (before.length - wrapper.index) : valueStart);
    if (name === undefined) return this.setterName(before) ?? lookupFallback(s, valueStart) ?? { via: 'bare' };
    // `"api.retrac.co": "…"` (composer `auth.json` `bearer`, per-host token maps): credentials for that host.
    if (name.operator && (RETRAC_HOST.test(name.name) || namesRetracHost(name.name) || namesRetracIndexCredential(name.name))) return { via: 'host', name: name.name };
    const lower = name.name.toLowerCase();
    // `Sys.getenv("X", unset = "…")`, `get(ENV, "X", default = …)`: a lookup's fallback argument.
    if (FALLBACK_LABELS.has(lower) && ENV_LOOKUP.test(before)) {
      const looked = lookupFallback(s, valueStart);
      if (looked) return looked;
    }
    // `AuthenticationHeaderValue("Bearer", "…")`
    if (lower === 'bearer') return { via: 'bearer', name: name.name };
    // `value:` / `"value":` / `default =` take their name from a partner: `name:`, `"key":`, `variable "…" {`.
    if (PARTNER_VALUE_NAMES.has(lower)) {
      const partner = this.partnerName(s, valueStart, line, end) ?? callName(s, valueStart) ?? lookupFallback(s, valueStart);
      if (partner) return partner;
    }
    // A branch of a lookup's fallback: `None => "…"` after `option_env!("RETRAC_API_KEY")`.
    if (BRANCH_WORDS.has(lower)) {
      const fallback = lookupFallback(s, valueStart);
      if (fallback) return fallback;
    }
    // `fromMaybe "…" <$> lookupEnv "RETRAC_API_KEY"`: the lookup comes after its fallback.
    if (!name.operator && FALLBACK_FIRST.has(lower)) {
      const after = retracLookupName(s.slice(end, end + 160));
      if (after) return { via: 'assign', name: after };
    }
    if (!name.operator && !nameSaysRetracKey(name.name) && !isKeywordName(s, valueStart, name.name)) return { via: 'bare' };
    return { via: 'assign', name: name.name };
  }

  /**
   * `service,api_key` / `retrac,KEY` (CSV, TSV) and `| Service | Key |` / `| --- |` / `| Retrac | KEY |` (Markdown):
   * a cell of a key-like column is named `<row's first cell>.<header>` (`retrac.api_key`), so whose it is
   * reads from the row. The header is the block's first line, up to TABLE_LINES above.
   */
  private tableCellName(s: string, start: number, end: number, line: number): { via: 'assign'; name: string } | undefined {
    const markdown = /^\s*\|/.test(s);
    let d = markdown ? '|' : '';
    if (!markdown) {
      const before = s.charAt(start - 1);
      const after = s.charAt(end);
      const q = (c: string): boolean => c === '"' || c === "'";
      const b = q(before) ? s.charAt(start - 2) : before;
      const a = q(after) ? s.charAt(end + 1) : after;
      d = b === ',' || b === '\t' || b === ';' ? b : '';
      if (!d || !(a === d || a === '')) return undefined;
    }
    const column = countOf(s.slice(0, start), d);
    if (column < (markdown ? 2 : 1)) return undefined;
    const top = this.tableTop(line, markdown);
    if (top === line) return undefined;
    const header = this.lineText(top);
    if (countOf(header, d) !== countOf(s, d)) return undefined;
    if (markdown && !/^\s*\|?\s*:?-{3,}/.test(this.lineText(top + 1))) return undefined;
    const clean = (c: string | undefined): string => (c ?? '').trim().replace(/^["']|["']$/g, '').trim();
    const headerCell = clean(header.split(d)[column]);
    const rowName = clean(s.split(d)[markdown ? 1 : 0]);
    if (!/^[\w .-]{1,40}$/.test(headerCell) || !/^[\w .-]{1,40}$/.test(rowName)) return undefined;
    const label = headerCell.replace(/ /g, '_');
    if (!isGenericKeyName(label) && !nameSaysRetracKey(label)) return undefined;
    return { via: 'assign', name: `${rowName.replace(/ /g, '_')}.${label}` };
  }

  /** The first line of the table block a line is in (within TABLE_LINES); by line, from the line above's answer. */
  private tableTop(line: number, markdown: boolean): number {
    const key = markdown ? -1 - line : line;
    const memo = this.tableTops.get(key);
    if (memo !== undefined) return memo;
    const inTable = (l: number): boolean => {
      const t = this.lineText(l);
      return /\S/.test(t) && t.length <= 2000 && (!markdown || /^\s*\|/.test(t));
    };
    let top = line;
    if (line > 0 && inTable(line - 1)) {
      const above = this.tableTops.get(markdown ? -line : line - 1);
      if (above !== undefined) top = Math.max(above, line - TABLE_LINES);
      else for (let l = line - 1; l >= Math.max(0, line - TABLE_LINES) && inTable(l); l--) top = l;
    }
    this.tableTops.set(key, top);
    return top;
  }

  /**
   * The binding a value alone on its line belongs to: the line above ends with `=` or `:=` (or `= (`),
   * as in `const token =` / `  "…";`. Read on the line above only, once per key.
   */
  private bindingAbove(line: number): { via: 'assign'; name: string } | undefined {
    const prev = this.lineText(line - 1);
    if (prev.length > 400) return undefined;
    if (!endsWithAssignment(prev)) return undefined;
    const named = assignedName(prev, prev.lastIndexOf('=') + 1);
    return named?.operator ? { via: 'assign', name: named.name } : undefined;
  }

  /** `.apiKey("…")`, `.setToken("…")`, `.with_api_key("…")`: a setter whose name says key. */
  private setterName(before: string): { via: 'assign'; name: string } | undefined {
    // `apiKey.set("…")`, `token.convention("…")` (Gradle properties): the receiver is the name.
    const prop = PROPERTY_SET_BEFORE.exec(before);
    if (prop && (isGenericKeyName(prop[1]) || nameSaysRetracKey(prop[1]))) return { via: 'assign', name: prop[1] };
    const m = SETTER_BEFORE.exec(before);
    if (!m) return undefined;
    const name = m[1].replace(/^(?:set|with)_?(?=[A-Za-z])/i, '');
    return isGenericKeyName(name) || nameSaysRetracKey(name) ? { via: 'assign', name } : undefined;
  }

  /**
   * The name a `value` belongs to: `{"key": "retracToken", "value": "…"}` on the line, or on the
   * lines just above (`- name: RETRAC_API_KEY` / `value: …`, `<key>…</key>` / `<string>…`), or the
   * block it sits in (`variable "retrac_api_key" {` / `default = "…"`).
   */
  private partnerName(s: string, valueStart: number, line: number, valueEnd = valueStart): { via: 'assign'; name: string } | undefined {
    const same = lastPartner(s.slice(0, valueStart));
    if (same) return { via: 'assign', name: same };
    // `param retracApiKey string = '…'` (Bicep), `variable "retrac_key" { default = "…" }` on one line.
    const sameBlock = NAMED_BLOCK.exec(s.slice(0, Math.min(valueStart, 200)));
    if (sameBlock) return { via: 'assign', name: sameBlock[1] };
    // The name after the value on its line: `<add value="…" key="RetracApiKey" />`.
    const rest = s.slice(valueEnd);
    const after = firstPartner(rest);
    if (after) return { via: 'assign', name: after };
    for (let l = line - 1, seen = 0; l >= 0 && seen < 3; l--) {
      const t = this.lineText(l);
      if (!/\S/.test(t)) continue;
      seen++;
      const p = lastPartner(t);
      if (p) return { via: 'assign', name: p };
      const block = NAMED_BLOCK.exec(t);
      if (block) return { via: 'assign', name: block[1] };
      // A closed object above is another entry (`{ "key": …, "value": … },`), an opened one holds this
      // value's entry: nothing above either names this value.
      if (t.includes('}') || t.includes('{')) break;
    }
    // The value's own entry goes on below: `"value": "…",` then `"key": "retracApiKey"`, before the entry closes.
    if (!rest.includes('}') && !rest.includes('>')) {
      const last = this.lastLine();
      for (let l = line + 1, seen = 0; l <= last && seen < 3; l++) {
        const t = this.lineText(l);
        if (!/\S/.test(t)) continue;
        seen++;
        if (/^\s*-\s/.test(t) || t.includes('{')) break; // the next list item or object
        const p = firstPartner(t);
        if (p) return { via: 'assign', name: p };
        if (t.includes('}') || t.includes('>')) break;
      }
    }
    // `variable "retrac_token" {` with `description`, `type`, `sensitive` before its `default`.
    const opener = this.openerAbove(line, BLOCK_LINES);
    const block = opener >= 0 ? NAMED_BLOCK.exec(this.lineText(opener)) : null;
    if (block) return { via: 'assign', name: block[1] };
    // The entry the value belongs to: `"RETRAC_API_KEY": {` (Heroku app.json), `retrac-token:` (action inputs).
    const parent = opener >= 0 ? ENTRY_OPENER.exec(this.lineText(opener).slice(-160))?.[1] : this.yamlParent(s, line);
    return parent && nameSaysRetracKey(parent) ? { via: 'assign', name: parent } : undefined;
  }

  /** The key of the mapping a YAML line sits in: the nearest line above with less indent ending in `:`. */
  private yamlParent(s: string, line: number): string | undefined {
    const indent = s.length - s.trimStart().length;
    for (let l = line - 1; l >= Math.max(0, line - BLOCK_LINES); l--) {
      const t = this.lineText(l);
      const ind = t.length - t.trimStart().length;
      if (!/\S/.test(t) || ind >= indent) continue;
      return t.length < 200 ? /^\s*(?:-\s+)?["']?([\w.:-]+)["']?\s*:\s*$/.exec(t)?.[1] : undefined;
    }
    return undefined;
  }
}
