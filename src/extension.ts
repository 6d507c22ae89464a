// The composition root: the only place where the parts are created and wired together.
// Activation stays cheap: it loads dist/extension.js (the accounts' state, the status bar, the
// thin forwarders) and registers commands, views and listeners only. The explorer (dist/explorer.js)
// loads when its view first asks for rows or an explorer command runs; the leak diagnostics
// (dist/leak-diagnostics.js) load right after `activate` returns, and scan the open documents then.
import * as vscode from 'vscode';
import { RetracLog } from './log';
import { InventoryEvents } from './inventoryEvents';
import { QuickInputs } from './quickInput';
import { Accounts } from './accounts';
import type { InventoryExplorer } from './tree';
import { LazyExplorer } from './tree/lazy';
import type { LeakDiagnostics } from './diagnostics';
import { DIAGNOSTICS_COMMANDS } from './diagnostics/commands';
import { InventoryEdits } from './edits';
import { LazyInsights } from './insights/lazy';
import { LazyPart } from './lazyPart';
import { showError } from './showError';

/** What `activate` returns: used by the integration tests to reach the parts. */
export interface RetracExtensionApi {
  log: RetracLog;
  events: InventoryEvents;
  inputs: QuickInputs;
  accounts: Accounts;
  /** The explorer (loaded by the first read of this property if it was not yet). */
  readonly explorer: InventoryExplorer;
  /** The leak diagnostics (loaded right after activation; by the first read of this property if earlier). */
  readonly diagnostics: LeakDiagnostics;
  edits: InventoryEdits;
  /** Hovers, completions, stock charts (loaded on first use: `insights.load()`) and the walkthrough. */
  insights: LazyInsights;
  /** The parts loaded after activation, with when they loaded (for the smoke test). */
  lazy: { explorer: LazyExplorer; diagnostics: LazyPart<LeakDiagnostics> };
  /** performance.now() when `activate` returned. */
  activatedAt: number;
  /** When `activate` started and returned, as timeOrigin + performance.now() (to compare with VS Code's activation marks). */
  activationClock: { started: number; returned: number };
  /** Milliseconds `activate` took. */
  activationMs: number;
  /** The same, part by part ("accounts 1.2", …), in ms. */
  activationParts: string[];
  /** CPU time of the extension host process during `activate`, in ms. */
  activationCpuMs: number;
}

export function activate(context: vscode.ExtensionContext): RetracExtensionApi {
  const startedClock = performance.timeOrigin + performance.now();
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
  // Their own bundles (lazyBundles in esbuild.mjs), required synchronously when first needed.
  const explorer = timed('explorer', () => new LazyExplorer((attachView) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { InventoryExplorer } = require('./tree/index') as typeof import('./tree/index');
    return new InventoryExplorer(context, accounts, events, log.logger('tree'), attachView, true);
  }));
  const diagnostics = timed('diagnostics', () => new LazyPart(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { LeakDiagnostics } = require('./diagnostics/index') as typeof import('./diagnostics/index');
    return new LeakDiagnostics(context, log.logger('scan'), () => accounts.profile?.workspaceSlug);
  }, DIAGNOSTICS_COMMANDS));
  const edits = timed('edits', () => new InventoryEdits(context, accounts, events, { reveal: (target) => explorer.get().reveal(target) }, inputs, log.logger('edit')));
  context.subscriptions.push(edits, diagnostics, explorer, accounts, inputs, events, log);
  // Live values in code: thin providers now, the implementation bundle on the first hover/completion/chart.
  const insights = timed('insights', () => new LazyInsights(context, accounts, () => explorer.loaded?.provider, events, log.logger('values')));
  context.subscriptions.push(insights);
  const activatedAt = performance.now();
  const activationMs = activatedAt - started;
  // CPU time of the extension host process meanwhile: less disturbed than wall time by a busy machine.
  const cpu = process.cpuUsage(cpuStarted);
  const activationCpuMs = (cpu.user + cpu.system) / 1000;
  laps.push(`cpu ${activationCpuMs.toFixed(1)}`);
  log.logger().info(`Retrac activated in ${activationMs.toFixed(1)} ms (${laps.join(', ')} ms; VS Code ${vscode.version}, ${vscode.env.appName})`);
  // Most windows scan their open documents: the scanner loads as soon as activation has returned.
  const soon = setImmediate(() => {
    const loadStarted = performance.now();
    let leaks: LeakDiagnostics;
    try {
      leaks = diagnostics.get();
    } catch (e) {
      // Fail closed, and say so: without the scanner no file is checked for leaked keys.
      log.logger().error(e instanceof Error ? e : String(e));
      void showError(vscode.l10n.t('Retrac leak detection could not start, so open files are not checked for keys: {0}', e instanceof Error ? e.message : String(e)));
      return;
    }
    const loaded = performance.now();
    log.logger().info(`Leak diagnostics loaded ${(loadStarted - activatedAt).toFixed(1)} ms after activation, in ${(loaded - loadStarted).toFixed(1)} ms`);
    const first = leaks.scans.onDidScan(() => {
      first.dispose();
      log.logger().info(`First leak diagnostics ${(performance.now() - activatedAt).toFixed(1)} ms after activation`);
    });
    context.subscriptions.push(first);
  });
  context.subscriptions.push({ dispose: () => clearImmediate(soon) });
  return {
    activationClock: { started: startedClock, returned: performance.timeOrigin + performance.now() },
    log, events, inputs, accounts, edits, insights, activatedAt, activationMs, activationParts: laps, activationCpuMs,
    get explorer() {
      return explorer.get();
    },
    get diagnostics() {
      return diagnostics.get();
    },
    lazy: { explorer, diagnostics },
  };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions and disposed by VS Code.
}
