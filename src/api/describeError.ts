// One sentence a user can act on for any failure of a Retrac call: the one advice table for HTTP
// answers, network and TLS codes, for a plain call and for a key being checked (a failed edit's
// sentences, which start with its action, are in ./describeEditError: only the edit bundle loads
// them). Pure, so every part shares the wording; the caller passes `t` (see ./l10n) so every
// sentence is localised. Never contains a key: every part comes from a redacted RetracError or is
// redacted here.
import { isRetracError, type RetracError, type TlsProblem } from './errors';
import { redactText } from './keys';
import { english, type Translate } from './l10n';
import { MAX_RETRY_AFTER_MS } from './retryAfter';

export interface DescribeOptions {
  /** A key is being checked before it is saved (Add API Key, Diagnose Connection): say what to check. */
  checkingKey?: boolean;
  /** The host named in advice (default: the error's). */
  host?: string;
  /** The translator (default: English). */
  t?: Translate;
}

/** A full-access key is a bare 24-character alphanumeric token (contract §1): mask any such token. */
const FULL_KEY_SHAPE = /\b[0-9A-Za-z]{24}\b/g;
const LOCAL_HOSTS = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/;

export function describeError(e: unknown, options: DescribeOptions = {}): string {
  const t = options.t ?? english;
  // Redacted again: the sentence may quote the server's words (a RetracError's own fields are redacted already).
  const plain = (): string => redact(isRetracError(e) ? describeRetracError(e, t) : t('Unexpected error: {0}', e instanceof Error ? e.message : String(e)));
  if (options.checkingKey && isRetracError(e)) return describeKeyCheckError(e, options.host ?? e.host ?? DEFAULT_HOST, t, plain) ?? plain();
  return plain();
}

const DEFAULT_HOST = 'api.retrac.co';

function redact(text: string): string {
  return redactText(text).replace(FULL_KEY_SHAPE, (token) => `…${token.slice(-4)}`);
}

// ---- HTTP answers and client-side failures ---------------------------------------------------------

function describeRetracError(e: RetracError, t: Translate): string {
  const host = e.host ?? DEFAULT_HOST;
  switch (e.code) {
    case 'forbidden':
    case 'exceeded_limit':
      return describeForbidden(e, t);
    case 'rate_limit_exceeded':
      return e.retryAfterMs !== undefined && e.retryAfterMs >= MAX_RETRY_AFTER_MS
        ? t('Rate limited: Retrac asked to wait more than an hour; try again later.')
        : t('Rate limited: try again in {0}.', describeWait(e.retryAfterMs, t));
    case 'unauthorized':
      return t('The API key was not accepted: it is wrong or was revoked. Create a new key in Retrac under Settings → API Keys.');
    case 'not_found':
      return /workspaceId/i.test(e.message)
        ? t('Not found: {0}', sentence(e.message))
        : t('Not found: it does not exist or is not in this workspace.');
    case 'conflict':
    case 'unprocessable_entity':
    case 'bad_request':
    case 'invite_pending':
    case 'invite_expired':
    case 'invalid_argument':
    case 'insecure_url':
      return sentence(e.message);
    case 'internal_server_error':
      return t('Retrac had a server error (HTTP {0}); try again later.', e.status);
    case 'network':
      if (e.networkCode !== undefined || e.proxy !== undefined) {
        return describeNetworkFailure({ host, code: e.networkCode, detail: causeMessage(e), proxy: e.proxy }, t);
      }
      return e.message.startsWith('Cannot reach') ? sentence(e.message) : t('Cannot reach {0}: {1}', host, sentence(e.message));
    case 'timeout':
      return t('{0} did not answer in time; check your connection and try again.', host);
    case 'aborted':
      return t('Cancelled.');
    case 'tls':
      return describeTls(e, host, t);
    case 'invalid_response':
      return t('{0} The API may have changed; update the extension or report it.', sentence(e.message));
  }
}

/** A Retry-After wait in words: "12 s", "5 min", "more than an hour", or "a minute" when unknown. */
export function describeWait(ms: number | undefined, t: Translate = english): string {
  if (ms === undefined || !Number.isFinite(ms)) return t('a minute');
  if (ms >= MAX_RETRY_AFTER_MS) return t('more than an hour');
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 120 ? t('{0} s', seconds) : t('{0} min', Math.ceil(seconds / 60));
}

