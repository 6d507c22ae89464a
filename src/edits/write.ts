// One confirmed write for every edit: sent once under a progress notification and never retried.
// When the answer is lost (the connection dropped or timed out after sending), the server is
// re-read and the outcome says whether the write happened, rather than guessing or sending again.
import { withProgress } from '../progress';
import { isInterrupted } from '../api/errors';
import { editErrorMessage, type EditDeps, type EditOutcome } from './flow';

/** What a re-read after a lost answer found. */
export type Recheck<T> =
  /** The write was applied: its result, and the sentence that says so. */
  | { applied: T; message: string }
  /** The write was not applied: the sentence that says what the server holds. */
  | { unchanged: string }
  /** The re-read cannot tell (as when it throws): couldNotCheck, or the error explained as usual. */
  | undefined;

export interface ConfirmedWrite<T> {
  /** What the user does, e.g. "Create item": the start of every error sentence. */
  action: string;
  /** Names that make error sentences concrete (SKU, location). */
  context?: { sku?: string; locationName?: string };
  /** The notification shown while the write is in flight. */
  progress: string;
  send(): Promise<T>;
  /** What an applied write changes (events, reveal), whether its answer arrived or a re-read found it. */
  applied(result: NoInfer<T>): void;
  /** The sentence for a write whose answer arrived. */
  done(result: NoInfer<T>): string;
  /** After a lost answer: read (never write) what the server holds now. */
  recheck(): Promise<Recheck<NoInfer<T>>>;
  /** The sentence when the re-read could not tell (`error`: why, when it failed); without it, the error is explained as usual. */
  couldNotCheck?(error: unknown): string;
  /** A sentence for an error this write words its own way (undefined: the usual one). */
  explain?(error: unknown): string | undefined;
}

/** `T` is what `send` resolves to; the other members follow it. */
export async function confirmedWrite<T>(deps: EditDeps, w: ConfirmedWrite<T> & { send(): Promise<T> }): Promise<EditOutcome<T>> {
  try {
    const result = await withProgress(w.progress, () => w.send());
    w.applied(result);
    return { status: 'done', result, message: w.done(result) };
  } catch (e) {
    if (isInterrupted(e)) {
      deps.log.warn(`${w.action}: the answer was lost (${e instanceof Error ? e.message : String(e)}); re-reading`);
      let verdict: Recheck<T>;
      let again: unknown;
      try {
        verdict = await w.recheck();
      } catch (readError) {
        again = readError;
      }
      if (verdict && 'applied' in verdict) {
        w.applied(verdict.applied);
        return { status: 'done', interrupted: true, result: verdict.applied, message: verdict.message };
      }
      if (!verdict && w.couldNotCheck) return { status: 'failed', interrupted: true, error: e, message: w.couldNotCheck(again) };
      if (verdict) return { status: 'failed', interrupted: true, error: e, message: verdict.unchanged };
    }
    const message = w.explain?.(e) ?? editErrorMessage(e, { action: w.action, ...w.context });
    deps.log.warn(message);
    return { status: 'failed', message, error: e };
  }
}
