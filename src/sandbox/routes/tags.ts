// /tags: list (by name), create, update, delete (contract §5 Tags).
import { TAG_COLORS } from '../../api/types';
import { conflict, exceededLimit, notFound } from '../errors';
import type { TagRec } from '../model';
import type { WorkspaceData } from '../store';
import * as v from '../validate';
import { tagView } from '../views';
import { created, ok, type Result, type Route, type WorkspaceContext } from './route';

export const COLORS = TAG_COLORS;
export const NAME = { min: 1, max: 50 };

function findTag(ws: WorkspaceData, id: string): TagRec {
  const tag = ws.tags.get(id);
  if (!tag) throw notFound(`Tag ${id} not found.`);
  return tag;
}

function checkUniqueName(ws: WorkspaceData, name: string, except?: TagRec): void {
  const other = ws.tagByName(name);
  if (other && other !== except) throw conflict(`A tag named "${other.name}" already exists in this workspace.`);
}

function listTags(ctx: WorkspaceContext): Result {
  const tags = [...ctx.caller.ws.tags.values()].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
  return ok(tags.map(tagView));
}

function createTag(ctx: WorkspaceContext): Result {
  const ws = ctx.caller.ws;
  const body = v.object(ctx.body, 'body');
  const name = v.string(body, 'name', NAME);
  // Without a colour, tags take the palette in turn, as the dashboard does.
  const color = v.oneOf(body, 'color', COLORS) ?? COLORS[ws.tags.size % COLORS.length];
  checkUniqueName(ws, name);
  if (ws.tags.size >= ws.rec.tagsLimit) throw exceededLimit(`You have reached the limit of ${ws.rec.tagsLimit} tags of the ${ws.rec.plan} plan.`);
  const tag: TagRec = { id: ctx.store.newId(), workspaceId: ws.rec.id, name, color, createdAt: ctx.store.now() };
  ws.addTag(tag);
  return created(tagView(tag));
}

function updateTag(ctx: WorkspaceContext): Result {
  const ws = ctx.caller.ws;
  const tag = findTag(ws, ctx.params[0]);
  const body = v.object(ctx.body, 'body');
  const name = v.optionalString(body, 'name', NAME);
  const color = v.oneOf(body, 'color', COLORS);
  if (name !== undefined) {
    checkUniqueName(ws, name, tag);
    tag.name = name;
  }
  if (color !== undefined) tag.color = color;
  ws.tagChanged(tag);
  return ok(tagView(tag));
}

function deleteTag(ctx: WorkspaceContext): Result {
  const ws = ctx.caller.ws;
  const tag = findTag(ws, ctx.params[0]);
  ws.removeTag(tag);
  return ok({ id: tag.id });
}

export const tagRoutes: Route[] = [
  { method: 'GET', pattern: /^\/tags$/, scope: 'tags.read', workspaceScoped: true, handle: listTags },
  { method: 'POST', pattern: /^\/tags$/, scope: 'tags.write', workspaceScoped: true, handle: createTag },
  { method: 'PATCH', pattern: /^\/tags\/([^/]+)$/, scope: 'tags.write', workspaceScoped: true, handle: updateTag },
  { method: 'DELETE', pattern: /^\/tags\/([^/]+)$/, scope: 'tags.write', workspaceScoped: true, handle: deleteTag },
];
