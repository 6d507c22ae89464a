// The JSON the API answers (contract §6), built from the stored records.
import type { Balance, Item, Location, Movement, Tag, Transfer, Workspace, Role } from '../api/types';
import type { BalanceRec, ItemRec, LocationRec, MovementRec, TagRec, TransferRec } from './model';
import type { WorkspaceData } from './store';

// Formatting dates dominated the cost of a page of items; the same instants recur on every page.
const isoCache = new Map<number, string>();
function iso(ms: number): string {
  let text = isoCache.get(ms);
  if (text === undefined) {
    if (isoCache.size >= 250_000) isoCache.clear();
    text = new Date(ms).toISOString();
    isoCache.set(ms, text);
  }
  return text;
}

export function workspaceView(ws: WorkspaceData, role: Role): Workspace {
  const r = ws.rec;
  return {
    id: r.id, name: r.name, slug: r.slug, logo: r.logo, plan: r.plan,
    usage: r.usage, usageLimit: r.usageLimit,
    itemsUsage: ws.items.length, itemsLimit: r.itemsLimit,
    locationsUsage: ws.locations.length, locationsLimit: r.locationsLimit,
    tagsLimit: r.tagsLimit, usersLimit: r.usersLimit,
    defaultLocationId: r.defaultLocationId, createdAt: iso(r.createdAt),
    users: [{ role }],
  };
}

export function itemView(item: ItemRec, ws: WorkspaceData, withTags: boolean): Item {
  const out: Item = {
    id: item.id, sku: item.sku, description: item.description, cost: item.cost, sellPrice: item.sellPrice,
    supplierId: item.supplierId, userId: item.userId, workspaceId: item.workspaceId,
    createdAt: iso(item.createdAt), updatedAt: iso(item.updatedAt),
  };
  if (withTags) {
    out.tags = item.tagIds.flatMap((id) => {
      const tag = ws.tags.get(id);
      return tag ? [{ id: tag.id, name: tag.name }] : [];
    });
  }
  return out;
}

export function tagView(tag: TagRec): Tag {
  return { id: tag.id, name: tag.name, color: tag.color };
}

export function locationView(location: LocationRec): Location {
  return { id: location.id, name: location.name, type: location.type, active: location.active, note: location.note, createdAt: iso(location.createdAt) };
}

function ref(ws: WorkspaceData, locationId: string): { id: string; name: string } {
  return { id: locationId, name: ws.locationById.get(locationId)?.name ?? '' };
}

export function balanceView(balance: BalanceRec, ws: WorkspaceData): Balance & { updatedAt: string } {
  const item = ws.itemById.get(balance.itemId);
  return {
    id: balance.id, itemId: balance.itemId, locationId: balance.locationId, onHandQty: balance.onHandQty,
    item: { id: balance.itemId, sku: item?.sku ?? '', description: item?.description ?? '' },
    location: ref(ws, balance.locationId),
    updatedAt: iso(balance.updatedAt),
  };
}

export function movementView(m: MovementRec): Movement {
  return {
    id: m.id, type: m.type, itemId: m.itemId, quantity: m.quantity, fromLocationId: m.fromLocationId, toLocationId: m.toLocationId,
    transferId: m.transferId, note: m.note, userId: m.userId, occurredAt: iso(m.occurredAt),
  };
}

export function transferView(t: TransferRec, ws: WorkspaceData, withMovements: boolean): Transfer & { revertedAt: string | null; revertNote: string | null } {
  const out: Transfer & { revertedAt: string | null; revertNote: string | null } = {
    id: t.id, fromLocationId: t.fromLocationId, toLocationId: t.toLocationId,
    fromLocation: ref(ws, t.fromLocationId), toLocation: ref(ws, t.toLocationId),
    status: t.status, note: t.note,
    lines: t.lines.map((l) => ({ id: l.id, itemId: l.itemId, quantity: l.quantity, note: l.note, item: { ...l.item } })),
    createdAt: iso(t.createdAt),
    revertedAt: t.revertedAt === null ? null : iso(t.revertedAt),
    revertNote: t.revertNote,
  };
  if (withMovements) out.movements = (ws.movementsByTransfer.get(t.id) ?? []).map(movementView);
  return out;
}
