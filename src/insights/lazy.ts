// What activation registers for "Retrac values in code": the hover and completion providers and
// the chart commands, as thin forwarders. The implementations (lookup, cache, Markdown, the charts
// panel) are a separate bundle, dist/insights.js, required on the first hover, completion request
// or chart command; most windows never pay for it.
import * as vscode from 'vscode';
import type { RetracConnection } from '../accounts/connection';
import type { InventoryEvents } from '../inventoryEvents';
import { Disposable } from '../lifecycle';
import type { Logger } from '../log';
import { registerCommand } from '../registerCommand';
import type { ExplorerProvider } from '../tree/provider';
import { commandNodeRef } from '../tree/ref';
import { Walkthrough } from '../walkthrough';
import type { InsightsParts } from './index';

const SELECTOR: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }];

export class LazyInsights extends Disposable {
  readonly walkthrough: Walkthrough;
  private parts: InsightsParts | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly connection: RetracConnection,
    private readonly explorer: () => ExplorerProvider | undefined,
    private readonly events: InventoryEvents,
    private readonly log: Logger,
  ) {
    super();
    this.walkthrough = this.register(new Walkthrough(events, log));
    this.register(vscode.languages.registerHoverProvider(SELECTOR, {
      provideHover: (document, position, token) => this.load().hovers.provideHover(document, position, token),
    }));
    this.register(vscode.languages.registerCompletionItemProvider(SELECTOR, {
      provideCompletionItems: (document, position, token) => this.load().completions.provideCompletionItems(document, position, token),
      resolveCompletionItem: (item, token) => this.load().completions.resolveCompletionItem(item, token),
    }, '=', '"', "'", ':', ' '));
    // From a tree row (its typed reference) or a hover link (a NodeRef): ../tree/ref.
    this.register(registerCommand('retrac.showStockHistory', (arg?: unknown) => this.load().charts.showStockHistory(commandNodeRef(arg)), log));
    this.register(registerCommand('retrac.showLocationChart', (arg?: unknown) => this.load().charts.showLocationChart(commandNodeRef(arg)), log));
    // The implementations go first (registered last: disposal is last in, first out).
    this.register({ dispose: () => {
      this.parts?.dispose();
      this.parts = undefined;
    } });
  }

  /** The implementations, requiring their bundle the first time. */
  load(): InsightsParts {
    if (!this.parts) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(this.context.asAbsolutePath('dist/insights.js')) as typeof import('./index');
      this.parts = mod.createInsights(this.context, this.connection, this.explorer, this.events, this.log);
    }
    return this.parts;
  }

  /** Whether the bundle was loaded. */
  get loaded(): boolean {
    return this.parts !== undefined;
  }
}
