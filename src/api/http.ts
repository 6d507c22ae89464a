// The one way the client talks HTTP: one attempt at a time over a `Send` (the platform fetch, or
// undici's request() with a pinned CA), with the rules of
// the contract around it: timeouts and AbortSignals, 429 / Retry-After, GET-only retries with
// backoff, and every failure turned into a redacted RetracError. Knows nothing about endpoints.
import * as v from 'valibot';
import { describeNetworkFailure, tlsProblemOf } from './describeError';
import { RetracError, type RetracErrorCode } from './errors';
import { redactText } from './keys';
import type { ProxySettings } from './proxy';
import { MAX_RETRY_AFTER_MS, parseResetAt, parseRetryAfter } from './retryAfter';
import { ErrorBodySchema } from './schemas';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | string[];
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** The rate-limit headers of the last keyed answer. `resetAt` is epoch milliseconds. */
export interface RateLimitInfo { limit?: number; remaining?: number; resetAt?: number }

export interface TransportOptions {
  apiKey: string;
  baseUrl: string;
  ca?: string | string[];
  timeoutMs: number;
  maxRateLimitRetries: number;
  maxRetryWaitMs: number;
  maxGetRetries: number;
  retryBaseMs: number;
  /** Proxy settings for the pinned-CA transport; without a CA the platform fetch decides. */
  proxy?: ProxySettings;
  onLog?: (level: LogLevel, message: string) => void;
}

export interface RequestSpec {
  method: HttpMethod;
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** The answer to assume when a 2xx has an empty body (a 204 to a DELETE); otherwise that is invalid_response. */
  whenEmpty?: unknown;
}

/** What one HTTP exchange gives back, whichever transport carried it. */
export interface Answer { status: number; statusText: string; headers: { get(name: string): string | null }; text: string }

/** One HTTP request, redirects not followed: the platform fetch, or the pinned-CA transport. */
export type Send = (url: URL, init: { method: HttpMethod; headers: Record<string, string>; body?: string; signal: AbortSignal }) => Promise<Answer>;

/** The platform fetch: inside VS Code it is the extension host's, with VS Code's proxy and certificate support. */
const platformSend: Send = async (url, init) => {
  const res = await fetch(url, { ...init, redirect: 'manual' });
  return { status: res.status, statusText: res.statusText, headers: res.headers, text: await res.text() };
};

/** Same-origin https redirects followed per attempt; more is a loop or a misconfigured server. */
const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** The only place a server-supplied documentation link may point (contract §2). */
const DOC_URL_PREFIX = 'https://docs.retrac.co/';

const SERVER_CODES = new Set<RetracErrorCode>([
  'bad_request', 'unauthorized', 'forbidden', 'exceeded_limit', 'not_found', 'conflict', 'invite_pending',
  'invite_expired', 'unprocessable_entity', 'rate_limit_exceeded', 'internal_server_error',
]);

export class Transport {
  lastRateLimit: RateLimitInfo | undefined;
  readonly host: string;
  /** Which transport and proxy the requests take, once the first request has chosen it. */
  route: string | undefined;
  private readonly origin: string;
  /** The proxy the pinned-CA transport tunnels through, for error messages. */
  private proxyLabel: string | undefined;
  private sender: Promise<Send> | undefined;

  constructor(private readonly options: TransportOptions) {
    const base = new URL(options.baseUrl);
    this.host = base.host;
    this.origin = base.origin;
  }

  /** One logical call: retries what may be retried, then returns the parsed JSON of a 2xx answer. */
  async request(spec: RequestSpec): Promise<{ status: number; data: unknown }> {
    try {
      return await this.attempts(spec);
    } catch (e) {
      if (e instanceof RetracError) this.log(e.code === 'aborted' ? 'debug' : 'warn', `${spec.method} ${spec.path} failed: ${e.code}${e.status ? ` (${e.status})` : ''}: ${e.message}`);
      throw e;
    }
  }

