// A part that activation does not load: its commands are registered at start as forwarders; the
// first call (or the first caller of `get`) loads the part, whose constructor registers the real
// commands, and the call is passed on to it.
import * as vscode from 'vscode';
import { Disposable, DisposableStore, type DisposableLike } from './lifecycle';
import type { CommandId } from './registerCommand';

export class LazyPart<T extends DisposableLike> extends Disposable {
  private part: T | undefined;
  private forwarders: DisposableStore | undefined;
  /** When the part was loaded (performance.now()), for the activation log. */
  loadedAt: number | undefined;

  constructor(private readonly create: () => T, private readonly commands: readonly CommandId[]) {
    super();
    this.forward();
    this.register({ dispose: () => this.forwarders?.dispose() });
  }

  private forward(): void {
    const store = new DisposableStore();
    try {
      for (const id of this.commands) {
        // Not registerCommand: the real command, run by executeCommand, catches, logs and shows.
        store.add(vscode.commands.registerCommand(id, (...args: unknown[]) => {
          this.get();
          return vscode.commands.executeCommand(id, ...args);
        }));
      }
    } catch (e) {
      store.dispose();
      throw e;
    }
    this.forwarders = store;
  }

  /** The part if it was loaded. */
  get loaded(): T | undefined {
    return this.part;
  }

  /** The part, loading it now if needed. */
  get(): T {
    if (!this.part) {
      // The part registers the same command ids: the forwarders go first (and come back if it fails to load).
      this.forwarders?.dispose();
      this.forwarders = undefined;
      try {
        this.part = this.register(this.create());
      } catch (e) {
        // The next call tries again. (A part that failed halfway may hold some ids: then the load error is what counts.)
        if (!this.isDisposed) {
          try {
            this.forward();
          } catch {
            // Left without forwarders: the load error below says why.
          }
        }
        throw e;
      }
      this.loadedAt = performance.now();
    }
    return this.part;
  }
}
