// One lifecycle for every part that owns listeners, commands or views: `register` what you own,
// `dispose` once. Disposal is idempotent and last in, first out (a part registered after another
// may use it while it goes). Pure: no `vscode` import, so plain Node tests cover it.

export interface DisposableLike {
  dispose(): unknown;
}

export class Disposable implements DisposableLike {
  private readonly owned: DisposableLike[] = [];
  private disposed = false;

  /** Whether `dispose` has run. */
  protected get isDisposed(): boolean {
    return this.disposed;
  }

  /** Owns `d`: disposed with this part. Registered after disposal, it is disposed at once. */
  protected register<T extends DisposableLike>(d: T): T {
    if (this.disposed) d.dispose();
    else this.owned.push(d);
    return d;
  }

  /** Disposes what was registered, newest first; every one runs even if an earlier one throws. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const errors: unknown[] = [];
    for (const d of this.owned.splice(0).reverse()) {
      try {
        d.dispose();
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} parts failed to dispose`);
  }
}

/** A group of disposables owned by someone who is not a `Disposable` subclass. */
export class DisposableStore extends Disposable {
  add<T extends DisposableLike>(d: T): T {
    return this.register(d);
  }
}
