// The lazily loaded part of "Retrac values in code" (its own bundle, dist/insights.js): the
// lookup, the hover and completion implementations and the charts panel. ./lazy registers the
// providers and commands at activation and requires this bundle on first use.
import type * as vscode from 'vscode';
import type { RetracConnection } from '../accounts/connection';
import { StockCharts } from '../charts';
import { RetracCompletions } from '../completion';
import { RetracHovers, RetracValues } from '../hover';
import type { InventoryEvents } from '../inventoryEvents';
import type { Logger } from '../log';
import type { ExplorerProvider } from '../tree/provider';

export interface InsightsParts extends vscode.Disposable {
  values: RetracValues;
  hovers: RetracHovers;
  completions: RetracCompletions;
  charts: StockCharts;
}

export function createInsights(
  context: vscode.ExtensionContext, connection: RetracConnection, explorer: () => ExplorerProvider | undefined, events: InventoryEvents, log: Logger,
): InsightsParts {
  const values = new RetracValues(connection, explorer, events, log);
  const hovers = new RetracHovers(values);
  const completions = new RetracCompletions(values);
  const charts = new StockCharts(context, values);
  return {
    values, hovers, completions, charts,
    dispose() {
      for (const d of [charts, completions, hovers, values]) d.dispose();
    },
  };
}
