// Answers the extension's real quick inputs (src/quickInput.ts) the way a user would, through the
// workbench: start a command without awaiting it, then `await driver.type(...)` / `pick(...)` for
// each step it shows. Steps shown before the test asks for them are queued, so nothing is missed.
//
//   const driver = new InputDriver(api.inputs);
//   const done = vscode.commands.executeCommand('retrac.addApiKey');
//   await driver.type(key);                                     // input box: set value, accept
//   await driver.pick((item) => item.description === wsId);     // quick pick: make it active, accept
//   await driver.search('BOLT-1');                              // type-to-search pick: search, pick the match
//   const outcome = await done;
//   driver.dispose();
import * as vscode from 'vscode';
import type { QuickInputs } from '../../src/quickInput';

type Shown = vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox;
type ItemMatch = string | RegExp | ((item: vscode.QuickPickItem) => boolean);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function isPick(input: Shown): input is vscode.QuickPick<vscode.QuickPickItem> {
  return 'items' in input;
}

function matches(item: vscode.QuickPickItem, match: ItemMatch): boolean {
  if (typeof match === 'function') return match(item);
  if (typeof match === 'string') return item.label.includes(match);
  return match.test(item.label);
}

export class InputDriver implements vscode.Disposable {
  private readonly queue: Shown[] = [];
  private waiter: ((input: Shown) => void) | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(inputs: QuickInputs, private readonly timeoutMs = 15_000) {
    this.subscription = inputs.onDidShow((input) => {
      if (this.waiter) {
        const w = this.waiter;
        this.waiter = undefined;
        w(input);
      } else this.queue.push(input);
    });
  }

  /** The next step the extension shows (waits for it). */
  next(what = 'a quick input step'): Promise<Shown> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new Error(`no quick input was shown within ${this.timeoutMs} ms (waiting for ${what})`));
      }, this.timeoutMs);
      this.waiter = (input) => {
        clearTimeout(timer);
        resolve(input);
      };
    });
  }

  /** The next step, left for the following call to answer (read its title, prompt, step numbers). */
  async peek(what = 'a quick input step'): Promise<Shown> {
    const input = await this.next(what);
    this.queue.unshift(input);
    return input;
  }

  private async nextPick(): Promise<vscode.QuickPick<vscode.QuickPickItem>> {
    const input = await this.next('a quick pick');
    if (!isPick(input)) throw new Error(`expected a quick pick, got the input box “${input.title ?? ''}”`);
    return input;
  }

  private async until<T>(what: string, probe: () => T | undefined | false, shown?: () => string): Promise<T> {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const v = probe();
      if (v !== undefined && v !== false) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${shown ? `: ${shown()}` : ''}`);
      await sleep(40);
    }
  }

  /** Answers the next input box with `value` and accepts it. Returns the box (its title, prompt, validation message). */
  async type(value: string): Promise<vscode.InputBox> {
    const input = await this.next(`an input box to type into`);
    if (isPick(input)) throw new Error(`expected an input box, got the quick pick “${input.title ?? ''}”`);
    input.value = value;
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    return input;
  }

  /**
   * Types a value the next input box should refuse, accepts, and returns the validation message
   * it shows. The box stays open: the next `type()` answers the same box.
   */
  async typeRefused(value: string): Promise<string> {
    const input = await this.next('an input box to type into');
    if (isPick(input)) throw new Error(`expected an input box, got the quick pick “${input.title ?? ''}”`);
    input.validationMessage = undefined;
    input.value = value;
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const deadline = Date.now() + this.timeoutMs;
    while (!input.validationMessage) {
      if (Date.now() > deadline) throw new Error(`the input box accepted the value instead of refusing it`);
      await sleep(50);
    }
    this.queue.unshift(input);
    return input.validationMessage;
  }

  /** Picks the first item that matches in the next quick pick (waiting for its items to load) and accepts it. */
  async pick(match: ItemMatch): Promise<vscode.QuickPickItem> {
    return this.choose(await this.nextPick(), match);
  }

  /** Types `text` into the next (type-to-search) quick pick and picks the match among its answer. */
  async search(text: string, match: ItemMatch = text): Promise<vscode.QuickPickItem> {
    return this.searchIn(await this.nextPick(), text, match);
  }

  /**
   * Types `text` into `qp` and picks the match once the answer to this search is shown: choosing
   * from the list loaded at open, about to be replaced, would accept nothing or the wrong row.
   */
  async searchIn(qp: vscode.QuickPick<vscode.QuickPickItem>, text: string, match: ItemMatch = text): Promise<vscode.QuickPickItem> {
    qp.value = text;
    const needle = text.toLowerCase();
    await this.until(`the search results for "${text}"`, () =>
      !qp.busy && qp.items.length > 0 && qp.items.every((i) => `${i.label} ${i.description ?? ''}`.toLowerCase().includes(needle)));
    return this.choose(qp, match);
  }

  /**
   * Makes the first matching item of `qp` active and accepts, as Enter would: only once the pick
   * is not busy (a load or search answer may still replace its items) and the item is there, and
   * after a moment for the workbench to take the active item.
   */
  async choose(qp: vscode.QuickPick<vscode.QuickPickItem>, match: ItemMatch): Promise<vscode.QuickPickItem> {
    const item = await this.until(`an item matching ${String(match)} in “${qp.title ?? ''}”`, () => !qp.busy && qp.items.find((i) => matches(i, match)),
      () => qp.items.map((i) => i.label).join(' | '));
    qp.activeItems = [item];
    await sleep(60);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    return item;
  }

  /** Presses the Back button of the next step. */
  async back(): Promise<void> {
    await this.next('a step to go back from');
    await vscode.commands.executeCommand('workbench.action.quickInputBack');
  }

  /** Closes the next step (Escape). */
  async cancel(): Promise<void> {
    await this.next('a step to close');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  }

  dispose(): void {
    this.subscription.dispose();
    this.queue.length = 0;
  }
}
