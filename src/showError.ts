// The one way a part shows an error: the message, then buttons that each run something. "Show
// Log" is offered unless the caller passes its own list; the promise says which button was chosen.
// errorMessage words a failed call in the user's language.
import * as vscode from 'vscode';
import { describeError, type DescribeOptions } from './api/describeError';
import { withWhereToSet } from './accounts/connectionSettings';

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

/**
 * The sentence for a failed Retrac call (api/describeError, localised); one that asks to set a
 * connection setting also says where.
 */
export function errorMessage(e: unknown, context: Omit<DescribeOptions, 't'> = {}): string {
  return withWhereToSet(describeError(e, { ...context, t: vscode.l10n.t }));
}
