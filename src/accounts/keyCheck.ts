// Checks a key against the API before it is saved and says what it can do. Pure (no vscode): it
// only talks to a RetracClient, so the same code serves the command, `Accounts.addProfile` and
// "Diagnose Connection".
import { setMaxListeners } from 'node:events';
import type { CallOptions, RetracClient } from '../api/client';
import { describeError } from '../api/describeError';
import { RetracError, isRetracError } from '../api/errors';
import { english, type Translate } from '../api/l10n';
import { planAllowsApi, type Role, type Workspace } from '../api/types';
import { OWNER_ONLY } from './keyInput';

export interface KeyCheckResult {
  /** GET /workspaces: every workspace of a full-access key; the bound one for a restricted key with workspaces.read. */
  workspaces: Workspace[];
  /** The key's role when a workspace answer named it. */
  role?: Role;
  /** Restricted keys: scopes that worked (read scopes by a cheap read, write scopes by a write that cannot change anything). */
  scopes: string[];
  /** Restricted keys: scopes the API refused. */
  missingScopes: string[];
}

/** An id that no resource has: a write aimed at it is refused (scope) or not found, and never changes data. */
const PROBE_ID = 'retrac-scope-probe';

type Probe = [scope: string, call: (c: RetracClient, o: CallOptions) => Promise<unknown>];

/** One cheap call per scope. The writes target PROBE_ID, so they end in 404/422 when the scope is there. */
const PROBES: Probe[] = [
  ['items.read', (c, o) => c.listItems({ pageSize: 1 }, o)],
  ['tags.read', (c, o) => c.listTags(o)],
  ['locations.read', (c, o) => c.listLocations({ pageSize: 1 }, o)],
  ['inventory.read', (c, o) => c.listBalances({ pageSize: 1 }, o)],
  ['transfers.read', (c, o) => c.listTransfers({ pageSize: 1 }, o)],
  ['items.write', (c, o) => c.updateItem(PROBE_ID, {}, o)],
  ['tags.write', (c, o) => c.updateTag(PROBE_ID, {}, o)],
  ['locations.write', (c, o) => c.updateLocation(PROBE_ID, {}, o)],
  ['inventory.write', (c, o) => c.setOnHand({ itemId: PROBE_ID, locationId: PROBE_ID, onHandQty: 0 }, o)],
  [
    'transfers.write',
    (c, o) => c.createTransfer({ fromLocationId: PROBE_ID, toLocationId: `${PROBE_ID}-2`, lines: [{ itemId: PROBE_ID, quantity: 1 }] }, o),
  ],
  ['workspaces.write', (c, o) => c.updateWorkspace(PROBE_ID, {}, o)],
];

/** Answers that prove the request got past the scope check (and changed nothing). */
const PAST_SCOPE_CHECK = new Set(['not_found', 'unprocessable_entity', 'bad_request', 'conflict']);

/** What a failed probe says about its scope; 'unknown' when the client refused the call before sending it. */
function probeVerdict(e: unknown): 'works' | 'refused' | 'unknown' | 'fatal' {
  if (isScopeRefusal(e)) return 'refused';
  if (isRetracError(e) && PAST_SCOPE_CHECK.has(e.code)) return 'works';
  if (isRetracError(e) && e.code === 'invalid_argument') return 'unknown';
  return 'fatal';
}

function isScopeRefusal(e: unknown): boolean {
  return isRetracError(e) && e.code === 'forbidden' && (e.forbidden === 'scope' || e.forbidden === 'role' || e.forbidden === 'location');
}

// Plans that include API access: one rule, in ../api/types.
export { planAllowsApi };

function planError(ws: Workspace): RetracError {
  return new RetracError({
    status: 403,
    code: 'forbidden',
    forbidden: 'plan',
    message: `Workspace “${ws.name}” is on the ${ws.plan} plan; API keys need Business or above.`,
  });
}

export function roleIn(ws: Workspace | undefined): Role | undefined {
  return ws?.users?.[0]?.role;
}

/**
 * Asks the API what the key can do. Throws the RetracError of the first answer that makes the
 * key unusable (401, plan, network, TLS, …); a refused scope is a finding, not a failure.
 */
export async function checkKey(client: RetracClient, signal?: AbortSignal): Promise<KeyCheckResult> {
  const o: CallOptions = { signal };
  if (client.keyType === 'full') {
    const workspaces = await client.listWorkspaces(o);
    return { workspaces, scopes: [], missingScopes: [], role: workspaces.length === 1 ? roleIn(workspaces[0]) : undefined };
  }
  let workspaces: Workspace[] = [];
  const scopes: string[] = [];
  const missingScopes: string[] = [];
  try {
    workspaces = await client.listWorkspaces(o);
    scopes.push('workspaces.read');
  } catch (e) {
    if (!isScopeRefusal(e)) throw e;
    missingScopes.push('workspaces.read');
  }
  const bound = workspaces[0];
  if (bound && !planAllowsApi(bound.plan)) throw planError(bound);
  // The probes run at once and each listens to the caller's signal.
  if (signal) setMaxListeners(PROBES.length + 10, signal);
  const outcomes = await Promise.allSettled(PROBES.map(([, call]) => call(client, o)));
  for (const [i, outcome] of outcomes.entries()) {
    const verdict = outcome.status === 'fulfilled' ? 'works' : probeVerdict(outcome.reason);
    // Anything else (401, plan, network, TLS, rate limit) means the key could not be checked at all.
    if (verdict === 'fatal') throw (outcome as PromiseRejectedResult).reason;
    if (verdict === 'works') scopes.push(PROBES[i][0]);
    else if (verdict === 'refused') missingScopes.push(PROBES[i][0]);
  }
  // A key never exceeds its user's role (§1): a member's key cannot do owner-only writes,
  // whatever a probe aimed at a missing resource suggested.
  const role = roleIn(bound);
  if (role && role !== 'owner') {
    for (const s of scopes.filter((x) => OWNER_ONLY.has(x))) {
      scopes.splice(scopes.indexOf(s), 1);
      missingScopes.push(s);
    }
  }
  const order = (s: string) => ['workspaces.read', ...PROBES.map(([p]) => p)].indexOf(s);
  scopes.sort((a, b) => order(a) - order(b));
  return { workspaces, role, scopes, missingScopes };
}

/**
 * For a full-access key: reads the chosen workspace (id or slug) and makes one scoped call in it,
 * so a wrong id, a plan without API access or a pending invite shows up before the key is saved.
 */
export async function checkWorkspace(client: RetracClient, idOrSlug: string, signal?: AbortSignal): Promise<Workspace> {
  const ws = await client.getWorkspace(idOrSlug.trim(), { signal });
  if (!planAllowsApi(ws.plan)) throw planError(ws);
  await client.withWorkspace(ws.id).listLocations({ pageSize: 1 }, { signal });
  return ws;
}

/** The `code` of a Node network/TLS error somewhere in a cause chain (ENOTFOUND, CERT_HAS_EXPIRED, …). */
export function networkCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 6; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** What to check when a host cannot be reached, from the Node code: the one advice table, in api/describeError. */
export { adviceForNetworkCode } from '../api/describeError';

/**
 * One sentence (or two) saying why the key could not be used and what to do (api/describeError
 * with `checkingKey`). `fallback` words what is not a Retrac error (the accounts part's own errors).
 */
export function explainCheckFailure(e: unknown, apiUrl: string, fallback: (e: unknown) => string, t: Translate = english): string {
  if (!isRetracError(e)) return fallback(e);
  return describeError(e, { checkingKey: true, host: new URL(apiUrl).host, t });
}
