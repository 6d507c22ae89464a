// /locations: list, count, create, update (contract §5 Locations). Writes are owner-only; members
// do not see locations they have no access to.
import { LOCATION_TYPES } from '../../api/types';
import { requireOwner } from '../auth';
import { exceededLimit, notFound } from '../errors';
import type { LocationRec } from '../model';
import * as v from '../validate';
import { locationView } from '../views';
import { created, ok, type Result, type Route, type WorkspaceContext } from './route';

export const TYPES = LOCATION_TYPES;
export const NAME = { min: 1, max: 64 };
export const NOTE = { max: 500 };

function visibleLocations(ctx: WorkspaceContext): (location: LocationRec) => boolean {
  const type = v.queryEnum(ctx.query, 'type', TYPES);
  const active = v.queryBool(ctx.query, 'active');
  const { caller } = ctx;
  return (l) => (type === undefined || l.type === type) && (active === undefined || l.active === active) && caller.access(l.id) !== 'none';
}

function listLocations(ctx: WorkspaceContext): Result {
  const keep = visibleLocations(ctx);
  const page = v.paging(ctx.query, 50, 50);
  return ok(v.takePage(ctx.caller.ws.locations, keep, page).map(locationView));
}

function countLocations(ctx: WorkspaceContext): Result {
  return ok(ctx.caller.ws.locations.filter(visibleLocations(ctx)).length);
}

function createLocation(ctx: WorkspaceContext): Result {
  const { caller } = ctx;
  requireOwner(caller, 'create locations');
  const ws = caller.ws;
  const body = v.object(ctx.body, 'body');
  const name = v.string(body, 'name', NAME);
  const type = v.oneOf(body, 'type', TYPES) ?? 'warehouse';
  const note = v.nullableString(body, 'note', NOTE) ?? null;
  if (ws.locations.length >= ws.rec.locationsLimit) {
    throw exceededLimit(`You have reached the limit of ${ws.rec.locationsLimit} locations of the ${ws.rec.plan} plan.`);
  }
  const location: LocationRec = { id: ctx.store.newId(), workspaceId: ws.rec.id, name, type, active: true, note, createdAt: ctx.store.now() };
  ws.addLocation(location);
  return created(locationView(location));
}

function updateLocation(ctx: WorkspaceContext): Result {
  const { caller } = ctx;
  requireOwner(caller, 'change locations');
  const location = caller.ws.locationById.get(ctx.params[0]);
  if (!location) throw notFound(`Location ${ctx.params[0]} not found.`);
  const body = v.object(ctx.body, 'body');
  const name = v.optionalString(body, 'name', NAME);
  const type = v.oneOf(body, 'type', TYPES);
  const note = v.nullableString(body, 'note', NOTE);
  const active = v.optionalBoolean(body, 'active');
  if (name !== undefined) location.name = name;
  if (type !== undefined) location.type = type;
  if (note !== undefined) location.note = note;
  if (active !== undefined) location.active = active;
  caller.ws.locationChanged(location);
  return ok(locationView(location));
}

export const locationRoutes: Route[] = [
  { method: 'GET', pattern: /^\/locations$/, scope: 'locations.read', workspaceScoped: true, handle: listLocations },
  { method: 'GET', pattern: /^\/locations\/count$/, scope: 'locations.read', workspaceScoped: true, handle: countLocations },
  { method: 'POST', pattern: /^\/locations$/, scope: 'locations.write', workspaceScoped: true, handle: createLocation },
  { method: 'PATCH', pattern: /^\/locations\/([^/]+)$/, scope: 'locations.write', workspaceScoped: true, handle: updateLocation },
];
