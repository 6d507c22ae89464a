// Locations: create, rename, deactivate (owner-only).
import * as vscode from 'vscode';
import { LOCATION_TYPES, type Location, type LocationType } from '../api/types';
import type { NodeRef } from '../inventoryEvents';
import { BACK } from '../quickInput';
import {
  begin, CANCELLED, choiceStep, confirmStep, isOutcome, listAllLocations, noteStep, pickLocation, runFlow, textStep, type EditDeps,
  type EditOutcome,
} from './flow';
import { confirmedWrite } from './write';

const t = vscode.l10n.t;

function locationNameProblem(v: string): string | undefined {
  if (!v.trim()) return t('Type a name.');
  if (v.trim().length > 64) return t('A location name has at most 64 characters.');
  return undefined;
}

function locationChanged(deps: EditDeps, location: Pick<Location, 'id'>, listChanged: boolean): void {
  deps.events.fire({ locationIds: [location.id], lists: listChanged ? ['locations'] : undefined });
}

export async function createLocationCommand(deps: EditDeps): Promise<EditOutcome<Location>> {
  const action = t('Create location');
  const client = await begin(deps, action, ['locations.write'], true);
  if (isOutcome(client)) return client;
  const title = t('Create Location');
  const state = await runFlow<{ name?: string; type?: LocationType; note?: string }>({}, ['name', 'type', 'note', 'confirm'], {
    name: textStep(deps, (s) => ({ title: t('{0}: name', title), prompt: t('Location name (1–64 characters).'), value: s.name, validate: locationNameProblem }),
      (s, v) => { s.name = v; }, 'type'),
    type: choiceStep(deps, (s) => ({ title: t('{0}: type', title), placeholder: t('What kind of place is {0}?', s.name!), choices: LOCATION_TYPES }),
      (s, type) => { s.type = type; }, 'note'),
    note: noteStep(deps, title, t('A note, e.g. the address. Leave empty for none.'), 'confirm'),
    confirm: (s, ctx) => confirmStep(deps, ctx, title, t('Create location "{0}" ({1})', s.name!, s.type!), t('Create location'), s.note),
  });
  if (!state) return CANCELLED;
  const name = state.name!;
  return confirmedWrite(deps, {
    action,
    progress: t('Creating {0}…', name),
    send: () => client.createLocation({ name, type: state.type, note: state.note }),
    applied: (location) => { locationChanged(deps, location, true); void deps.explorer.reveal({ kind: 'location', id: location.id }); },
    done: (location) => t('Created location "{0}".', location.name),
    recheck: async () => {
      const found = (await client.listLocations({ pageSize: 50 })).find((l) => l.name === name && Date.now() - Date.parse(l.createdAt) < 5 * 60_000);
      return found ? { applied: found, message: t('The connection dropped after sending, but location "{0}" was created.', found.name) } : undefined;
    },
  });
}

export async function updateLocationCommand(deps: EditDeps, ref: NodeRef | undefined, mode: 'rename' | 'deactivate'): Promise<EditOutcome<Location>> {
  const action = mode === 'rename' ? t('Rename location') : t('Deactivate location');
  const client = await begin(deps, action, ['locations.write'], true);
  if (isOutcome(client)) return client;
  const title = mode === 'rename' ? t('Rename Location') : t('Deactivate Location');
  if (mode === 'deactivate' && ref?.location && !ref.location.active) {
    return { status: 'refused', message: t('"{0}" is already inactive.', ref.location.name) };
  }
  const state = await runFlow<{ location?: Location; name?: string }>({ location: ref?.location }, [...(ref?.location ? [] : ['location']), ...(mode === 'rename' ? ['name'] : []), 'confirm'], {
    location: async (s, ctx) => {
      const picked = await pickLocation(deps, client, title, ctx, { activeOnly: mode === 'deactivate' });
      if (picked === BACK || picked === undefined) return picked;
      s.location = picked.location;
      return mode === 'rename' ? 'name' : 'confirm';
    },
    name: textStep(deps, (s) => ({
      title: t('{0}: {1}', title, s.location!.name), prompt: t('The new name.'), value: s.name ?? s.location!.name,
      validate: (x) => locationNameProblem(x) ?? (x.trim() === s.location!.name ? t('That is the current name.') : undefined),
    }), (s, v) => { s.name = v; }, 'confirm'),
    confirm: (s, ctx) => mode === 'rename'
      ? confirmStep(deps, ctx, title, t('Rename "{0}" → "{1}"', s.location!.name, s.name!), t('Rename'))
      : confirmStep(deps, ctx, title, t('Deactivate "{0}"', s.location!.name), t('Deactivate'),
        t('It stays in the history but takes no new stock or transfers. Its balances are kept.')),
  });
  if (!state) return CANCELLED;
  const location = state.location!;
  const body = mode === 'rename' ? { name: state.name! } : { active: false };
  return confirmedWrite(deps, {
    action, context: { locationName: location.name },
    progress: t('Saving {0}…', location.name),
    send: () => client.updateLocation(location.id, body),
    applied: (saved) => locationChanged(deps, saved, mode === 'deactivate'),
    done: (saved) => (mode === 'rename' ? t('Renamed "{0}" to "{1}".', location.name, saved.name) : t('Deactivated "{0}".', saved.name)),
    recheck: async () => {
      const fresh = (await listAllLocations(client)).find((l) => l.id === location.id);
      if (!fresh) return undefined;
      return (mode === 'rename' ? fresh.name === state.name : !fresh.active)
        ? { applied: fresh, message: t('The connection dropped after sending, but "{0}" was saved.', fresh.name) }
        : { unchanged: t('{0}: the connection dropped before the change was saved; "{1}" is unchanged.', action, location.name) };
    },
    couldNotCheck: () => t('{0}: the connection dropped and the result could not be checked.', action),
  });
}