  private async attempts(spec: RequestSpec): Promise<{ status: number; data: unknown }> {
    const { method } = spec;
    let getRetries = 0;
    let rateLimitRetries = 0;
    for (;;) {
      this.throwIfAborted(spec);
      let answer: Answer;
      try {
        answer = await this.once(spec);
      } catch (e) {
        // Only a GET is safe to repeat: a write may have been applied before the connection broke.
        if (e instanceof RetracError && e.code === 'network' && method === 'GET' && getRetries < this.options.maxGetRetries) {
          getRetries++;
          await this.wait(this.backoffMs(getRetries), spec, `${e.message}; retry ${getRetries}`);
          continue;
        }
        throw e;
      }
      this.recordRateLimit(answer.headers);
      if (answer.status >= 200 && answer.status < 300) return { status: answer.status, data: this.parseJson(answer, spec) };

      const error = this.httpError(answer, spec);
      if (answer.status === 429) {
        const waitMs = error.retryAfterMs ?? this.backoffMs(rateLimitRetries + 1);
        if (method !== 'GET' || rateLimitRetries >= this.options.maxRateLimitRetries || waitMs > this.options.maxRetryWaitMs) throw error;
        rateLimitRetries++;
        await this.wait(waitMs, spec, `rate limited; retry ${rateLimitRetries}`);
        continue;
      }
      if (answer.status >= 500 && method === 'GET' && getRetries < this.options.maxGetRetries) {
        getRetries++;
        await this.wait(this.backoffMs(getRetries), spec, `HTTP ${answer.status}; retry ${getRetries}`);
        continue;
      }
      throw error;
    }
  }

  /** Redacted text: the client's own key and anything key-shaped are masked. */
  redact(text: string): string {
    return redactText(text, [this.options.apiKey]);
  }

  log(level: LogLevel, message: string): void {
    try {
      this.options.onLog?.(level, this.redact(message));
    } catch {
      // A broken log sink must not turn a successful call into a failure.
    }
  }

