// Everything the edit commands run, as one lazily loaded bundle (dist/edit-commands.js): a window
// that never edits inventory never loads it. ./index registers the commands and loads this on
// the first one.
export { announce } from './flow';
export { importItemsCommand } from './importItems';
export { createItemCommand, deleteItemCommand, editItemCommand } from './items';
export { createLocationCommand, updateLocationCommand } from './locations';
export { setOnHandCommand } from './stock';
export { createTagCommand, tagItemCommand } from './tags';
export { createTransferCommand, revertTransferCommand } from './transfers';
