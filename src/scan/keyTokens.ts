// Key tokens of one line: `retrac_` keys wherever they stand, and unprefixed (full-access) keys
// only where the line says what they are (after `Bearer` or in an auth helper, or as the value of
// a name); and how each is introduced. A name may come from a partner on the lines above
// (`"key": "RETRAC_API_KEY"` then `"value": "…"`), read through `lineText`.
import { RESTRICTED_PREFIX } from '../api/keys';
import { alnumRunEnd, isAlnum, isIdentChar, isImplausibleKeyBody, type KeyLengths } from './keyShape';
import { lastSegment, nameSaysRetracKey } from './names';
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
const PARTNER_VALUE_NAMES = new Set(['value', 'default', 'defaultvalue', 'currentvalue', 'initialvalue', 'string', 'val']);
const PARTNER = /(?:["']?(?:key|name|Key|Name|variable)["']?\s*[:=]\s*["']?([\w.:-]+)|<key>\s*([\w.:-]+)\s*<\/key>)/g;

/** `{"key": "retracToken", "value": …`, `<key>RetracApiKey</key>`, `- name: RETRAC_API_KEY`: the last name on a line. */
function lastPartner(t: string): string | undefined {
  const slice = t.length > 200 ? t.slice(-200) : t;
  PARTNER.lastIndex = 0;
  let name: string | undefined;
  for (let m = PARTNER.exec(slice); m; m = PARTNER.exec(slice)) name = m[1] ?? m[2];
  return name && /[A-Za-z]/.test(name) ? name : undefined;
}

export class KeyTokens {
  /** One cursor for every line (`full` does not call itself): no allocation per line. */
  private readonly runs = new AlnumRuns('', 1, 0, 0);

  constructor(
    private readonly lengths: KeyLengths,
    /** The text of another line (partners on the lines above). */
    private readonly lineText: (line: number) => string,
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
        const intro = this.introduction(s, p, line);
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
      const intro = this.introduction(s, start, line);
      if (intro.via !== 'bare') keys.push({ start, end, key, keyType: 'full', ...intro });
    }
  }

  /** How a token is introduced: after `Bearer` or into an auth helper, as the value of a name, or bare. */
  private introduction(s: string, start: number, line: number): { via: KeyToken['via']; name?: string } {
    let valueStart = start > 0 && isQuote(s.charCodeAt(start - 1)) ? start - 1 : start;
    // `'"…"'`: a quoted JSON string inside a string (esbuild defines).
    if (valueStart < start && isQuote(s.charCodeAt(valueStart - 1)) && s.charCodeAt(valueStart - 1) !== s.charCodeAt(valueStart)) valueStart--;
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
    if (fallback && ENV_LOOKUP.test(before.slice(0, fallback.index + fallback[1].length))) return { via: 'assign', name: lastSegment(fallback[1]) };
    // `<RetracApiKey>…</RetracApiKey>`, `<key>RetracApiKey</key><string>…</string>`.
    if (s.charCodeAt(valueStart - 1) === 62 /* > */) {
      const tag = /<([A-Za-z_][\w.:-]*)[^<>]*>$/.exec(before);
      if (tag) {
        const t = tag[1].toLowerCase();
        if (t === 'string' || t === 'value') return this.partnerName(s, valueStart, line) ?? { via: 'bare' };
        return { via: 'assign', name: tag[1] };
      }
    }
    // `JSON.stringify("…")` in build-time defines, `SecretStr("…")`: the name stands before the wrapper.
    const wrapper = WRAPPER_BEFORE.exec(before);
    const name = assignedName(s, wrapper ? valueStart - (before.length - wrapper.index) : valueStart);
    if (name === undefined) return { via: 'bare' };
    const lower = name.name.toLowerCase();
    // `AuthenticationHeaderValue("Bearer", "…")`
    if (lower === 'bearer') return { via: 'bearer', name: name.name };
    // `value:` / `"value":` / `default =` take their name from a partner: `name:`, `"key":`, `variable "…" {`.
    if (PARTNER_VALUE_NAMES.has(lower)) {
      const partner = this.partnerName(s, valueStart, line);
      if (partner) return partner;
    }
    if (!name.operator && !nameSaysRetracKey(name.name)) return { via: 'bare' };
    return { via: 'assign', name: name.name };
  }

  /**
   * The name a `value` belongs to: `{"key": "retracToken", "value": "…"}` on the line, or on the
   * lines just above (`- name: RETRAC_API_KEY` / `value: …`, `<key>…</key>` / `<string>…`), or the
   * block it sits in (`variable "retrac_api_key" {` / `default = "…"`).
   */
  private partnerName(s: string, valueStart: number, line: number): { via: 'assign'; name: string } | undefined {
    const same = lastPartner(s.slice(0, valueStart));
    if (same) return { via: 'assign', name: same };
    for (let l = line - 1, seen = 0; l >= 0 && seen < 3; l--) {
      const t = this.lineText(l);
      if (!/\S/.test(t)) continue;
      seen++;
      const p = lastPartner(t);
      if (p) return { via: 'assign', name: p };
      const block = /^\s*(?:variable|output|param|parameter|resource|data|locals|key)\s+["']?([\w.-]+)/.exec(t);
      if (block) return { via: 'assign', name: block[1] };
    }
    return undefined;
  }
}
