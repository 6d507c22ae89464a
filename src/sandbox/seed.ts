// The demo data: "Acme Supply" (business) with locations of every type, coloured tags, a
// deterministic catalog with balances and the movements that explain them, a few transfers (one
// reverted); and "Hobby Shop" on the free plan. Keys are random at first start (keys.ts).
import type { LocationType, Plan, TagColor } from '../api/types';
import { seededRng, workspaceIdOf, type Rng } from './ids';
import type { LocationAccess, LocationRec, WorkspaceRec } from './model';
import { planLimits } from './plans';
import { createTransfer, revertTransfer, setOnHand } from './stock';
import type { Store, WorkspaceData } from './store';

export interface SeedOptions { seedItems: number; randomSeed: number; plan?: Plan }

/** Names of seeded locations where the member's access is limited; every other location is Edit. */
export const MEMBER_LOCATION_ACCESS: Record<string, LocationAccess> = {
  'Main Warehouse': 'view',
  'Van 1': 'edit',
  'Truck 7': 'none',
};

export const SEED_USERS = {
  owner: { id: 'user_owner', name: 'Olivia Owner', email: 'olivia@acme.example' },
  member: { id: 'user_member', name: 'Max Member', email: 'max@acme.example' },
  freeOwner: { id: 'user_free_owner', name: 'Fran Free', email: 'fran@hobby.example' },
};

const DAY = 86_400_000;
const SEED_START = Date.UTC(2025, 0, 1);

const LOCATIONS: { name: string; type: LocationType; active?: boolean; note?: string }[] = [
  { name: 'Main Warehouse', type: 'warehouse', note: 'Dock doors 1–4' },
  { name: 'North Depot', type: 'warehouse' },
  { name: 'Van 1', type: 'van', note: 'Service van, plumbing' },
  { name: 'Truck 7', type: 'truck' },
  { name: 'Riverside Site', type: 'site', note: 'Construction site, gate code at the office' },
  { name: 'Returns Shelf', type: 'other' },
  { name: 'Old Yard', type: 'warehouse', active: false, note: 'Closed; stock being cleared' },
];

const TAGS: { name: string; color: TagColor }[] = [
  { name: 'fasteners', color: 'gray' },
  { name: 'plumbing', color: 'blue' },
  { name: 'electrical', color: 'yellow' },
  { name: 'safety', color: 'red' },
  { name: 'consumable', color: 'green' },
  { name: 'seasonal', color: 'purple' },
  { name: 'heavy', color: 'brown' },
  { name: 'clearance', color: 'pink' },
];

const KINDS = ['Bolt', 'Nut', 'Washer', 'Cable', 'Pipe', 'Valve', 'Filter', 'Bearing', 'Gasket', 'Fuse', 'Glove', 'Hose'];
const FINISHES = ['Zinc', 'Stainless', 'Brass', 'Nylon', 'Copper', 'Galvanised', 'PVC', 'Steel'];
const SIZES = ['M4', 'M6', 'M8', 'M10', '1/2"', '3/4"', '10 mm', '25 mm', 'Large', 'Small'];

const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const money = (value: number): number => Math.round(value * 100) / 100;

function newWorkspace(store: Store, rng: Rng, name: string, slug: string, plan: Plan, createdAt: number): WorkspaceData {
  const rec: WorkspaceRec = {
    id: workspaceIdOf(rng), name, slug, logo: null, plan, usage: 0, ...planLimits(plan),
    defaultLocationId: '', createdAt, members: [],
  };
  const ws = store.addWorkspace(rec);
  const inventory = addLocation(store, ws, { name: 'Inventory', type: 'warehouse' }, createdAt);
  rec.defaultLocationId = inventory.id;
  return ws;
}

function addLocation(store: Store, ws: WorkspaceData, spec: { name: string; type: LocationType; active?: boolean; note?: string }, createdAt: number): LocationRec {
  const location: LocationRec = {
    id: store.newId(), workspaceId: ws.rec.id, name: spec.name, type: spec.type, active: spec.active ?? true, note: spec.note ?? null, createdAt,
  };
  ws.addLocation(location);
  return location;
}

