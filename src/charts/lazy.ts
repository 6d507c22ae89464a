// The chart commands as activation registers them: the panel, the data loading and the series
// code live in their own bundle (dist/charts.js), required on the first chart command.
import * as vscode from 'vscode';
import type { RetracValues } from '../hover';
import type { ItemRef, LocationRef, StockCharts } from './index';

export class LazyStockCharts implements vscode.Disposable {
  private charts: StockCharts | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly context: vscode.ExtensionContext, private readonly values: RetracValues) {
    this.disposables = [
      vscode.commands.registerCommand('retrac.showStockHistory', async (ref?: ItemRef) => (await this.load()).showStockHistory(ref)),
      vscode.commands.registerCommand('retrac.showLocationChart', async (ref?: LocationRef) => (await this.load()).showLocationChart(ref)),
    ];
  }

  /** The charts part, loading its bundle the first time. */
  load(): Promise<StockCharts> {
    if (!this.charts) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(this.context.asAbsolutePath('dist/charts.js')) as typeof import('./index');
      this.charts = new mod.StockCharts(this.context, this.values);
    }
    return Promise.resolve(this.charts);
  }

  /** Whether the bundle was loaded (the smoke test checks activation leaves it alone). */
  get loaded(): boolean {
    return this.charts !== undefined;
  }

  dispose(): void {
    this.charts?.dispose();
    for (const d of this.disposables.reverse()) d.dispose();
  }
}
