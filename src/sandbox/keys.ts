// The seeded API keys, generated at first start (random, never committed) and kept in the state.
import type { Scope } from '../api/types';
import { RESTRICTED_PREFIX } from '../api/keys';
import { randomAlnum } from './ids';
import type { KeyRec } from './model';
import { SEED_USERS } from './seed';
import type { Store } from './store';

interface KeySpec { name: string; restricted: boolean; userId: string; workspaceSlug: string; scopes: Scope[] }

const KEY_SPECS: KeySpec[] = [
  { name: 'owner-full', restricted: false, userId: SEED_USERS.owner.id, workspaceSlug: 'acme-supply', scopes: [] },
  { name: 'member-full', restricted: false, userId: SEED_USERS.member.id, workspaceSlug: 'acme-supply', scopes: [] },
  { name: 'restricted-all', restricted: true, userId: SEED_USERS.owner.id, workspaceSlug: 'acme-supply', scopes: ['apis.all'] },
  { name: 'restricted-read', restricted: true, userId: SEED_USERS.owner.id, workspaceSlug: 'acme-supply', scopes: ['apis.read'] },
  { name: 'restricted-items-read', restricted: true, userId: SEED_USERS.owner.id, workspaceSlug: 'acme-supply', scopes: ['items.read'] },
  { name: 'member-restricted-all', restricted: true, userId: SEED_USERS.member.id, workspaceSlug: 'acme-supply', scopes: ['apis.all'] },
  { name: 'free-plan-full', restricted: false, userId: SEED_USERS.freeOwner.id, workspaceSlug: 'hobby-shop', scopes: [] },
];

export function generateKeys(store: Store): void {
  for (const spec of KEY_SPECS) {
    const ws = store.workspace(spec.workspaceSlug);
    if (!ws) throw new Error(`seed has no workspace ${spec.workspaceSlug}`);
    const key: KeyRec = {
      name: spec.name,
      key: (spec.restricted ? RESTRICTED_PREFIX : '') + randomAlnum(24),
      type: spec.restricted ? 'restricted' : 'full',
      userId: spec.userId,
      workspaceId: ws.rec.id,
      scopes: spec.scopes,
    };
    store.addKey(key);
  }
}
