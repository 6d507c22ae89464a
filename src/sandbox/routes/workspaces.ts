// /workspaces (contract §5 Workspaces): not workspace-scoped by query; a restricted key only
// ever sees the workspace it is bound to.
import { callerIn, requireOwner } from '../auth';
import { conflict, notFound } from '../errors';
import type { KeyRec } from '../model';
import type { Store, WorkspaceData } from '../store';
import * as v from '../validate';
import { workspaceView } from '../views';
import { ok, type KeyContext, type Result, type Route } from './route';

function workspacesOf(store: Store, key: KeyRec): WorkspaceData[] {
  if (key.type === 'restricted') {
    const own = store.workspaces.get(key.workspaceId);
    return own ? [own] : [];
  }
  return [...store.workspaces.values()].filter((ws) => ws.rec.members.some((m) => m.userId === key.userId));
}

function findWorkspace(ctx: KeyContext): WorkspaceData {
  const wanted = ctx.params[0];
  const ws = workspacesOf(ctx.store, ctx.key).find((w) => w.rec.id === wanted || w.rec.slug === wanted);
  if (!ws) throw notFound(`Workspace ${wanted} not found.`);
  return ws;
}

function listWorkspaces(ctx: KeyContext): Result {
  return ok(workspacesOf(ctx.store, ctx.key).map((ws) => workspaceView(ws, callerIn(ws, ctx.key).role)));
}

function getWorkspace(ctx: KeyContext): Result {
  const ws = findWorkspace(ctx);
  return ok(workspaceView(ws, callerIn(ws, ctx.key).role));
}

function patchWorkspace(ctx: KeyContext): Result {
  const ws = findWorkspace(ctx);
  const caller = callerIn(ws, ctx.key);
  requireOwner(caller, 'change workspace settings');
  const body = v.object(ctx.body, 'body');
  const name = v.optionalString(body, 'name', { min: 1, max: 32 });
  const slug = v.optionalString(body, 'slug', { min: 3, max: 48, pattern: /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, patternHint: 'use lowercase letters, digits and dashes' });
  if (slug !== undefined && slug !== ws.rec.slug) {
    const taken = [...ctx.store.workspaces.values()].some((w) => w.rec.slug === slug);
    if (taken) throw conflict(`The slug "${slug}" is already in use.`);
    ws.rec.slug = slug;
  }
  if (name !== undefined) ws.rec.name = name;
  ws.workspaceChanged();
  return ok(workspaceView(ws, caller.role));
}

export const workspaceRoutes: Route[] = [
  { method: 'GET', pattern: /^\/workspaces$/, scope: 'workspaces.read', workspaceScoped: false, handle: listWorkspaces },
  { method: 'GET', pattern: /^\/workspaces\/([^/]+)$/, scope: 'workspaces.read', workspaceScoped: false, handle: getWorkspace },
  { method: 'PATCH', pattern: /^\/workspaces\/([^/]+)$/, scope: 'workspaces.write', workspaceScoped: false, handle: patchWorkspace },
];