function describeForbidden(e: RetracError, t: Translate): string {
  switch (e.forbidden) {
    case 'scope':
      return e.missingScope
        ? t('This key lacks the `{0}` scope.', e.missingScope)
        : t('This key lacks a scope this needs: {0}', sentence(e.message));
    case 'role':
      return ownerOnly(e, t);
    case 'location':
      return /\bview\b/i.test(e.message)
        ? t('You have View access only at this location.')
        : t('You have no access to this location.');
    case 'plan':
      return t('Your plan has no API access: API keys need Business or above.');
    case 'plan_limit':
      return t('Plan limit reached: {0}', sentence(e.message));
    default:
      return t('Not allowed: {0}', sentence(e.message));
  }
}

/** What only owners may do, from the call (contract §1: the owner-only writes) or the server's words. */
function ownerOnly(e: RetracError, t: Translate): string {
  const path = e.path ?? '';
  if (/\/revert$/.test(path)) return t('Only workspace owners can revert transfers.');
  if (path.startsWith('/locations')) return t('Only workspace owners can change locations.');
  if (path.startsWith('/workspaces')) return t('Only workspace owners can change the workspace.');
  if (/^only (?:workspace )?owners? can\b/i.test(e.message)) return sentence(e.message);
  return t('Only workspace owners can do this.');
}

function describeTls(e: RetracError, host: string, t: Translate): string {
  const sandbox = LOCAL_HOSTS.test(host);
  switch (e.tls) {
    case 'untrusted':
      return sandbox
        ? t('The sandbox certificate is not trusted (self-signed or unknown CA): set `retrac.caCertificatePath` to the CA file the sandbox printed.')
        : t('The certificate of {0} is not trusted (self-signed or unknown CA): if a proxy or private CA signs it, set `retrac.caCertificatePath` to that CA.', host);
    case 'expired':
      return sandbox
        ? t('The certificate of {0} has expired (or is not yet valid): restart the sandbox to get a fresh one.', host)
        : t('The certificate of {0} has expired (or is not yet valid).', host);
    case 'hostname':
      return t('The certificate of {0} was issued for another host name: check `retrac.apiUrl`.', host);
    default:
      return t('The TLS connection to {0} failed: {1}', host, sentence(e.message));
  }
}

// ---- network and TLS codes (Node and undici) -------------------------------------------------------

const TLS_CODES: Record<string, TlsProblem> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'untrusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'untrusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrusted',
  UNABLE_TO_GET_ISSUER_CERT: 'untrusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'untrusted',
  CERT_UNTRUSTED: 'untrusted',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'hostname',
};

/** Which certificate check a code names, or undefined when it is not a certificate/TLS code. */
export function tlsProblemOf(code: string | undefined): TlsProblem | undefined {
  if (!code) return undefined;
  return TLS_CODES[code] ?? (/^(CERT_|ERR_TLS_|ERR_SSL_)/.test(code) ? 'other' : undefined);
}

/** What a socket code means, in a few words ("connection refused"); undefined for an unknown code. */
function networkReason(code: string | undefined, t: Translate): string | undefined {
  switch (code) {
    case 'ECONNREFUSED': return t('connection refused');
    case 'ENOTFOUND': return t('host not found');
    case 'EAI_AGAIN': return t('DNS lookup failed');
    case 'ECONNRESET': return t('connection reset');
    case 'EPIPE': return t('connection closed');
    case 'ETIMEDOUT': return t('connection timed out');
    case 'EHOSTUNREACH': return t('host unreachable');
    case 'ENETUNREACH': return t('network unreachable');
    case 'UND_ERR_SOCKET': return t('connection closed before the answer');
    case 'UND_ERR_CONNECT_TIMEOUT': return t('connection timed out');
    case 'UND_ERR_CLOSED': return t('connection closed');
    default: return undefined;
  }
}

const CERT_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|DEPTH_ZERO/;

/** What to check when `host` cannot be reached, from the Node code; undefined when the code says nothing useful. */
export function adviceForNetworkCode(code: string | undefined, host: string, t: Translate = english): string | undefined {
  switch (code) {
    case undefined: return undefined;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return t('The name {0} could not be resolved (DNS): check retrac.apiUrl and your network or VPN.', host);
    case 'ECONNREFUSED':
      return t('Nothing answers at {0} (connection refused): check retrac.apiUrl, or start the sandbox (Retrac: Use Local Sandbox).', host);
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return t('{0} did not answer in time: a firewall or proxy may block it; check http.proxy and HTTPS_PROXY.', host);
    case 'ECONNRESET':
    case 'EPROTO':
      return t('The connection to {0} was cut: a proxy or TLS-inspecting firewall may be in the way; check http.proxy and HTTPS_PROXY.', host);
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return t('The certificate of {0} is for another host name: check retrac.apiUrl.', host);
    case 'CERT_HAS_EXPIRED':
      return t('The certificate of {0} has expired: the host or a proxy in between serves an old certificate.', host);
    default:
      return CERT_CODES.test(code)
        ? t('The certificate chain of {0} is not trusted ({1}): for a self-hosted host or a TLS-inspecting proxy, set retrac.caCertificatePath to its CA (PEM file). Verification stays on.', host, code)
        : undefined;
  }
}

