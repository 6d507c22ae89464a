// STUB — replaced by the accounts issue. Keeps the composition root compiling.
import * as vscode from 'vscode';
import type { RetracClient } from '../api/client';
import type { RetracLog } from '../log';
import type { QuickInputs } from '../quickInput';
import type { Profile, RetracConnection } from './connection';

export class Accounts implements RetracConnection, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Profile | undefined>();
  readonly onDidChangeProfile = this.emitter.event;
  readonly profile: Profile | undefined = undefined;
  constructor(_context: vscode.ExtensionContext, _log: RetracLog, _inputs: QuickInputs) {}
  getClient(): Promise<RetracClient | undefined> { return Promise.resolve(undefined); }
  can(_scope: string): boolean { return false; }
  dispose(): void { this.emitter.dispose(); }
}
