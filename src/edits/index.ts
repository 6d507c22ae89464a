// The inventory edit commands: guided, validated, confirmed steps from the palette or from the
// explorer's context menus. Each handler returns its outcome (the integration tests read it) and
// tells the user what happened; nothing is written before the final confirm. This file only
// registers the commands; what each runs is in ./handlers, loaded on the first one.
import type * as vscode from 'vscode';
import type { RetracConnection } from '../accounts/connection';
import type { InventoryEvents } from '../inventoryEvents';
import { Disposable } from '../lifecycle';
import type { Logger } from '../log';
import type { QuickInputs } from '../quickInput';
import { registerCommand, type CommandId } from '../registerCommand';
import type { InventoryExplorer } from '../tree';
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
] as const satisfies readonly CommandId[];

export type EditCommandId = (typeof EDIT_COMMANDS)[number];

export class InventoryEdits extends Disposable {
  private readonly deps: EditDeps;

  constructor(
    _context: vscode.ExtensionContext,
    connection: RetracConnection,
    events: InventoryEvents,
    explorer: Pick<InventoryExplorer, 'reveal'>,
    inputs: QuickInputs,
    log: Logger,
  ) {
    super();
    this.deps = { connection, events, explorer, inputs, log };
    for (const id of EDIT_COMMANDS) this.register(registerCommand(id, (arg: unknown) => this.run(id, arg), log));
  }

  /**
   * Runs a command, tells the user the outcome and returns it (an API answer is an outcome; a bug
   * throws, and registerCommand logs and shows it). A second command started while a flow is open
   * hides that flow's input, which cancels it without side effects.
   */
  private async run(id: EditCommandId, arg: unknown): Promise<EditOutcome> {
    const h = await loadHandlers();
    const outcome = await h.EDIT_HANDLERS[id](this.deps, arg);
    if (outcome.status !== 'cancelled') this.deps.log.debug(`${id}: ${outcome.status}`);
    h.announce(outcome);
    return outcome;
  }
}
