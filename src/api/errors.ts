// One error type for everything the Retrac API (or the way to it) can answer, so the UI can say
// "this key lacks `inventory.write`" instead of "403". Messages never contain a key.

export type RetracErrorCode =
  | 'bad_request' | 'unauthorized' | 'forbidden' | 'exceeded_limit' | 'not_found' | 'conflict'
  | 'invite_pending' | 'invite_expired' | 'unprocessable_entity' | 'rate_limit_exceeded'
  | 'internal_server_error'
  // client-side causes (no HTTP answer, or an answer we cannot use)
  | 'network' | 'timeout' | 'aborted' | 'tls' | 'invalid_response' | 'insecure_url' | 'invalid_argument';

/** Which certificate check failed, for code 'tls'. */
export type TlsProblem = 'untrusted' | 'expired' | 'hostname' | 'other';

/** Why a 403 happened, read from the error code and message. */
export type ForbiddenReason = 'scope' | 'role' | 'location' | 'plan' | 'plan_limit' | 'unknown';

export interface RetracErrorInit {
  status: number;            // 0 when there was no HTTP answer
  code: RetracErrorCode;
  message: string;           // already redacted
  docUrl?: string;
  forbidden?: ForbiddenReason;
  missingScope?: string;     // for forbidden === 'scope', e.g. 'inventory.write'
  retryAfterMs?: number;     // for 429
  method?: string;
  path?: string;             // path without query string (never contains the key)
  host?: string;             // host[:port] of the base URL, for "cannot reach …" messages
  tls?: TlsProblem;          // for code 'tls'
  networkCode?: string;      // for 'network' / 'tls': the socket's code (ECONNREFUSED, CERT_HAS_EXPIRED, …)
  proxy?: string;            // the proxy the request went through (credentials hidden), for 'network' / 'tls'
  cause?: unknown;
}

/**
 * Marks every RetracError, whichever bundle's copy of this class made it: lazily loaded bundles
 * (the client, the edit commands, the importer) carry their own copy, so `instanceof` checks the
 * mark rather than the prototype chain.
 */
const RETRAC_ERROR = Symbol.for('retrac.RetracError');

export class RetracError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[RETRAC_ERROR] === true;
  }

  readonly status: number;
  readonly code: RetracErrorCode;
  readonly docUrl?: string;
  readonly forbidden?: ForbiddenReason;
  readonly missingScope?: string;
  readonly retryAfterMs?: number;
  readonly method?: string;
  readonly path?: string;
  readonly host?: string;
  readonly tls?: TlsProblem;
  /** The socket's code (ECONNREFUSED, CERT_HAS_EXPIRED, …) for 'network' and 'tls', recorded once by the transport. */
  readonly networkCode?: string;
  readonly proxy?: string;

  constructor(init: RetracErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'RetracError';
    Object.defineProperty(this, RETRAC_ERROR, { value: true });
    this.status = init.status;
    this.code = init.code;
    this.docUrl = init.docUrl;
    this.forbidden = init.forbidden;
    this.missingScope = init.missingScope;
    this.retryAfterMs = init.retryAfterMs;
    this.method = init.method;
    this.path = init.path;
    this.host = init.host;
    this.tls = init.tls;
    this.networkCode = init.networkCode;
    this.proxy = init.proxy;
  }
}

/** By shape as well as by class: a lazily loaded bundle has its own copy of the class. */
export function isRetracError(e: unknown): e is RetracError {
  return e instanceof RetracError || (e instanceof Error && e.name === 'RetracError' && typeof (e as { code?: unknown }).code === 'string');
}

/** Whether the request may have reached the server before the connection failed (so a write may have happened). */
export function isInterrupted(e: unknown): boolean {
  return isRetracError(e) && (e.code === 'network' || e.code === 'timeout');
}
