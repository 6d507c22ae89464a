// One sentence a user can act on for any failure of a Retrac call. Pure, so the accounts, tree
// and edit commands share the wording. Never contains a key: every part comes from a redacted
// RetracError or is redacted here.
import { isRetracError, type RetracError } from './errors';
import { redactText } from './keys';
import { MAX_RETRY_AFTER_MS } from './retryAfter';

/** A full-access key is a bare 24-character alphanumeric token (contract §1): mask any such token. */
const FULL_KEY_SHAPE = /\b[0-9A-Za-z]{24}\b/g;
const LOCAL_HOSTS = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/;

export function describeError(e: unknown): string {
  if (!isRetracError(e)) {
    const message = e instanceof Error ? e.message : String(e);
    return redact(`Unexpected error: ${message}`);
  }
  return redact(describeRetracError(e));
}

function redact(text: string): string {
  return redactText(text).replace(FULL_KEY_SHAPE, (token) => `…${token.slice(-4)}`);
}

function describeRetracError(e: RetracError): string {
  const host = e.host ?? 'api.retrac.co';
  switch (e.code) {
    case 'forbidden':
    case 'exceeded_limit':
      return describeForbidden(e);
    case 'rate_limit_exceeded':
      return e.retryAfterMs !== undefined && e.retryAfterMs >= MAX_RETRY_AFTER_MS
        ? 'Rate limited: Retrac asked to wait more than an hour; try again later.'
        : `Rate limited: try again in ${describeWait(e.retryAfterMs)}.`;
    case 'unauthorized':
      return 'The API key was not accepted: it is wrong or was revoked. Create a new key in Retrac under Settings → API Keys.';
    case 'not_found':
      return /workspaceId/i.test(e.message)
        ? `Not found: ${sentence(e.message)}`
        : 'Not found: it does not exist or is not in this workspace.';
    case 'conflict':
    case 'unprocessable_entity':
    case 'bad_request':
    case 'invite_pending':
    case 'invite_expired':
    case 'invalid_argument':
    case 'insecure_url':
      return sentence(e.message);
    case 'internal_server_error':
      return `Retrac had a server error (HTTP ${e.status}); try again later.`;
    case 'network':
      return e.message.startsWith('Cannot reach') ? sentence(e.message) : `Cannot reach ${host}: ${sentence(e.message)}`;
    case 'timeout':
      return `${host} did not answer in time; check your connection and try again.`;
    case 'aborted':
      return 'Cancelled.';
    case 'tls':
      return describeTls(e, host);
    case 'invalid_response':
      return `${sentence(e.message)} The API may have changed; update the extension or report it.`;
  }
}

/** A Retry-After wait in words: "12 s", "5 min", "more than an hour", or "a minute" when unknown. */
export function describeWait(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return 'a minute';
  if (ms >= MAX_RETRY_AFTER_MS) return 'more than an hour';
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}

function describeForbidden(e: RetracError): string {
  switch (e.forbidden) {
    case 'scope':
      return e.missingScope
        ? `This key lacks the \`${e.missingScope}\` scope.`
        : `This key lacks a scope this needs: ${sentence(e.message)}`;
    case 'role':
      return ownerOnly(e);
    case 'location':
      return /\bview\b/i.test(e.message)
        ? 'You have View access only at this location.'
        : 'You have no access to this location.';
    case 'plan':
      return 'Your plan has no API access: API keys need Business or above.';
    case 'plan_limit':
      return `Plan limit reached: ${sentence(e.message)}`;
    default:
      return `Not allowed: ${sentence(e.message)}`;
  }
}

/** What only owners may do, from the call (contract §1: the owner-only writes) or the server's words. */
function ownerOnly(e: RetracError): string {
  const path = e.path ?? '';
  if (/\/revert$/.test(path)) return 'Only workspace owners can revert transfers.';
  if (path.startsWith('/locations')) return 'Only workspace owners can change locations.';
  if (path.startsWith('/workspaces')) return 'Only workspace owners can change the workspace.';
  if (/^only (?:workspace )?owners? can\b/i.test(e.message)) return sentence(e.message);
  return 'Only workspace owners can do this.';
}

function describeTls(e: RetracError, host: string): string {
  const sandbox = LOCAL_HOSTS.test(host);
  switch (e.tls) {
    case 'untrusted':
      return sandbox
        ? 'The sandbox certificate is not trusted (self-signed or unknown CA): set `retrac.caCertificatePath` to the CA file the sandbox printed.'
        : `The certificate of ${host} is not trusted (self-signed or unknown CA): if a proxy or private CA signs it, set \`retrac.caCertificatePath\` to that CA.`;
    case 'expired':
      return `The certificate of ${host} has expired (or is not yet valid)${sandbox ? ': restart the sandbox to get a fresh one' : ''}.`;
    case 'hostname':
      return `The certificate of ${host} was issued for another host name: check \`retrac.apiUrl\`.`;
    default:
      return `The TLS connection to ${host} failed: ${sentence(e.message)}`;
  }
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?…]$/.test(t) ? t : `${t}.`;
}
