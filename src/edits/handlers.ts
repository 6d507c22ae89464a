// Everything the edit commands run, as one lazily loaded bundle (dist/edit-commands.js): a window
// that never edits inventory never loads it. ./index registers the commands and loads this on
// the first one.
export {
  createItemCommand, createLocationCommand, createTagCommand, deleteItemCommand, editItemCommand, tagItemCommand,
  updateLocationCommand,
} from './catalog';
export { announce } from './flow';
export { importItemsCommand } from './importItems';
export { setOnHandCommand } from './stock';
export { createTransferCommand, revertTransferCommand } from './transfers';
