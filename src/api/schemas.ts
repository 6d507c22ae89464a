// Response shapes checked at the boundary (contract §6), so a changed or malformed answer becomes
// one clear `invalid_response` error instead of `undefined` deep in the UI. Extra fields are
// accepted (and dropped); fields the contract marks optional may be missing or null.
import * as v from 'valibot';
import {
  LOCATION_TYPES, TAG_COLORS, type Balance, type BulkItemResult, type Item, type Location, type Movement, type Tag, type Transfer,
  type Workspace,
} from './types';

const id = v.string();
const text = v.string();
const optionalText = v.nullish(v.string());
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const quantity = v.pipe(v.number(), v.integer());

const plan = v.picklist(['free', 'pro', 'business', 'business plus', 'business extra', 'business max', 'enterprise']);
const role = v.picklist(['owner', 'member']);
const tagColor = v.picklist(TAG_COLORS);
const locationType = v.picklist(LOCATION_TYPES);
const movementType = v.picklist([
  'opening', 'adjustment_plus', 'adjustment_minus', 'transfer_out', 'transfer_in', 'transfer_revert_out', 'transfer_revert_in',
]);
const transferStatus = v.picklist(['completed', 'reverted']);

const itemRef = v.object({ id, sku: text, description: text });
const locationRef = v.object({ id, name: text });

export const WorkspaceSchema = v.object({
  id,
  name: text,
  slug: text,
  logo: optionalText,
  plan,
  usage: v.optional(v.number()),
  usageLimit: v.optional(v.number()),
  itemsUsage: v.optional(v.number()),
  itemsLimit: v.optional(v.number()),
  locationsUsage: v.optional(v.number()),
  locationsLimit: v.optional(v.number()),
  tagsLimit: v.optional(v.number()),
  usersLimit: v.optional(v.number()),
  defaultLocationId: optionalText,
  createdAt: v.optional(text),
  users: v.optional(v.array(v.object({ role }))),
}) satisfies v.GenericSchema<unknown, Workspace>;

export const TagSchema = v.object({ id, name: text, color: tagColor }) satisfies v.GenericSchema<unknown, Tag>;

export const ItemSchema = v.object({
  id,
  sku: text,
  description: text,
  cost: v.number(),
  sellPrice: v.nullish(v.number()),
  supplierId: optionalText,
  tags: v.optional(v.array(v.object({ id, name: text }))),
  userId: v.optional(text),
  workspaceId: v.optional(text),
  createdAt: text,
  updatedAt: text,
}) satisfies v.GenericSchema<unknown, Item>;

const BulkFailureSchema = v.object({
  item: v.object({
    sku: text,
    description: text,
    cost: v.number(),
    sellPrice: v.optional(v.number()),
    supplierId: v.optional(text),
    tagIds: v.optional(v.array(text)),
    tagNames: v.optional(v.array(text)),
  }),
  error: text,
  code: text,
});
export const BulkItemResultSchema = v.union([BulkFailureSchema, ItemSchema]) satisfies v.GenericSchema<unknown, BulkItemResult>;

export const LocationSchema = v.object({
  id,
  name: text,
  type: locationType,
  active: v.boolean(),
  note: optionalText,
  createdAt: text,
}) satisfies v.GenericSchema<unknown, Location>;

export const BalanceSchema = v.object({
  id,
  itemId: id,
  locationId: id,
  onHandQty: v.pipe(quantity, v.minValue(0)),
  item: itemRef,
  location: locationRef,
}) satisfies v.GenericSchema<unknown, Balance>;

export const MovementSchema = v.object({
  id,
  type: movementType,
  itemId: id,
  quantity,
  fromLocationId: optionalText,
  toLocationId: optionalText,
  transferId: optionalText,
  note: optionalText,
  userId: v.optional(text),
  occurredAt: text,
}) satisfies v.GenericSchema<unknown, Movement>;

export const TransferSchema = v.object({
  id,
  fromLocationId: id,
  toLocationId: id,
  fromLocation: locationRef,
  toLocation: locationRef,
  status: transferStatus,
  note: optionalText,
  lines: v.array(v.object({ id, itemId: id, quantity, note: optionalText, item: itemRef })),
  createdAt: text,
  movements: v.optional(v.array(MovementSchema)),
}) satisfies v.GenericSchema<unknown, Transfer>;

export const DeletedSchema = v.object({ id });
export const CountSchema = count;

/** The error body of contract §2; anything else in an error answer is ignored. */
export const ErrorBodySchema = v.object({
  error: v.object({ code: v.optional(v.string()), message: v.optional(v.string()), doc_url: v.optional(v.string()) }),
});

/** "path: message" of the first issue, e.g. `3.cost: Invalid type: Expected number but received "12"`. */
export function firstIssue(issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]): string {
  const issue = issues[0];
  const path = v.getDotPath(issue);
  return path ? `${path}: ${issue.message}` : issue.message;
}
