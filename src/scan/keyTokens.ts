// Key tokens of one line: `retrac_` keys wherever they stand, and unprefixed (full-access) keys
// only where the line says what they are (after `Bearer` or in an auth helper, or as the value of
// a name); and how each is introduced. A name may come from a partner on the lines above
// (`"key": "RETRAC_API_KEY"` then `"value": "…"`), read through `lineText`.
import { RESTRICTED_PREFIX } from '../api/keys';
import { alnumRunEnd, isAlnum, isIdentChar, isImplausibleKeyBody, type KeyLengths } from './keyShape';
import { isGenericKeyName, lastSegment, nameSaysRetracKey } from './names';
import type { KeyType } from './prepare';
import { AlnumRuns, assignedName, isBlank, isQuote, isTokenEnd, isTokenStart } from './text';

export interface KeyToken {
  start: number; // offsets into the line
  end: number;
  key: string;
  keyType: KeyType;
  via: 'bare' | 'bearer' | 'assign';
  name?: string;
}

const AUTH_CALL_BEFORE =
  /(?:\b(?:bearer_?auth|set_?bearer_?(?:token|auth)|with_?(?:bearer_?)?token|(?:set_?|with_?)?basic_?auth|httpbasicauth|token_?auth|bearer_?tokens?|set_?auth_?token|auth|\w*authenticator)\s*\(\s*\(?\s*[&*]?\s*|\bauth\s*[=:]\s*\(?\s*\[?\s*|(?:^|[\s{(,])(?:-u|--user|--oauth2-bearer|--bearer|:oauth-token)\s+["']?|\bbearer\s*(?:\{\}|%s|%v)["'`]\s*,\s*)$/i;
/** A call just before the value: `name(` (with an optional `(`, `&`, `*`); its name is read by AUTH_CALL_NAME. */
const CALL_BEFORE = /(\w{1,64})\s*\(\s*\(?\s*[&*]?\s*$/;
/**
 * Auth helpers by what their name says they do: a bearer or basic auth, an authenticator, setting a
 * token (`.bearer_auth(…)`, `req_auth_bearer_token(…)`, `WithOAuthBearerToken(…)`, `.auth.bearer(…)`,
 * `JwtAuthenticator(…)`, `Http::withToken(…)`, `SetAuthToken(…)`, `HTTPBasicAuth(…)`).
 */
const AUTH_CALL_NAME = /bearer|basic_?auth|authenticat|^(?:set|with|use|add)\w*token$|^token_?auth$|^auth$/i;
const ENV_FALLBACK_BEFORE =
  /([A-Za-z_][\w.-]*)["'\]]*\)*(?:\s*\.\s*(?:unwrap_or(?:_else)?|or_else|orElse(?:Get)?|getOrElse|getOrDefault)\s*\((?:\s*\|[^|]*\|\s*)?)?\s*(?:\|\||\?\?|\?:|\bor\b|,|:-|:=|:|\{)?\s*$/;
const WRAPPER_BEFORE = /(?:(?:JSON\.stringify|String|str|SecretStr|Secret|SecretString|Some|Ok)\s*\(|ConvertTo-SecureString(?:\s+-String)?)\s*$/;
/** An env lookup before a fallback: `process.env.`, `getenv(`, `os.environ`, `ENV[`, `${`, `Environment.`, `System.get_env(`. */
const ENV_LOOKUP = /env|environ|\$\{/i;
const PARTNER_VALUE_NAMES = new Set(['value', 'default', 'defaultvalue', 'currentvalue', 'initialvalue', 'string', 'val', 'content']);
const PARTNER = /(?:(?<![\w-])["']?(?:key|name|Key|Name|variable)["']?\s*[:=]\s*["']?([\w.:-]+)|<key>\s*([\w.:-]+)\s*<\/key>)/g;

/** `{"key": "retracToken", "value": …`, `<key>RetracApiKey</key>`, `- name: RETRAC_API_KEY`: the last name on a line. */
function lastPartner(t: string): string | undefined {
  const slice = t.length > 200 ? t.slice(-200) : t;
  PARTNER.lastIndex = 0;
  let name: string | undefined;
  for (let m = PARTNER.exec(slice); m; m = PARTNER.exec(slice)) name = m[1] ?? m[2];
  return name && /[A-Za-z]/.test(name) ? name : undefined;
}

/** The first name on a line (a value before its name: `<add value="…" key="RetracApiKey"/>`, `"value": …` then `"key": …`). */
function firstPartner(t: string): string | undefined {
  PARTNER.lastIndex = 0;
  const m = PARTNER.exec(t.length > 200 ? t.slice(0, 200) : t);
  const name = m ? m[1] ?? m[2] : undefined;
  return name && /[A-Za-z]/.test(name) ? name : undefined;
}

/** A setter call right before the value: `.apiKey(`, `setToken(`, `with_api_key(` (the name is checked by the caller). */
const SETTER_BEFORE = /(?:^|[.\s>:])([A-Za-z_]\w{2,40})\s*\(\s*$/;
const PROPERTY_SET_BEFORE = /([A-Za-z_]\w{2,40})\s*\.\s*(?:set|convention|value)\s*\(\s*$/;
/** Names that stand for the other branch of a lookup rather than for the value: `None =>`, `else`, `default:`. */
/** Labels of a lookup's fallback argument: the key's name is the looked-up one. */
const FALLBACK_LABELS = new Set(['default', 'defaultvalue', 'default_value', 'unset', 'fallback', 'otherwise', 'ifmissing']);
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

export class KeyTokens {
  /** One cursor for every line (`full` does not call itself): no allocation per line. */
  private readonly runs = new AlnumRuns('', 1, 0, 0);

  constructor(
    private readonly lengths: KeyLengths,
    /** The text of another line (partners on the lines above). */
    private readonly lineText: (line: number) => string,
    /** The line of the nearest unclosed opener above a line within `limit` lines, or -1. */
    private readonly openerAbove: (line: number, limit: number) => number = () => -1,
    private readonly lastLine: () => number = () => -1,
  ) {}

  restricted(s: string, keys: KeyToken[], line: number): void {
    const { min, max } = this.lengths;
    for (let p = s.indexOf(RESTRICTED_PREFIX); p >= 0; p = s.indexOf(RESTRICTED_PREFIX, p + 1)) {
      if (isIdentChar(s.charCodeAt(p - 1))) continue;
      const bodyStart = p + RESTRICTED_PREFIX.length;
      const end = alnumRunEnd(s, bodyStart, s.length);
      const len = end - bodyStart;
      if (len < min || len > max || !isTokenEnd(s, end)) {
        p = end - 1;
        continue;
      }
      const key = s.slice(p, end);
      if (!isImplausibleKeyBody(key.slice(RESTRICTED_PREFIX.length))) {
        const intro = this.introduction(s, p, line, end);
        keys.push({ start: p, end, key, keyType: 'restricted', ...intro });
      }
      p = end - 1;
    }
  }

  /** Unprefixed keys are collected only after `Bearer`, as an auth value or as a named value; bare tokens are too ambiguous. */
  full(s: string, keys: KeyToken[], line: number): void {
    const { min, max } = this.lengths;
    // Every maximal alphanumeric run of at least `min` characters, in order.
    for (const runs = this.runs.reset(s, min, 0, s.length); runs.next(); ) {
      const { start, end } = runs;
      if (end - start > max || !isTokenStart(s, start) || !isTokenEnd(s, end)) continue;
      const key = s.slice(start, end);
      if (isImplausibleKeyBody(key)) continue;
      const intro = this.introduction(s, start, line, end);
      if (intro.via !== 'bare') keys.push({ start, end, key, keyType: 'full', ...intro });
    }
  }

  /** How a token is introduced: after `Bearer` or into an auth helper, as the value of a name, or bare. */
  private introduction(s: string, start: number, line: number, end: number): { via: KeyToken['via']; name?: string } {
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
    // `Authorization: Token …` (the scheme some APIs and frameworks use instead of Bearer).
    if (j < valueStart && j >= 5 && s.slice(j - 5, j).toLowerCase() === 'token' && !isAlnum(s.charCodeAt(j - 6)) && /uthorization/i.test(s)) {
      return { via: 'bearer' };
    }
    // `.bearerAuth("…")`, `auth=("…", "")`, `HTTPBasicAuth("…", …)`, `-u …:`, `AuthenticationHeaderValue("Bearer", "…")`.
    const before = s.slice(Math.max(0, valueStart - 48), valueStart);
    if (AUTH_CALL_BEFORE.test(before)) return { via: 'bearer' };
    const call = CALL_BEFORE.exec(before);
    if (call && AUTH_CALL_NAME.test(call[1])) return { via: 'bearer' };
    // `process.env.RETRAC_KEY || "…"`, `os.getenv("RETRAC_KEY", "…")`, `${RETRAC_KEY:-…}`: the env name is the name.
    const fallback = ENV_FALLBACK_BEFORE.exec(before);
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
        if (t === 'string' || t === 'value') return this.partnerName(s, valueStart, line, end) ?? { via: 'bare' };
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
    // `JSON.stringify("…")` in build-time defines, `SecretStr("…")`: the name stands before the wrapper.
    const wrapper = WRAPPER_BEFORE.exec(before);
    const name = assignedName(s, wrapper ? valueStart - (before.length - wrapper.index) : valueStart);
    if (name === undefined) return this.setterName(before) ?? lookupFallback(s, valueStart) ?? { via: 'bare' };
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
