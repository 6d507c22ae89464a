// Where a `workspaceId` pair is data, not a request parameter: configuration keys, Markdown examples
// and prose, calls that log, track or store, tests' mocks and assertions. The workspace-id rules
// (scanner.ts) ask it; it sits between the request model and the rules.
import { CONTEXT_LINES, FLOW_LINES, WORKSPACE_PARAM, type LineFacts } from './lineModel';
import { ClientModel } from './clientModel';
import { inNamedSection } from './structure';

/**
 * Calls that record or store data, not requests to Retrac: logging, analytics and tracing, browser and
 * app storage, caches, and database writes and queries (`logger.info({ workspaceId })`, `posthog.capture(…)`,
 * `prisma.item.create({ data: … })`, `Item.objects.filter(workspace_id=…)`).
 */
const RECORDING_CALL =
  /\b(?:log|logger|console|logging|structlog|slog|zap|logrus|winston|pino|bunyan|Log|Logger|analytics|posthog|mixpanel|amplitude|segment|gtag|dataLayer|Sentry|sentry|scope|tracer|span|metrics|statsd|telemetry|appInsights|newrelic|datadog|datadogRum|datadogLogs|DD_RUM|DD_LOGS|LogRocket|hotjar|Intercom|heap|bugsnag|rollbar|localStorage|sessionStorage|AsyncStorage|SecureStore|cookies|Cookies|redis|cache|kv|prisma|db|knex|sequelize|mongoose|supabase|drizzle|repo|repository|entityManager|objects)\b[\w.]{0,60}\.[A-Za-z_]\w*[ \t]*\(|(?<![\w$])(?:(?:tracing|log)::)?(?:info|debug|warn|error|trace|event|span|info_span|debug_span|warn_span|error_span|trace_span)![ \t]*\(|(?<![\w.$])(?:track|trackEvent|logEvent|log_event|captureEvent|captureMessage|capture|identify|addBreadcrumb|setTag|setTags|setContext|setUser|setAttribute|setAttributes|gtag|fbq|ttq|plausible|umami)[ \t]*\(/;
/**
 * Tests that describe requests without making them: HTTP mocks (nock, fetch-mock, axios-mock-adapter,
 * respx, gock, WireMock) and assertions (`assert.equal(…)`, `assert x == {…}`, `expect(…).toEqual({…})`).
 */
const MOCK_CALL =
  /\bcy\.intercept\b|\.fulfill[ \t]*\(|\.mock(?:Resolved|Rejected|Return)Value(?:Once)?[ \t]*\(|\.mockImplementation(?:Once)?[ \t]*\(|\bresponses\.(?:add|get|post|put|patch|delete|upsert|replace)\b|\b(?:requests_mock|httpretty|aioresponses|httpx_mock|matchers)\b|\b(?:co)?[eE]very[ \t]*\{|\b(?:co)?[vV]erify[ \t]*(?:\{|\([\w.]+\)\.)|\b(?:Mockito\.)?when[ \t]*\([\w.]+\.\w+\(|\bwhenever[ \t]*\(|\bgiven[ \t]*\([\w.]+\.\w+\(|\.assert_(?:called|any_call|has_calls|not_called)\w*|\b(?:nock|fetchMock|fetchmock|mockAdapter|httpmock|gock|respx|WireMock|wiremock|stubFor)\b|\bmock\.on(?:Get|Post|Put|Patch|Delete|Any)\b|\.reply(?:With)?\(|\bassert(?:Equals|Equal|That|_equal|_eq)?\b|\bexpect[ \t]*\(|\.should\b/;
/**
 * A response that code writes, not a request it makes: a server route's or a mock handler's body
 * (`res.json({…})`, `reply.send(…)`, `c.json(…)`, MSW `HttpResponse.json(…)`, `Response.json(…)`,
 * Flask `jsonify(…)`, Django `JsonResponse(…)`, Rails `render json:`, gin `c.JSON(…)`).
 */
const RESPONSE_CALL =
  /\bjson\.NewEncoder[ \t]*\([ \t]*(?:w|rw|writer)\b|\bhttptest\.NewServer\b|(?<![\w$.])(?:res|resp|response|reply|ctx|c|HttpResponse|Response|NextResponse)\.(?:status\([^()]{0,10}\)\.)?(?:json|send|JSON|IndentedJSON|body)[ \t]*\(|(?<![\w.$])(?:jsonify|JsonResponse|json_response)[ \t]*\(|\brender[ \t]+json:/;
/** A request body built in HCL (`request_body = jsonencode({`): its pairs are sent. */
const JSONENCODE_BODY = /\bjsonencode[ \t]*\([ \t]*\{[ \t]*$/;
/** A Terraform provider block: the client that makes the requests is configured by its pairs. */
const PROVIDER_BLOCK = /^[ \t]*provider[ \t]+"[\w-]+"[ \t]*\{[ \t]*$/;
/** SQL text before a pair: a statement and its clause (`SELECT … WHERE`, `UPDATE … SET`, `INSERT INTO … VALUES`). */
const SQL_TEXT = /\b(?:select|update|insert[ \t]+into|delete[ \t]+from)\b[^;]{0,300}?\b(?:where|set|values|and|or)\b/i;
/** A search or database query's filter (Elasticsearch `term`/`match`/`bool`, Mongo `$match`, ORM `where`), opened on the line or above. */
const QUERY_FILTER = /(?:^|[^\w$])["']?(?:term|terms|match|match_phrase|must|must_not|should|filter|where|\$match|\$and|\$or)["']?[ \t]*:[ \t]*[{[]?[ \t]*$/;
const QUERY_FILTER_INLINE = /(?:^|[^\w$])["']?(?:term|terms|match|match_phrase|must|must_not|where|\$match)["']?[ \t]*:[ \t]*[{[][^{}[\]]{0,200}$/;
/** A Markdown code fence line and its info string. */
const FENCE = /^[ \t]{0,3}(?:```|~~~)[ \t]*([\w-]*)/;
/** A YAML mapping that a request sends (Ansible `uri` `body:`, `query:`, `params:`): its pairs are parameters. */
const REQUEST_MAPPING = /^[ \t]*-?[ \t]*(?:body|params|query|qs|query_params|queryParameters|query_string|json|data|form|form_data)[ \t]*:[ \t]*$/;
/** A YAML/TOML/INI/properties pair whose key is the parameter: `workspace_id: ws_…`, `retrac.workspaceId=ws_…`. */
const CONFIG_KEY_PREFIX = /^[ \t]*(?:-[ \t]*)?["']?(?:[\w-]+\.)*$/;

/** `?workspaceId=` / `&workspaceId=`: a URL's query parameter. */
export function isQueryParam(s: string, at: number): boolean {
  const c = s.charCodeAt(at - 1);
  return c === 63 /* ? */ || c === 38 /* & */;
}

interface FencesAbove {
  count: number;
  nearest: number;
}

/** The per-scan caches of that reading, and the queries over them. */
/**
 * A line that opens or closes a code or literal block in a prose document: AsciiDoc `----` / `....`, fences, Org
 * `#+begin_src` / `#+end_src` (any block kind), TeX `\begin{verbatim}` / `lstlisting` / `minted` and their ends.
 */
const DOCS_BLOCK_DELIMITER = /^(?:-{4,}|\.{4,}|`{3,}.*|~{3,}.*|[ \t]*#\+(?:begin|end)_\w+.*|[ \t]*\\(?:begin|end)\{(?:verbatim|Verbatim|lstlisting|minted)\}.*)[ \t]*$/i;

export abstract class DataModel extends ClientModel {
  private readonly recordingMemo = new Map<number, boolean>();
  /** Markdown fences: per line, the fence lines above it; whether the line is one. */
  private readonly fenceMemo = new Map<number, FencesAbove>();
  private readonly fenceLineMemo = new Map<number, boolean>();
  private lastFenceLine = -1;
  /** Python docstrings: triple quotes per line, and the last line answered with the count above it. */
  private readonly tripleQuoteMemo = new Map<number, number>();
  /** A query filter or an API tool's environment resource encloses the line; by line. */
  private readonly queryFilterMemo = new Map<number, boolean>();
  private docstringAbove: { line: number; count: number } | undefined;
  /** Delimited blocks of prose documents: per line, whether it is a delimiter; the last line answered with the count above it. */
  private readonly delimiterMemo = new Map<number, number>();
  private delimitersAbove: { line: number; count: number } | undefined;

  /**
   * Where a `workspaceId` pair is data or configuration, not a request parameter: the key of a
   * YAML/TOML/INI line, an example in a Markdown ```json fence, or an argument of a call that logs,
   * tracks or stores (logging, analytics, tracing, a database). A URL's query parameter always counts.
   */
  protected isDataPair(f: LineFacts, line: number, at: number): boolean {
    const s = f.text;
    if (isQueryParam(s, at)) return false;
    if (this.prep.configPairs && at < 200 && CONFIG_KEY_PREFIX.test(s.slice(0, at))) {
      return !inNamedSection(this, line, CONTEXT_LINES, (t) => REQUEST_MAPPING.test(t) || PROVIDER_BLOCK.test(t) || JSONENCODE_BODY.test(t));
    }
    if (this.prep.markdown && (this.inDataFence(line) || this.isMarkdownProse(line, at))) return true;
    if (/\.pyi?$/i.test(this.prep.options.fileName) && this.inDocstring(line)) return true;
    if (this.prep.sqlFile || (this.prep.docsProse && this.isDocsProse(line))) return true;
    // SQL in a string (`pool.query("SELECT … WHERE workspace_id = '…'")`) and search/database query filters are data.
    if (SQL_TEXT.test(s.slice(Math.max(0, at - 400), at)) || QUERY_FILTER_INLINE.test(s.slice(Math.max(0, at - 300), at))) return true;
    let q = this.queryFilterMemo.get(line);
    if (q === undefined) this.queryFilterMemo.set(line, (q = inNamedSection(this, line, CONTEXT_LINES, (t) => QUERY_FILTER.test(t)) || this.inToolEnvironmentResource(line)));
    if (q) return true;
    return this.inRecordingCall(line);
  }

  /**
   * The line's workspace pairs are arguments of a call that logs, tracks or stores: read from the
   * statement's first line (within CONTEXT_LINES) to the line's first pair; by line (a long line may
   * hold many pairs).
   */
  private inRecordingCall(line: number): boolean {
    let v = this.recordingMemo.get(line);
    if (v !== undefined) return v;
    const s = this.text(line);
    WORKSPACE_PARAM.lastIndex = 0;
    const first = WORKSPACE_PARAM.exec(s)?.index ?? s.length;
    const st = this.statement(line);
    let head = s.slice(Math.max(0, first - 4000), first);
    for (let l = line - 1; l >= Math.max(st.from, line - CONTEXT_LINES) && head.length < 4000; l--) head = this.text(l).slice(-4000) + '\n' + head;
    v = (!head.includes('://') && RECORDING_CALL.test(head)) || MOCK_CALL.test(head) || RESPONSE_CALL.test(head);
    this.recordingMemo.set(line, v);
    return v;
  }

  /** An Insomnia export's environment resource (`"_type": "environment"`) encloses the line: variables, not a request. */
  private inToolEnvironmentResource(line: number): boolean {
    for (let l = line; l >= Math.max(0, line - CONTEXT_LINES); l--) {
      const t = this.text(l);
      if (t.length > 400 || !t.includes('"_type"')) continue;
      return /"_type"[ \t]*:[ \t]*"(?:environment|cookie_jar)"/.test(t);
    }
    return false;
  }

  /**
   * Inside a Python docstring (an example in docs, not a call): an odd number of triple quotes in the
   * FLOW_LINES above. Asked in line order, each answer comes from the last one (a window that slides).
   */
  private inDocstring(line: number): boolean {
    const last = this.docstringAbove;
    let count = 0;
    if (last && last.line <= line && line - last.line <= FLOW_LINES) {
      count = last.count;
      for (let l = last.line; l < line; l++) count += this.tripleQuotes(l) - (l - FLOW_LINES >= 0 ? this.tripleQuotes(l - FLOW_LINES) : 0);
    } else {
      for (let l = Math.max(0, line - FLOW_LINES); l < line; l++) count += this.tripleQuotes(l);
    }
    this.docstringAbove = { line, count };
    return count % 2 === 1;
  }

  /**
   * Prose of a document that is not Markdown (AsciiDoc, reStructuredText, text): not indented as code
   * and outside delimited blocks (`----`, `....`, a fence): an even number of delimiters within FLOW_LINES above.
   */
  protected isDocsProse(line: number): boolean {
    if (/^(?: {2,}|\t)/.test(this.text(line))) return false;
    const last = this.delimitersAbove;
    let count = 0;
    if (last && last.line <= line && line - last.line <= FLOW_LINES) {
      count = last.count;
      for (let l = last.line; l < line; l++) count += this.isDelimiter(l) - (l - FLOW_LINES >= 0 ? this.isDelimiter(l - FLOW_LINES) : 0);
    } else {
      for (let l = Math.max(0, line - FLOW_LINES); l < line; l++) count += this.isDelimiter(l);
    }
    this.delimitersAbove = { line, count };
    return count % 2 === 0;
  }

  private isDelimiter(line: number): number {
    let n = this.delimiterMemo.get(line);
    if (n === undefined) this.delimiterMemo.set(line, (n = DOCS_BLOCK_DELIMITER.test(this.text(line)) ? 1 : 0));
    return n;
  }

  private tripleQuotes(line: number): number {
    let n = this.tripleQuoteMemo.get(line);
    if (n !== undefined) return n;
    const t = this.text(line);
    n = 0;
    for (let i = t.indexOf('"""'); i >= 0; i = t.indexOf('"""', i + 3)) n++;
    for (let i = t.indexOf("'''"); i >= 0; i = t.indexOf("'''", i + 3)) n++;
    this.tripleQuoteMemo.set(line, n);
    return n;
  }

  /**
   * Markdown prose: outside code fences (an odd number of fence lines within FLOW_LINES above), not
   * indented as code, and outside inline code on its line. Docs that mention a URL or an id are not a request.
   */
  protected isMarkdownProse(line: number, at: number): boolean {
    const s = this.text(line);
    if (/^(?: {4}|\t)/.test(s)) return false;
    // Inline code within the 2,000 characters before (bounded: a long line may hold many URLs).
    let ticks = 0;
    const before = s.slice(Math.max(0, at - 2000), at); // a search past `at` would run on to the line's end, per URL
    for (let i = before.indexOf('`'); i >= 0; i = before.indexOf('`', i + 1)) ticks++;
    if (ticks % 2 === 1) return false;
    return this.fencesAbove(line).count % 2 === 0;
  }

  /** Inside a Markdown code fence whose info string says data (```json, ```yaml, ```toml), within FLOW_LINES. */
  private inDataFence(line: number): boolean {
    const fence = this.fencesAbove(line).nearest;
    return fence >= 0 && /^(?:json\w*|ya?ml|toml|ini|csv|xml)$/i.test(FENCE.exec(this.text(fence))![1]);
  }

  private isFenceLine(line: number): boolean {
    let v = this.fenceLineMemo.get(line);
    if (v === undefined) this.fenceLineMemo.set(line, (v = FENCE.test(this.text(line))));
    return v;
  }

  /**
   * The fence lines within FLOW_LINES above the line: how many, and the nearest (-1: none). Lines are
   * asked in order: each answer comes from the line above's (one line enters the window, one leaves),
   * so a document of fences costs one pass.
   */
  private fencesAbove(line: number): FencesAbove {
    const known = this.fenceMemo.get(line);
    if (known) return known;
    // Walk on from the last line answered when it is close above; else read the window.
    let from = this.lastFenceLine;
    let v: FencesAbove;
    if (from >= 0 && from < line && line - from <= FLOW_LINES) v = this.fenceMemo.get(from)!;
    else {
      from = line;
      v = { count: 0, nearest: -1 };
      for (let l = line - 1; l >= Math.max(0, line - FLOW_LINES); l--) {
        if (!this.isFenceLine(l)) continue;
        v.count++;
        if (v.nearest < 0) v.nearest = l;
      }
    }
    for (let l = from + 1; l <= line; l++) {
      const entering = this.isFenceLine(l - 1);
      const leaving = l - 1 - FLOW_LINES;
      v = {
        count: v.count + (entering ? 1 : 0) - (leaving >= 0 && this.isFenceLine(leaving) ? 1 : 0),
        nearest: entering ? l - 1 : v.nearest < l - FLOW_LINES ? -1 : v.nearest,
      };
      this.fenceMemo.set(l, v);
    }
    this.fenceMemo.set(line, v);
    this.lastFenceLine = line;
    return v;
  }
}
