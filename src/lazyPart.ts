// A part that activation does not load: its commands are registered at start as forwarders; the
// first call (or the first caller of `get`) loads the part, whose constructor registers the real
// commands, and the call is passed on to it.
import * as vscode from 'vscode';
import { Disposable, DisposableStore, type DisposableLike } from './lifecycle';
import type { CommandId } from './registerCommand';

export class LazyPart<T extends DisposableLike> extends Disposable {
  private part: T | undefined;
  private readonly forwarders = this.register(new DisposableStore());
  /** When the part was loaded (performance.now()), for the activation log. */
  loadedAt: number | undefined;

  constructor(private readonly create: () => T, commands: readonly CommandId[]) {
    super();
    for (const id of commands) {
      // Not registerCommand: the real command, run by executeCommand, catches, logs and shows.
      this.forwarders.add(vscode.commands.registerCommand(id, (...args: unknown[]) => {
        this.get();
        return vscode.commands.executeCommand(id, ...args);
      }));
    }
  }

  /** The part if it was loaded. */
  get loaded(): T | undefined {
    return this.part;
  }

  /** The part, loading it now if needed. */
  get(): T {
    if (!this.part) {
      // The part registers the same command ids: the forwarders go first.
      this.forwarders.dispose();
      this.part = this.register(this.create());
      this.loadedAt = performance.now();
    }
    return this.part;
  }
}
