// The words and names the rules read: the brand as a word part, names that say they hold a
// (Retrac) key, public env prefixes that ship a value to the browser, and the names a line sends
// as auth.
import { isAlnum } from './keyShape';

/**
 * Env prefixes whose variables a client build inlines: Next, Expo, Nuxt, CRA, Vue CLI, Storybook, Gatsby,
 * Vite (and Astro, SvelteKit, Rsbuild, Qwik: `PUBLIC_`), then browser-extension, Electron, CMS-admin and
 * other bundlers' own conventions (Plasmo, WXT, electron-vite renderer and preload, Sanity Studio,
 * Redwood web, Strapi and Medusa admin, Umi, Taro, @ngx-env Angular, Nx, Snowpack, Waku, Gridsome,
 * Razzle, electron-webpack).
 */
export const PUBLIC_PREFIXES = [
  'NEXT_PUBLIC_', 'EXPO_PUBLIC_', 'NUXT_PUBLIC_', 'REACT_APP_', 'VUE_APP_', 'STORYBOOK_', 'GATSBY_', 'VITE_', 'PUBLIC_',
  'PLASMO_PUBLIC_', 'WXT_', 'RENDERER_VITE_', 'PRELOAD_VITE_', 'SANITY_STUDIO_', 'REDWOOD_ENV_', 'STRAPI_ADMIN_',
  'MEDUSA_ADMIN_', 'UMI_APP_', 'TARO_APP_', 'NG_APP_', 'NX_PUBLIC_', 'SNOWPACK_PUBLIC_', 'WAKU_PUBLIC_', 'GRIDSOME_',
  'RAZZLE_', 'ELECTRON_WEBPACK_APP_',
];
const KEY_WORDS = ['key', 'token', 'secret', 'bearer', 'credential', 'auth'];
const GENERIC_KEY_NAMES = new Set([
  'apikey', 'key', 'token', 'secret', 'accesstoken', 'authtoken', 'apitoken', 'bearertoken', 'bearer', 'auth',
  'authorization', 'secretkey', 'xapikey', 'apisecret', 'accesskey', 'authbearer', 'oauthtoken', 'xauthtoken', 'authkey',
]);

/** `retrac` as a word part (`RETRAC_`, `retracApiKey`, `Retrac(`), not in `retracted`/`RETRACE`. */
function isRetracWordAt(s: string, i: number): boolean {
  const next = s.charCodeAt(i + 6);
  const upper = s.charCodeAt(i) === 82 /* R */ && s.charCodeAt(i + 1) === 69 /* E */;
  return upper ? !(next >= 65 && next <= 90) : !(next >= 97 && next <= 122);
}

/** The brand as written in code and docs: `retrac`, `Retrac`, `RETRAC` (not mixed case), as a word part. */
export function hasRetracWord(s: string): boolean {
  // Literal searches: several times faster than one regex on the hot path.
  for (let i = s.indexOf('etrac'); i >= 0; i = s.indexOf('etrac', i + 5)) {
    const c = s.charCodeAt(i - 1);
    if ((c === 114 /* r */ || c === 82 /* R */) && isRetracWordAt(s, i - 1)) return true;
  }
  for (let i = s.indexOf('RETRAC'); i >= 0; i = s.indexOf('RETRAC', i + 6)) if (isRetracWordAt(s, i)) return true;
  return false;
}

/** The name says it holds a Retrac key: `RETRAC_API_KEY`, `retracApiKey`, `retrac.api.key`, `X-Retrac-Token`. */
export function nameSaysRetracKey(name: string): boolean {
  if (!hasRetracWord(name)) return false;
  const lower = name.toLowerCase();
  return KEY_WORDS.some((w) => lower.includes(w)) && !namesKeyAttribute(name);
}

/** What a name's last word says it holds about a key rather than the key: `RETRAC_KEY_ID`, `retracKeyHash`, `RETRAC_TOKEN_URL`. */
const KEY_ATTRIBUTES = new Set([
  'id', 'ids', 'hash', 'sha', 'sha1', 'sha256', 'digest', 'fingerprint', 'name', 'url', 'uri', 'prefix', 'suffix', 'last4',
  'hint', 'length', 'len', 'type', 'expires', 'expiry', 'created', 'file', 'path', 'header', 'scope', 'scopes',
]);
const LAST_WORD = /([A-Z]?[a-z0-9]+|[A-Z0-9]+)[^A-Za-z0-9]*$/;

