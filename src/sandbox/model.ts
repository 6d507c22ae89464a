// What the sandbox stores. Records keep timestamps as epoch milliseconds and only ids of related
// rows; the JSON the API answers is built from them in views.ts. This is also the state file format.
import type { KeyType, LocationType, MovementType, Plan, Role, Scope, TagColor, TransferStatus } from '../api/types';

export type LocationAccess = 'none' | 'view' | 'edit';

export interface MemberRec {
  userId: string;
  role: Role;
  /** Per-location limits of a member; locations not listed get `defaultAccess`. Owners ignore both. */
  locationAccess?: Record<string, LocationAccess>;
  defaultAccess?: LocationAccess;
}

export interface WorkspaceRec {
  id: string;
  name: string;
  slug: string;
  logo: string | null;
  plan: Plan;
  /** Transfers this billing cycle. */
  usage: number;
  usageLimit: number;
  itemsLimit: number;
  locationsLimit: number;
  tagsLimit: number;
  usersLimit: number;
  defaultLocationId: string;
  createdAt: number;
  members: MemberRec[];
}

export interface UserRec { id: string; name: string; email: string }

export interface KeyRec {
  name: string;
  /** Kept in the state file so a restart prints the same keys (sandbox only; the real server stores a hash). */
  key: string;
  type: KeyType;
  userId: string;
  workspaceId: string;
  scopes: Scope[];
}

export interface ItemRec {
  id: string;
  workspaceId: string;
  sku: string;
  description: string;
  cost: number;
  sellPrice: number | null;
  supplierId: string | null;
  tagIds: string[];
  userId: string;
  createdAt: number;
  updatedAt: number;
}

export interface TagRec { id: string; workspaceId: string; name: string; color: TagColor; createdAt: number }

export interface LocationRec {
  id: string;
  workspaceId: string;
  name: string;
  type: LocationType;
  active: boolean;
  note: string | null;
  createdAt: number;
}

export interface BalanceRec {
  id: string;
  workspaceId: string;
  itemId: string;
  locationId: string;
  onHandQty: number;
  createdAt: number;
  updatedAt: number;
}

export interface MovementRec {
  id: string;
  workspaceId: string;
  type: MovementType;
  itemId: string;
  quantity: number;
  fromLocationId: string | null;
  toLocationId: string | null;
  /** The location whose stock this movement changes (filters and member visibility use it). */
  locationId: string;
  transferId: string | null;
  note: string | null;
  userId: string;
  occurredAt: number;
}

export interface TransferLineRec {
  id: string;
  itemId: string;
  quantity: number;
  note: string | null;
  /** Snapshot at creation, so a transfer still reads well after its item is deleted. */
  item: { id: string; sku: string; description: string };
}

export interface TransferRec {
  id: string;
  workspaceId: string;
  fromLocationId: string;
  toLocationId: string;
  status: TransferStatus;
  note: string | null;
  lines: TransferLineRec[];
  userId: string;
  createdAt: number;
  revertedAt: number | null;
  revertNote: string | null;
}

/** The state file: flat arrays in creation order. */
export interface StateFile {
  version: 1;
  workspaces: WorkspaceRec[];
  users: UserRec[];
  keys: KeyRec[];
  items: ItemRec[];
  tags: TagRec[];
  locations: LocationRec[];
  balances: BalanceRec[];
  movements: MovementRec[];
  transfers: TransferRec[];
}
