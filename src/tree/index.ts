// STUB — replaced by the explorer issue. Keeps the composition root compiling.
import type * as vscode from 'vscode';
import type { RetracConnection } from '../auth/connection';
import type { InventoryEvents } from '../inventoryEvents';
import type { Logger } from '../log';

export type RevealTarget = { kind: 'item' | 'location' | 'transfer' | 'tag'; id: string };

export class InventoryExplorer implements vscode.Disposable {
  constructor(_context: vscode.ExtensionContext, _connection: RetracConnection, _events: InventoryEvents, _log: Logger) {}
  /** Shows the view and selects the node of this resource (loading what is needed). */
  reveal(_target: RevealTarget): Promise<void> { return Promise.resolve(); }
  dispose(): void {}
}
