// The Retrac data model as the contract (shared/retrac-api.md §6) describes it. Shared by the
// client, the sandbox and the UI. Fields the contract marks optional are optional here.

export type KeyType = 'restricted' | 'full';
export type Role = 'owner' | 'member';
export type Plan = 'free' | 'pro' | 'business' | 'business plus' | 'business extra' | 'business max' | 'enterprise';
/** Whether keys of a workspace on `plan` may use the API (contract §1: Business or above); an unknown plan is not refused. */
export function planAllowsApi(plan: Plan | undefined): boolean {
  return plan !== 'free' && plan !== 'pro';
}
export type LocationType = 'warehouse' | 'van' | 'truck' | 'site' | 'other';
/** Every location type, in the order pickers list them. */
export const LOCATION_TYPES: readonly LocationType[] = ['warehouse', 'van', 'truck', 'site', 'other'];
export type TagColor = 'red' | 'yellow' | 'green' | 'blue' | 'purple' | 'brown' | 'gray' | 'pink';
/** Every tag colour, in the order pickers list them. */
export const TAG_COLORS: readonly TagColor[] = ['red', 'yellow', 'green', 'blue', 'purple', 'brown', 'gray', 'pink'];
export type MovementType =
  | 'opening'
  | 'adjustment_plus'
  | 'adjustment_minus'
  | 'transfer_out'
  | 'transfer_in'
  | 'transfer_revert_out'
  | 'transfer_revert_in';
export type TransferStatus = 'completed' | 'reverted';

export const SCOPES = [
  'apis.all', 'apis.read',
  'items.read', 'items.write', 'tags.read', 'tags.write', 'locations.read', 'locations.write',
  'inventory.read', 'inventory.write', 'transfers.read', 'transfers.write', 'workspaces.read', 'workspaces.write',
] as const;
export type Scope = (typeof SCOPES)[number];

export interface Workspace {
  id: string;
  name: string;
  slug: string;
  logo?: string | null;
  plan: Plan;
  usage?: number;
  usageLimit?: number;
  itemsUsage?: number;
  itemsLimit?: number;
  locationsUsage?: number;
  locationsLimit?: number;
  tagsLimit?: number;
  usersLimit?: number;
  defaultLocationId?: string | null;
  createdAt?: string;
  users?: { role: Role }[];
}

export interface TagRef { id: string; name: string }
export interface Tag { id: string; name: string; color: TagColor }

export interface Item {
  id: string;
  sku: string;
  description: string;
  cost: number;
  sellPrice?: number | null;
  supplierId?: string | null;
  tags?: TagRef[];
  userId?: string;
  workspaceId?: string;
  createdAt: string;
  updatedAt: string;
}

export interface Location {
  id: string;
  name: string;
  type: LocationType;
  active: boolean;
  note?: string | null;
  createdAt: string;
}

export interface Balance {
  id: string;
  itemId: string;
  locationId: string;
  onHandQty: number;
  item: { id: string; sku: string; description: string };
  location: { id: string; name: string };
}

export interface Movement {
  id: string;
  type: MovementType;
  itemId: string;
  /** Always positive; the type gives the direction. */
  quantity: number;
  fromLocationId?: string | null;
  toLocationId?: string | null;
  transferId?: string | null;
  note?: string | null;
  userId?: string;
  occurredAt: string;
}

export interface TransferLine {
  id: string;
  itemId: string;
  quantity: number;
  note?: string | null;
  item: { id: string; sku: string; description: string };
}

export interface Transfer {
  id: string;
  fromLocationId: string;
  toLocationId: string;
  fromLocation: { id: string; name: string };
  toLocation: { id: string; name: string };
  status: TransferStatus;
  note?: string | null;
  lines: TransferLine[];
  createdAt: string;
  movements?: Movement[];
}

// ---- request bodies and filters -------------------------------------------------------------

export interface PageParams { page?: number; pageSize?: number }

export interface ItemFilter {
  sku?: string;
  description?: string;
  search?: string;
  tagIds?: string[];
  tagNames?: string[];
  supplierId?: string;
  locationId?: string;
  withTags?: boolean;
  sort?: 'createdAt' | 'updatedAt' | 'sku' | 'description' | 'cost' | 'sellPrice';
  order?: 'asc' | 'desc';
}

export interface ItemCreate {
  sku: string;
  description: string;
  cost: number;
  sellPrice?: number;
  supplierId?: string;
  tagIds?: string[];
  tagNames?: string[];
}
export type ItemUpdate = Partial<ItemCreate>;

/** One slot of a `POST /items/bulk` answer: the created item, or the entry and why it failed. */
export type BulkItemResult = Item | { item: ItemCreate; error: string; code: string };

export interface TagCreate { name: string; color?: TagColor }
export type TagUpdate = Partial<TagCreate>;

export interface LocationFilter { type?: LocationType; active?: boolean }
export interface LocationCreate { name: string; type?: LocationType; note?: string }
export interface LocationUpdate { name?: string; type?: LocationType; note?: string; active?: boolean }

export interface BalanceFilter { itemId?: string; locationId?: string; minQty?: number }
export interface SetOnHand { itemId: string; locationId: string; onHandQty: number; note?: string }

export interface MovementFilter { itemId?: string; locationId?: string; type?: MovementType; transferId?: string }

export interface TransferFilter {
  status?: TransferStatus;
  fromLocationId?: string;
  toLocationId?: string;
  itemId?: string;
  search?: string;
}
export interface TransferCreate {
  fromLocationId: string;
  toLocationId: string;
  note?: string;
  lines: { itemId: string; quantity: number; note?: string }[];
}

export interface WorkspaceUpdate { name?: string; slug?: string }

/** Page sizes from the contract §4. */
export const PAGE_SIZES = {
  items: { default: 100, max: 100 },
  locations: { default: 50, max: 50 },
  balances: { default: 200, max: 500 },
  movements: { default: 50, max: 100 },
  transfers: { default: 50, max: 100 },
} as const;

export const DEFAULT_API_URL = 'https://api.retrac.co';
export const DASHBOARD_URL = 'https://app.retrac.co';
