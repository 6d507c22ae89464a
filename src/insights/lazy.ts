// What activation registers for "Retrac values in code": the hover and completion providers and
// the chart commands, as thin forwarders. The implementations (lookup, cache, Markdown, the charts
// panel) are a separate bundle, dist/insights.js, required on the first hover, completion request
// or chart command; most windows never pay for it.
import * as vscode from 'vscode';
import type { RetracConnection } from '../auth/connection';
import type { InventoryEvents } from '../inventoryEvents';
import type { Logger } from '../log';
import type { ExplorerProvider } from '../tree/provider';
import { commandNodeRef } from '../tree/ref';
import { Walkthrough } from '../walkthrough';
import type { InsightsParts } from './index';

const SELECTOR: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }];

export class LazyInsights implements vscode.Disposable {
  readonly walkthrough: Walkthrough;
  private parts: InsightsParts | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly connection: RetracConnection,
    private readonly explorer: () => ExplorerProvider | undefined,
    private readonly events: InventoryEvents,
    private readonly log: Logger,
  ) {
    this.walkthrough = new Walkthrough(events);
    this.disposables = [
      this.walkthrough,
      vscode.languages.registerHoverProvider(SELECTOR, {
        provideHover: (document, position, token) => this.load().hovers.provideHover(document, position, token),
      }),
      vscode.languages.registerCompletionItemProvider(SELECTOR, {
        provideCompletionItems: (document, position, token) => this.load().completions.provideCompletionItems(document, position, token),
        resolveCompletionItem: (item, token) => this.load().completions.resolveCompletionItem(item, token),
      }, '=', '"', "'", ':', ' '),
      // From a tree row (its typed reference) or a hover link (a NodeRef): ../tree/ref.
      vscode.commands.registerCommand('retrac.showStockHistory', (arg?: unknown) => this.load().charts.showStockHistory(commandNodeRef(arg))),
      vscode.commands.registerCommand('retrac.showLocationChart', (arg?: unknown) => this.load().charts.showLocationChart(commandNodeRef(arg))),
    ];
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

  dispose(): void {
    this.parts?.dispose();
    this.parts = undefined;
    for (const d of this.disposables.reverse()) d.dispose();
  }
}
