// Multi-step quick input with Back, validation and server-side search, shared by the account
// and edit commands. Nothing here writes anywhere: a flow collects answers, and only its caller
// acts after the final confirm. The input on screen is exposed (`onDidShow`, `active`) so the
// integration tests can answer it through the real workbench (set `value` / `activeItems`, then
// run `workbench.action.acceptSelectedQuickOpenItem`, `workbench.action.quickInputBack` or
// `workbench.action.closeQuickOpen`).
import * as vscode from 'vscode';

// Returned when the user pressed the Back button. Symbol.for (in ../runFlow): the lazily loaded
// bundles carry their own copy of these modules, and must see the same BACK.
import { BACK, type Back } from './runFlow';
export { BACK, type Back };

export interface StepInfo {
  title: string;
  step?: number;
  totalSteps?: number;
  /** Show a Back button (steps after the first). */
  canGoBack?: boolean;
}

export interface PickOptions<T extends vscode.QuickPickItem> extends StepInfo {
  placeholder?: string;
  /** Fixed items, or a loader run once when the pick opens (busy while it runs). */
  items?: readonly T[] | ((signal: AbortSignal) => Promise<readonly T[]>);
  /**
   * Server-side search: called on every keystroke with an AbortSignal that is aborted as soon
   * as the next keystroke arrives, so only the latest answer is shown.
   */
  search?: (value: string, signal: AbortSignal) => Promise<readonly T[]>;
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
  /** Value typed in advance. */
  value?: string;
  /** Refuse an item with a message shown in the pick's title line (returns undefined when fine). */
  validate?: (item: T) => string | undefined;
  /** Stay open when focus moves elsewhere (default: true, a step of a flow keeps its place). */
  ignoreFocusOut?: boolean;
}

export interface TextOptions extends StepInfo {
  prompt?: string;
  placeholder?: string;
  value?: string;
  password?: boolean;
  /** A message when the value is not acceptable; run on every change and again on accept. */
  validate?: (value: string) => string | undefined | Promise<string | undefined>;
}

export interface ConfirmOptions extends StepInfo {
  /** What will happen, e.g. "Set ABC-1 at Main warehouse: 5 → 7". */
  summary: string;
  detail?: string;
  confirmLabel: string;
}

type ShownInput = vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox;

/**
 * One pick outside a flow (no Back): the chosen item, or undefined when dismissed. `onShown` gets
 * the pick while it is open, and undefined once it is gone (tests answer it).
 */
export async function pickOnce<T extends vscode.QuickPickItem>(options: PickOptions<T>, onShown?: (pick: vscode.QuickPick<T> | undefined) => void): Promise<T | undefined> {
  const inputs = new QuickInputs();
  const shown = inputs.onDidShow((pick) => onShown?.(pick as vscode.QuickPick<T>));
  try {
    const chosen = await inputs.pick<T>({ ...options, canGoBack: false });
    return chosen === BACK ? undefined : chosen;
  } finally {
    onShown?.(undefined);
    shown.dispose();
    inputs.dispose();
  }
}

export class QuickInputs implements vscode.Disposable {
  private readonly shown = new vscode.EventEmitter<ShownInput>();
  /** Fires each time a step is shown (tests answer it). */
  readonly onDidShow = this.shown.event;
  private current: ShownInput | undefined;

  /** The step on screen, if any. */
  get active(): ShownInput | undefined {
    return this.current;
  }

