// STUB — replaced by the leak-detection issue. Keeps the composition root compiling.
import type * as vscode from 'vscode';
import type { Logger } from '../log';

export class LeakDiagnostics implements vscode.Disposable {
  constructor(_context: vscode.ExtensionContext, _log: Logger) {}
  dispose(): void {}
}
