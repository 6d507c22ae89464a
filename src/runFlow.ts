// One runner for every multi-step input (the edit wizards, Add API Key): named steps, Back that
// restores the state as it was, Rewind to an earlier step, "step/total" numbering. Pure (no
// `vscode` import): the steps show the inputs; the runner only decides which step comes next.

/** Returned by a step when the user pressed Back (the same symbol as `quickInput`'s BACK). */
export const BACK = Symbol.for('retrac.quickInput.back');
export type Back = typeof BACK;

export const FINISH = Symbol('finish');
/** Goes back to an earlier step, keeping the current state (e.g. a stale value to re-ask). */
export class Rewind {
  constructor(readonly step: string) {}
}
export type StepResult = string | typeof FINISH | Rewind | Back | undefined;
export interface StepContext {
  step: number;
  canGoBack: boolean;
  /** The number of steps of this run, shown as "step/total". */
  totalSteps?: number;
}
export type Step<S> = (state: S, ctx: StepContext) => Promise<StepResult>;

/**
 * Runs named steps from `path[0]`. `path` lists, in order, the steps this run goes through (a
 * step left out because its answer is known, such as the location of a row the command was run
 * on, is not in it), so each step shows "step/total" with the right total; a step repeated in a
 * loop (another transfer line) keeps its number. A step returns the next step's name, FINISH,
 * BACK or undefined (Escape). Back restores the state as it was when the previous step was
 * entered, so an input never leaves traces of a step the user went back over. Returns the final
 * state, or undefined when the user cancelled; nothing is written here.
 */
export async function runFlow<S>(initial: S, path: readonly string[], steps: Record<string, Step<S>>): Promise<S | undefined> {
  let state = initial;
  let name = path[0];
  const history: { name: string; snapshot: S }[] = [];
  for (;;) {
    const snapshot = structuredClone(state);
    const index = path.indexOf(name);
    const ctx: StepContext = index >= 0
      ? { step: index + 1, totalSteps: path.length, canGoBack: history.length > 0 }
      : { step: history.length + 1, canGoBack: history.length > 0 };
    const result = await steps[name](state, ctx);
    if (result === undefined) return undefined;
    if (result === FINISH) return state;
    if (result === BACK) {
      const previous = history.pop();
      if (!previous) return undefined;
      name = previous.name;
      state = previous.snapshot;
    } else if (result instanceof Rewind) {
      while (history.length && history[history.length - 1].name !== result.step) history.pop();
      history.pop();
      name = result.step;
    } else {
      history.push({ name, snapshot });
      name = result;
    }
  }
}