const ATTRIBUTE_SUFFIXES = [...KEY_ATTRIBUTES];

function namesKeyAttribute(name: string): boolean {
  const tail = name.length > 80 ? name.slice(-80) : name;
  // The last word is a suffix of the name without its trailing punctuation: no attribute word ends
  // it (nearly every name: `…_KEY`, `…Token`), no regex. This runs for every name that says Retrac key.
  let end = tail.length;
  while (end > 0 && !isAlnum(tail.charCodeAt(end - 1))) end--;
  const lower = tail.slice(0, end).toLowerCase();
  if (!ATTRIBUTE_SUFFIXES.some((w) => lower.endsWith(w))) return false;
  const m = LAST_WORD.exec(tail);
  return m !== null && KEY_ATTRIBUTES.has(m[1].toLowerCase());
}

export function publicPrefixOf(name: string): string | undefined {
  return PUBLIC_PREFIXES.find((p) => name.startsWith(p));
}

/**
 * Words that qualify a generic key name without naming whose key it is: `raw_auth`, `clientSecret`,
 * `x-auth-token`, `session_token`, `prod_api_key`. A service's name (`courierToken`) is not one.
 */
const GENERIC_QUALIFIERS = [
  'raw', 'client', 'x', 'session', 'user', 'service', 'app', 'admin', 'master', 'default', 'prod', 'production', 'live',
  'dev', 'staging', 'test', 'personal', 'private', 'shared', 'server', 'http', 'basic', 'bearer', 'api', 'access', 'auth',
  'my', 'main', 'primary', 'static', 'global', 'npm', 'registry',
];

export function isGenericKeyName(name: string): boolean {
  const last = name.slice(name.lastIndexOf('.') + 1);
  let bare = (publicPrefixOf(last) ? last.slice(publicPrefixOf(last)!.length) : last).toLowerCase().replace(/[^a-z0-9]/g, '');
  for (let guard = 0; guard < 4; guard++) {
    if (GENERIC_KEY_NAMES.has(bare)) return true;
    const q = GENERIC_QUALIFIERS.find((w) => bare.length > w.length && bare.startsWith(w));
    if (!q) return false;
    bare = bare.slice(q.length);
  }
  return false;
}

export function isEnvLikeName(name: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(name);
}

export function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

export const AUTH_WORD = /bearer|authorization|api[-_]?key|token|auth|key|secret|Retrac/i;
const AUTH_TRIGGER = /bearer|authorization|api[-_]?key|token|auth|key|secret|Retrac/gi;
/**
 * After `Bearer`: an interpolation (`${X}`, `$(X)` in Make, `{{x}}`, `\(x)`) or a concatenation, never the literal itself
 * (literals are key tokens).
 * The scheme's literal may close a wrapper macro first: `TEXT("Bearer ") + Token` (Unreal), `_T("Bearer ") + t`;
 * a shell `printf` takes its arguments after the format: `printf -v auth 'Authorization: Bearer %s' "$token"`.
 */
