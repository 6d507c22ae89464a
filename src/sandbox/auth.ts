// Who is calling and on which workspace (contract §1): Bearer parsing, key lookup, plan gate,
// the workspaceId rules of full and restricted keys, scopes, owner-only actions, location access.
import type { Role, Scope } from '../api/types';
import { badRequest, forbidden, notFound, unauthorized } from './errors';
import type { KeyRec, LocationAccess, MemberRec } from './model';
import { planAllowsApi } from './plans';
import type { Store, WorkspaceData } from './store';

export function authenticate(store: Store, header: string | undefined): KeyRec {
  if (header === undefined || header.trim() === '') {
    throw unauthorized('Missing API key. Send it as "Authorization: Bearer <key>".');
  }
  const match = /^Bearer\s+(\S+)\s*$/.exec(header);
  if (!match) throw badRequest('Misconfigured authorization header. Did you forget to add "Bearer "?');
  const key = store.keyFor(match[1]);
  if (!key) throw unauthorized('Unauthorized: Invalid API key.');
  return key;
}

/** Scopes a key holds; presets expand, and `x.write` includes `x.read`. Full keys hold all. */
export function grantedScopes(key: KeyRec): Set<Scope> {
  const out = new Set<Scope>();
  const resources = ['items', 'tags', 'locations', 'inventory', 'transfers', 'workspaces'] as const;
  const all = key.type === 'full' || key.scopes.includes('apis.all');
  const read = all || key.scopes.includes('apis.read');
  for (const r of resources) {
    const write = all || key.scopes.includes(`${r}.write`);
    if (write) out.add(`${r}.write`);
    if (read || write || key.scopes.includes(`${r}.read`)) out.add(`${r}.read`);
  }
  return out;
}

export function requireScope(key: KeyRec, scope: Scope): void {
  if (!grantedScopes(key).has(scope)) throw forbidden(`The key lacks the required scope: ${scope}`);
}

function checkPlan(ws: WorkspaceData): void {
  if (!planAllowsApi(ws.rec.plan)) {
    throw forbidden(`API access needs the Business plan or above; workspace "${ws.rec.name}" is on the ${ws.rec.plan} plan. Upgrade at https://app.retrac.co/${ws.rec.slug}/settings/billing.`);
  }
}

export function membership(ws: WorkspaceData, userId: string): MemberRec | undefined {
  return ws.rec.members.find((m) => m.userId === userId);
}

/** The key's own workspace must be on a plan with API access: every request of a free-plan key is 403. */
export function checkKeyPlan(store: Store, key: KeyRec): void {
  const home = store.workspaces.get(key.workspaceId);
  if (home) checkPlan(home);
}

/** Rejects `workspaceId` on restricted keys anywhere (they are bound to one workspace). */
export function checkWorkspaceParam(key: KeyRec, query: URLSearchParams): void {
  if (key.type === 'restricted' && query.has('workspaceId')) {
    throw badRequest('Restricted API keys are bound to one workspace; omit the workspaceId parameter.');
  }
}

export interface Caller {
  key: KeyRec;
  userId: string;
  role: Role;
  ws: WorkspaceData;
  /** None / View / Edit for a location; owners have Edit everywhere. */
  access(locationId: string): LocationAccess;
}

export function callerIn(ws: WorkspaceData, key: KeyRec): Caller {
  const member = membership(ws, key.userId);
  if (!member) throw notFound('Workspace not found.');
  return {
    key,
    userId: key.userId,
    role: member.role,
    ws,
    access: (locationId) => (member.role === 'owner' ? 'edit' : member.locationAccess?.[locationId] ?? member.defaultAccess ?? 'edit'),
  };
}

/** The workspace of a workspace-scoped request: the restricted key's own, or `?workspaceId=` (id or slug). */
export function resolveWorkspace(store: Store, key: KeyRec, query: URLSearchParams): Caller {
  let ws: WorkspaceData | undefined;
  if (key.type === 'restricted') {
    ws = store.workspaces.get(key.workspaceId);
  } else {
    const param = query.get('workspaceId');
    if (param === null || param === '') {
      throw notFound('Workspace ID not found. Did you forget to include a `workspaceId` query parameter? Full access API keys must send ?workspaceId=<ws_… id or slug> on every workspace-scoped request.');
    }
    ws = store.workspace(param);
  }
  if (!ws) throw notFound('Workspace not found.');
  const caller = callerIn(ws, key);
  checkPlan(ws);
  return caller;
}

export function requireOwner(caller: Caller, action: string): void {
  if (caller.role !== 'owner') throw forbidden(`Only workspace owners can ${action}.`);
}

export function requireEdit(caller: Caller, locationId: string, name: string): void {
  const access = caller.access(locationId);
  if (access === 'view') throw forbidden(`You have view-only access to location "${name}"; changing its stock needs Edit access.`);
  if (access === 'none') throw forbidden(`You have no access to location ${locationId}; changing its stock needs Edit access.`);
}