  private async once(spec: RequestSpec): Promise<Answer> {
    const send = await this.getSender();
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; controller.abort(); }, this.options.timeoutMs);
    const onAbort = (): void => controller.abort();
    spec.signal?.addEventListener('abort', onAbort, { once: true });
    const started = Date.now();
    try {
      let target = this.url(spec);
      let method = spec.method;
      const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
      for (let redirects = 0; ; redirects++) {
        const headers: Record<string, string> = { authorization: `Bearer ${this.options.apiKey}`, accept: 'application/json' };
        const withBody = method !== 'GET' && body !== undefined;
        if (withBody) headers['content-type'] = 'application/json';
        // Redirects are followed here, not by fetch: fetch would follow one to another origin or to http://.
        const res = await send(target, { method, headers, body: withBody ? body : undefined, signal: controller.signal });
        if (this.options.onLog) this.log('debug', `${method} ${target.pathname}${target.search} → ${res.status} in ${Date.now() - started} ms`);
        const location = REDIRECT_STATUSES.has(res.status) ? res.headers.get('location') : null;
        if (location === null) return res;
        target = this.redirectTarget(spec, location, res.status, method, redirects);
        if (res.status === 303) method = 'GET';
      }
    } catch (e) {
      if (spec.signal?.aborted) throw this.aborted(spec);
      if (e instanceof RetracError) throw e;
      if (timedOut) {
        throw this.error(spec, { code: 'timeout', message: `No answer from ${this.host} within ${this.options.timeoutMs} ms.` });
      }
      throw this.transportError(e, spec);
    } finally {
      clearTimeout(timer);
      spec.signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Only a same-origin https Location is followed, a bounded number of times: the key must never
   * reach another origin, nor travel in clear text. A 301/302 to a write would turn it into a GET
   * in fetch's rules, so only 307/308 (which keep method and body) are followed for writes.
   */
  private redirectTarget(spec: RequestSpec, location: string, status: number, method: HttpMethod, redirects: number): URL {
    // Not 'network': a refused redirect is an answer, and repeating the request would not change it.
    const refuse = (why: string, code: RetracErrorCode = 'insecure_url'): RetracError =>
      this.error(spec, { status, code, message: `Refusing a redirect from ${this.host}: ${why}.` });
    let next: URL;
    try {
      next = new URL(location, `${this.options.baseUrl}/`);
    } catch {
      throw refuse('its Location is not a URL');
    }
    if (next.protocol !== 'https:') throw refuse(`it leads to ${next.protocol}// and the key never travels in clear text`);
    if (next.origin !== this.origin) throw refuse(`it leads to another host (${next.host}) and the key is sent only to ${this.host}`);
    if (method !== 'GET' && status !== 307 && status !== 308 && status !== 303) throw refuse(`HTTP ${status} would turn ${method} into GET`, 'invalid_response');
    if (redirects >= MAX_REDIRECTS) throw refuse(`more than ${MAX_REDIRECTS} redirects in a row`, 'invalid_response');
    return next;
  }

  /**
   * Without `ca`, the platform fetch: inside VS Code it follows `http.proxy`, `http.proxySupport`
   * and `http.systemCertificates`. With `ca`, the pinned-CA transport from its own bundle
   * (./caTransport: undici), direct or through the proxy of `options.proxy` / the environment.
   */
  private getSender(): Promise<Send> {
    this.sender ??= (async () => {
      const { ca } = this.options;
      if (ca === undefined || ca.length === 0) {
        this.route = 'the platform fetch (in VS Code: its proxy and system-certificate support)';
        return platformSend;
      }
      const { createCaTransport } = await import('./caTransport');
      const transport = createCaTransport(this.options.baseUrl, Array.isArray(ca) ? ca : [ca], this.options.proxy);
      this.route = transport.describe;
      this.proxyLabel = transport.proxyLabel;
      return transport.send;
    })();
    // A bad proxy URL is a setting to fix, not a crash: a later call may succeed once it is fixed.
    this.sender.catch(() => { this.sender = undefined; });
    return this.sender;
  }

  /** The base URL's path, the call's path, and the query: arrays repeat their key. */
  private url(spec: RequestSpec): URL {
    const url = new URL(this.options.baseUrl + spec.path);
    for (const [k, val] of Object.entries(spec.query ?? {})) {
      if (Array.isArray(val)) for (const one of val) url.searchParams.append(k, one);
      else url.searchParams.append(k, val);
    }
    return url;
  }

  private parseJson(answer: Answer, spec: RequestSpec): unknown {
    if (spec.whenEmpty !== undefined && answer.text.trim() === '') return spec.whenEmpty;
    try {
      return JSON.parse(answer.text) as unknown;
    } catch {
      throw this.error(spec, {
        status: answer.status,
        code: 'invalid_response',
        message: `Unexpected answer from ${spec.method} ${spec.path}: the body is not JSON (HTTP ${answer.status}).`,
      });
    }
  }

  private httpError(answer: Answer, spec: RequestSpec): RetracError {
    let body: v.InferOutput<typeof ErrorBodySchema>['error'] | undefined;
    try {
      const parsed = v.safeParse(ErrorBodySchema, JSON.parse(answer.text));
      if (parsed.success) body = parsed.output.error;
    } catch { /* not JSON: described by the status below */ }
    const serverCode = body?.code as RetracErrorCode | undefined;
    const code = serverCode && SERVER_CODES.has(serverCode) ? serverCode : codeForStatus(answer.status);
    const message = body?.message?.trim() || `HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}`;
    let retryAfterMs: number | undefined;
    if (answer.status === 429) {
      retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'));
      const resetAt = parseResetAt(answer.headers.get('x-ratelimit-reset'));
      if (retryAfterMs === undefined && resetAt !== undefined) retryAfterMs = Math.max(0, resetAt - Date.now());
      // A wait longer than an hour is a server bug or hostile; it is capped, never slept or shown as is.
      if (retryAfterMs !== undefined) retryAfterMs = Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
    }
    const forbidden = answer.status === 403 ? classifyForbidden(code, message) : undefined;
    return this.error(spec, {
      status: answer.status,
      code,
      message,
      docUrl: trustedDocUrl(body?.doc_url, (t) => this.redact(t)),
      retryAfterMs,
      ...forbidden,
    });
  }

  /** fetch wraps the socket error in a TypeError (undici in its own ways): classify by the innermost code. */
  private transportError(e: unknown, spec: RequestSpec): RetracError {
    const root = innermostCoded(e);
    const code = root?.code;
    const detail = (root?.message ?? (e instanceof Error ? e.message : String(e))).trim().replace(/[\s:.]+$/, '');
    // Never attach ofetch's error itself: it holds the request options, Authorization header included.
    const cause = Object.assign(new Error(this.redact(detail)), code ? { code } : {});
    const tls = tlsProblemOf(code);
    if (tls) {
      // Through an https:// proxy, the rejected certificate may be the proxy's own.
      const whose = this.proxyLabel?.startsWith('https:') ? `${this.host} or of the proxy ${this.proxyLabel}` : this.host;
      return this.error(spec, { code: 'tls', tls, networkCode: code, proxy: this.proxyLabel, message: `The certificate of ${whose} was rejected: ${detail}${code ? ` (${code})` : ''}.`, cause });
    }
    // The message (logs, CLI) is describeError's sentence in English; users read it in their language.
    const message = describeNetworkFailure({ host: this.host, code, detail: cause.message, proxy: this.proxyLabel });
    return this.error(spec, { code: 'network', networkCode: code, proxy: this.proxyLabel, message, cause });
  }

  private aborted(spec: RequestSpec): RetracError {
    return this.error(spec, { code: 'aborted', message: `${spec.method} ${spec.path} was cancelled.` });
  }

  private throwIfAborted(spec: RequestSpec): void {
    if (spec.signal?.aborted) throw this.aborted(spec);
  }

  private error(spec: RequestSpec, init: Omit<ConstructorParameters<typeof RetracError>[0], 'status' | 'method' | 'path' | 'host'> & { status?: number }): RetracError {
    return new RetracError({ status: 0, method: spec.method, path: spec.path, host: this.host, ...init, message: this.redact(init.message) });
  }

  /** Full jitter over an exponential ceiling: base·2^(n-1) … up to that ceiling, at least half of it. */
  private backoffMs(attempt: number): number {
    const ceiling = this.options.retryBaseMs * 2 ** (attempt - 1);
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  }

  /** Sleeps, unless the caller aborts first. */
  private wait(ms: number, spec: RequestSpec, why: string): Promise<void> {
    this.log('info', `${spec.method} ${spec.path}: ${why} in ${ms} ms`);
    return new Promise((resolve, reject) => {
      const onAbort = (): void => { clearTimeout(timer); reject(this.aborted(spec)); };
      const timer = setTimeout(() => { spec.signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
      spec.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private recordRateLimit(headers: Answer['headers']): void {
    const limit = toNumber(headers.get('x-ratelimit-limit'));
    const remaining = toNumber(headers.get('x-ratelimit-remaining'));
    const resetAt = parseResetAt(headers.get('x-ratelimit-reset'));
    if (limit !== undefined || remaining !== undefined || resetAt !== undefined) this.lastRateLimit = { limit, remaining, resetAt };
  }
}

/** A server-supplied documentation link is kept only if it points at docs.retrac.co over https and carries nothing key-shaped. */
function trustedDocUrl(value: string | undefined, redact: (text: string) => string): string | undefined {
  if (typeof value !== 'string' || !value.startsWith(DOC_URL_PREFIX)) return undefined;
  try {
    const url = new URL(value);
    const fine = url.origin === 'https://docs.retrac.co' && !url.username && !url.password && redact(url.href) === url.href;
    return fine ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function toNumber(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function codeForStatus(status: number): RetracErrorCode {
  switch (status) {
    case 400: return 'bad_request';
    case 401: return 'unauthorized';
    case 403: return 'forbidden';
    case 404: return 'not_found';
    case 409: return 'conflict';
    case 410: return 'invite_expired';
    case 422: return 'unprocessable_entity';
    case 429: return 'rate_limit_exceeded';
    default: return status >= 500 ? 'internal_server_error' : 'bad_request';
  }
}

const SCOPE_TOKEN = /\b(?:apis|items|tags|locations|inventory|transfers|workspaces)\.(?:read|write|all)\b/g;

/**
 * Why a 403 happened, from the code and the server's message (contract §1–2). Strong phrasings
 * are checked before single words, since a message may quote a location or workspace name.
 */
export function classifyForbidden(code: RetracErrorCode, message: string): Pick<RetracError, 'forbidden' | 'missingScope'> {
  if (code === 'exceeded_limit') return { forbidden: 'plan_limit' };
  const scopes = message.match(SCOPE_TOKEN) ?? [];
  if (scopes.length > 0 || /\bscopes?\b/i.test(message)) {
    // Name the specific scope rather than a preset that would also grant it.
    const missingScope = scopes.find((s) => !s.startsWith('apis.')) ?? scopes[0];
    return { forbidden: 'scope', missingScope };
  }
  if (/\bonly (?:workspace )?owners?\b|\bowners? only\b|\bowner-only\b/i.test(message)) return { forbidden: 'role' };
  if (/\b(?:view-only|view access|no access|edit access)\b/i.test(message) && /\blocations?\b/i.test(message)) return { forbidden: 'location' };
  if (/\bplan\b|\bbusiness\b|\bupgrade\b/i.test(message)) return { forbidden: 'plan' };
  if (/\blocations?\b/i.test(message)) return { forbidden: 'location' };
  if (/\bowners?\b|\brole\b/i.test(message)) return { forbidden: 'role' };
  return { forbidden: 'unknown' };
}

interface CodedError { code?: string; message: string }

/** The deepest error in the cause chain that has a code (else the deepest one), e.g. undici's socket error. */
function innermostCoded(e: unknown): CodedError | undefined {
  const chain: CodedError[] = [];
  const seen = new Set<unknown>();
  for (let x: unknown = e; x && typeof x === 'object' && !seen.has(x);) {
    seen.add(x);
    const err = x as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof err.message === 'string') chain.push({ code: typeof err.code === 'string' ? err.code : undefined, message: err.message });
    // An AggregateError (one per address tried) has no cause: its first error says enough.
    x = err.cause ?? (Array.isArray(err.errors) ? (err.errors as unknown[])[0] : undefined);
  }
  return [...chain].reverse().find((c) => c.code) ?? chain.at(-1);
}
