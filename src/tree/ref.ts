// What a tree row shows: one typed reference to its resource ({kind: 'item', item}, …), and the
// one conversion of a command's argument (a tree node, or the NodeRef a hover link passes) into
// the NodeRef the edit commands take. No `vscode` and no node classes here: the edit commands
// read it from their own bundle, where a node class would be another copy.
import type { Balance, Item, Location, Movement, Tag, Transfer, TransferLine } from '../api/types';
import type { NodeRef } from '../inventoryEvents';

export type TreeRef =
  | { kind: 'item'; item: Item }
  | { kind: 'location'; location: Location }
  | { kind: 'transfer'; transfer: Transfer }
  | { kind: 'tag'; tag: Tag }
  /** A stock row: the balance carries its item and location (SKU, name). */
  | { kind: 'balance'; balance: Balance }
  | { kind: 'transferLine'; line: TransferLine }
  | { kind: 'movement'; movement: Movement };

export type RefOf<K extends TreeRef['kind']> = Extract<TreeRef, { kind: K }>;

/** What an edit command acts on for this reference; transfer lines and movements are not edited. */
export function toNodeRef(ref: TreeRef): NodeRef | undefined {
  switch (ref.kind) {
    case 'item': return { item: ref.item };
    case 'location': return { location: ref.location };
    case 'transfer': return { transfer: ref.transfer };
    case 'tag': return { tag: ref.tag };
    case 'balance': return { balance: ref.balance };
    default: return undefined;
  }
}

/**
 * A command's argument as a NodeRef: a tree node (anything with a `ref`) by its typed reference;
 * otherwise a NodeRef-shaped object, as the hovers' command links pass (`{item: {id, sku}}`).
 * Undefined for anything else (the palette, an explorer section, a file's Uri).
 */
export function commandNodeRef(arg: unknown): NodeRef | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  if ('ref' in arg) {
    const ref = arg.ref as TreeRef | undefined;
    return ref ? toNodeRef(ref) : undefined;
  }
  const link = arg as NodeRef;
  return link.item || link.location || link.transfer || link.tag || link.balance ? link : undefined;
}