export interface NetworkFailure {
  host: string;
  /** The socket's code (ECONNREFUSED, …), when it had one. */
  code?: string;
  /** The socket's own words, used when the code is unknown. */
  detail: string;
  /** The proxy the request went through (credentials hidden). */
  proxy?: string;
}

/**
 * "Cannot reach <host>: <why> (<code>)." Through a proxy the socket errors are the proxy's: the
 * sentence names the proxy and what to check (407: its credentials; 502–504: it could not reach
 * the host; another status: it refused the tunnel).
 */
export function describeNetworkFailure(f: NetworkFailure, t: Translate = english): string {
  const why = networkReason(f.code, t) ?? f.detail;
  const code = f.code ? ` (${f.code})` : '';
  if (f.proxy === undefined) return t('Cannot reach {0}: {1}{2}.', f.host, why, code);
  const status = /Proxy response \((\d{3})\)/.exec(f.detail)?.[1];
  if (status === '407') {
    return t('Cannot reach {0} through the proxy {1}: the proxy asks for credentials (HTTP 407). Check the user name and password in the proxy URL (http.proxy or HTTPS_PROXY) or http.proxyAuthorization.', f.host, f.proxy);
  }
  if (status === '502' || status === '503' || status === '504') {
    return t('Cannot reach {0} through the proxy {1}: the proxy could not reach {0} (HTTP {2}). Check retrac.apiUrl, and whether the proxy may reach that host.', f.host, f.proxy, status);
  }
  if (status) {
    return t('Cannot reach {0} through the proxy {1}: the proxy refused the tunnel (HTTP {2}). Check that the proxy allows HTTPS to {0}, or list the host in http.noProxy / NO_PROXY to connect directly.', f.host, f.proxy, status);
  }
  return t('Cannot reach {0} through the proxy {1}: {2}{3}. Check the proxy\'s host and port (http.proxy or HTTPS_PROXY) and that it is running.', f.host, f.proxy, why, code);
}

/** The socket's own words, which the transport keeps as the error's cause. */
function causeMessage(e: RetracError): string {
  return e.cause instanceof Error ? e.cause.message : e.message;
}

// ---- a key being checked ------------------------------------------------------------------------

/** What to check when a key cannot be used yet; undefined where the plain sentence says it. */
function describeKeyCheckError(e: RetracError, host: string, t: Translate, plain: () => string): string | undefined {
  switch (e.code) {
    case 'unauthorized':
      return t('Retrac did not accept this key (401): check that you copied all of it and that it was not revoked (dashboard → Settings → API Keys).');
    case 'forbidden':
      return e.forbidden === 'plan' || e.forbidden === 'plan_limit'
        ? t('This key\'s workspace plan has no API access: Retrac API keys need the Business plan or above (403); upgrade the workspace or use a key of another workspace. {0}', e.message).trim()
        : undefined;
    case 'not_found':
      return t('Retrac found no such workspace for this key (404): pick one from the list or check the id.');
    case 'invite_pending':
      return t('The key belongs to a user who has not accepted the workspace invite yet: accept it in the dashboard, then add the key again.');
    case 'invite_expired':
      return t('The workspace invite of this key’s user has expired: ask an owner for a new invite.');
    case 'network':
    case 'timeout':
      // Through a proxy, the socket error is the proxy's: the plain sentence names it and what to check.
      if (e.proxy) return undefined;
      return adviceForNetworkCode(e.networkCode, host, t) ??
        t('{0} Check retrac.apiUrl, your network and proxy, or run “Retrac: Diagnose Connection”.', plain());
    case 'insecure_url':
      return t('The Retrac API is HTTPS only: set retrac.apiUrl to an https:// address.');
    default:
      return undefined;
  }
}

/** The text as a sentence: trimmed, with a full stop unless it has one. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
