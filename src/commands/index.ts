// STUB — replaced by the edits issue. Keeps the composition root compiling.
import type * as vscode from 'vscode';
import type { RetracConnection } from '../auth/connection';
import type { InventoryEvents } from '../inventoryEvents';
import type { Logger } from '../log';
import type { InventoryExplorer } from '../tree';
import type { QuickInputs } from '../quickInput';

export class InventoryEdits implements vscode.Disposable {
  constructor(_context: vscode.ExtensionContext, _connection: RetracConnection, _events: InventoryEvents, _explorer: Pick<InventoryExplorer, 'reveal'>, _inputs: QuickInputs, _log: Logger) {}
  dispose(): void {}
}
