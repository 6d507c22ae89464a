// The one progress wrapper: a notification (what the user waits for) or a status-bar spinner (a
// quick check that should not add a toast). The task gets an AbortSignal that fires when the user
// cancels a cancellable one.
import * as vscode from 'vscode';

export interface ProgressOptions {
  /** 'notification' (default) for writes and long reads; 'statusBar' for quick checks. */
  where?: 'notification' | 'statusBar';
  /** Shows a Cancel button that aborts the task's signal. */
  cancellable?: boolean;
}

export function withProgress<T>(
  title: string,
  task: (signal: AbortSignal, progress: vscode.Progress<{ message?: string; increment?: number }>) => Promise<T>,
  options: ProgressOptions = {},
): Promise<T> {
  const location = options.where === 'statusBar' ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification;
  return Promise.resolve(vscode.window.withProgress<T>({ location, title, cancellable: options.cancellable ?? false }, (progress, token) => {
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    return task(controller.signal, progress).finally(() => {
      subscription.dispose();
    });
  }));
}
