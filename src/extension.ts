// The composition root: the only place where the parts are created and wired together.
// Activation stays cheap: constructors register commands, views and listeners only; the first
// API call, the sandbox and the workspace scan happen on demand.
import * as vscode from 'vscode';
import { RetracLog } from './log';
import { InventoryEvents } from './inventoryEvents';
import { QuickInputs } from './quickInput';
import { Accounts } from './accounts';
import { InventoryExplorer } from './tree';
import { LeakDiagnostics } from './diagnostics';
import { InventoryEdits } from './commands';
import { LazyInsights } from './insights/lazy';

/** What `activate` returns: used by the integration tests to reach the parts. */
export interface RetracExtensionApi {
  log: RetracLog;
  events: InventoryEvents;
  inputs: QuickInputs;
  accounts: Accounts;
  explorer: InventoryExplorer;
  diagnostics: LeakDiagnostics;
  edits: InventoryEdits;
  /** Hovers, completions, stock charts (loaded on first use: `insights.load()`) and the walkthrough. */
  insights: LazyInsights;
  /** Milliseconds `activate` took. */
  activationMs: number;
  /** The same, part by part ("accounts 1.2", …), in ms. */
  activationParts: string[];
  /** CPU time of the extension host process during `activate`, in ms. */
  activationCpuMs: number;
}

export function activate(context: vscode.ExtensionContext): RetracExtensionApi {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  // Where activation time goes, part by part, for the log line below.
  const laps: string[] = [];
  let lap = started;
  const timed = <T>(name: string, make: () => T): T => {
    const part = make();
    const now = performance.now();
    laps.push(`${name} ${(now - lap).toFixed(1)}`);
    lap = now;
    return part;
  };
  const log = timed('log', () => new RetracLog());
  const events = new InventoryEvents();
  const inputs = new QuickInputs();
  const accounts = timed('accounts', () => new Accounts(context, log, inputs));
  const explorer = timed('explorer', () => new InventoryExplorer(context, accounts, events, log.logger('tree')));
  const diagnostics = timed('diagnostics', () => new LeakDiagnostics(context, log.logger('scan'), () => accounts.profile?.workspaceSlug));
  const edits = timed('edits', () => new InventoryEdits(context, accounts, events, explorer, inputs, log.logger('edit')));
  context.subscriptions.push(edits, diagnostics, explorer, accounts, inputs, events, log);
  // Live values in code: thin providers now, the implementation bundle on the first hover/completion/chart.
  const insights = new LazyInsights(context, accounts, () => explorer.provider, events, log.logger('values'));
  context.subscriptions.push(insights);
  const activationMs = performance.now() - started;
  // CPU time of the extension host process meanwhile: less disturbed than wall time by a busy machine.
  const cpu = process.cpuUsage(cpuStarted);
  const activationCpuMs = (cpu.user + cpu.system) / 1000;
  laps.push(`cpu ${activationCpuMs.toFixed(1)}`);
  log.logger().info(`Retrac activated in ${activationMs.toFixed(1)} ms (${laps.join(', ')} ms; VS Code ${vscode.version}, ${vscode.env.appName})`);
  return { log, events, inputs, accounts, explorer, diagnostics, edits, insights, activationMs, activationParts: laps, activationCpuMs };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions and disposed by VS Code.
}
