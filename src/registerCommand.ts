// The one way to register a command: typed ids (every contributed command, checked against
// package.json by a unit test), and one place that catches, logs and shows what a command could
// not do, so no command fails silently.
import * as vscode from 'vscode';
import type { Logger } from './log';
import { showError } from './showError';

/** Every command the extension registers (package.json's contributes.commands, plus internal ones). */
export const COMMAND_IDS = [
  'retrac.addApiKey', 'retrac.switchProfile', 'retrac.renameProfile', 'retrac.removeApiKey', 'retrac.bindProfile',
  'retrac.unbindProfile', 'retrac.useLocalSandbox', 'retrac.stopLocalSandbox', 'retrac.diagnoseConnection', 'retrac.showLog',
  'retrac.setOnHand', 'retrac.createTransfer', 'retrac.revertTransfer', 'retrac.createItem', 'retrac.editItem',
  'retrac.deleteItem', 'retrac.createTag', 'retrac.tagItem', 'retrac.untagItem', 'retrac.createLocation',
  'retrac.renameLocation', 'retrac.deactivateLocation', 'retrac.importItems', 'retrac.scanWorkspace',
  'retrac.resetIgnoredFindings', 'retrac.ignoreFindingInWorkspace', 'retrac.rotateLeakedKey', 'retrac.renamePublicEnvName',
  'retrac.applyLeakFix', 'retrac.refreshExplorer', 'retrac.refreshNode', 'retrac.loadMore', 'retrac.retryNode',
  'retrac.filterExplorer', 'retrac.clearExplorerFilter', 'retrac.findItem', 'retrac.openDetails', 'retrac.copyId',
  'retrac.copySku', 'retrac.openInDashboard', 'retrac.revealInExplorer', 'retrac.showStockHistory',
  'retrac.showLocationChart', 'retrac.openLeakSample', 'retrac.scanGitHistory', 'retrac.installPreCommitHook',
  'retrac.removePreCommitHook',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

/**
 * Registers `run` under `id`. An exception (a bug: expected failures are the command's own
 * messages) is logged and shown with Show Log; the command then returns undefined.
 */
export function registerCommand<A extends unknown[], R>(id: CommandId, run: (...args: A) => R | Promise<R>, log: Logger): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: A): Promise<R | undefined> => {
    try {
      return await run(...args);
    } catch (e) {
      log.error(e instanceof Error ? e : String(e));
      void showError(vscode.l10n.t('Retrac: {0} failed: {1}', id, e instanceof Error ? e.message : String(e)));
      return undefined;
    }
  });
}