const AUTH_AFTER_BEARER =
  /^[\s"'`]{0,4}(?:\)[ \t]{0,2})?(?:(?:[+.,&]|\.\.|\|\||<>|\+\+|(?:\{\}|%s|%v)["'`]?\s{0,2}[,%]\s{0,3}\(?|%s["'`][ \t]{1,3}["']?(?=\$))\s{0,3}:?["'`]?\s{0,3}[$@]?|\$\{\{?\s{0,3}|\{\{\s{0,3}|#\{|\{|\$\(|\$|\\\(|%\()\s{0,3}(?:env:|process\.env\.|import\.meta\.env\.|self\.|this\.|@|secrets\.|vars\.|env\.)?([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*){1,3})?/;
/** After an auth field name: an identifier, or an interpolation inside a string; a quoted literal is a key token instead. */
// `auth = { token }` (Ballerina, JS shorthand): a record holding the one name.
const AUTH_AFTER_NAME =
  /^[\w-]{0,12}["'\]]?\s{0,3}(?:=>|:=|[:=,])\s{0,3}(?:\{[ \t]{0,3}(?=[A-Za-z_]\w{0,60}[ \t]{0,3}\}))?(?:["'`]\s{0,3}(?:\$\{\{?\s{0,3}|\{\{\s{0,3}|\$\{|#\{|\{|\$|\\\()|(?:\$\{\{?\s{0,3}|\{\{\s{0,3}|\$\{|#\{|\$)?)\s{0,3}[&*]?(?:env:|process\.env\.|import\.meta\.env\.|self\.|this\.|@|secrets\.|vars\.|env\.|config\.|settings\.|options\.|opts\.|cfg\.)?([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*){1,3})?/;
const AUTH_AFTER_CALL = /^(?:[\w]{0,20}|(?:(?:::|\.)\w{1,20}){1,3})\s{0,3}\(\s{0,3}\(?\s{0,3}[&*]?\s{0,3}(?:["'`]\s{0,3})?(?:\$\{|\$|#\{)?(?:self\.|this\.|@)?([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*){1,3})?\s{0,3}[,)]/;
/** After a command-line flag (`-Token $token`, `--api-key "$KEY"`): a shell or PowerShell variable. */
const AUTH_AFTER_FLAG = /^[\w-]{0,12}\s{1,3}["']?\$\{?([A-Za-z_]\w*)/;
/** After `Bearer`: a constant joined by adjacent string literals (C, C++): `"Authorization: Bearer " API_TOKEN`. */
const C_CONCAT_AFTER = /^[ \t]?["'][ \t]{1,3}([A-Z_][A-Z0-9_]{2,60})\b/;
const LABEL_AFTER = /^\s{0,3}[:=](?![:=>])/;
function isKeyMemberName(member: string): boolean {
  return isGenericKeyName(member) || nameSaysRetracKey(member);
}

/** What ends an argument or an expression: `)`, `,`, `;`, `}`, `]`, or the line's end. */
const ENDS_EXPRESSION = /^\s{0,3}(?:[),;}\]]|$)/;

/**
 * `Token` is a scheme word (`Authorization: Token …`) unless the expression ends with it: then it
 * is a name, a C# or Go property (`AuthenticationHeaderValue("Bearer", Token)`, `"Bearer " + cfg.Token;`).
 */
function isTokenProperty(name: string, rest: string): boolean {
  return name === 'Token' && ENDS_EXPRESSION.test(rest);
}

const NOT_A_NAME = new Set(['Bearer', 'Basic', 'basic', 'Token', 'os', 'new', 'true', 'false', 'null', 'None', 'nil', 'function', 'String', 'str', 'string', 'await', 'req', 'request', 'headers', 'process', 'ENV', 'env', 'System', 'Environment', 'getenv', 'f']);

/**
 * Names a line sends as auth: after `Bearer` (`${TOKEN}`, `{self.api_key}`, `" + key`, `$KEY`,
 * `{{token}}`), as the value of an auth field (`Authorization: auth`, `apiKey: KEY`,
 * `api_key=settings.retrac_key`), or as the argument of an auth helper or a Retrac client
 * (`.bearerAuth(token)`, `RetracClient(KEY)`). Each pattern runs on a bounded slice.
 */
export function authNames(s: string): string[] {
  const out: string[] = [];
  AUTH_TRIGGER.lastIndex = 0;
  for (let m = AUTH_TRIGGER.exec(s); m; m = AUTH_TRIGGER.exec(s)) {
    const word = m[0].toLowerCase();
    const after = s.slice(m.index + m[0].length, m.index + m[0].length + 96);
    const flag = s.charCodeAt(m.index - 1) === 45 /* - */ ? AUTH_AFTER_FLAG.exec(after) : null;
    const r = flag ?? (word === 'bearer' ? AUTH_AFTER_BEARER.exec(after) ?? C_CONCAT_AFTER.exec(after) : word === 'retrac' ? AUTH_AFTER_CALL.exec(after) : AUTH_AFTER_NAME.exec(after) ?? AUTH_AFTER_CALL.exec(after));
    // `BearerAuth, token: …`: a name followed by `:` or `=` is a label or a target, not the value sent.
    if (r && LABEL_AFTER.test(after.slice(r.index + r[0].length, r.index + r[0].length + 8))) continue;
    if (r && (!NOT_A_NAME.has(r[1]) || isTokenProperty(r[1], after.slice(r.index + r[0].length))) && !out.includes(r[1])) out.push(r[1]);
    // `RetracConfig.apiKey`, `Secrets.retracToken`: the member path too, when the member is named like a key
    // (requestModel resolves it to the member's definition; `res.data` costs no lookup).
    const path = r?.[2] ? r[1] + r[2] : undefined;
    if (path && !NOT_A_NAME.has(r![1]) && isKeyMemberName(lastSegment(path)) && !out.includes(path)) out.push(path);
  }
  return out;
}
