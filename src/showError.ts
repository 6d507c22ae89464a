// The one way a part shows an error: the message, then buttons that each run something. "Show
// Log" is offered unless the caller passes its own list; the promise says which button was chosen.
import * as vscode from 'vscode';

export interface ErrorAction {
  title: string;
  run(): unknown;
}

/** "Show Log": opens the Retrac output channel. */
export function showLogAction(): ErrorAction {
  return { title: vscode.l10n.t('Show Log'), run: () => vscode.commands.executeCommand('retrac.showLog') };
}

/** Shows `message` with `actions` (default: Show Log) and runs the chosen one. */
export async function showError(message: string, actions: ErrorAction[] = [showLogAction()]): Promise<ErrorAction | undefined> {
  const chosen = await vscode.window.showErrorMessage(message, ...actions.map((a) => a.title));
  const action = actions.find((a) => a.title === chosen);
  if (action) await action.run();
  return action;
}
