// The inventory edit commands: guided, validated, confirmed steps from the palette or from the
// explorer's context menus. Each handler returns its outcome (the integration tests read it) and
// tells the user what happened; nothing is written before the final confirm.
import * as vscode from 'vscode';
import type { RetracConnection } from '../auth/connection';
import type { InventoryEvents, NodeRef } from '../inventoryEvents';
import type { Logger } from '../log';
import type { QuickInputs } from '../quickInput';
import type { InventoryExplorer } from '../tree';
import { commandNodeRef } from '../tree/ref';
import type { EditDeps, EditOutcome } from './flow';

/** The command bodies, importer included: their own bundle, loaded by the first edit command. */
type Handlers = typeof import('./handlers');
const loadHandlers = (): Promise<Handlers> => import('./handlers');

export type { EditOutcome } from './flow';

/** The command ids this part contributes (package.json lists the same). */
export const EDIT_COMMANDS = [
  'retrac.setOnHand', 'retrac.createTransfer', 'retrac.revertTransfer',
  'retrac.createItem', 'retrac.editItem', 'retrac.deleteItem',
  'retrac.createTag', 'retrac.tagItem', 'retrac.untagItem',
  'retrac.createLocation', 'retrac.renameLocation', 'retrac.deactivateLocation',
  'retrac.importItems',
] as const;

/**
 * What a tree node's typed reference (or a hover link's NodeRef) points the edit at; nothing when
 * run from the palette (or with an unrelated argument, such as a file's Uri).
 */
function nodeRef(arg: unknown): NodeRef | undefined {
  return arg instanceof vscode.Uri ? undefined : commandNodeRef(arg);
}

export class InventoryEdits implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly deps: EditDeps;

  constructor(
    _context: vscode.ExtensionContext,
    connection: RetracConnection,
    events: InventoryEvents,
    explorer: Pick<InventoryExplorer, 'reveal'>,
    inputs: QuickInputs,
    log: Logger,
  ) {
    this.deps = { connection, events, explorer, inputs, log };
    const d = this.deps;
    const handlers: Record<(typeof EDIT_COMMANDS)[number], (h: Handlers, arg: unknown) => Promise<EditOutcome>> = {
      'retrac.setOnHand': (h, arg) => h.setOnHandCommand(d, nodeRef(arg)),
      'retrac.createTransfer': (h, arg) => h.createTransferCommand(d, nodeRef(arg)),
      'retrac.revertTransfer': (h, arg) => h.revertTransferCommand(d, nodeRef(arg)),
      'retrac.createItem': (h) => h.createItemCommand(d),
      'retrac.editItem': (h, arg) => h.editItemCommand(d, nodeRef(arg)),
      'retrac.deleteItem': (h, arg) => h.deleteItemCommand(d, nodeRef(arg)),
      'retrac.createTag': (h) => h.createTagCommand(d),
      'retrac.tagItem': (h, arg) => h.tagItemCommand(d, nodeRef(arg), true),
      'retrac.untagItem': (h, arg) => h.tagItemCommand(d, nodeRef(arg), false),
      'retrac.createLocation': (h) => h.createLocationCommand(d),
      'retrac.renameLocation': (h, arg) => h.updateLocationCommand(d, nodeRef(arg), 'rename'),
      'retrac.deactivateLocation': (h, arg) => h.updateLocationCommand(d, nodeRef(arg), 'deactivate'),
      'retrac.importItems': (h, arg) => h.importItemsCommand(d, arg),
    };
    for (const id of EDIT_COMMANDS) {
      this.disposables.push(vscode.commands.registerCommand(id, (arg: unknown) => this.run(id, (h) => handlers[id](h, arg))));
    }
  }

  /** Runs a handler, tells the user the outcome and returns it. A second command started while a
   *  flow is open hides that flow's input, which cancels it without side effects. */
  private async run(id: string, handler: (h: Handlers) => Promise<EditOutcome>): Promise<EditOutcome> {
    try {
      const h = await loadHandlers();
      const outcome = await handler(h);
      if (outcome.status !== 'cancelled') this.deps.log.debug(`${id}: ${outcome.status}`);
      h.announce(outcome);
      return outcome;
    } catch (e) {
      // A bug, not an API answer (those become outcomes): say so rather than fail silently.
      this.deps.log.error(e instanceof Error ? e : String(e));
      const message = vscode.l10n.t('{0} failed unexpectedly: {1}', id, e instanceof Error ? e.message : String(e));
      void vscode.window.showErrorMessage(message);
      return { status: 'failed', message, error: e };
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