/** Items with opening stock spread over locations; each item's createdAt follows its index. */
function addCatalog(store: Store, ws: WorkspaceData, rng: Rng, count: number, userId: string, start: number, stockLocations: LocationRec[]): void {
  const tags = [...ws.tags.values()];
  const suppliers = Array.from({ length: 6 }, () => store.newId());
  // Spread creation over ~70 days, at most an hour apart, strictly increasing.
  const step = Math.max(1, Math.min(3_600_000, Math.floor((70 * DAY) / Math.max(count, 1))));
  for (let i = 0; i < count; i++) {
    const kind = KINDS[i % KINDS.length];
    const at = start + i * step;
    const cost = money(0.2 + rng() * 250);
    const tagCount = tags.length > 0 ? int(rng, 0, 2) : 0;
    const tagIds = new Set<string>();
    for (let t = 0; t < tagCount; t++) tagIds.add(tags[int(rng, 0, tags.length - 1)].id);
    const item = {
      id: store.newId(),
      workspaceId: ws.rec.id,
      sku: `${kind.toUpperCase().slice(0, 4)}-${String(i + 1).padStart(6, '0')}`,
      description: `${FINISHES[int(rng, 0, FINISHES.length - 1)]} ${kind.toLowerCase()} ${SIZES[int(rng, 0, SIZES.length - 1)]}`,
      cost,
      sellPrice: rng() < 0.1 ? null : money(cost * (1.2 + rng())),
      supplierId: rng() < 0.2 ? null : suppliers[int(rng, 0, suppliers.length - 1)],
      tagIds: [...tagIds],
      userId,
      createdAt: at,
      updatedAt: at,
    };
    ws.addItem(item);
    const places = int(rng, 1, Math.min(3, stockLocations.length));
    const first = int(rng, 0, stockLocations.length - 1);
    for (let p = 0; p < places; p++) {
      const location = stockLocations[(first + p) % stockLocations.length];
      store.now = () => at;
      setOnHand(store, ws, { itemId: item.id, locationId: location.id, onHandQty: int(rng, 0, 400), note: 'Opening stock' }, userId);
    }
  }
}

/** Fills an empty store with the demo data. */
export function seed(store: Store, options: SeedOptions): void {
  const rng = seededRng(options.randomSeed);
  const idRng = store.rng;
  const clock = store.now;
  store.rng = rng;
  try {
    for (const user of Object.values(SEED_USERS)) store.addUser({ ...user });

    const acme = newWorkspace(store, rng, 'Acme Supply', 'acme-supply', options.plan ?? 'business', SEED_START - 30 * DAY);
    acme.rec.itemsLimit = Math.max(acme.rec.itemsLimit, options.seedItems);
    const locations = LOCATIONS.map((spec, i) => addLocation(store, acme, spec, SEED_START - (20 - i) * DAY));
    for (const [i, tag] of TAGS.entries()) acme.addTag({ id: store.newId(), workspaceId: acme.rec.id, ...tag, createdAt: SEED_START - (10 - i) * DAY });
    const access: Record<string, LocationAccess> = {};
    for (const location of locations) {
      const limited = MEMBER_LOCATION_ACCESS[location.name];
      if (limited) access[location.id] = limited;
    }
    acme.rec.members.push(
      { userId: SEED_USERS.owner.id, role: 'owner' },
      { userId: SEED_USERS.member.id, role: 'member', locationAccess: access, defaultAccess: 'edit' },
    );
    // Stock sits at the active locations and at the inactive yard, which is being cleared.
    const stocked = [acme.locations[0], ...locations];
    addCatalog(store, acme, rng, options.seedItems, SEED_USERS.owner.id, SEED_START, stocked);

    // A few transfers after the catalog was set up; the first one is reverted the next day.
    let at = SEED_START + 75 * DAY;
    store.now = () => at;
    const active = acme.locations.filter((l) => l.active);
    for (let t = 0; t < 5 && acme.items.length > 0; t++) {
      const from = active[t % active.length];
      const to = active[(t + 2) % active.length];
      const stock = (acme.balancesByLocation.get(from.id) ?? []).filter((b) => b.onHandQty > 0).slice(0, 3);
      if (stock.length === 0) continue;
      at += DAY;
      const transfer = createTransfer(store, acme, {
        fromLocationId: from.id,
        toLocationId: to.id,
        note: `Restock ${to.name}`,
        lines: stock.map((b) => ({ itemId: b.itemId, quantity: Math.max(1, Math.floor(b.onHandQty / 4)), note: null })),
      }, SEED_USERS.owner.id);
      if (acme.transfers.length === 1) {
        at += DAY;
        revertTransfer(store, acme, transfer, 'Sent to the wrong location', SEED_USERS.owner.id);
      }
    }

    const hobby = newWorkspace(store, rng, 'Hobby Shop', 'hobby-shop', 'free', SEED_START - 10 * DAY);
    hobby.rec.members.push({ userId: SEED_USERS.freeOwner.id, role: 'owner' });
    addCatalog(store, hobby, rng, 5, SEED_USERS.freeOwner.id, SEED_START, hobby.locations);
  } finally {
    store.rng = idRng;
    store.now = clock;
  }
}
