// The leak scanner core. Every finding is decided by its own line and the lines at most
// RESCAN_MARGIN - 1 away from it: its local window (CONTEXT_LINES), the request it belongs to
// (statements joined by bracket nesting, continuations and shared variables, REQUEST_LINES either
// side), the sections around it and the definitions of the names it sends (FLOW_LINES). Never by
// the rest of the file: that is what lets the incremental scan rescan only the lines near an edit
// and still equal a full scan. All patterns are linear: literal searches, single-quantifier
// regexes and hand-written loops over char codes; regexes with more than one quantifier only ever
// run on one line or a bounded slice of it.
//
// This file holds the rules (what is a finding, its message, suppression). What they read: the
// line model (facts per line, statements, request windows) in lineModel.ts, and the request
// analysis on top of it (Retrac hosts, key candidates, request keys) in requestModel.ts.
import { redactKey } from '../api/keys';
import { isIdentChar } from './keyShape';
import { enclosingRegistration } from './boundNames';
import { BASE64_MARKER_SEARCH, retracLookupName, type KeyToken } from './keyTokens';
import {
  CONTEXT_LINES, FLOW_LINES, IMPORT_LINE, REQUEST_LINES, WORKSPACE_PARAM, type LineFacts,
} from './lineModel';
import { DataModel, isQueryParam } from './dataModel';
import { callsAppUnderTest, OTHER_HOST_URL } from './requestModel';
import { isAuthToken, restrictedKeyIn } from './clientModel';
import { hasRetracWord, isEnvLikeName, isGenericKeyName, lastSegment, nameSaysRetracKey, PUBLIC_PREFIXES, publicPrefixOf } from './names';
import type { KeyType, PreparedOptions } from './prepare';
import { assignedName, computeLineStarts, isBlank, isQuote, isWordChar, lineOfOffset, quotedStrings } from './text';
import { docUrlFor, fingerprint, ruleById } from './rules';
import { assignedVariable, inNamedSection, openEntryNameAt, retracOutsideClosedEntries, type LineShape } from './structure';
import type { Finding, RuleId } from './types';

export { CONTEXT_LINES, FLOW_LINES, REQUEST_LINES } from './lineModel';
/** Lines either side of an edit whose findings may change: the longest chain of the reaches above, plus one. */
export const RESCAN_MARGIN = FLOW_LINES + REQUEST_LINES + CONTEXT_LINES + 2;

/** A name with a public env prefix (names.ts PUBLIC_PREFIXES): `NEXT_PUBLIC_X`, `PLASMO_PUBLIC_X`, `RENDERER_VITE_X`. */
const PUBLIC_NAME = new RegExp(String.raw`(?<!\w)(?:${PUBLIC_PREFIXES.map((p) => p.slice(0, -1)).join('|')})_\w+`, 'g');
/**
 * What follows a workspace parameter's name up to its literal id: `: 'ws_…'`, `=> "ws_…"`, `==ws_…`
 * (HTTPie), `("ws_…")` (a builder setter), `, "ws_…"` and `", "value": "ws_…"` (name/value pairs:
 * Postman and Insomnia query arrays, `URLQueryItem(name:value:)`); the value may be a one-element list
 * (`url.Values{"workspaceId": {"ws_…"}}`, `["ws_…"]`).
 */