  pick<T extends vscode.QuickPickItem>(options: PickOptions<T>): Promise<T | Back | undefined> {
    const qp = vscode.window.createQuickPick<T>();
    qp.title = options.title;
    qp.step = options.step;
    qp.totalSteps = options.totalSteps;
    qp.placeholder = options.placeholder;
    qp.matchOnDescription = options.matchOnDescription ?? true;
    qp.matchOnDetail = options.matchOnDetail ?? false;
    qp.ignoreFocusOut = options.ignoreFocusOut ?? true;
    qp.buttons = options.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    if (options.search) qp.matchOnDescription = qp.matchOnDetail = false;
    let inflight: AbortController | undefined;
    const load = async (loader: (signal: AbortSignal) => Promise<readonly T[]>) => {
      inflight?.abort();
      const controller = (inflight = new AbortController());
      qp.busy = true;
      try {
        const items = await loader(controller.signal);
        if (controller.signal.aborted) return;
        qp.items = items;
        qp.title = options.title;
      } catch (e) {
        if (controller.signal.aborted) return;
        qp.items = [];
        qp.title = `${options.title} — ${e instanceof Error ? e.message : String(e)}`;
      } finally {
        if (inflight === controller) qp.busy = false;
      }
    };
    return new Promise<T | Back | undefined>((resolve) => {
      const disposables: vscode.Disposable[] = [];
      const finish = (result: T | Back | undefined) => {
        inflight?.abort();
        for (const d of disposables) d.dispose();
        if (this.current === qp) this.current = undefined;
        qp.dispose();
        resolve(result);
      };
      disposables.push(
        qp.onDidTriggerButton((b) => {
          if (b === vscode.QuickInputButtons.Back) finish(BACK);
        }),
        qp.onDidAccept(() => {
          const item = qp.selectedItems[0] ?? qp.activeItems[0];
          if (!item) return;
          const problem = options.validate?.(item);
          if (problem) {
            qp.title = `${options.title} — ${problem}`;
            return;
          }
          finish(item);
        }),
        qp.onDidHide(() => finish(undefined)),
      );
      if (options.search) {
        const search = options.search;
        disposables.push(qp.onDidChangeValue((v) => void load((s) => search(v, s))));
      }
      if (options.value !== undefined) qp.value = options.value;
      this.current = qp;
      qp.show();
      this.shown.fire(qp);
      const items = options.items;
      if (typeof items === 'function') void load(items);
      else if (items) qp.items = items;
      else if (options.search) void load((s) => options.search!(qp.value, s));
    });
  }

  text(options: TextOptions): Promise<string | Back | undefined> {
    const box = vscode.window.createInputBox();
    box.title = options.title;
    box.step = options.step;
    box.totalSteps = options.totalSteps;
    box.prompt = options.prompt;
    box.placeholder = options.placeholder;
    box.value = options.value ?? '';
    box.password = options.password ?? false;
    box.ignoreFocusOut = true;
    box.buttons = options.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    let checks = 0;
    const check = async (value: string): Promise<string | undefined> => {
      const ticket = ++checks;
      const message = await options.validate?.(value);
      if (ticket === checks) box.validationMessage = message;
      return message;
    };
    return new Promise<string | Back | undefined>((resolve) => {
      const disposables: vscode.Disposable[] = [];
      const finish = (result: string | Back | undefined) => {
        for (const d of disposables) d.dispose();
        if (this.current === box) this.current = undefined;
        box.dispose();
        resolve(result);
      };
      disposables.push(
        box.onDidTriggerButton((b) => {
          if (b === vscode.QuickInputButtons.Back) finish(BACK);
        }),
        box.onDidChangeValue((v) => void check(v)),
        box.onDidAccept(async () => {
          const value = box.value;
          box.busy = true;
          const problem = await check(value);
          box.busy = false;
          if (problem === undefined) finish(value);
        }),
        box.onDidHide(() => finish(undefined)),
      );
      this.current = box;
      box.show();
      this.shown.fire(box);
    });
  }

  /** A final confirmation as a two-item pick (keyboard-friendly, answerable in tests). */
  async confirm(options: ConfirmOptions): Promise<boolean | Back | undefined> {
    const yes: vscode.QuickPickItem = { label: `$(check) ${options.confirmLabel}`, detail: options.detail };
    const no: vscode.QuickPickItem = { label: `$(close) ${vscode.l10n.t('Cancel')}` };
    const answer = await this.pick({ ...options, placeholder: options.summary, items: [yes, no], matchOnDescription: false });
    if (answer === BACK || answer === undefined) return answer;
    return answer === yes;
  }

  dispose(): void {
    this.current?.dispose();
    this.shown.dispose();
  }
}
