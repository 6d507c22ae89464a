// How the edit commands tell the explorer what changed, so only the affected nodes refresh,
// and what a tree node hands to a command invoked from its context menu.
import * as vscode from 'vscode';
import type { Balance, Item, Location, Tag, Transfer } from './api/types';

export interface InventoryChange {
  /** Items whose fields, tags or balances changed (or that were created/deleted). */
  itemIds?: string[];
  /** Locations whose fields or balances changed. */
  locationIds?: string[];
  /** Transfers created or reverted. */
  transferIds?: string[];
  tags?: boolean;
  movements?: boolean;
  /** Lists whose membership changed (a create or delete): their counts and pages reload. */
  lists?: ('items' | 'locations' | 'transfers' | 'tags' | 'movements')[];
}

/** What a tree node carries, so a command run from its context menu knows its target. */
export interface NodeRef {
  item?: Item;
  location?: Location;
  transfer?: Transfer;
  tag?: Tag;
  balance?: Balance;
}

export class InventoryEvents implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<InventoryChange>();
  readonly onDidChange = this.emitter.event;
  fire(change: InventoryChange): void {
    this.emitter.fire(change);
  }
  dispose(): void {
    this.emitter.dispose();
  }
}