const HARDCODED_WS =
  /["'\]]?[ \t]*(?:=>|==|=:|:[ \t]*[\w.?|<>[\] ]{1,40}=(?![=>])|\)[ \t]*[A-Za-z_]\w*[ \t]*:[ \t]*[\w.?<> ]{1,40}=(?![=>])|[:=,(]|(?:,[ \t]*|[ \t]+)["']?value["']?[ \t]*[:=])[ \t]*(?:[{[(]|(?:Some|String|ptr|Ptr|aws\.String|[A-Za-z_]\w{0,20}\.String|Optional\.of|of)[ \t]*\()?[ \t]*@?["'`]?(ws_[A-Za-z0-9]+)/y;
/** A map entry without a separator: `"workspaceId" "ws_…"`, `:workspaceId "ws_…"`. */
const MAP_ENTRY_WS = /"?[ \t]+"(ws_[A-Za-z0-9]+)/y;
/** A workspace id in a URL path: `/workspaces/ws_…`. */
const WS_PATH = /\/workspaces\/(ws_[A-Za-z0-9]+)/g;
/**
 * A comment opens before this point of a line: a comment line, or ` // …` / ` # …` after code. A line
 * starting with a star is a block comment's middle line, but not when the star is a crontab field
 * (`* * * * * curl …`, a star and a slash then minutes) nor the star of a comment's closing mark.
 */
const COMMENT_BEFORE = /^[ \t]*(?:\/\/|#|\*(?!\/)(?![ \t]+[\d*][\d*/,-]*[ \t]+[\d*][\d*/,-]*[ \t])|\/\*|<!--)|[ \t](?:\/\/|#)[ \t]/;
/** `process.env.NAME`, `process.env["NAME"]`, `import.meta.env.NAME`: the looked-up name. */
const ENV_LOOKUP = /(?:process\.env|import\.meta\.env)(?:\.|\[["'])([A-Za-z_]\w*)/g;
/** Data a page sends to the browser, as its opener's name: props, Remix `ENV`, a `window.X =` global. */
const CLIENT_DATA = /(?:^|[^\w.$])(?:props|pageProps|ENV|publicEnv|clientEnv|window\.\w+)["']?[ \t]*[:=]?[ \t]*\{?[ \t]*$/;
const CLIENT_DATA_INLINE = /(?:^|[^\w.$])(?:props|pageProps|ENV|publicEnv|clientEnv|window\.\w+)["']?[ \t]*[:=][ \t]*\{|\bwindow\.\w+[ \t]*=(?!=)/;
/** Template expressions in a page: `{{ … }}`, `{% … %}`, `<%= … %>`, `<?= … ?>`. */
const TEMPLATE_EXPR = /\{\{[^{}]{0,200}\}\}|\{%[^%]{0,200}%\}|<%=[^%]{0,200}%>|<\?=[^?]{0,200}\?>/g;
/** Build flags that compile a value into a mobile app: `--dart-define=X=…`, `buildConfigField(…)`, `resValue(…)`, Android `manifestPlaceholders`. */
const APP_BUILD_FLAG = /--dart-define[= ]|\bbuildConfigField\b|\bresValue\b|\b(?:add)?[mM]anifestPlaceholders\b/;
/** The field a build flag defines: `buildConfigField("String", "NAME",` / `resValue("string", "NAME",` (1), `--dart-define=NAME=` (2). */
const APP_FIELD_NAME = /\b(?:buildConfigField|resValue)[ \t]*\(?[ \t]*(?:["'][\w.]{1,40}["']|[A-Z][A-Za-z_.]{0,40})[ \t]*,[ \t]*["']([A-Za-z_]\w{0,80})["']|--dart-define[= ]([A-Za-z_]\w{0,80})=/g;
/** A section of a framework config that is inlined into client code, as its opener's name. */
const CLIENT_SECTION = /(?:^|[^\w.$])["']?(?:env|publicRuntimeConfig|public|define|extra|customFields)["']?[ \t]*[:=]?[ \t]*(?:(?:async[ \t]+)?\([^()]{0,60}\)[ \t]*=>[ \t]*\(?[ \t]*)?\{?[ \t]*$|DefinePlugin[ \t]*\([ \t]*\{?[ \t]*$/;
/** The same opened earlier on the key's own line: `env: { retracKey: '…' }`. */
const CLIENT_SECTION_INLINE = /(?:^|[^\w.$])["']?(?:env|publicRuntimeConfig|public|define|extra|customFields)["']?[ \t]*[:=][ \t]*\{|DefinePlugin[ \t]*\([ \t]*\{/;
/**
 * Build-time defines a bundler inlines into the code it builds, in any file (a webpack config need not
 * be named `webpack.config.js`): `DefinePlugin({…})`, `EnvironmentPlugin({…})` (its values are
 * defaults), Taro `defineConstants: {…}`.
 */
const BUILD_DEFINE =
  /(?:DefinePlugin|EnvironmentPlugin|HtmlWebpackPlugin|HtmlRspackPlugin|createHtmlPlugin|injectHtml)[ \t]*\([ \t]*\{?[ \t]*$|(?:^|[^\w.$])["']?(?:defineConstants|templateParameters)["']?[ \t]*[:=][ \t]*\{?[ \t]*$/;
const BUILD_DEFINE_INLINE =
  /(?:DefinePlugin|EnvironmentPlugin|HtmlWebpackPlugin|HtmlRspackPlugin|createHtmlPlugin|injectHtml)[ \t]*\([ \t]*\{|(?:^|[^\w.$])["']?(?:defineConstants|templateParameters)["']?[ \t]*[:=][ \t]*\{/;
/** The one client section of a file whose other sections are not inlined (prepare.ts `narrowClientSection`). */
const NARROW_SECTION = {
  define: /(?:^|[^\w.$])["']?define["']?[ \t]*[:=]?[ \t]*\{?[ \t]*$/,
  public: /(?:^|[^\w.$])["']?public["']?[ \t]*[:=]?[ \t]*\{?[ \t]*$/,
};
const NARROW_SECTION_INLINE = {
  define: /(?:^|[^\w.$])["']?define["']?[ \t]*[:=][ \t]*\{/,
  public: /(?:^|[^\w.$])["']?public["']?[ \t]*[:=][ \t]*\{/,
};
/**
 * Env names a build exposes by listing them: webpack `EnvironmentPlugin(['NAME', …])`, Redwood
 * `includeEnvironmentVariables = ['NAME']`; the list opened on the line or above it.
 */
const NAME_LIST_OPEN = /(?:EnvironmentPlugin[ \t]*\(|includeEnvironmentVariables["']?[ \t]*[:=])[ \t]*\[/;
const NAME_LIST_OPEN_END = /(?:EnvironmentPlugin[ \t]*\(|includeEnvironmentVariables["']?[ \t]*[:=])[ \t]*\[[ \t]*$/;
const QUOTED_NAME = /["']([A-Za-z_]\w{0,80})["']/g;
/** Cheap gates (necessary conditions) of the readers below: a quoted name with the brand; a field set from an env value. */
const QUOTED_RETRAC_NAME = /["']\w{0,80}?(?:retrac|Retrac|RETRAC)/;
const ENV_VALUE_FIELD = /:[ \t]*(?:process\.env|import\.meta\.env|[\w$.]{0,80}env\.)/;
/** A loader (or load function) whose return value the framework serializes into the page. */
const LOADER_HEAD =
  /\bexport[ \t]+(?:async[ \t]+)?function[ \t]+(?:loader|clientLoader|load)\b|\bexport[ \t]+(?:const|let)[ \t]+(?:loader|clientLoader|load)\b|\brouteLoader\$|\bcreateServerData\$|\bgetStaticProps\b/;
/** The object a loader returns: `return {`, `return json({`, `return defer({`, `json({`. */
const RETURNED_OBJECT = /\b(?:return[ \t]+(?:(?:json|defer|data|typedjson|typeddefer|Response\.json)[ \t]*\()?|(?:json|defer|typedjson)[ \t]*\()[ \t]*\{/;
const RETURNED_OBJECT_END = /\b(?:return[ \t]+(?:(?:json|defer|data|typedjson|typeddefer|Response\.json)[ \t]*\()?|(?:json|defer|typedjson)[ \t]*\()[ \t]*\{[ \t]*$/;
/**
 * A field whose value is a server-side env value: `process.env.X`, `import.meta.env.X`, `env.X`
 * (`$env/dynamic/private`, Workers' `context.env`), `Deno.env.get("X")`, or a bare upper-case `X`
 * (`$env/static/private`): the field (1) and the name (2, 3 or 4).
 */
const SERVER_ENV_FIELD =
  /(?:^|[^\w.$])([A-Za-z_$][\w$]*)["']?[ \t]*:[ \t]*(?:(?:process\.env|import\.meta\.env|(?:[\w$]+\.)*env)\.([A-Za-z_]\w*)(?![\w(])|(?:[\w$]+\.)*env\.get\([ \t]*["']([A-Za-z_]\w*)["']\)|([A-Z][A-Z0-9_]*)(?![\w$.(]))/g;
/** A component prop given an env value or a variable: `apiKey={process.env.X}`, `apiKey={key}`. */
const COMPONENT_PROP = /(?<![\w$.-])([A-Za-z_][\w-]*)=\{[ \t]*(?:(?:process\.env|import\.meta\.env)\.([A-Za-z_]\w*)|([A-Za-z_$][\w$]*))[ \t]*\}/g;
/** A response body opened on the line (`res.json({`, `reply.send({`, `c.json({`, `NextResponse.json({`, `jsonify(`) or at a line's end. */
const RESPONSE_OPEN = /(?:\b(?:res|resp|response|reply|ctx|c|NextResponse|Response)\.(?:status\([^()]{0,10}\)\.)?(?:json|send)[ \t]*\([ \t]*\{|\bjsonify[ \t]*\()[^()]{0,300}$/;
const RESPONSE_OPEN_END = /\b(?:res|resp|response|reply|ctx|c|NextResponse|Response)\.(?:status\([^()]{0,10}\)\.)?(?:json|send)[ \t]*\([ \t]*\{[ \t]*$/;
/** A key put in a cookie or returned to an Electron renderer: the env name (1). */
const KEY_TO_CLIENT_DIRECT =
  /\b(?:res\.cookie|setCookie|cookies\(\)\.set|cookies\.set|set_cookie)[ \t]*\([^()]{0,200}?(?:process\.env\.|os\.environ\[["']|getenv\(["'])([A-Za-z_]\w*)|\bipcMain\.handle(?:Once)?\([^()]{0,100},[ \t]*(?:async[ \t]*)?\([^()]{0,60}\)[ \t]*=>[ \t]*process\.env\.([A-Za-z_]\w*)[ \t]*\)/;
/** A call that hands values to a page template or a renderer (see keysPassedToViews). */
const VIEW_CALL =
  /\b(?:render_template|render_to_response|TemplateResponse|res\.render|response\.render|reply\.view|ctx\.render|Inertia::render|contextBridge\.exposeInMainWorld|c\.HTML)[ \t]*\(|\brender\([ \t]*request[ \t]*,|(?<![\w$.>:])view\([ \t]*["']/;
/** A server-side lookup of a name: `process.env.X`, `os.environ["X"]`, `os.getenv("X")`, `ENV["X"]`, `env('X')`, `settings.X`, `config('x.y')`. */
const KEY_LOOKUP =
  /(?:process\.env\.|os\.environ\[[ \t]*["']|os\.environ\.get\([ \t]*["']|\bgetenv\([ \t]*["']|\bENV\[[ \t]*["']|\bENV\.fetch\([ \t]*["']|\benv\([ \t]*["']|System\.getenv\([ \t]*["']|\bsettings\.|\bconfig\([ \t]*["'])([A-Za-z_][\w.]*)/g;
const KEY_LOOKUP_WORD = /process\.env|environ|getenv|ENV|\benv\(|settings\.|config\(/;
/** Fields that carry auth to a request rather than data to a page. */
const AUTH_FIELD = /auth|header|bearer/i;
/**
 * A URL's scheme given apart from its host: `scheme = "http"`, `.scheme("http")`, `Scheme: "http"`,
 * `protocol: 'http:'`, `new URI("http", "api.retrac.co", …)`, `urlunparse(("http", …))`.
 */
const SCHEME_APART =
  /(?:\b(?:scheme|protocol|Scheme|Protocol)["']?[ \t]*[:=(][ \t]*|\b(?:URI|URL|urlunparse|urlunsplit|SplitResult|ParseResult)[ \t]*\([ \t]*\(?[ \t]*)(["'])http:?\1|\bUri\.UriSchemeHttp\b(?!s)/g;
/**
 * Client APIs that speak plain HTTP to the host they are given: Python `HTTPConnection(…)`,
 * urllib3 `HTTPConnectionPool(…)`, Node `http.request({ host })` / `http.get({ … })`.
 */
const PLAIN_HTTP_CLIENT = /\b(?:HTTPConnection|HTTPConnectionPool|insecure_channel)[ \t]*\(|(?<![\w.$])http\.(?:request|get)[ \t]*\([ \t]*\{|\binsecure\.NewCredentials\(\)|\bWithInsecure\(\)/g;
/** A test that expects a client to refuse what it is given: `toThrow`, `rejects`, `assertThrows`, `pytest.raises`… */
const REFUSAL_TEST = /\.toThrow\w*\(|\.rejects\b|\bassertThrows\b|\bassertRaises\b|\bpytest\.raises\b|\bexpectThrows\b|\bshould\.throw\b|\braise_error\b|\bassert_raises?\b|\bthrows\(/;
/** The Retrac API host as a literal of its own (a port allowed): `"api.retrac.co"`. */
const RETRAC_HOST_LITERAL = /["'`]api\.retrac\.co(?::\d{1,5})?["'`]/i;
/**
 * Reads of a value bundled into an app from an env file the scanner cannot tell from a server's, as
 * the name read: react-native-config `Config.X` (1); flutter_dotenv `dotenv.env['X']` (2, Dart only).
 * (`BuildConfig.X` and `String.fromEnvironment('X')` are not here: the build flag that defines them is
 * reported, and only there — scan.projects "Android app with Ktor".)
 */
const APP_STORE_READ = /(?<![\w.])Config\.([A-Z][A-Z0-9_]*)\b|\bdotenv\.(?:env\[[ \t]*|get\([ \t]*)["']([A-Za-z_]\w*)["']/g;
/** react-native-dotenv: `import { RETRAC_API_KEY } from '@env'` (the names imported). */
const ENV_MODULE_IMPORT = /\bimport[ \t]*\{([^{}]{1,400})\}[ \t]*from[ \t]*["'](?:@env|react-native-dotenv)["']/;
/** A shell placeholder in a string (`"${RETRAC_API_KEY}"`, `'$RETRAC_API_KEY'`): filled by envsubst or a start script. */
const PLACEHOLDER = /["'`]\$\{?([A-Z][A-Z0-9_]*)\}?["'`]/g;
/** `"http://" + host`, `'http://' . $host`, `f"http://{host}"`, `` `http://${host}` ``: a scheme joined to a name (2, 3). */
const SCHEME_JOIN = /(["'`])http:\/\/\1[ \t]*(?:\+|\.\.|\.|<>|\|\|)[ \t]*([A-Za-z_$][\w$.]*)|["'`]http:\/\/(?:\$\{|#\{|\{|\$)([A-Za-z_$][\w$.]*)/g;
/** A scheme pair in configuration (`scheme: http`, `RETRAC_SCHEME=http`) and a host pair naming the Retrac API. */
const SCHEME_PAIR = /^[ \t]*(?:[\w.-]*[_.-])?(?:scheme|protocol)["']?[ \t]*[:=][ \t]*["']?http:?["']?[ \t]*,?[ \t]*$/i;
const RETRAC_HOST_PAIR = /^[ \t]*(?:[\w.-]*[_.-])?(?:host|hostname|domain|server)["']?[ \t]*[:=][ \t]*["']?api\.retrac\.co["']?[ \t]*,?[ \t]*$/i;
/** A host set on the scheme's own line (`c.scheme = "http"; c.host = "localhost"`): that line's host decides. */
const OWN_HOST = /\b(?:host|hostname|Host)["']?[ \t]*[:=(][ \t]*["']([^"'\s]{1,200})["']/;
/** An XML element that names a workspace argument, and the element after it that holds its value. */
const XML_NAME_WS = /(?:name|key)["']?[^<>]{0,80}>[ \t]*(?:[wW]orkspace(?:Id|ID|_id))[ \t]*<\//i;
const XML_VALUE_WS = /value["']?[^<>]{0,80}>[ \t]*(ws_[A-Za-z0-9]+)(?=[ \t]*<\/)/i;
/** Setters and options of a workspace id: `.setWorkspaceId("ws_…")`, `.withWorkspaceId(…)`, Go `WithWorkspaceID("ws_…")`. */
const WS_SETTER = /(?<![\w$])(?:set|with|Set|With)Workspace(?:Id|ID)[ \t]*\([ \t]*["'](ws_[A-Za-z0-9]+)["']/g;
const SCOPED_PATH = /\/(?:items|tags|locations|inventory\/[A-Za-z]+)(?![\w-]|\.\w)/g;
/**
 * A workspace-scoped path without its leading slash as a call's argument: `api.get('items')`,
 * `base.appendingPathComponent("tags")`, `urljoin(BASE, "items")`, `new Uri(baseUri, "locations")`.
 */
const RELATIVE_PATH = /[(,][ \t]{0,3}["'`]((?:items|tags|locations|inventory\/[A-Za-z]+)(?=["'`?]))/g;
const INSECURE_URL = /http:(?:\/\/|\\\/\\\/)api\.retrac\.co(?![A-Za-z0-9-]|\.[A-Za-z0-9])[^\s"'`<>)\]}]*/gi;
/** What a public name is set from: `${NAME}`, `$NAME`, `process.env.NAME`, `${{ secrets.NAME }}` or an identifier. */
const PUBLIC_VALUE_SOURCE =
  /^["'\]]?[ \t]*[:=][ \t]*(?:["'`]?(\$\{\{[ \t]*secrets\.|\$\{|\$|process\.env\.|import\.meta\.env\.)|(?=[A-Za-z_]))([A-Za-z_]\w*)/;
/**
 * A header that makes what it encloses apply to every request of a client: an interceptor or a
 * middleware (Angular `intercept(req, next)`, OkHttp `Interceptor`, Go `RoundTrip`, .NET
 * `DelegatingHandler`/`SendAsync`, Spring `ClientHttpRequestInterceptor`, httpx `auth_flow`, Feign
 * `RequestInterceptor`, RTK `prepareHeaders`, Apollo `willSendRequest`, hooks `onRequest`/`beforeRequest`).
 */
/** A quoted path that starts with a workspace-scoped segment: `'/items?workspaceId=…'`. */
const RELATIVE_SCOPED = /["'`]\/(?:items|tags|locations|inventory\/[A-Za-z]+)(?![\w-])/;
/** A server route, not a request: `app.get('/items', …)`, `router.post(…)`, `@app.route("/items")`. */
const ROUTE_CALL = /\b(?:app|router|server|fastify|express|hono|bp|blueprint|routes)\.(?:get|post|put|patch|delete|all|use|route|add_url_rule)\s*\(|\broute\s*\(|@(?:Get|Post|Put|Patch|Delete|Request)Mapping\b|\[Http(?:Get|Post|Put|Patch|Delete)\b|\[Route\b/;
/** Names of well-known other services: a section so named holds their credentials. */
const KNOWN_SERVICE_WORDS = /^(?:stripe|github|gitlab|slack|twilio|sendgrid|mailgun|aws|azure|gcp|google|openai|anthropic|datadog|sentry|shopify|paypal|courier|algolia|auth0|okta|firebase|supabase|vercel|netlify|heroku|cloudflare|segment|mixpanel|intercom|zendesk|hubspot|salesforce|jira|atlassian|notion|airtable|discord|telegram|pagerduty|newrelic|shipping|payments?|mailer|sms)$/i;
/** A config document about one API is short: a file of many entries is a collection, read by its sections. */
const ONE_API_DOCUMENT_LINES = 200;
const SAME_LINE_MARKER = /retrac-ignore(?!-next-line)|gitleaks:allow|trufflehog:ignore|pragma: allowlist secret|secretlint-disable-line/;
const NEXT_LINE_MARKER = /retrac-ignore-next-line|secretlint-disable-next-line|pragma: allowlist nextline secret/;

/** Scans lines `from..to` (0-based, inclusive) and returns the findings that start on them. */
export function scanLines(text: string, starts: readonly number[], prep: PreparedOptions, from: number, to: number, shapeCache?: Map<string, LineShape>): Finding[] {
  return new LineScan(text, starts, prep, shapeCache).run(from, to);
}

class LineScan extends DataModel {
  private readonly findings: Finding[] = [];
  private from = 0;
  private to = -1;
  /** Key findings already made, by rule and offset: a key reached from several requests is reported once. */
  private readonly emitted = new Set<number>();
  /** entryOwnerIsOther by line: it does not depend on the key, and a line may hold many. */
  private readonly entryOwnerMemo = new Map<number, boolean>();
  private readonly sectionMemo = new Map<number, boolean>();
  private readonly keyMapMemo = new Map<number, boolean>();
  /** serversLineAbove: by line, the nearest `servers:` at or above it (or -1). */
  private readonly serversMemo = new Map<number, number>();
  private readonly objectOwnerMemo = new Map<number, boolean>();
  private readonly widgetMemo = new Map<number, boolean>();
  /** The line sits in a client section of a framework config, or in data a page sends to the browser; by line. */
  private readonly clientSectionMemo = new Map<number, boolean>();
  private readonly clientDataMemo = new Map<number, boolean>();
  /** The line names `TestClient` or `test_client`, by line. */
  private readonly testClientMemo = new Map<number, boolean>();
  private namesTestClient(line: number): boolean {
    let v = this.testClientMemo.get(line);
    if (v === undefined) {
      const t = this.factsText(line);
      this.testClientMemo.set(line, (v = t.includes('TestClient') || t.includes('test_client')));
    }
    return v;
  }

  /** statementCallsAppUnderTest by line (asked for every key of every request that reaches it). */
  private readonly appUnderTestMemo = new Map<number, boolean>();
  /** onlyRetracInDocument's answer for the document (it does not depend on the line). */
  private onlyRetrac?: boolean;
  /** The line sits in a bundler's define (any file), or in the one client section of its file; by line. */
  private readonly buildDefineMemo = new Map<number, boolean>();
  private readonly narrowSectionMemo = new Map<number, boolean>();
  private readonly nameListMemo = new Map<number, boolean>();
  /** A test expecting a refusal around the line; a quoted Retrac host within 3 lines; on the line; by line. */
  private readonly refusalMemo = new Map<number, boolean>();
  private readonly hostNearMemo = new Map<number, boolean>();
  private readonly hostLiteralMemo = new Map<number, boolean>();
  /** Per line, the nearest line at or above it that mentions react-native-config (-1: none within FLOW_LINES). */
  private readonly mentionMemo = new Map<number, number>();
  /** The line sits in a response body (or what an event handler returns); by line. */
  private readonly responseMemo = new Map<number, boolean>();
  /** The line sits in the object a loader returns; by line. */
  private readonly returnedObjectMemo = new Map<number, boolean>();
  /** Lines already looked at as requests that may send to Retrac. */
  private readonly sinkLines = new Set<number>();

  run(from: number, to: number): Finding[] {
    const { gate } = this.prep;
    this.from = from;
    this.to = to;
    // A finding on [from, to] may depend on a gate word this far away (a section name, a request
    // that sends a key defined here, the host of that request).
    const reach = FLOW_LINES + REQUEST_LINES + CONTEXT_LINES;
    const ctxFrom = Math.max(0, from - reach);
    const ctxTo = Math.min(this.last, to + reach);
    this.setRegion(Math.max(0, ctxFrom - reach), Math.min(this.last, ctxTo + reach));
    const base = this.starts[ctxFrom];
    const region = this.doc.slice(base, this.lineEnd(ctxTo));
    let activeFrom = -1;
    let activeTo = -2;
    if (this.prep.retracFile) {
      // A file named for Retrac: every line may hold a Retrac key under a generic name.
      activeFrom = from;
      activeTo = to;
    }
    const sinks: number[] = [];
    let hosts = false;
    // Lines holding base64 of `retrac_` (a restricted key encoded): scanned as themselves, in line order with the gate's.
    const markers = markerLines(this.doc.slice(this.starts[from], this.lineEnd(to)), this.starts[from], this.starts, from, to);
    let mi = 0;
    const activate = (a: number, b: number): void => {
      if (a > activeTo + 1) {
        this.scanRange(activeFrom, activeTo);
        activeFrom = a;
      }
      activeTo = Math.max(activeTo, b);
    };
    gate.lastIndex = 0;
    for (let m = gate.exec(region); m; m = gate.exec(region)) {
      const line = lineOfOffset(this.starts, base + m.index);
      for (; mi < markers.length && markers[mi] <= Math.max(from, line - CONTEXT_LINES); mi++) activate(markers[mi], markers[mi]);
      const f = this.factsOf(line);
      // Requests that send to Retrac: the keys they carry may sit far from any gate word.
      if (f.retracTarget) sinks.push(line);
      if (f.hostName) hosts = true;
      // A section named for Retrac reaches down to its last key.
      // A Retrac URL bound to a name (a client's base URL) reaches the requests made through it below.
      const reachDown = f.retracTarget && (opensSection(f.text) || this.prep.requestFile || this.isOpenApiServer(line))
        ? FLOW_LINES
        : f.hostName || (f.retracTarget && this.bindsBaseField(line)) ? REQUEST_LINES : CONTEXT_LINES;
      const a = Math.max(from, line - CONTEXT_LINES);
      const b = Math.min(to, line + reachDown);
      if (a <= b) activate(a, b);
      if (line + 1 > this.last) break;
      gate.lastIndex = this.starts[line + 1] - base; // the rest of this line adds nothing
    }
    for (; mi < markers.length; mi++) activate(markers[mi], markers[mi]);
    this.scanRange(activeFrom, activeTo);
    // A Retrac URL bound to a name: the requests that use the name send to Retrac too.
    if (hosts) for (const l of this.hostUses()) if (l >= ctxFrom && l <= ctxTo) sinks.push(l);
    sinks.sort((a, b) => a - b);
    for (const line of sinks) if (this.candidateNear(line)) this.sink(line);
    return this.findings;
  }

  private scanRange(from: number, to: number): void {
    for (let l = from; l <= to; l++) if (l >= 0) this.scanLine(l);
  }

  /**
   * A request that sends to Retrac: the full-access keys it carries (literals, and names defined
   * within FLOW_LINES) are Retrac keys, wherever their lines are.
   */
  private sink(line: number): void {
    for (const l of [line]) {
      if (this.sinkLines.has(l)) continue;
      this.sinkLines.add(l);
      const own = this.requestWindow(l);
      // A client configured in a block (`val client = HttpClient(CIO) { defaultRequest { url(…) }; install(Auth) { … } }`):
      // the auth set anywhere in the block goes to the URL set in it.
      // Where the request shows no key itself, the client it is made through may hold it: a configuration
      // block, declarations, a service interface, helpers.
      const keyless = this.requestKeys(own).length === 0;
      const block = keyless ? this.clientBlockAround(own.from) ?? this.declarationsAround(l) : undefined;
      // A service interface the request binds: what its annotations send goes where the request goes.
      const service = keyless && this.sendsToRetrac(own) ? this.serviceBoundIn(own) : undefined;
      if (service) {
        for (const k of this.requestKeys(service)) {
          if (k.tok.keyType !== 'full' || !isAuthToken(k.tok) || k.line < Math.max(this.from, service.from) || k.line > Math.min(this.to, service.to) || this.ownedByAnother(k.tok, k.line)) continue;
          this.emitKey(this.factsOf(k.line), k.line, k.tok);
        }
      }
      // Helpers the request uses (a function returning its headers, a member set up elsewhere): their keys go with it.
      if (keyless && this.sendsToRetrac(own) && !this.namesOtherHost(own)) {
        for (const h of this.helpersOf(own)) {
          if (this.namesOtherHost(h)) continue;
          for (const k of this.requestKeys(h)) {
            if (k.tok.keyType !== 'full' || !k.sent || k.line < this.from || k.line > this.to) continue;
            // A definition reached through a helper: near enough that the rescan margin still covers the chain.
            if (k.flow ? Math.abs(k.line - l) > FLOW_LINES - 2 * REQUEST_LINES : !isAuthToken(k.tok) || this.ownedByAnother(k.tok, k.line)) continue;
            this.emitKey(this.factsOf(k.line), k.line, k.tok);
          }
        }
      }
      // A class whose base-URL field is Retrac's: the auth its methods set goes there.
      const cls = this.classOfBaseField(l);
      if (cls) {
        for (const k of this.requestKeys(cls)) {
          if (k.tok.keyType !== 'full' || !k.sent || k.flow || k.line < this.from || k.line > this.to) continue;
          if (!isAuthToken(k.tok) || this.ownedByAnother(k.tok, k.line) || this.namesOtherHost(this.requestWindow(k.line))) continue;
          this.emitKey(this.factsOf(k.line), k.line, k.tok);
        }
      }
      for (const ext of block ? [own, block] : [own]) {
        if (!this.hasCandidates(ext) || !this.sendsToRetrac(ext)) continue;
        for (const k of this.requestKeys(ext)) {
          if (k.tok.keyType !== 'full' || !k.sent || k.line < this.from || k.line > this.to) continue;
          // Through a client block, only literals in it: a definition further away would outrun the rescan margin.
          if (ext === block && (k.line < ext.from || k.line > ext.to)) continue;
          // A literal on the request's lines needs the same context as in scanLine; a definition
          // reached through a name the request sends is sent to Retrac by that request.
          // A literal sent as auth inside the request (a trailing block, a hook, an initializer: `client.get(url) {
          // bearerAuth("…") }`) is placed by the request's own extent, which its own line's statement may not reach.
          if (k.flow || this.fullKeyHasContext(k.tok, k.line) || (isAuthToken(k.tok) && !this.ownedByAnother(k.tok, k.line) && this.retracAround(ext, k.line) && !this.statementCallsAppUnderTest(k.line))) {
            this.emitKey(this.factsOf(k.line), k.line, k.tok);
          }
        }
      }
    }
  }

  private scanLine(line: number): void {
    const f = this.factsOf(line);
    const s = f.text;
    const keys = this.keysOf(f, line);
    for (const tok of keys) {
      if (tok.keyType === 'full' && !this.fullKeyHasContext(tok, line)) continue;
      this.emitKey(f, line, tok);
    }

    if (f.retracWord) {
      INSECURE_URL.lastIndex = 0;
      for (let m = INSECURE_URL.exec(s); m; m = INSECURE_URL.exec(s)) {
        // A comment is not a request (`// the API refuses http://api.retrac.co`), nor is Markdown prose (its code is).
        if (this.prep.markdown ? this.isMarkdownProse(line, m.index) : COMMENT_BEFORE.test(s.slice(Math.max(0, m.index - 2000), m.index))) continue;
        if (this.refusalTestAround(line) || (this.prep.docsProse && this.isDocsProse(line))) continue;
        this.emit(line, f, m.index, m.index + m[0].length, 'retrac/insecure-http', m[0],
          `Plain HTTP to the Retrac API (${m[0]}) sends the key in clear text, and the API is HTTPS only: use https://api.retrac.co.`);
      }
    }

    PUBLIC_NAME.lastIndex = 0;
    let publicNames: string[] | undefined;
    for (let m = PUBLIC_NAME.exec(s); m; m = PUBLIC_NAME.exec(s)) {
      const name = m[0];
      if (keys.some((k) => k.name === name || k.name?.endsWith('.' + name))) continue; // reported with its key
      // `ENV VITE_RETRAC_KEY=$VITE_RETRAC_KEY`: one name, one finding per line.
      if (publicNames?.includes(name)) continue;
      (publicNames ??= []).push(name);
      if (this.isKubernetesNameOfKey(s, name, line)) continue;
      this.publicName(f, line, name, m.index);
    }

    if (f.retracWord) {
      if (this.prep.page) this.renderedKeyNames(f, line);
      if (s.includes('.env')) this.keyLookupsSentToClient(f, line);
      if (keys.length === 0 && APP_BUILD_FLAG.test(s)) this.keyNamesCompiledIntoApp(f, line);
      if (QUOTED_RETRAC_NAME.test(s)) this.keyNamesListedForClient(f, line);
      if (this.prep.routeModule && s.includes(':')) this.keyValuesReturnedToPage(f, line);
      if (s.includes('.env') && (s.includes('ookie') || s.includes('ipcMain') || ENV_VALUE_FIELD.test(s))) this.keysSentInResponses(f, line);
      if (s.includes('Config.') || s.includes('dotenv.') || s.includes('@env') || s.includes('react-native-dotenv')) this.keyReadsFromAppStore(f, line);
      if (s.includes('$')) this.keyPlaceholdersSentToClient(f, line);
      if (KEY_LOOKUP_WORD.test(s)) this.keysPassedToViews(f, line);
    }
    if (s.includes('http://')) this.schemeJoinedToHost(f, line);
    if ((s.includes('cheme') || s.includes('rotocol') || s.includes('CHEME') || s.includes('ROTOCOL')) && SCHEME_PAIR.test(s)) this.schemePairNearHost(f, line);
    if (this.prep.componentFile && s.includes('={')) this.keyPropsOfComponents(f, line);
    if ((s.includes('"http"') || s.includes("'http'") || s.includes('"http:"') || s.includes("'http:'") || s.includes('UriSchemeHttp')) && (f.retracWord || this.retracHostNear(line))) {
      this.schemeApartFromHost(f, line);
    }
    if (f.retracWord && (s.includes('HTTPConnection') || s.includes('http.') || s.includes('nsecure'))) this.plainHttpClients(f, line);
    if (f.workspaceParam) this.workspaceParams(f, line);
    if (!this.prep.logFile && s.includes('ws_')) {
      if (!f.workspaceParam && !this.prep.dataFile) this.workspaceConstant(f, line);
      if (!this.prep.dataFile && !this.prep.toolEnvironment && s.includes('orkspaceI')) this.workspaceSetters(f, line);
      if (!this.prep.dataFile && line > 0 && s.includes('>ws_')) this.workspaceXmlValue(f, line);
      if (s.includes('/workspaces/ws_')) this.workspacePaths(f, line);
    }
    // Recorded data (fixtures, cassettes, HAR, snapshots) is not a request to fix: only its keys are findings.
    if (!this.prep.dataFile) {
      if (s.includes('/')) this.scopedPaths(f, line);
      // `api.get('items')`, `base.appendingPathComponent("tags")`: a path without any slash on its line.
      else if (s.includes('(')) this.relativePaths(f, line);
    }
  }

  /** `- name: NEXT_PUBLIC_X` whose `value:` on the next line is a key: reported there, once. */
  private isKubernetesNameOfKey(s: string, name: string, line: number): boolean {
    if (line >= this.last || !/^\s*-?\s*(?:name|key):/.test(s)) return false;
    const next = this.factsOf(line + 1);
    return this.keysOf(next, line + 1).some((k) => k.name === name);
  }

  /**
   * Where an unprefixed key goes decides whether it is a Retrac key: sent as auth in a request to
   * Retrac, named for Retrac, or under a generic key name in a Retrac client call, a request to
   * Retrac, a section named for Retrac, a file named for Retrac, or a `.env` file about Retrac.
   */
  private fullKeyHasContext(tok: KeyToken, line: number): boolean {
    if (tok.via === 'bearer') {
      // `quarkus.rest-client.courier.headers.Authorization=Bearer …`: the label's own path says whose header it is.
      if (this.bearerLabelOwnedByAnother(tok, line)) return false;
      // A contract file (Pact) says where all its interactions go: `"provider": { "name": "Courier" }`.
      const provider = this.contractProvider();
      if (provider !== undefined) return hasRetracWord(provider);
      // An interceptor's header goes where the interceptor's client goes; a middleware section named for another
      // service (Traefik `courier-auth:` / `customRequestHeaders:`) is that service's, whatever Retrac URL is near.
      // A request to the app under test goes to the app (asked last: it is rarely needed).
      return (this.prep.retracFile || this.retracAround(this.requestWindow(line), line) || this.openApiServerIsRetrac(line) ||
        (this.interceptedToRetrac(line) && !(this.prep.paragraphs && this.collectionEntryIsOther(line))) ||
        this.routeTargetIsRetrac(line) || this.onlyUpstreamIsRetrac(line) || this.onlyRetracInDocument(line)) &&
        !this.statementCallsAppUnderTest(line);
    }
    if (tok.via === 'host') return true; // bound to a Retrac host by its own syntax (keyTokens.ts)
    const name = tok.name ?? '';
    if (nameSaysRetracKey(name)) return true;
    if (tok.via === 'assign' && this.assignedFromRetracLookup(name, line)) return true;
    // `api_keys:` / `retrac: …`, `tokens = { retrac: '…' }`: a Retrac field in a map of keys.
    if (hasRetracWord(name)) return this.inKeyMap(line);
    // `password = …` under `[retrac]` (`.pypirc`, a tool's credentials file): only in a section or file named for Retrac.
    // `auth: { username: KEY, password: '' }`: a key as the user of basic auth, only in a request that goes to Retrac.
    if (USER_NAME.test(name)) return !this.ownedByAnother(tok, line) && this.retracAround(this.requestWindow(line), line);
    if (PASSWORD_NAME.test(name)) return !this.ownedByAnother(tok, line) && (this.prep.retracFile || this.inRetracSection(line) || this.xmlEntryIdSaysRetrac(line) || this.xmlElementSaysRetrac(line) || this.repositoryUrlIsRetrac(line));
    if (!isGenericKeyName(name)) return false;
    if (this.ownedByAnother(tok, line)) return false;
    if (this.prep.retracFile) return true;
    const ext = this.requestWindow(line);
    if (this.prep.envFile && this.windowSome(line, (w) => w.retracWord)) return true;
    if (this.retracAround(ext, line)) return true;
    if (this.inRetracSection(line)) return true;
    return this.prep.requestFile && this.requestFileUrlIsRetrac(line);
  }

  /** `- url: https://api.retrac.co` under a top-level `servers:` (OpenAPI, YAML): it reaches the operations below. */
  private isOpenApiServer(line: number): boolean {
    if (!this.prep.paragraphs || !/^\s*-?\s*url\s*:/.test(this.factsText(line))) return false;
    for (let l = line - 1; l >= Math.max(0, line - 3); l--) if (this.factsText(l).startsWith('servers:')) return true;
    return false;
  }

  /**
   * An OpenAPI document (YAML) whose top-level `servers:` above the line (within FLOW_LINES) lists only
   * Retrac URLs: every operation in it goes there, with the auth its examples show.
   */
  private openApiServerIsRetrac(line: number): boolean {
    if (!this.prep.paragraphs || this.namesOtherHost({ from: line, to: line })) return false;
    const l = this.serversLineAbove(line);
    if (l < 0 || l < line - FLOW_LINES) return false;
    let retrac = false;
    for (let u = l + 1; u <= Math.min(this.last, l + 12); u++) {
      const v = this.factsText(u);
      if (/^\S/.test(v)) break;
      if (!/^\s*-?\s*url\s*:/.test(v)) continue;
      if (!v.includes('retrac.co') || this.namesOtherHost({ from: u, to: u })) return false;
      retrac = true;
    }
    return retrac;
  }

  /** The nearest top-level `servers:` line above `line` within FLOW_LINES, or -1; memoised so many tokens walk each line once. */
  private serversLineAbove(line: number): number {
    const visited: number[] = [];
    let found = -1;
    let known = false;
    for (let l = line - 1; l >= Math.max(0, line - FLOW_LINES); l--) {
      const memo = this.serversMemo.get(l);
      if (memo !== undefined) {
        found = memo;
        known = true;
        break;
      }
      visited.push(l);
      if (this.factsText(l).startsWith('servers:')) {
        found = l;
        break;
      }
    }
    // A line's answer is the nearest at or above it. A walk cut off by the limit proves nothing for the lines it saw.
    const complete = known || found >= 0 || visited.length === 0 || visited[visited.length - 1] === 0;
    if (complete) for (const v of visited) this.serversMemo.set(v, found);
    return found;
  }

  /**
   * The key's own name or entry says whose it is, and that is another service: `courier.api.key=…`,
   * `default['courier']['api_key'] = …`, `courier: apiKey: …`, `{ provider: 'courier', token: … }`.
   */
  private ownedByAnother(tok: KeyToken, line: number): boolean {
    const name = tok.name ?? '';
    return (name !== '' && ownerOf(name, this.factsOf(line).text, tok.start) === 'other') || this.entryOwnerIsOther(line) ||
      (tok.via === 'bearer' && this.bearerLabelOwnedByAnother(tok, line)) || this.objectOwnerIsOther(line, tok) || this.contractProviderIsOther() ||
      this.registrationIsOther(tok, line) || this.statementCallsAppUnderTest(line);
  }

  /**
   * In a properties-like file, the dotted label a bearer value is set under branches off a Retrac
   * sibling's label at a service name: `quarkus.rest-client.courier.headers.Authorization=Bearer …` next to
   * `quarkus.rest-client.retrac.url=…` (the segment after the shared prefix says whose header it is).
   */
  private bearerLabelOwnedByAnother(tok: KeyToken, line: number): boolean {
    // Properties lines are short; a long line (a bundle, a minified blob) holds no such labels.
    const text = this.factsText(line);
    if (!this.prep.paragraphs || text.length > 400) return false;
    const m = BEARER_LABEL.exec(text.slice(Math.max(0, tok.start - 200), tok.start));
    if (!m || hasRetracWord(m[1])) return false;
    const own = m[1].split('.');
    for (let l = Math.max(0, line - CONTEXT_LINES); l <= Math.min(this.last, line + CONTEXT_LINES); l++) {
      if (l === line || !this.factsOf(l).retracWord || this.factsText(l).length > 400) continue;
      const sibling = DOTTED_LABEL.exec(this.factsText(l))?.[1]?.split('.');
      if (!sibling) continue;
      let k = 0;
      while (k < own.length && k < sibling.length && own[k] === sibling[k]) k++;
      if (k > 0 && k < own.length - 1 && k < sibling.length && hasRetracWord(sibling[k])) return true;
    }
    return false;
  }

  /** An XML entry identified by a child above the line: Maven `<server>` / `<id>retrac</id>` / `<password>…`. */
  private xmlEntryIdSaysRetrac(line: number): boolean {
    for (let l = line - 1; l >= Math.max(0, line - 6); l--) {
      const t = this.factsText(l);
      const id = t.length < 300 ? XML_ENTRY_ID.exec(t) : null;
      if (id) return hasRetracWord(id[1]);
      if (/^\s*<[\w.-]+>\s*$/.test(t)) return false; // the entry's opener: no id above the key
    }
    return false;
  }

  /**
   * In an indented file, an ancestor of the line is an entry of a named collection (`middlewares:`,
   * `services:`, `clients:`, `plugins:` …) whose own name names another service before any ancestor
   * names Retrac: Traefik `middlewares:` / `courier-auth:` / `headers:` / `Authorization: Bearer …`.
   * Ancestors by indentation, within FLOW_LINES; undefined names stop nothing.
   */
  private collectionEntryIsOther(line: number): boolean {
    let indent = this.shape(line).indent;
    let child: string | undefined;
    for (let l = line - 1; indent > 0 && l >= Math.max(0, line - FLOW_LINES); l--) {
      const sh = this.shape(l);
      if (sh.empty || sh.indent < 0 || sh.indent >= indent) continue;
      indent = sh.indent;
      const t = this.factsText(l);
      const name = t.length < 300 ? YAML_KEY_LINE.exec(t)?.[1] : undefined;
      if (name === undefined) return false;
      if (hasRetracWord(name)) return false;
      if (child !== undefined && ENTRY_COLLECTIONS.has(name.toLowerCase()) && child.split(WORD_PARTS).some((w) => isOtherServiceName(w))) return true;
      child = name;
    }
    return false;
  }

  /**
   * The provider a contract file's interactions go to (Pact: `"interactions": [ … ]` and `"provider": { "name": … }`,
   * the name on the provider's line or the next); read once per scan from the JSON's first and last CONTRACT_EDGE
   * lines; undefined in any other file.
   */
  private contractProvider(): string | undefined {
    if (this.provider === undefined) {
      this.provider = null;
      let interactions = false;
      let name: string | undefined;
      // JSON only, and only its first and last CONTRACT_EDGE lines (where Pact writes `consumer`, `provider`, `interactions`): bounded per scan.
      for (let l = 0; this.prep.jsonData && l <= this.last; l = l === CONTRACT_EDGE - 1 ? Math.max(l + 1, this.last - CONTRACT_EDGE) : l + 1) {
        const t = this.factsText(l);
        if (t.length > 2000) continue;
        if (!interactions && t.includes('"interactions"')) interactions = true;
        if (name === undefined && t.includes('"provider"')) name = CONTRACT_PROVIDER.exec(l < this.last ? t + this.factsText(l + 1).slice(0, 200) : t)?.[1];
        if (interactions && name !== undefined) break;
      }
      if (interactions && name !== undefined) this.provider = name;
    }
    return this.provider ?? undefined;
  }
  private provider?: string | null;

  /** A named value set inside a registration for another service: `AddCourier(o => o.ApiKey = "…")` next to `AddRetrac()`. */
  private registrationIsOther(tok: KeyToken, line: number): boolean {
    if (tok.via === 'bearer' || tok.name === undefined) return false;
    const s = this.factsOf(line).text;
    const service = enclosingRegistration(s, tok.start > 0 && /["'`]/.test(s[tok.start - 1]) ? tok.start - 1 : tok.start);
    return service !== undefined && isOtherServiceName(service);
  }

  private contractProviderIsOther(): boolean {
    const p = this.contractProvider();
    return p !== undefined && !hasRetracWord(p);
  }

  /**
   * A proxy route names the upstream its headers go to: Envoy `route: { cluster: retrac }` beside
   * `request_headers_to_add`, `backend: retrac`, `upstream: retrac-api` (in the key's request window, which names no other host).
   */
  private routeTargetIsRetrac(line: number): boolean {
    const ext = this.requestWindow(line);
    if (this.namesOtherHost(ext)) return false;
    for (let l = ext.from; l <= ext.to; l++) {
      const t = this.factsText(l);
      const m = t.length < 400 && /cluster|backend|upstream/.test(t) ? ROUTE_TARGET.exec(t) : null;
      if (m && hasRetracWord(m[1])) return true;
    }
    return false;
  }

  /**
   * A proxy config whose declared backends or upstreams near the line (`backend retrac { .host = … }` in
   * Varnish VCL, nginx `upstream retrac { … }`) are all Retrac's: the headers it sets go there. Near is the
   * line's bucket of UPSTREAM_BUCKET lines and FLOW_LINES around it; each line is classified once, each bucket answered once.
   */
  private onlyUpstreamIsRetrac(line: number): boolean {
    const bucket = Math.floor(line / UPSTREAM_BUCKET);
    let v = this.upstreamBuckets.get(bucket);
    if (v === undefined) {
      let retrac = false;
      let other = false;
      const from = Math.max(0, bucket * UPSTREAM_BUCKET - FLOW_LINES);
      const to = Math.min(this.last, (bucket + 1) * UPSTREAM_BUCKET - 1 + FLOW_LINES);
      for (let l = from; l <= to && !other; l++) {
        let kind = this.upstreamLines.get(l);
        if (kind === undefined) {
          const t = this.factsText(l);
          const m = t.length > 400 || (!t.includes('backend') && !t.includes('upstream')) ? null : UPSTREAM_DECL.exec(t);
          kind = !m ? 0 : hasRetracWord(m[1]) || t.includes('retrac.co') ? 1 : 2;
          this.upstreamLines.set(l, kind);
        }
        if (kind === 1) retrac = true;
        else if (kind === 2) other = true;
      }
      this.upstreamBuckets.set(bucket, (v = retrac && !other));
    }
    return v;
  }
  /** By line: 0 no upstream declared, 1 a Retrac one, 2 another. */
  private readonly upstreamLines = new Map<number, number>();
  private readonly upstreamBuckets = new Map<number, boolean>();

  /**
   * The block that holds the line's block has a `url` field of its own on a Retrac host: Gradle
   * `maven { url = uri("https://maven.retrac.co/…") credentials { password = "…" } }` (a repository and its credentials).
   */
  private repositoryUrlIsRetrac(line: number): boolean {
    const opener = this.openerAbove(line, CONTEXT_LINES);
    if (opener < 0 || opener >= line) return false;
    const parent = this.openerAbove(opener, CONTEXT_LINES);
    if (parent < 0 || parent >= opener) return false;
    let retrac = false;
    for (let l = parent; l <= Math.min(this.last, parent + 2 * CONTEXT_LINES); l++) {
      if (l > parent && this.openerAbove(l, CONTEXT_LINES) !== parent) {
        if (l > line) break;
        continue;
      }
      const t = this.factsText(l);
      if (t.length > 400 || !/\burl\b/i.test(t) || !t.includes('://')) continue;
      if (this.namesOtherHost({ from: l, to: l })) return false;
      retrac ||= this.factsOf(l).retracTarget;
    }
    return retrac;
  }

  /**
   * The XML element that encloses the line by indentation is named for Retrac: NuGet
   * `<packageSourceCredentials>` / `<retrac>` / `<add key="ClearTextPassword" value="…"/>`. The nearest
   * less-indented line above (within FLOW_LINES) must be that element's opening tag.
   */
  private xmlElementSaysRetrac(line: number): boolean {
    const indent = this.shape(line).indent;
    for (let l = line - 1; indent > 0 && l >= Math.max(0, line - FLOW_LINES); l--) {
      const sh = this.shape(l);
      if (sh.empty || sh.indent < 0 || sh.indent >= indent) continue;
      const t = this.factsText(l);
      const tag = t.length < 300 ? XML_OPEN_TAG.exec(t) : null;
      return tag !== null && hasRetracWord(tag[1]);
    }
    return false;
  }

  /**
   * The object the key sits in is named for another service and holds nothing about Retrac:
   * `courier: {` / `apiKey: '…'` next to a `retracBaseUrl` field, `plugins: { Courier: { apiKey: '…' } }`.
   * Read from the nearest opener (on the key's line or within CONTEXT_LINES above) to the key.
   */
  private objectOwnerIsOther(line: number, tok: KeyToken): boolean {
    // Only keys under a key-like field name: a bearer token is placed by its request.
    if (tok.via === 'bearer' || tok.name === undefined) return false;
    const s = this.factsOf(line).text;
    // The 400 characters before the key, from an entry's end (a cut inside a string would misread the quotes).
    // (The `}` is looked for in the window only: on a line with no `}` a search to the line's end per key was quadratic.)
    const window = s.slice(Math.max(0, tok.start - 400), tok.start);
    const b = tok.start > 400 ? window.indexOf('}') : -1;
    const near = b >= 0 ? window.slice(b + 1) : window;
    const entry = openEntryNameAt(near, near.length);
    if (entry) return isOtherServiceName(lastSegment(entry.name)) && !hasRetracWord(near.slice(entry.at));
    let v = this.objectOwnerMemo.get(line);
    if (v === undefined) {
      v = false;
      const opener = this.openerAbove(line, CONTEXT_LINES);
      if (opener >= 0 && opener < line) {
        const m = SECTION_OPENER_NAME.exec(this.text(opener).slice(-400));
        if (m && isOtherServiceName(m[1])) {
          v = true;
          for (let l = opener + 1; l <= line && v; l++) if (hasRetracWord(this.text(l))) v = false;
        }
      }
      this.objectOwnerMemo.set(line, v);
    }
    return v && !hasRetracWord(near);
  }

  /** A Bruno request file: its `url:` line (one request per file) says where the `auth:bearer` token goes. */
  private requestFileUrlIsRetrac(line: number): boolean {
    for (let l = Math.max(0, line - FLOW_LINES); l <= Math.min(this.last, line + FLOW_LINES); l++) {
      if (/^\s*url\s*:/.test(this.factsText(l))) return this.factsOf(l).retracTarget;
    }
    return false;
  }

  /**
   * The key's own entry names another provider: `{ provider: 'courier', token: … }`, `shipping:` /
   * `provider: courier` / `token: …`. Read from the entry's opener (or its first line at the same
   * indent) to a few lines below, within CONTEXT_LINES.
   */
  /** A section named for Retrac encloses the line; by line (a long line may hold many keys: each walk reads its brackets). */
  private inRetracSection(line: number): boolean {
    let v = this.sectionMemo.get(line);
    if (v === undefined) this.sectionMemo.set(line, (v = inNamedSection(this, line, FLOW_LINES, (t) => hasRetracWord(t) && !IMPORT_LINE.test(t))));
    return v;
  }

  /** A Cordova `<widget>` opens on the line or within FLOW_LINES above it; by line. */
  private inWidget(line: number): boolean {
    let v = this.widgetMemo.get(line);
    if (v === undefined) {
      v = false;
      for (let l = line; l >= Math.max(0, line - FLOW_LINES) && !v; l--) v = this.text(l).includes('<widget');
      this.widgetMemo.set(line, v);
    }
    return v;
  }

  /** In a bundler's define (`DefinePlugin({…})`, `EnvironmentPlugin({…})`, `defineConstants`), opened on the line or above. */
  private inBuildDefine(before: string, line: number): boolean {
    if (BUILD_DEFINE_INLINE.test(before)) return true;
    let v = this.buildDefineMemo.get(line);
    if (v === undefined) this.buildDefineMemo.set(line, (v = inNamedSection(this, line, CONTEXT_LINES, (t) => BUILD_DEFINE.test(t))));
    return v;
  }

  private inNarrowClientSection(which: 'define' | 'public', before: string, line: number): boolean {
    if (NARROW_SECTION_INLINE[which].test(before)) return true;
    let v = this.narrowSectionMemo.get(line);
    if (v === undefined) this.narrowSectionMemo.set(line, (v = inNamedSection(this, line, CONTEXT_LINES, (t) => NARROW_SECTION[which].test(t))));
    return v;
  }

  /** A client-exposed-key finding was made on the line (findings are pushed in line order). */
  private exposedOnLine(line: number, rule: RuleId = 'retrac/client-exposed-key'): boolean {
    for (let i = this.findings.length - 1; i >= 0 && this.findings[i].line === line + 1; i--) if (this.findings[i].rule === rule) return true;
    return false;
  }

  /** A comment opens before `at` on the line (not in Markdown, whose prose has its own reading). */
  private inCodeComment(s: string, at: number): boolean {
    return !this.prep.markdown && COMMENT_BEFORE.test(s.slice(Math.max(0, at - 2000), at));
  }

  private inClientSection(line: number): boolean {
    let v = this.clientSectionMemo.get(line);
    if (v === undefined) this.clientSectionMemo.set(line, (v = inNamedSection(this, line, CONTEXT_LINES, (t) => CLIENT_SECTION.test(t))));
    return v;
  }

  private inClientData(line: number): boolean {
    let v = this.clientDataMemo.get(line);
    if (v === undefined) this.clientDataMemo.set(line, (v = inNamedSection(this, line, CONTEXT_LINES, (t) => CLIENT_DATA.test(t))));
    return v;
  }

  /** A map of keys (`api_keys:`, `tokens = {`) encloses the line; by line. */
  private inKeyMap(line: number): boolean {
    let v = this.keyMapMemo.get(line);
    if (v === undefined) this.keyMapMemo.set(line, (v = inNamedSection(this, line, CONTEXT_LINES, (t) => KEY_MAP_NAME.test(t))));
    return v;
  }

  private entryOwnerIsOther(line: number): boolean {
    let v = this.entryOwnerMemo.get(line);
    if (v === undefined) this.entryOwnerMemo.set(line, (v = this.readEntryOwnerIsOther(line)));
    return v;
  }

  private readEntryOwnerIsOther(line: number): boolean {
    const opener = this.openerAbove(line, CONTEXT_LINES);
    const indent = this.shape(line).indent;
    let from = line;
    while (from > Math.max(0, line - CONTEXT_LINES, opener + 1)) {
      const sh = this.shape(from - 1);
      if (!sh.empty && (sh.indent < indent || sh.net !== 0)) break;
      from--;
    }
    if (opener >= 0 && opener >= line - CONTEXT_LINES && from === opener + 1) from = opener;
    for (let l = from; l <= Math.min(this.last, line + 3); l++) {
      const t = this.factsText(l);
      const m = t.length < 400 ? OWNER_FIELD.exec(t) : null;
      if (m) return !hasRetracWord(m[1]);
      // `{ "id": "courier", "api_key": … }` (a Chef data bag item, a record keyed by its service): the id says whose
      // entry it is when it is a service's word, unless the file itself is named for Retrac.
      const id = t.length < 400 && !this.prep.retracFile ? ID_OWNER_FIELD.exec(t) : null;
      if (id && (hasRetracWord(id[1]) || isOtherServiceName(id[1]))) return !hasRetracWord(id[1]);
      if (l >= line && /[}\]]/.test(t)) break;
    }
    return false;
  }

  /**
   * A fallback assigned to a variable that a lookup of a Retrac key name set just above:
   * `key := os.Getenv("RETRAC_API_KEY")` / `if key == "" {` / `key = "…"`.
   */
  private assignedFromRetracLookup(name: string, line: number): boolean {
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) return false;
    for (let l = line - 1; l >= Math.max(0, line - CONTEXT_LINES); l--) {
      const t = this.factsText(l);
      if (this.assignedVariableOf(l) === name.replace(/^\$/, '')) return retracLookupName(t, name) !== undefined;
    }
    return false;
  }

  private emitKey(f: LineFacts, line: number, tok: KeyToken): void {
    const at = f.offset + tok.start;
    if (this.emitted.has(at)) return;
    this.emitted.add(at);
    const { options, envFile } = this.prep;
    const redacted = redactKey(tok.key);
    // `process.env.VITE_KEY = …` assigns the public name too.
    const bareName = tok.name === undefined ? undefined : lastSegment(tok.name);
    const publicPrefix = bareName ? publicPrefixOf(bareName) : undefined;
    const literal = enclosingString(f, tok.start);
    const extra: Partial<Finding> = { keyType: tok.keyType };
    if (literal) {
      extra.literalStart = f.offset + literal.start;
      extra.literalEnd = f.offset + literal.end;
    }
    const kind = tok.keyType === 'restricted' ? 'restricted' : 'full-access';
    if (publicPrefix && bareName) {
      this.emit(line, f, tok.start, tok.end, 'retrac/client-exposed-key', tok.key,
        `${bareName} holds a ${kind} Retrac key (${redacted}), and bundlers inline ${publicPrefix}* variables into browser code where anyone can read them. Keep the key server-side under a name without ${publicPrefix} and revoke this one.`,
        { ...extra, envName: bareName });
      // The literal is a leaked key as well: fixing the name does not unwrite it.
    } else {
      const where = this.shippedWhere(f, line, tok);
      if (where) {
        this.emit(line, f, tok.start, tok.end, 'retrac/client-exposed-key', tok.key,
          `A ${kind} Retrac key (${redacted}) ${where}, where anyone can read it. Call the Retrac API from server code that reads the key from its environment, and revoke this one.`,
          { ...extra, envName: tok.name && isEnvLikeName(lastSegment(tok.name)) ? lastSegment(tok.name) : 'RETRAC_API_KEY' });
      }
    }
    if (envFile && options.gitIgnored) return;
    const envName = bareName && publicPrefix ? bareName.slice(publicPrefix.length) : tok.name;
    extra.envName = envName && isEnvLikeName(envName) ? envName : 'RETRAC_API_KEY';
    if (tok.keyType === 'restricted') {
      this.emit(line, f, tok.start, tok.end, 'retrac/restricted-key', tok.key,
        `Restricted Retrac API key ${redacted} is written in this file, so anyone who can read it can use the key's scopes. Read it from an environment variable (${extra.envName}) or a secret store, and revoke the key if it was committed.`,
        extra);
    } else {
      this.emit(line, f, tok.start, tok.end, 'retrac/full-access-key', tok.key,
        `Full-access Retrac API key ${redacted} is written in this file; it carries every permission of its user in every workspace. Read it from an environment variable (${extra.envName}) or a secret store, and revoke the key if it was committed.`,
        extra);
    }
  }

  /**
   * Where a key literal is inlined into client code under a name without a public env prefix, as a
   * phrase; undefined when it is not: the config a client app is built with (Angular environments,
   * Ember `config/environment.js`, Expo/Nuxt `app.config.*`, Capacitor), a build flag that compiles
   * it into an app (`--dart-define=`, `buildConfigField`, `resValue`), a Cordova `<widget>` config,
   * or a framework config section inlined into client code (Next `env` and `publicRuntimeConfig`,
   * Nuxt `runtimeConfig.public`, Vite/Astro `define`, Expo `extra`). A key in a built bundle or a
   * served file is a leaked key (the key rules), not this rule: no name puts it there.
   */
  private shippedWhere(f: LineFacts, line: number, tok: KeyToken): string | undefined {
    if (this.prep.clientApp) return 'is in the config a client app is built with, which inlines it into browser or app code';
    // Read a bounded slice before the key: a long line may hold many keys.
    const before = f.text.slice(Math.max(0, tok.start - 300), tok.start);
    if (APP_BUILD_FLAG.test(before)) return 'is compiled into the app by a build flag';
    if (this.prep.xmlConfig && this.inWidget(line)) return 'is in an app config that is packaged into the app';
    if (this.inBuildDefine(before, line)) return 'is a build-time define or page template parameter that the bundler inlines into what it builds';
    const narrow = this.prep.narrowClientSection;
    if (narrow && this.inNarrowClientSection(narrow, before, line)) {
      return narrow === 'define' ? 'is a build-time define that the bundler inlines into the code it builds' : 'is in the public settings sent to every client';
    }
    if (!this.prep.clientConfig) return undefined;
    if (CLIENT_SECTION_INLINE.test(before) || this.inClientSection(line)) {
      return 'is in a config section that the framework inlines into browser code';
    }
    return undefined;
  }

  private publicName(f: LineFacts, line: number, name: string, at: number): void {
    const { keyEnvNames, envFile } = this.prep;
    const prefix = publicPrefixOf(name)!;
    const known = keyEnvNames.get(name);
    const saysKey = nameSaysRetracKey(name);
    let keyType: KeyType | undefined = known && (known.keyType === 'restricted' || saysKey) ? known.keyType : undefined;
    // `NEXT_PUBLIC_RETRAC_KEY=${RETRAC_API_KEY}`, `VITE_KEY: process.env.RETRAC_API_KEY`: a public name fed from a key.
    const ref = PUBLIC_VALUE_SOURCE.exec(f.text.slice(at + name.length));
    // In .env files a bare value is a literal; only `$NAME` / `${NAME}` refer to another variable.
    const source = ref && (ref[1] || !envFile) ? ref[2] : undefined;
    const sourceKey = source ? keyEnvNames.get(source) : undefined;
    const fromKey = source !== undefined && (nameSaysRetracKey(source) || sourceKey?.keyType === 'restricted');
    if (fromKey) keyType ??= sourceKey?.keyType;
    const flagged = envFile ? fromKey : fromKey || saysKey || keyType !== undefined;
    if (!flagged) return;
    const what = fromKey ? `is set from ${source}, a Retrac key,` : 'holds a Retrac key';
    this.emit(line, f, at, at + name.length, 'retrac/client-exposed-key', name,
      `${name} ${what} and bundlers inline ${prefix}* variables into browser code where anyone can read them. Call the Retrac API from server code with a name without ${prefix}.`,
      { envName: name, ...(keyType ? { keyType } : {}) });
  }

  /** The text of the first line of a request that holds a quoted path alone (`'/items'`), if any. */
  private relativeScopedLineIn(ext: { from: number; to: number }): string | undefined {
    for (let l = ext.from; l <= ext.to; l++) {
      const t = this.factsText(l);
      if (t.length < 2000 && t.includes('/') && RELATIVE_SCOPED.test(t)) return t;
    }
    return undefined;
  }

  private workspaceParams(f: LineFacts, line: number): void {
    const s = f.text;
    // Without a key token or a name sent as auth nearby, no request here carries a key.
    const keysNear = this.prep.keyEnvNames.size > 0 || this.candidateNear(line);
    const ext = keysNear ? this.requestWindow(line) : { from: line, to: line - 1 };
    let restricted: string | undefined;
    let restrictedEnv: string | undefined;
    let otherHost = !keysNear;
    for (let l = ext.from; l <= ext.to && !otherHost; l++) {
      const t = this.factsOf(l).text;
      otherHost = t.includes('://') && OTHER_HOST_URL.test(t) && !t.includes('retrac.co');
    }
    const keys = otherHost ? [] : this.requestKeys(ext);
    restricted = restrictedKeyIn(keys);
    for (let l = ext.from; l <= ext.to && !restricted && !restrictedEnv && !otherHost; l++) {
      const r = this.envRefsOf(this.factsOf(l)).find((e) => e.keyType === 'restricted');
      if (r) restrictedEnv = r.name;
    }
    const outputs = new NotebookOutputs(s, () => inNamedSection(this, line, FLOW_LINES, (t) => t.includes('"outputs"')));
    // A request that shows no key may send one set up by a helper it uses or by the class that declares its client.
    if (!restricted && !restrictedEnv && !otherHost && keysNear && keys.length === 0) {
      for (const h of this.helpersOf(ext)) {
        if (!this.namesOtherHost(h) && (restricted = restrictedKeyIn(this.requestKeys(h)))) break;
      }
      if (!restricted) {
        const cfg = this.classClientAround(line);
        restricted = cfg && restrictedKeyIn(this.requestKeys(cfg));
      }
      const cfg = restricted ? undefined : this.classClientAround(line);
      if (!restricted && (this.sendsToRetrac(ext) || (cfg && this.sendsToRetrac(cfg)))) {
        const ik = this.interceptorKeyNear(line, 'restricted');
        restricted = ik.key;
        restrictedEnv = ik.env;
      }
      // A path alone near a client configured once with a Retrac base URL and its auth.
      // The path may sit on another line of the request (`request.uri.path = '/items'` / `request.uri.query = [workspaceId: …]`).
      // Or on the service it is declared in (`@HttpExchange("/items")` on the interface, `@GetExchange("?workspaceId=…")` on the method).
      const service = RELATIVE_SCOPED.test(s) ? undefined : this.classClientAround(line);
      const pathText = RELATIVE_SCOPED.test(s) ? s : this.relativeScopedLineIn(ext) ?? (service && this.relativeScopedLineIn(service));
      if (!restricted && !restrictedEnv && pathText !== undefined && !ROUTE_CALL.test(pathText) && !this.namesOtherHost(ext)) {
        const ck = this.configuredRestrictedNear(line);
        restricted = ck.key;
        restrictedEnv = ck.env;
      }
    }
    WORKSPACE_PARAM.lastIndex = 0;
    for (let m = WORKSPACE_PARAM.exec(s); m; m = WORKSPACE_PARAM.exec(s)) {
      const param = m[0];
      const end = m.index + param.length;
      // Data is not a request: `"workspaceId": "ws_…"` in a JSON fixture or a recorded response.
      if (this.prep.jsonData && s.charCodeAt(m.index - 1) === 34 && /^"\s*:/.test(s.slice(end, end + 8))) continue;
      // Recorded data and a notebook's outputs: any pair but a URL's query parameter (`?workspaceId=`, `&workspaceId=`).
      if ((this.prep.dataFile || (this.prep.notebook && outputs.at(m.index))) && !isQueryParam(s, m.index)) continue;
      if (this.prep.logFile || this.prep.toolEnvironment) continue;
      HARDCODED_WS.lastIndex = end;
      let ws = HARDCODED_WS.exec(s);
      // Clojure/EDN maps separate a key from its value by blanks: `{"workspaceId" "ws_…"}`, `{:workspaceId "ws_…"}`.
      const before = s.charCodeAt(m.index - 1);
      if (!ws && (before === 58 /* : */ || before === 34 /* " */)) {
        MAP_ENTRY_WS.lastIndex = end;
        ws = MAP_ENTRY_WS.exec(s);
        if (ws) HARDCODED_WS.lastIndex = MAP_ENTRY_WS.lastIndex;
      }
      // Data and configuration are not requests (read only when there is something to report).
      if ((ws || restricted || restrictedEnv) && this.isDataPair(f, line, m.index)) continue;
      if (ws) {
        const wsEnd = HARDCODED_WS.lastIndex;
        const wsStart = wsEnd - ws[1].length;
        const id = ws[1].slice(3);
        if (id.length >= 6 && !isIdentChar(s.charCodeAt(wsEnd)) && s.charCodeAt(wsEnd) !== 123 && !/^(.)\1*$/.test(id) && !this.inCodeComment(s, m.index)) {
          this.emit(line, f, wsStart, wsEnd, 'retrac/hardcoded-workspace-id', ws[1],
            `Workspace ID ${ws[1]} is hard-coded as ${param}: read it from configuration (e.g. RETRAC_WORKSPACE_ID) so the code follows the key's workspace.`,
            { envName: 'RETRAC_WORKSPACE_ID' });
        }
      }
      if ((restricted || restrictedEnv) && !this.prep.dataFile) {
        const what = restricted ? `a restricted Retrac key (${redactKey(restricted)})` : `${restrictedEnv}, which holds a restricted Retrac key`;
        this.emit(line, f, m.index, end, 'retrac/workspace-id-with-restricted-key', restricted ?? `${restrictedEnv}:${param}`,
          `This request sends ${param} with ${what}. Restricted keys are bound to one workspace: remove ${param} (the sandbox rejects it with 400).`,
          { keyType: 'restricted', ...(restrictedEnv && !restricted ? { envName: restrictedEnv } : {}) });
      }
    }
  }

  /**
   * Retrac key names a build exposes by listing them (webpack `EnvironmentPlugin(['RETRAC_API_KEY'])`,
   * Redwood `includeEnvironmentVariables = ['RETRAC_API_KEY']`): the build inlines their values.
   */
  private keyNamesListedForClient(f: LineFacts, line: number): void {
    const s = f.text;
    // Cheap first: a quoted Retrac key name on the line at all.
    QUOTED_NAME.lastIndex = 0;
    let any = false;
    for (let m = QUOTED_NAME.exec(s); m && !any; m = QUOTED_NAME.exec(s)) any = nameSaysRetracKey(m[1]) && !publicPrefixOf(m[1]);
    if (!any) return;
    const open = NAME_LIST_OPEN.exec(s);
    let from = open ? open.index + open[0].length : 0;
    if (!open) {
      let v = this.nameListMemo.get(line);
      if (v === undefined) this.nameListMemo.set(line, (v = inNamedSection(this, line, CONTEXT_LINES, (t) => NAME_LIST_OPEN_END.test(t))));
      if (!v) return;
    }
    const close = s.indexOf(']', from);
    const list = s.slice(from, close < 0 ? s.length : close);
    QUOTED_NAME.lastIndex = 0;
    for (let m = QUOTED_NAME.exec(list); m; m = QUOTED_NAME.exec(list)) {
      const name = m[1];
      if (!nameSaysRetracKey(name) || publicPrefixOf(name)) continue;
      const at = from + m.index + 1;
      this.emit(line, f, at, at + name.length, 'retrac/client-exposed-key', name,
        `${name}, a Retrac key, is listed for the client build, which inlines its value into browser code where anyone can read it. Call the Retrac API from server code and send the browser only the data.`,
        { envName: name });
    }
    from = 0;
  }

  /**
   * A Retrac key returned by a route's loader (Remix/React Router `loader`, SvelteKit `load`, Qwik
   * `routeLoader$`, `getStaticProps`): the framework serializes what a loader returns into the page.
   */
  private keyValuesReturnedToPage(f: LineFacts, line: number): void {
    const s = f.text;
    SERVER_ENV_FIELD.lastIndex = 0;
    for (let m = SERVER_ENV_FIELD.exec(s); m; m = SERVER_ENV_FIELD.exec(s)) {
      const name = m[2] ?? m[3] ?? m[4];
      const field = m[1];
      if (!nameSaysRetracKey(name) || publicPrefixOf(name) || AUTH_FIELD.test(field)) continue;
      const at = m.index + m[0].indexOf(field, m[0].length - m[0].trimStart().length - 1);
      if (!this.inReturnedObject(s.slice(Math.max(0, m.index - 300), m.index + 1), line) || !this.loaderAbove(line)) continue;
      if (this.exposedOnLine(line)) return; // Remix `ENV: { … }`: reported on the lookup already
      this.emit(line, f, at, at + field.length, 'retrac/client-exposed-key', field,
        `${field} returns ${name}, a Retrac key, from a loader; the framework serializes a loader's data into the page, where anyone can read it. Call the Retrac API in the loader and return only the data.`,
        { envName: name });
    }
  }

  private inReturnedObject(before: string, line: number): boolean {
    if (RETURNED_OBJECT.test(before)) return true;
    let v = this.returnedObjectMemo.get(line);
    if (v === undefined) this.returnedObjectMemo.set(line, (v = inNamedSection(this, line, CONTEXT_LINES, (t) => RETURNED_OBJECT_END.test(t))));
    return v;
  }

  /** A loader's head within CONTEXT_LINES above (or on) the line. */
  private loaderAbove(line: number): boolean {
    for (let l = line; l >= Math.max(0, line - CONTEXT_LINES); l--) if (LOADER_HEAD.test(this.factsText(l))) return true;
    return false;
  }

  /**
   * A component given a Retrac key as a prop (`<Items apiKey={process.env.RETRAC_API_KEY} />` in a server
   * component, an Astro island `<Items client:load apiKey={key} />`): the props are serialized into the page.
   */
  private keyPropsOfComponents(f: LineFacts, line: number): void {
    const s = f.text;
    const astro = /\.astro$/i.test(this.prep.options.fileName);
    COMPONENT_PROP.lastIndex = 0;
    for (let m = COMPONENT_PROP.exec(s); m; m = COMPONENT_PROP.exec(s)) {
      const field = m[1];
      if (AUTH_FIELD.test(field)) continue;
      const tag = s.slice(Math.max(0, m.index - 300), m.index);
      const open = tag.lastIndexOf('<');
      // A component (capitalised), not an HTML element; in Astro, only an island (`client:*`) gets its props in the page.
      if (open < 0 || !/^<[A-Z]/.test(tag.slice(open)) || tag.indexOf('>', open) >= 0) continue;
      if (astro && !/\sclient:/.test(s.slice(m.index - (tag.length - open)))) continue;
      let name: string | undefined = m[2];
      if (!name && m[3]) {
        const bind = new RegExp(String.raw`\b(?:const|let|var)[ \t]+${m[3].replace(/\$/g, '\\$')}[ \t]*=[ \t]*(?:process\.env|import\.meta\.env)\.([A-Za-z_]\w*)`);
        for (let l = line - 1; l >= Math.max(0, line - CONTEXT_LINES) && !name; l--) name = bind.exec(this.factsText(l))?.[1];
      }
      if (!name || !nameSaysRetracKey(name) || publicPrefixOf(name)) continue;
      this.emit(line, f, m.index, m.index + field.length, 'retrac/client-exposed-key', field,
        `${field} hands ${name}, a Retrac key, to a component whose props are serialized into the page, where anyone can read it. Call the Retrac API on the server and pass the component only the data.`,
        { envName: name });
    }
  }

  /** A quoted `api.retrac.co` within 3 lines of the line. */
  private retracHostNear(line: number): boolean {
    let v = this.hostNearMemo.get(line);
    if (v !== undefined) return v;
    v = false;
    for (let l = Math.max(0, line - 3); l <= Math.min(this.last, line + 3) && !v; l++) v = this.factsOf(l).retracWord && this.hasRetracHostLiteral(l);
    this.hostNearMemo.set(line, v);
    return v;
  }

  private hasRetracHostLiteral(line: number): boolean {
    let v = this.hostLiteralMemo.get(line);
    if (v === undefined) this.hostLiteralMemo.set(line, (v = RETRAC_HOST_LITERAL.test(this.factsText(line))));
    return v;
  }

  /**
   * Plain HTTP given apart from the host (`c.scheme = "http"` / `c.host = "api.retrac.co"`,
   * `new URI("http", "api.retrac.co", …)`, `url.URL{Scheme: "http", Host: "api.retrac.co"}`): reported on the scheme.
   */
  private schemeApartFromHost(f: LineFacts, line: number): void {
    const s = f.text;
    SCHEME_APART.lastIndex = 0;
    for (let m = SCHEME_APART.exec(s); m; m = SCHEME_APART.exec(s)) {
      const q = m[0].search(/["']http/);
      const at = q >= 0 ? m.index + q : m.index + m[0].indexOf('UriSchemeHttp');
      if (this.inCodeComment(s, at) || !this.retracHostNear(line) || this.refusalTestAround(line)) continue;
      // The scheme's own statement places it: a host set there (`c.scheme = "http"; c.host = "localhost"`) decides.
      if (this.exposedOnLine(line, 'retrac/insecure-http')) return;
      const own = OWN_HOST.exec(s.slice(at, at + 400));
      if (own && !/^api\.retrac\.co(?::\d+)?$/i.test(own[1])) continue;
      const lit = q >= 0 ? /["']http:?["']/.exec(s.slice(at))![0] : 'UriSchemeHttp';
      // On the scheme itself, inside its quotes (the quick fix turns `http` into `https`).
      const from = q >= 0 ? at + 1 : at;
      this.emit(line, f, from, from + (q >= 0 ? lit.length - 2 : lit.length), 'retrac/insecure-http', `scheme:${lit}`,
        `This URL to the Retrac API is built with the scheme ${lit}: plain HTTP sends the key in clear text, and the API is HTTPS only. Use "https".`);
    }
  }

  /**
   * A workspace id in an XML value element under a name element that says workspaceId on the line
   * above (JMeter `<stringProp name="Argument.name">workspaceId</stringProp>` /
   * `<stringProp name="Argument.value">ws_…</stringProp>`, SoapUI and other load-test tools).
   */
  private workspaceXmlValue(f: LineFacts, line: number): void {
    const s = f.text;
    const v = XML_VALUE_WS.exec(s);
    if (!v || !XML_NAME_WS.test(this.factsText(line - 1).slice(0, 400))) return;
    const ws = v[1];
    if (ws.length < 9 || /^(.)\1*$/.test(ws.slice(3)) || this.inCodeComment(s, v.index)) return;
    const at = v.index + v[0].length - ws.length;
    this.emit(line, f, at, at + ws.length, 'retrac/hardcoded-workspace-id', ws,
      `Workspace ID ${ws} is hard-coded as the value of the workspaceId argument: read it from configuration (e.g. a RETRAC_WORKSPACE_ID property) so the test follows the key's workspace.`,
      { envName: 'RETRAC_WORKSPACE_ID' });
  }

  /**
   * App code that reads a Retrac key from an env file bundled into the app (`Config.RETRAC_API_KEY` from
   * react-native-config, flutter_dotenv `dotenv.env['RETRAC_API_KEY']`, `import { RETRAC_API_KEY } from '@env'`):
   * the value is in the app for anyone to read, and the `.env` that holds it looks like a server's.
   */
  private keyReadsFromAppStore(f: LineFacts, line: number): void {
    const s = f.text;
    const dart = /\.dart$/i.test(this.prep.options.fileName);
    const found: { name: string; at: number }[] = [];
    APP_STORE_READ.lastIndex = 0;
    for (let m = APP_STORE_READ.exec(s); m; m = APP_STORE_READ.exec(s)) {
      const name = m[1] ?? m[2];
      if (m[2] && !dart) continue;
      // `Config.X` is react-native-config's only when the file imports it.
      if (m[1] && !this.mentionsAbove(line, 'react-native-config')) continue;
      found.push({ name, at: m.index + m[0].indexOf(name, m[0].length - name.length - 2) });
    }
    const imp = ENV_MODULE_IMPORT.exec(s);
    if (imp) {
      const words = /[A-Za-z_]\w*/g;
      for (let w = words.exec(imp[1]); w; w = words.exec(imp[1])) found.push({ name: w[0], at: imp.index + imp[0].indexOf(imp[1]) + w.index });
    }
    for (const { name, at } of found) {
      if (!nameSaysRetracKey(name) || publicPrefixOf(name) || this.inCodeComment(s, at)) continue;
      this.emit(line, f, at, at + name.length, 'retrac/client-exposed-key', name,
        `${name}, a Retrac key, is read from what the build compiles or bundles into the app, where anyone with the app can read it. Call the Retrac API from a server and send the app only the data.`,
        { envName: name });
    }
  }

  /** `word` on one of the FLOW_LINES lines above (or on) the line: asked only where a finding would be made. */
  private mentionsAbove(line: number, word: string): boolean {
    // The nearest line at or above that mentions the word, memoised: lines asked in order cost one pass.
    let found = -1;
    let complete = false; // every walked line's window was read whole (a find, a memo, or the file's top)
    const walked: number[] = [];
    for (let l = line; ; l--) {
      if (l < 0) {
        complete = true;
        break;
      }
      if (l < line - FLOW_LINES) break;
      const known = this.mentionMemo.get(l);
      if (known !== undefined) {
        found = known;
        complete = true;
        break;
      }
      walked.push(l);
      if (this.factsText(l).includes(word)) {
        found = l;
        complete = true;
        break;
      }
    }
    if (complete) for (const w of walked) this.mentionMemo.set(w, found);
    else this.mentionMemo.set(line, -1);
    return found >= 0 && line - found <= FLOW_LINES;
  }

  /**
   * A shell placeholder of a Retrac key in data sent to the browser (`window.__ENV__ = { retracKey:
   * "${RETRAC_API_KEY}" }` in a template that envsubst or a start script fills): the key ends up in the page.
   */
  private keyPlaceholdersSentToClient(f: LineFacts, line: number): void {
    const s = f.text;
    PLACEHOLDER.lastIndex = 0;
    for (let m = PLACEHOLDER.exec(s); m; m = PLACEHOLDER.exec(s)) {
      const name = m[1];
      if (!nameSaysRetracKey(name) || publicPrefixOf(name)) continue;
      const before = s.slice(Math.max(0, m.index - 300), m.index);
      if (!(this.prep.clientApp || CLIENT_DATA_INLINE.test(before) || this.inClientData(line))) continue;
      const at = m.index + m[0].indexOf(name);
      this.emit(line, f, at, at + name.length, 'retrac/client-exposed-key', name,
        `${name}, a Retrac key, is filled into data the page sends to the browser, where anyone can read it. Call the Retrac API from server code and send the browser only the data.`,
        { envName: name });
    }
  }

  /** `"http://" + host`, `f"http://{RETRAC_HOST}"` where the name is bound to `"api.retrac.co"` within 10 lines above. */
  private schemeJoinedToHost(f: LineFacts, line: number): void {
    const s = f.text;
    SCHEME_JOIN.lastIndex = 0;
    for (let m = SCHEME_JOIN.exec(s); m; m = SCHEME_JOIN.exec(s)) {
      const name = lastSegment(m[2] ?? m[3]);
      if (!/^[A-Za-z_$][\w$]*$/.test(name) || this.inCodeComment(s, m.index)) continue;
      const bound = new RegExp(String.raw`(?<![\w$])${name.replace(/\$/g, '\\$')}["']?[ \t]*(?::[^=\n]{0,40})?[:=][ \t]*["']api\.retrac\.co["']`);
      let hit = false;
      for (let l = line; l >= Math.max(0, line - CONTEXT_LINES) && !hit; l--) hit = this.factsOf(l).retracWord && bound.test(this.factsText(l).slice(0, 2000));
      if (!hit || this.refusalTestAround(line)) continue;
      // On `http://` inside its quotes (the quick fix turns it into `https://`).
      this.emit(line, f, m.index + 1, m.index + 1 + 'http://'.length, 'retrac/insecure-http', `join:${name}`,
        `This URL joins http:// to ${name}, the Retrac API host: plain HTTP sends the key in clear text, and the API is HTTPS only. Use https://.`);
    }
  }

  /** `scheme: http` next to `host: api.retrac.co` in configuration (same indentation, within 3 lines). */
  private schemePairNearHost(f: LineFacts, line: number): void {
    const s = f.text;
    const indent = /^[ \t]*/.exec(s)![0].length;
    for (let l = Math.max(0, line - 3); l <= Math.min(this.last, line + 3); l++) {
      const t = this.factsText(l);
      if (l === line || /^[ \t]*/.exec(t)![0].length !== indent || !RETRAC_HOST_PAIR.test(t)) continue;
      if (this.inCodeComment(s, s.search(/\S/) + 1) || this.exposedOnLine(line, 'retrac/insecure-http')) return;
      const at = s.search(/[:=][ \t]*["']?http/) + /[:=][ \t]*["']?/.exec(s.slice(s.search(/[:=][ \t]*["']?http/)))![0].length;
      this.emit(line, f, at, at + 4, 'retrac/insecure-http', `pair:${s.trim()}`,
        `The Retrac API is configured with the scheme http here: plain HTTP sends the key in clear text, and the API is HTTPS only. Use https.`);
      return;
    }
  }

  /**
   * A server that hands its Retrac key to the browser or a renderer: a response body field
   * (`res.json({ retracKey: process.env.RETRAC_API_KEY })`, `NextResponse.json(…)`, `c.json(…)`, an h3/Nuxt
   * `defineEventHandler` returning it), a cookie (`res.cookie('k', process.env.RETRAC_API_KEY)`), an Electron
   * IPC handler that returns it (`ipcMain.handle('k', () => process.env.RETRAC_API_KEY)`).
   */
  private keysSentInResponses(f: LineFacts, line: number): void {
    const s = f.text;
    const direct = KEY_TO_CLIENT_DIRECT.exec(s);
    const dn = direct ? direct[1] ?? direct[2] : undefined;
    if (direct && dn && nameSaysRetracKey(dn) && !publicPrefixOf(dn) && !this.exposedOnLine(line)) {
      const i = s.indexOf(dn, direct.index);
      this.emit(line, f, i, i + dn.length, 'retrac/client-exposed-key', dn,
        `${dn}, a Retrac key, is sent to the browser (a cookie or an IPC reply to the renderer), where anyone can read it. Keep the key on the server and send only the data.`,
        { envName: dn });
    }
    SERVER_ENV_FIELD.lastIndex = 0;
    for (let m = SERVER_ENV_FIELD.exec(s); m; m = SERVER_ENV_FIELD.exec(s)) {
      const name = m[2] ?? m[3] ?? m[4];
      const field = m[1];
      if (!m[2] && !m[3]) continue; // a bare name is an env value only in route modules
      if (!nameSaysRetracKey(name) || publicPrefixOf(name) || AUTH_FIELD.test(field)) continue;
      const before = s.slice(Math.max(0, m.index - 300), m.index + 1);
      let v = this.responseMemo.get(line);
      if (v === undefined) {
        v = inNamedSection(this, line, CONTEXT_LINES, (t) => RESPONSE_OPEN_END.test(t)) ||
          ((RETURNED_OBJECT.test(before) || this.inReturnedObject(before, line)) && this.eventHandlerAbove(line));
        this.responseMemo.set(line, v);
      }
      if (!RESPONSE_OPEN.test(before) && !v) continue;
      if (this.exposedOnLine(line)) return;
      const at = m.index + m[0].indexOf(field, m[0].length - m[0].trimStart().length - 1);
      this.emit(line, f, at, at + field.length, 'retrac/client-exposed-key', field,
        `${field} sends ${name}, a Retrac key, in a response to the browser, where anyone can read it. Call the Retrac API on the server and respond with the data only.`,
        { envName: name });
    }
  }

  /**
   * A server that passes its Retrac key to a page template or a renderer: a Retrac key lookup given to
   * `render_template("stock.html", retrac_key=os.environ["RETRAC_API_KEY"])`, `res.render('stock', {…})`,
   * Django `render(request, "x.html", {…})`, Laravel `view('x', [...])`, `Inertia::render(…)`,
   * `TemplateResponse(…)`, Gin `c.HTML(…)`, or to Electron's `contextBridge.exposeInMainWorld('x', {…})`
   * (the renderer is a web page): on the call's line, or inside the call opened within CONTEXT_LINES above.
   */
  private keysPassedToViews(f: LineFacts, line: number): void {
    const s = f.text;
    KEY_LOOKUP.lastIndex = 0;
    for (let m = KEY_LOOKUP.exec(s); m; m = KEY_LOOKUP.exec(s)) {
      const name = m[1];
      if (!nameSaysRetracKey(name) || publicPrefixOf(lastSegment(name))) continue;
      if (!VIEW_CALL.test(s.slice(Math.max(0, m.index - 400), m.index))) {
        let inside = this.viewCallMemo.get(line);
        if (inside === undefined) this.viewCallMemo.set(line, (inside = inNamedSection(this, line, CONTEXT_LINES, (t) => VIEW_CALL.test(t))));
        if (!inside) continue;
      }
      if (this.exposedOnLine(line)) return;
      const at = m.index + m[0].length - name.length;
      this.emit(line, f, at, at + name.length, 'retrac/client-exposed-key', name,
        `${name}, a Retrac key, is passed to a page template or a renderer, which puts it in the page where anyone can read it. Keep the key on the server and pass only the data.`,
        { envName: lastSegment(name) });
    }
  }
  private readonly viewCallMemo = new Map<number, boolean>();

  private eventHandlerAbove(line: number): boolean {
    for (let l = line; l >= Math.max(0, line - CONTEXT_LINES); l--) if (/\b(?:defineEventHandler|eventHandler|defineHandler)\b/.test(this.factsText(l))) return true;
    return false;
  }

  /** A plain-HTTP client given the Retrac host (`http.client.HTTPConnection("api.retrac.co")`): reported on the client. */
  private plainHttpClients(f: LineFacts, line: number): void {
    const s = f.text;
    PLAIN_HTTP_CLIENT.lastIndex = 0;
    for (let m = PLAIN_HTTP_CLIENT.exec(s); m; m = PLAIN_HTTP_CLIENT.exec(s)) {
      const host = RETRAC_HOST_LITERAL.test(s.slice(Math.max(0, m.index - 400), m.index + 400)) || (line < this.last && RETRAC_HOST_LITERAL.test(this.factsText(line + 1).slice(0, 400)));
      if (!host || this.inCodeComment(s, m.index) || this.refusalTestAround(line)) continue;
      const name = m[0].replace(/[ \t]*\([\s{]*$/, '');
      this.emit(line, f, m.index, m.index + name.length, 'retrac/insecure-http', `client:${name}`,
        `${name} speaks plain HTTP to the Retrac API: the key goes in clear text, and the API is HTTPS only. Use the HTTPS client (HTTPSConnection, https.request).`);
    }
  }

  /** The line is in a test that expects a refusal (the statement's line, one above, two below). */
  private refusalTestAround(line: number): boolean {
    let v = this.refusalMemo.get(line);
    if (v !== undefined) return v;
    v = false;
    for (let l = Math.max(0, line - 1); l <= Math.min(this.last, line + 2) && !v; l++) v = REFUSAL_TEST.test(this.factsText(l));
    this.refusalMemo.set(line, v);
    return v;
  }

  /** `.setWorkspaceId("ws_…")`, `.withWorkspaceId("ws_…")`, Go `retrac.WithWorkspaceID("ws_…")`: a setter of the request's workspace. */
  private workspaceSetters(f: LineFacts, line: number): void {
    const s = f.text;
    WS_SETTER.lastIndex = 0;
    for (let m = WS_SETTER.exec(s); m; m = WS_SETTER.exec(s)) {
      const ws = m[1];
      const wsEnd = m.index + m[0].length - 1;
      const wsStart = wsEnd - ws.length;
      if (ws.length < 9 || /^(.)\1*$/.test(ws.slice(3)) || this.inCodeComment(s, m.index) || this.isDataPair(f, line, m.index)) continue;
      this.emit(line, f, wsStart, wsEnd, 'retrac/hardcoded-workspace-id', ws,
        `Workspace ID ${ws} is hard-coded in ${m[0].slice(0, m[0].indexOf('(')).trim()}(…): read it from configuration (e.g. RETRAC_WORKSPACE_ID) so the code follows the key's workspace.`,
        { envName: 'RETRAC_WORKSPACE_ID' });
    }
  }

  /**
   * A page template that renders a Retrac key into the page (`{{ retrac_api_key }}`, `<%= ENV['RETRAC_API_KEY'] %>`,
   * `<?= getenv('RETRAC_API_KEY') ?>`): the key reaches every browser that loads it.
   */
  private renderedKeyNames(f: LineFacts, line: number): void {
    const s = f.text;
    TEMPLATE_EXPR.lastIndex = 0;
    for (let m = TEMPLATE_EXPR.exec(s); m; m = TEMPLATE_EXPR.exec(s)) {
      const words = /[A-Za-z_][\w.-]*/g;
      for (let w = words.exec(m[0]); w; w = words.exec(m[0])) {
        const name = w[0];
        if (!nameSaysRetracKey(name)) continue;
        const at = m.index + w.index;
        this.emit(line, f, at, at + name.length, 'retrac/client-exposed-key', name,
          `This page renders ${name}, a Retrac key, into what it sends to the browser, where anyone can read it. Call the Retrac API from server code and send the browser only the data.`,
          { envName: isEnvLikeName(lastSegment(name)) ? lastSegment(name) : 'RETRAC_API_KEY' });
        break;
      }
    }
  }

  /**
   * `const WORKSPACE = 'ws_…'` that a request within CONTEXT_LINES below sends as its workspace parameter
   * (`{ workspaceId: WORKSPACE }`, `?workspaceId=\${WORKSPACE}`): the literal is hard-coded all the same.
   */
  private workspaceConstant(f: LineFacts, line: number): void {
    const s = f.text;
    let at = s.indexOf('ws_');
    let name: string;
    let ws: string;
    const named = at >= 1 && isQuote(s.charCodeAt(at - 1)) ? assignedName(s, at - 1) : undefined;
    const plain = named?.operator && /^[A-Za-z_$][\w$]*$/.test(lastSegment(named.name)) ? /^ws_[A-Za-z0-9]+/.exec(s.slice(at))![0] : undefined;
    if (plain && s.charCodeAt(at + plain.length) === s.charCodeAt(at - 1)) {
      name = lastSegment(named!.name);
      ws = plain;
    } else {
      const other = boundWorkspace(s, this.prep.options.fileName);
      if (!other) return;
      ({ name, at, ws } = other);
    }
    if (ws.length < 9 || /^(.)\1*$/.test(ws.slice(3))) return;
    // Sent as `{ workspaceId: W }`, `?workspaceId=${W}`, `$W`, `$(W)` (make), `self::W`, `@w` (Elixir).
    const sent = new RegExp(String.raw`(?<![\w])(?:[wW]orkspace(?:Id|ID|_id)|[pP]roject(?:Slug|_slug))["'\]]?[ \t]*(?:=>|==|[:=,(])[ \t]*(?:\$\{|\$\(|#\{|\{|\$)?[ \t]*(?:[\w$]+(?:\.|::|->))*` + name.replace(/\$/g, '\\$') + String.raw`(?![\w$])`);
    for (let l = line + 1; l <= Math.min(this.last, line + CONTEXT_LINES); l++) {
      const t = this.factsOf(l);
      if (!t.workspaceParam || !sent.test(t.text)) continue;
      if (this.isDataPair(t, l, t.text.search(WORKSPACE_PARAM))) return;
      this.emit(line, f, at, at + ws.length, 'retrac/hardcoded-workspace-id', ws,
        `Workspace ID ${ws} is hard-coded in ${name}, which line ${l + 1} sends as the workspace: read it from configuration (e.g. RETRAC_WORKSPACE_ID) so the code follows the key's workspace.`,
        { envName: 'RETRAC_WORKSPACE_ID' });
      return;
    }
  }

  /**
   * A server-side lookup of a Retrac key placed where the client build or the page's data takes it:
   * a client section of a framework config (`env: { retracKey: process.env.RETRAC_API_KEY }` in
   * next.config), a page's props (`getServerSideProps` → `props: {…}`), Remix's `ENV: {…}` for
   * `window.ENV`, or a `window.X = {…}` global.
   */
  private keyLookupsSentToClient(f: LineFacts, line: number): void {
    const s = f.text;
    ENV_LOOKUP.lastIndex = 0;
    for (let m = ENV_LOOKUP.exec(s); m; m = ENV_LOOKUP.exec(s)) {
      const name = m[1];
      if (!nameSaysRetracKey(name) || publicPrefixOf(name)) continue;
      // `NEXT_PUBLIC_X: process.env.RETRAC_API_KEY`: reported on the public name.
      const into = assignedName(s, m.index);
      if (into && publicPrefixOf(lastSegment(into.name))) continue;
      // `'process.env.RETRAC_KEY': JSON.stringify('…')`: the name a define replaces; its key was reported.
      if (isQuote(s.charCodeAt(m.index - 1)) && this.exposedOnLine(line)) continue;
      const before = s.slice(Math.max(0, m.index - 300), m.index);
      const narrow = this.prep.narrowClientSection;
      const client = this.prep.clientApp || (this.prep.clientConfig
        ? CLIENT_SECTION_INLINE.test(before) || this.inClientSection(line)
        : CLIENT_DATA_INLINE.test(before) || this.inClientData(line)) ||
        this.inBuildDefine(before, line) || (narrow !== undefined && this.inNarrowClientSection(narrow, before, line));
      if (!client) continue;
      const at = m.index + m[0].length - name.length;
      this.emit(line, f, at, at + name.length, 'retrac/client-exposed-key', name,
        `${name}, a Retrac key, is put where the client build or the page's data takes it to the browser, where anyone can read it. Call the Retrac API from server code and send the browser only the data.`,
        { envName: name });
    }
  }

  /**
   * A build flag that compiles a Retrac key into an app from a lookup rather than a literal
   * (`buildConfigField("String", "RETRAC_KEY", "\"${project.property("RETRAC_KEY")}\"")`,
   * `--dart-define=RETRAC_API_KEY=$RETRAC_API_KEY`): the value is in the app all the same. (A literal
   * key there is reported on the key, see shippedWhere.)
   */
  private keyNamesCompiledIntoApp(f: LineFacts, line: number): void {
    const s = f.text;
    APP_FIELD_NAME.lastIndex = 0;
    for (let m = APP_FIELD_NAME.exec(s); m; m = APP_FIELD_NAME.exec(s)) {
      const name = m[1] ?? m[2];
      if (!nameSaysRetracKey(name)) continue;
      const at = m.index + m[0].length - name.length - 1; // the name ends before its closing quote or `=`
      this.emit(line, f, at, at + name.length, 'retrac/client-exposed-key', name,
        `${name}, a Retrac key, is compiled into the app by this build flag, where anyone with the app can read it. Call the Retrac API from a server and send the app only the data.`,
        { envName: name });
    }
  }

  /** `https://api.retrac.co/workspaces/ws_…`: a literal workspace id in a request's URL path. */
  private workspacePaths(f: LineFacts, line: number): void {
    const s = f.text;
    WS_PATH.lastIndex = 0;
    for (let m = WS_PATH.exec(s); m; m = WS_PATH.exec(s)) {
      const ws = m[1];
      const wsEnd = m.index + m[0].length;
      const wsStart = wsEnd - ws.length;
      if (ws.length < 9 || isIdentChar(s.charCodeAt(wsEnd)) || /^(.)\1*$/.test(ws.slice(3))) continue;
      this.emit(line, f, wsStart, wsEnd, 'retrac/hardcoded-workspace-id', ws,
        `Workspace ID ${ws} is hard-coded in the URL path: read it from configuration (e.g. RETRAC_WORKSPACE_ID) so the code follows the key's workspace.`,
        { envName: 'RETRAC_WORKSPACE_ID' });
    }
  }

  /** The statement of a line calls the app under test (supertest, test clients): its requests go to the app. */
  private statementCallsAppUnderTest(line: number): boolean {
    // The app under test is exercised in test files only.
    if (!this.prep.testFile) return false;
    let v = this.appUnderTestMemo.get(line);
    if (v === undefined) this.appUnderTestMemo.set(line, (v = this.readStatementCallsAppUnderTest(line)));
    return v;
  }

  private readStatementCallsAppUnderTest(line: number): boolean {
    const st = this.statement(line);
    for (let l = st.from; l <= st.to; l++) {
      const t = this.factsText(l);
      if (t.length > 2000) return false;
      if (callsAppUnderTest(t)) return true;
    }
    // Through a client bound to one above: `client = TestClient(app)` / … / `client.get("/items", …)`.
    for (let l = Math.max(0, st.from - REQUEST_LINES); l < st.from; l++) {
      if (!this.namesTestClient(l)) continue;
      const t = this.factsText(l);
      if (t.length > 400 || !callsAppUnderTest(t)) continue;
      const name = assignedVariable(t);
      for (let u = st.from; name && u <= st.to; u++) if (this.factsText(u).includes(name + '.')) return true;
    }
    return false;
  }

  /**
   * A config document about one API (a gateway's API definition, a monitor, a state file), at most
   * ONE_API_DOCUMENT_LINES long, whose only host is Retrac's: a bearer value in it is sent there, however far
   * its section sits from the URL's (`proxy.target_url` / `version_data…global_headers`, `upstream.nodes` /
   * `plugins…headers`), unless the key's own section names another service.
   */
  private onlyRetracInDocument(line: number): boolean {
    if (!(this.prep.configDocument || this.prep.codeWithoutGrammar) || this.last > ONE_API_DOCUMENT_LINES || this.doc.length > 40_000) return false;
    if (this.onlyRetrac === undefined) {
      let retrac = false;
      let other = false;
      for (let l = 0; l <= this.last && !other; l++) {
        const t = this.text(l);
        if (t.includes('retrac.co')) {
          retrac ||= this.factsOf(l).retracTarget;
          continue;
        }
        // A host written bare (`Host api.courier.example` in fluent-bit.conf) is another API too.
        other = this.namesOtherHost({ from: l, to: l }) || (t.length < 2000 && BARE_HOST.test(t));
      }
      this.onlyRetrac = retrac && !other;
    }
    return this.onlyRetrac && !this.namedForAnotherService(line);
  }

  /** The nearest named section enclosing the line (within CONTEXT_LINES) is named for another service (`stripe:`, `"courier": {`). */
  private namedForAnotherService(line: number): boolean {
    let other = false;
    inNamedSection(this, line, CONTEXT_LINES, (t) => {
      const name = /["']?([A-Za-z][\w-]{2,30})["']?[ \t]*(?::|=|=>)?[ \t]*[{[]?[ \t]*$/.exec(t.length > 200 ? t.slice(-200) : t)?.[1];
      if (!name) return false;
      if (hasRetracWord(name)) return true;
      // Only a name that says whose it is: state ids, route names and step names (`sync-items:`) say what it does.
      // Words of a kebab, snake, dotted or camel-case name (`courier-auth`, `courierAuth`).
      other = name.split(/[-_.]|(?<=[a-z0-9])(?=[A-Z])/).some((w) => KNOWN_SERVICE_WORDS.test(w));
      return other;
    });
    return other;
  }

  /** The first full-access key a (short) document sends as a bearer value, outside sections named for another service. */
  private documentBearerKey(): string | undefined {
    for (let l = 0; l <= this.last; l++) {
      const tok = this.keysOf(this.factsOf(l), l).find((k) => k.keyType === 'full' && k.via === 'bearer');
      if (tok && !this.namedForAnotherService(l)) return tok.key;
    }
    return undefined;
  }

  private scopedPaths(f: LineFacts, line: number): void {
    const s = f.text;
    if (s.indexOf('/') < 0) return;
    SCOPED_PATH.lastIndex = 0;
    let m = SCOPED_PATH.exec(s);
    while (m && (!isApiPathStart(s, m.index) || isLocalRoute(s, m.index))) m = SCOPED_PATH.exec(s);
    if (!m) return this.relativePaths(f, line);
    if (!this.fullCandidateNear(line)) return;
    const ext = this.requestWindow(line);
    for (let l = ext.from; l <= ext.to; l++) if (this.factsOf(l).workspaceParam) return;
    const sends = this.sendsToRetrac(ext);
    let { full, fullEnv } = sends ? this.fullKeyOf(ext, line) : {};
    if (!full && !fullEnv && !this.namesOtherHost(ext)) {
      // Helpers the request uses (`headers: authHeaders()`, `self.session.get(…)`, `api /items`); they may say where it goes.
      // A request that does not show where it goes is made through an object or a command set up elsewhere
      // (`$this->http->get(…)`, `api /items`); without a Retrac word near, none of them can say it goes to Retrac.
      const helpers = sends ? this.helpersOf(ext) : this.retracWordNear(ext) ? this.helpersOf(ext, true) : [];
      for (const h of helpers) {
        if (full || fullEnv || this.namesOtherHost(h) || (!sends && !this.sendsToRetrac(h))) continue;
        ({ full, fullEnv } = this.fullKeyOf(h));
      }
    }
    let cfgToRetrac = false;
    if (!full && !fullEnv) {
      // A call in a method of a class that declares a Retrac client (`base_uri`, `plug … BaseUrl`).
      const cfg = this.classClientAround(line);
      // A client configured for a whole class may send workspaceId from another member (`var task { … }`).
      for (let l = cfg?.from ?? 0; cfg && l <= cfg.to; l++) if (this.factsOf(l).workspaceParam) return;
      if (cfg) ({ full, fullEnv } = this.fullKeyOf(cfg));
      cfgToRetrac = !!cfg && this.sendsToRetrac(cfg);
    }
    if (!full && !fullEnv && !cfgToRetrac) {
      // A call on a class whose body configures a Retrac client (`InventoryItem.find(:all, from: "/items")`).
      const cls = this.classCalledOn(s, line);
      if (cls && this.sendsToRetrac(cls)) {
        for (let l = cls.from; l <= cls.to; l++) if (this.factsOf(l).workspaceParam) return;
        ({ full, fullEnv } = this.fullKeyOf(cls));
      }
    }
    if (!full && !fullEnv && !sends && !cfgToRetrac && isQuote(s.charCodeAt(m.index - 1)) && !ROUTE_CALL.test(s) && !this.namesOtherHost(ext)) {
      // A path alone (`this.http.get('/items')`) near a client configured once with a Retrac base URL and
      // its auth (`HttpModule.register({ baseURL, headers })`, `Dio(BaseOptions(…))`): the request goes through it.
      ({ full, fullEnv } = this.configuredClientKeyNear(line));
    }
    if (!full && !fullEnv && isQuote(s.charCodeAt(m.index - 1)) && !this.namesOtherHost(ext) && this.onlyRetracInDocument(line)) {
      // A short config document about one API whose only host is Retrac's (`set bereq.url = "/items"` in a VCL whose
      // backend is Retrac's): its bearer key goes with its paths.
      full = this.documentBearerKey();
    }
    if (!full && !fullEnv && (sends || cfgToRetrac) && !this.namesOtherHost(ext)) {
      // An interceptor near that adds a full-access key to the requests around it.
      const ik = this.interceptorKeyNear(line, 'full');
      full = ik.key;
      fullEnv = ik.env;
    }
    if (!full && !fullEnv) return;
    // A request to the app under test (`request(app).get('/items')`) goes nowhere near Retrac.
    if (this.statementCallsAppUnderTest(line)) return;
    for (; m; m = SCOPED_PATH.exec(s)) {
      if (isApiPathStart(s, m.index) && !isLocalRoute(s, m.index)) this.emitMissing(line, f, m.index, m[0], full, fullEnv);
    }
  }

  /** A Retrac word (or the host) within REQUEST_LINES of the extent: one search of the text, no line facts. */
  private retracWordNear(ext: { from: number; to: number }): boolean {
    const t = this.doc.slice(this.starts[Math.max(0, ext.from - REQUEST_LINES)], this.lineEnd(Math.min(this.last, ext.to + REQUEST_LINES)));
    return hasRetracWord(t);
  }

  /**
   * `api.get('items')` on a client whose base URL is Retrac's (`ky.create({ prefixUrl })`,
   * `got.extend({ prefixUrl })`): a path without its leading slash, as the first argument of a call
   * on a name bound to a Retrac URL.
   */
  private relativePaths(f: LineFacts, line: number): void {
    const s = f.text;
    if (!s.includes('(') || !this.hostUses().has(line)) return;
    RELATIVE_PATH.lastIndex = 0;
    let m = RELATIVE_PATH.exec(s);
    if (!m || !this.fullCandidateNear(line)) return;
    const ext = this.requestWindow(line);
    for (let l = ext.from; l <= ext.to; l++) if (this.factsOf(l).workspaceParam) return;
    const { full, fullEnv } = this.fullKeyOf(ext);
    if (!full && !fullEnv) return;
    for (; m; m = RELATIVE_PATH.exec(s)) this.emitMissing(line, f, m.index + m[0].length - m[1].length, m[1], full, fullEnv);
  }

  private emitMissing(line: number, f: LineFacts, at: number, path: string, full: string | undefined, fullEnv: string | undefined): void {
    const what = full ? `a full-access Retrac key (${redactKey(full)})` : `${fullEnv}, which holds a full-access Retrac key,`;
    this.emit(line, f, at, at + path.length, 'retrac/missing-workspace-id', `${full ?? fullEnv} ${path}`,
      `This request to ${path} uses ${what} without workspaceId. Full-access keys must send ?workspaceId= on every workspace-scoped request, or the API answers 404 not_found.`,
      { keyType: 'full', ...(fullEnv && !full ? { envName: fullEnv } : {}) });
  }

  private emit(
    line: number, f: LineFacts, start: number, end: number, rule: RuleId, secret: string, message: string, extra: FindingExtras = {},
  ): void {
    if (this.suppressed(line, f)) return;
    const print = fingerprint(rule, secret);
    if (this.prep.options.ignoredFingerprints?.has(print)) return;
    const finding: Finding = {
      rule,
      severity: ruleById.get(rule)!.defaultSeverity,
      message,
      start: f.offset + start,
      end: f.offset + end,
      line: line + 1,
      column: start + 1,
      endLine: line + 1,
      endColumn: end + 1,
      fingerprint: print,
      docUrl: docUrlFor(rule),
    };
    // One field order for every finding (incremental.ts copies them in this order).
    if (extra.keyType !== undefined) finding.keyType = extra.keyType;
    if (extra.envName !== undefined) finding.envName = extra.envName;
    if (extra.literalStart !== undefined) finding.literalStart = extra.literalStart;
    if (extra.literalEnd !== undefined) finding.literalEnd = extra.literalEnd;
    this.findings.push(finding);
  }

  private suppressed(line: number, f: LineFacts): boolean {
    f.suppressed ??= SAME_LINE_MARKER.test(f.text) || (line > 0 && NEXT_LINE_MARKER.test(this.factsText(line - 1)));
    return f.suppressed;
  }
}

/** A host name without a scheme, by a common top-level domain (not a file name: `config.yaml`, `index.js`). */
const BARE_HOST = /(?<![\w.@/-])(?:[a-z0-9-]{1,63}\.)+(?:com|io|net|org|example|dev|app|co|cloud|ai)(?![\w-]|\.\w)/i;

/** What a rule adds to a finding besides its range and message. */
type FindingExtras = Partial<Pick<Finding, 'keyType' | 'envName' | 'literalStart' | 'literalEnd'>>;

/** A field that names whose entry this is: `provider: 'courier'`, `"service": "retrac"`. */
/** `cluster: retrac`, `"backend": "retrac"`, `upstream = retrac-api`: the upstream a proxy route sends to. */
const ROUTE_TARGET = /(?<![\w-])["']?(?:cluster|backend|upstream)["']?[ \t]*[:=][ \t]*["']?([\w.-]{2,60})/;
const UPSTREAM_BUCKET = 32;
const CONTRACT_EDGE = 200;
/** Pact: `"provider": { "name": "Retrac" }` (the name may follow on the next line). */
const CONTRACT_PROVIDER = /"provider"\s*:\s*\{\s*"name"\s*:\s*"([^"]{1,80})"/;
/** `backend retrac {` (VCL), `upstream retrac {` (nginx): a declared upstream. */
const UPSTREAM_DECL = /^\s*(?:backend|upstream)\s+["']?([\w.-]{1,60})["']?\s*\{/;
/** A YAML line that opens a mapping: `  courier-auth:`, `- name:` excluded (a list item's field is not an entry name). */
const YAML_KEY_LINE = /^\s*["']?([\w.-]{1,80})["']?\s*:\s*(?:#.*)?$/;
/** Collections whose entries are named by their keys (proxies, gateways, client and plugin registries). */
const ENTRY_COLLECTIONS = new Set([
  'middlewares', 'middleware', 'services', 'routers', 'backends', 'upstreams', 'clients', 'plugins', 'integrations',
  'providers', 'connections', 'datasources', 'apis', 'endpoints', 'filters', 'policies', 'interceptors', 'handlers',
]);
const WORD_PARTS = /[-_.]|(?<=[a-z0-9])(?=[A-Z])/;
const ID_OWNER_FIELD = /(?<![\w-])["']?id["']?[ \t]*[:=][ \t]*["']([A-Za-z][a-z-]{2,30})["']/;
const OWNER_FIELD = /(?<![\w-])["']?(?:provider|service|vendor)["']?[ \t]*[:=][ \t]*["']?([\w.-]+)/i;
/** A section that maps services to their keys: `api_keys:`, `tokens = {`, `"credentials": {`. */
const KEY_MAP_NAME = /key|token|secret|credential/i;
/** Qualifiers that do not say whose key a name holds: `self.api_key`, `config.token`, `process.env.API_KEY`. */
/** `a.b.headers.Authorization=Bearer ` before a bearer value: the label. */
const BEARER_LABEL = /(?:^|[\s"'])([\w-]+(?:\.[\w-]+)+)["']?[ \t]*[:=][ \t]*["']?(?:Bearer|Token|Basic)[ \t]+$/i;
const DOTTED_LABEL = /^[ \t]*([\w-]+(?:\.[\w-]+)+)[ \t]*[:=]/;
// `ClearTextPassword` (NuGet `packageSourceCredentials`), `plaintext_password`: the same password, said to be unencrypted.
const PASSWORD_NAME = /^(?:(?:clear|plain)_?text_?)?(?:password|passwd|pass)$/i;
/** An XML element's opening tag alone on its line: `<retrac>`, `<Retrac name="x">` (not `<x/>`, `</x>`, `<?…`, `<!…`). */
const XML_OPEN_TAG = /^\s*<([A-Za-z_][\w.:-]{0,80})(?:\s[^<>]{0,200})?(?<!\/)>\s*$/;
const USER_NAME = /^(?:username|user|login)$/i;
const XML_ENTRY_ID = /^\s*<(?:id|name)>\s*([^<]{1,80})<\/(?:id|name)>\s*$/;
const NEUTRAL_QUALIFIERS = new Set([
  'self', 'this', 'config', 'cfg', 'conf', 'configuration', 'settings', 'setting', 'options', 'opts', 'env', 'environ',
  'process', 'os', 'app', 'application', 'api', 'auth', 'secrets', 'secret', 'credentials', 'creds', 'client', 'http',
  'default', 'defaults', 'override', 'prod', 'production', 'dev', 'development', 'staging', 'test', 'local', 'global', 'my',
  'vars', 'var', 'data', 'values', 'spec', 'params', 'props', 'system', 'sys', 'meta', 'com', 'co', 'org', 'io', 'net',
  'string', 'stringdata', 'node', 'access', 'key', 'keys', 'token', 'tokens', 'import', 'meta', 'window', 'globalthis',
]);
/** The name of an object opened at the end of a line: `courier: {`, `"Courier": {`, `Courier = @{`, `courier {`. */
const SECTION_OPENER_NAME = /(?:^|[\s,{(])["']?([A-Za-z_][\w-]*)["']?[ \t]*(?::|=|=>)?[ \t]*@?\{[ \t]*$/;
/** Structural names of objects in configs, which say nothing about whose key is in them. */
const STRUCTURAL_NAMES = new Set([
  'plugins', 'plugin', 'extra', 'extras', 'public', 'private', 'define', 'runtimeconfig', 'publicruntimeconfig',
  'serverruntimeconfig', 'customfields', 'environment', 'environments', 'integrations', 'integration', 'services', 'service',
  'providers', 'provider', 'headers', 'header', 'exports', 'module', 'expo', 'android', 'ios', 'web', 'build', 'server',
  'variables', 'envs', 'properties', 'connections', 'connection', 'apis', 'external', 'thirdparty', 'vendors', 'vendor',
  'features', 'common', 'shared', 'base', 'root', 'main', 'general', 'profiles', 'profile', 'stages', 'stage',
  'definitions', 'parameters', 'inputs', 'input', 'output', 'outputs', 'body', 'json', 'query', 'request', 'options',
]);

/** Word parts of names that describe a structure or a client, not a service: `InventoryApi`, `request_headers`, `appConfig`. */
const STRUCTURAL_PARTS = /api|client|service|header|config|setting|option|request|auth|cred|secret|key|token|env|param|prop|data|value|var|default|app|http|conn|integration|provider|plugin|stock|inventory/;

/** A name that says whose it is, and not Retrac: a word that is neither structural nor a key word. */
/**
 * A workspace id bound to a name without quotes or without an operator: a shell or make variable
 * (`WS=ws_…`, `export WS=ws_…`, `WORKSPACE := ws_…`) in a script or Makefile, an Elixir module
 * attribute (`@workspace "ws_…"`).
 */
function boundWorkspace(s: string, fileName: string): { name: string; at: number; ws: string } | undefined {
  const attr = /^[ \t]*(@[a-z_]\w*)[ \t]+["'](ws_[A-Za-z0-9]+)["'][ \t]*$/.exec(s);
  if (attr) return { name: attr[1], at: s.indexOf(attr[2]), ws: attr[2] };
  // A literal fallback of a lookup: `const WS = __ENV.RETRAC_WORKSPACE_ID || 'ws_…'`, `?? 'ws_…'`, `or "ws_…"`.
  const fb = /^[ \t]*(?:export[ \t]+)?(?:(?:const|let|var|final|val|my)[ \t]+)?\$?([A-Za-z_]\w*)[ \t]*(?::[^=\n]{1,40})?=[ \t]*[^'"\n;=]{1,200}?(?:\|\||\?\?|\?:|\bor\b|\/\/)[ \t]*(["'])(ws_[A-Za-z0-9]+)\2/.exec(s);
  if (fb) return { name: fb[1], at: fb.index + fb[0].length - fb[3].length - 1, ws: fb[3] };
  if (!/(?:\.(?:sh|bash|zsh|ksh|mk|mak)|(?:^|[\\/])(?:GNU)?[Mm]akefile|\.envrc)$/.test(fileName)) return undefined;
  const v = /^[ \t]*(?:export[ \t]+)?([A-Za-z_]\w*)[ \t]*(?::=|\?=|=)[ \t]*(ws_[A-Za-z0-9]+)[ \t]*$/.exec(s);
  return v ? { name: v[1], at: s.indexOf(v[2], v[0].indexOf('=')), ws: v[2] } : undefined;
}

function isOtherServiceName(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    !hasRetracWord(name) && !NEUTRAL_QUALIFIERS.has(lower) && !STRUCTURAL_NAMES.has(lower) && !isGenericKeyName(lower) &&
    /^[a-z][a-z0-9_-]{2,30}$/.test(lower) && !STRUCTURAL_PARTS.test(lower)
  );
}

const SPACE = /\s/;
const isPathChar = (c: number): boolean => isWordChar(c) || c === 45; /* - */
const isNameQuote = (c: number): boolean => c === 34 || c === 39;

/**
 * `['courier']` or `courier:` (then spaces) at the end of `head`: the name and where it starts.
 * Read backwards: a regex anchored at `$` would try every position of `head`, for every key.
 */
function subscriptOrPathAtEnd(head: string): { name: string; index: number } | undefined {
  const spacesBefore = (end: number): number => {
    while (end > 0 && SPACE.test(head[end - 1])) end--;
    return end;
  };
  const nameBefore = (end: number): number => {
    while (end > 0 && isPathChar(head.charCodeAt(end - 1))) end--;
    return end;
  };
  const e = spacesBefore(head.length);
  const last = head.charCodeAt(e - 1);
  if (last === 58 /* : */) {
    const b = nameBefore(e - 1);
    return b < e - 1 ? { name: head.slice(b, e - 1), index: b } : undefined;
  }
  if (last !== 93 /* ] */) return undefined;
  const q = spacesBefore(e - 1);
  if (!isNameQuote(head.charCodeAt(q - 1))) return undefined;
  const b = nameBefore(q - 1);
  if (b === q - 1 || !isNameQuote(head.charCodeAt(b - 1))) return undefined;
  const open = spacesBefore(b - 1) - 1;
  return head.charCodeAt(open) === 91 /* [ */ ? { name: head.slice(b, q - 1), index: open } : undefined;
}

/**
 * Whose key a generic name holds by its own qualifiers: `retrac` when one says Retrac, `other`
 * when one names something else (`courier.api.key`, `default['courier']['api_key']`,
 * `courier: apiKey:`, `com.google.android.geo.API_KEY`), undefined when they say nothing.
 */
function ownerOf(name: string, lineText: string, valueStart: number): 'retrac' | 'other' | undefined {
  const parts = name.split(/[.:]/).slice(0, -1);
  // Subscripts and inline paths just before the name on its line.
  let head = lineText.slice(Math.max(0, valueStart - 200), valueStart);
  const bare = lastSegment(name);
  const at = head.lastIndexOf(bare);
  if (at >= 0) {
    let e = at;
    while (e > 0 && (SPACE.test(head[e - 1]) || '[("\''.includes(head[e - 1]))) e--;
    head = head.slice(0, e);
    for (let k = 0; k < 4; k++) {
      const m = subscriptOrPathAtEnd(head);
      if (!m) break;
      parts.push(m.name);
      head = head.slice(0, m.index);
    }
  }
  // The entry the key sits in on its line, when the line's Retrac words are all in closed sibling
  // entries before it: `Courier = @{ ApiKey = '…' }` after `Retrac = @{ … };`.
  // Read on the 400 characters before the key: linear over a line of many keys.
  const near = lineText.slice(Math.max(0, valueStart - 400), valueStart);
  const entry = openEntryNameAt(near, near.length);
  if (entry) {
    const prefix = near.slice(0, entry.at);
    if (hasRetracWord(prefix) && !retracOutsideClosedEntries(prefix)) parts.push(entry.name);
  }
  let other = false;
  for (const p of parts) {
    if (hasRetracWord(p)) return 'retrac';
    const lower = p.toLowerCase();
    if (!NEUTRAL_QUALIFIERS.has(lower) && !isGenericKeyName(lower) && /[a-z]{3}/.test(lower)) other = true;
  }
  return other ? 'other' : undefined;
}

/** The lines in [from, to] that hold a base64 marker of `retrac_` (`region` is their text, from `base`), sorted and unique. */
function markerLines(region: string, base: number, starts: readonly number[], from: number, to: number): number[] {
  const out: number[] = [];
  const marker = new RegExp(BASE64_MARKER_SEARCH.source, 'g');
  for (let m = marker.exec(region); m; m = marker.exec(region)) {
    const line = lineOfOffset(starts, base + m.index);
    if (line >= from && line <= to && out[out.length - 1] !== line) out.push(line);
  }
  return out;
}

/** Opens a section: `"retrac": {`, `retrac:`, `[retrac]`, `<Retrac>`, `Retrac = {`. */
function opensSection(s: string): boolean {
  const t = s.trimEnd();
  const c = t.charCodeAt(t.length - 1);
  return c === 123 /* { */ || c === 58 /* : */ || c === 91 /* [ */ || c === 40 /* ( */ || (c === 93 /* ] */ && /^\s*\[/.test(t)) || (c === 62 /* > */ && !t.includes('</'));
}

/**
 * Whether a position of a notebook line is in a cell's `"outputs"` (printed data) rather than its
 * `"source"`: by the last of the two keys before it on the line, else by the section the line is
 * in (asked once). Positions are asked in increasing order: each key is passed once (linear).
 */
class NotebookOutputs {
  /** The last `"outputs"` / `"source"` before the position asked, and the next one after it (-2: not searched yet, -1: none). */
  private out = -1;
  private src = -1;
  private nextOut = -2;
  private nextSrc = -2;
  private section?: boolean;

  constructor(
    private readonly s: string,
    private readonly inSection: () => boolean,
  ) {}

  at(pos: number): boolean {
    if (this.nextOut === -2) this.nextOut = this.s.indexOf('"outputs"');
    if (this.nextSrc === -2) this.nextSrc = this.s.indexOf('"source"');
    while (this.nextOut >= 0 && this.nextOut < pos) this.nextOut = this.s.indexOf('"outputs"', (this.out = this.nextOut) + 1);
    while (this.nextSrc >= 0 && this.nextSrc < pos) this.nextSrc = this.s.indexOf('"source"', (this.src = this.nextSrc) + 1);
    if (this.out >= 0 || this.src >= 0) return this.out > this.src;
    return (this.section ??= this.inSection());
  }
}

/** `https://api.retrac.co/items`, `${base}/items`, `'/items'`, `localhost:8443/items`; not `/tmp/items`. */
/**
 * A path that a gateway or a host serves itself, not one it calls: KrakenD's `"endpoint": "/v1/items"`, Tyk's
 * `listen_path`, a Netlify redirect's `from = "/api/items"`. Read on the few characters before the path.
 */
// Airflow's `endpoint="/items"` and ActiveResource's `from: "/items"` are client paths: only the JSON key and TOML's `from =`.
const LOCAL_ROUTE_BEFORE = /(?:"endpoint"[ \t]{0,3}:|["']?listen_?[pP]ath["']?[ \t]{0,3}[:=]|(?<![\w.])from[ \t]{0,3}=)[ \t]{0,3}["'](?:\/[\w/.{}-]{0,40})?$/;
function isLocalRoute(s: string, at: number): boolean {
  return LOCAL_ROUTE_BEFORE.test(s.slice(Math.max(0, at - 80), at));
}

function isApiPathStart(s: string, at: number): boolean {
  if (at === 0) return true;
  const c = s.charCodeAt(at - 1);
  if (isQuote(c) || isBlank(c) || c === 125 /* } */ || c === 41 /* ) */ || c === 43 /* + */ || (c >= 48 && c <= 57)) return true;
  return at >= 9 && s.slice(at - 9, at).toLowerCase() === 'retrac.co';
}

/** The quoted string around `pos` on a line (single-line strings only). */
function enclosingString(f: LineFacts, pos: number): { start: number; end: number } | undefined {
  const spans = (f.strings ??= quotedStrings(f.text));
  let lo = 0;
  let hi = spans.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[2 * mid + 1] <= pos) lo = mid + 1;
    else if (spans[2 * mid] > pos) hi = mid - 1;
    else return { start: spans[2 * mid], end: spans[2 * mid + 1] };
  }
  return undefined;
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.start - b.start || a.end - b.end || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

/** Full scan of a text, sorted; a text without any gate word costs one regex search. */
export function scanWhole(text: string, prep: PreparedOptions): Finding[] {
  prep.gate.lastIndex = 0;
  if (!prep.gate.test(text) && !prep.retracFile && !BASE64_MARKER_SEARCH.test(text)) return [];
  const starts = computeLineStarts(text);
  return scanLines(text, starts, prep, 0, starts.length - 1).sort(compareFindings);
}
