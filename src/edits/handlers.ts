// Everything the edit commands run, as one lazily loaded bundle (dist/edit-commands.js): a window
// that never edits inventory never loads it. ./index registers the commands and loads this on
// the first one; EDIT_HANDLERS says what each id runs.
import * as vscode from 'vscode';
import type { NodeRef } from '../inventoryEvents';
import { commandNodeRef } from '../tree/ref';
import type { EditDeps, EditOutcome } from './flow';
import type { EditCommandId } from './index';
import { importItemsCommand } from './importItems';
import { createItemCommand, deleteItemCommand, editItemCommand } from './items';
import { createLocationCommand, updateLocationCommand } from './locations';
import { setOnHandCommand } from './stock';
import { createTagCommand, tagItemCommand } from './tags';
import { createTransferCommand, revertTransferCommand } from './transfers';

export { announce } from './flow';

/**
 * What a tree node's typed reference (or a hover link's NodeRef) points the edit at; nothing when
 * run from the palette (or with an unrelated argument, such as a file's Uri).
 */
function nodeRef(arg: unknown): NodeRef | undefined {
  return arg instanceof vscode.Uri ? undefined : commandNodeRef(arg);
}

export const EDIT_HANDLERS: Record<EditCommandId, (deps: EditDeps, arg: unknown) => Promise<EditOutcome>> = {
  'retrac.setOnHand': (d, arg) => setOnHandCommand(d, nodeRef(arg)),
  'retrac.createTransfer': (d, arg) => createTransferCommand(d, nodeRef(arg)),
  'retrac.revertTransfer': (d, arg) => revertTransferCommand(d, nodeRef(arg)),
  'retrac.createItem': (d) => createItemCommand(d),
  'retrac.editItem': (d, arg) => editItemCommand(d, nodeRef(arg)),
  'retrac.deleteItem': (d, arg) => deleteItemCommand(d, nodeRef(arg)),
  'retrac.createTag': (d) => createTagCommand(d),
  'retrac.tagItem': (d, arg) => tagItemCommand(d, nodeRef(arg), true),
  'retrac.untagItem': (d, arg) => tagItemCommand(d, nodeRef(arg), false),
  'retrac.createLocation': (d) => createLocationCommand(d),
  'retrac.renameLocation': (d, arg) => updateLocationCommand(d, nodeRef(arg), 'rename'),
  'retrac.deactivateLocation': (d, arg) => updateLocationCommand(d, nodeRef(arg), 'deactivate'),
  'retrac.importItems': (d, arg) => importItemsCommand(d, arg),
};
