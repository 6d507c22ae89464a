// "Retrac: Show Stock History" (an item's on hand per location over time, transfers marked) and
// "Retrac: Show Location Stock Chart" (top items by on hand at a location), each in a webview.
// The extension side loads the data and builds the series (./series); the webview bundle
// (dist/webview/charts.js, its own esbuild entry) only draws. CSP with a nonce, no remote
// resources, localResourceRoots limited to dist/webview. Part of the lazily loaded
// dist/insights.js (see ../insights/lazy), never loaded at activation.
import * as vscode from 'vscode';
import { pickItemBySearch } from '../itemSearchPick';
import type { Balance, Location, Movement } from '../api/types';
import type { RetracValues } from '../hover';
import { isAbortError } from '../inventoryCache';
import { Disposable, DisposableStore } from '../lifecycle';
import { buildLocationChart, buildStockHistory, type ChartData } from './series';
import { errorMessage, showError } from '../showError';

const t = vscode.l10n.t;
/** Movements loaded for one history (100 pages of the API's maximum 100); older ones are left out and the view says so. */
export const MAX_MOVEMENTS = 10_000;
const MOVEMENT_PAGE = 100;
const BALANCE_PAGE = 500;
const MAX_BALANCE_PAGES = 4;

export interface ItemRef {
  item?: { id: string; sku?: string; description?: string };
  balance?: Balance;
}
export interface LocationRef {
  location?: { id: string; name?: string };
}

export class StockCharts extends Disposable {
  /** The data handed to the webview last (tests check the series). */
  lastData: ChartData | undefined;
  /** Milliseconds the webview took to draw the last data (it reports back). */
  lastRenderMs: number | undefined;
  panel: vscode.WebviewPanel | undefined;
  private readonly renderedEmitter = this.register(new vscode.EventEmitter<number>());
  /** Fires with the render time each time the webview has drawn. */
  readonly onDidRender = this.renderedEmitter.event;

  constructor(private readonly context: vscode.ExtensionContext, private readonly values: RetracValues) {
    super();
    // The panel is made later; it goes first (last in, first out).
    this.register({ dispose: () => void this.panel?.dispose() });
  }

  async showStockHistory(ref?: ItemRef): Promise<ChartData | undefined> {
    const target = ref?.item ?? (ref?.balance ? { id: ref.balance.itemId, sku: ref.balance.item.sku, description: ref.balance.item.description } : undefined) ?? (await this.pickItem());
    if (!target) return undefined;
    return this.load(t('Loading the stock history of {0}…', target.sku ?? target.id), async (ctx, signal, progress) => {
      const balances = await this.balances(ctx.client, { itemId: target.id }, signal);
      const movements: Movement[] = [];
      let truncated = false;
      for (let page = 1; ; page++) {
        const rows = await ctx.client.listMovements({ itemId: target.id, page, pageSize: MOVEMENT_PAGE }, { signal });
        movements.push(...rows);
        progress(movements.length);
        if (rows.length < MOVEMENT_PAGE) break;
        if (movements.length >= MAX_MOVEMENTS) {
          truncated = true;
          break;
        }
      }
      let head = { sku: target.sku ?? balances.rows[0]?.item.sku, description: target.description ?? balances.rows[0]?.item.description };
      if (!head.sku) {
        const item = await ctx.client.getItem(target.id, { signal });
        head = { sku: item.sku, description: item.description };
      }
      const locations = ctx.can('locations.read') ? await this.values.lookup.locations(ctx, signal).catch(() => []) : [];
      const names = new Map(locations.map((l) => [l.id, l.name]));
      return buildStockHistory({ sku: head.sku ?? target.id, description: head.description }, balances.rows, movements, truncated, (id) => names.get(id), Date.now(), t('revert'));
    });
  }

  async showLocationChart(ref?: LocationRef): Promise<ChartData | undefined> {
    const target = ref?.location ?? (await this.pickLocation());
    if (!target) return undefined;
    return this.load(t('Loading the stock at {0}…', target.name ?? target.id), async (ctx, signal) => {
      const balances = await this.balances(ctx.client, { locationId: target.id }, signal);
      const name = target.name ?? balances.rows[0]?.location.name ?? target.id;
      return buildLocationChart(name, balances.rows, balances.truncated);
    });
  }

  private async balances(client: NonNullable<Awaited<ReturnType<RetracValues['context']>>>['client'], filter: { itemId?: string; locationId?: string }, signal: AbortSignal): Promise<{ rows: Balance[]; truncated: boolean }> {
    const rows: Balance[] = [];
    for (let page = 1; page <= MAX_BALANCE_PAGES; page++) {
      const got = await client.listBalances({ ...filter, page, pageSize: BALANCE_PAGE }, { signal });
      rows.push(...got);
      if (got.length < BALANCE_PAGE) return { rows, truncated: false };
    }
    return { rows, truncated: true };
  }

  private async load(
    title: string,
    build: (ctx: NonNullable<Awaited<ReturnType<RetracValues['context']>>>, signal: AbortSignal, progress: (n: number) => void) => Promise<ChartData>,
  ): Promise<ChartData | undefined> {
    const blocked = this.values.blocked('hover') === 'disabled' ? undefined : this.values.blocked('hover');
    if (blocked === 'untrusted') {
      void vscode.window.showWarningMessage(t('Retrac calls the API only in a trusted workspace.'));
      return undefined;
    }
    if (blocked === 'no profile') {
      void vscode.window.showWarningMessage(t('Add a Retrac API key or use the local sandbox first.'));
      return undefined;
    }
    try {
      const data = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (p, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          const ctx = await this.values.context();
          if (!ctx) throw new Error(t('No Retrac profile is active.'));
          return await build(ctx, abort.signal, (n) => p.report({ message: t('{0} movements', n.toLocaleString('en-US')) }));
        } finally {
          sub.dispose();
        }
      });
      this.showData(data);
      return data;
    } catch (e) {
      if (isAbortError(e)) return undefined;
      // The accounts part's own errors already read as a sentence (their class lives in the main bundle).
      const message = e instanceof Error && /^(AccountError|SecretStorageError)$/.test(e.name) ? e.message : errorMessage(e);
      this.values.log.warn(`chart: ${message}`);
      void showError(t('Cannot load the chart: {0}', message));
      return undefined;
    }
  }

  /** Shows prepared data in the panel (the commands' last step; the render bench feeds it directly). */
  showData(data: ChartData): void {
    this.lastData = data;
    this.lastRenderMs = undefined;
    const title = data.kind === 'history' ? t('Stock History: {0}', data.sku) : t('Stock at {0}', data.title);
    const root = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview');
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel('retrac.chart', title, vscode.ViewColumn.Beside, {
        enableScripts: true,
        localResourceRoots: [root],
        retainContextWhenHidden: false,
      });
      this.panel = panel;
      panel.webview.html = html(panel.webview, root);
      // The panel's listeners go with the panel (a closed chart leaves nothing behind).
      const listeners = new DisposableStore();
      listeners.add(panel.webview.onDidReceiveMessage((m: { type: string; ms?: number }) => {
        if (m.type === 'ready') this.post();
        else if (m.type === 'rendered' && typeof m.ms === 'number') {
          this.lastRenderMs = m.ms;
          this.renderedEmitter.fire(m.ms);
        }
      }));
      listeners.add(panel.onDidDispose(() => {
        if (this.panel === panel) this.panel = undefined;
        listeners.dispose();
      }));
    } else {
      this.panel.title = title;
      this.panel.reveal(undefined, true);
      this.post();
    }
  }

  private post(): void {
    if (!this.panel || !this.lastData) return;
    void this.panel.webview.postMessage({ type: 'show', data: this.lastData, strings: webviewStrings() });
  }

  private async pickItem(): Promise<{ id: string; sku: string; description: string } | undefined> {
    const ctx = await this.values.context().catch(() => undefined);
    if (!ctx) {
      void vscode.window.showWarningMessage(t('Add a Retrac API key or use the local sandbox first.'));
      return undefined;
    }
    return pickItemBySearch({ title: t('Show Stock History'), client: () => Promise.resolve(ctx.client) });
  }

  private async pickLocation(): Promise<{ id: string; name: string } | undefined> {
    const ctx = await this.values.context().catch(() => undefined);
    if (!ctx) {
      void vscode.window.showWarningMessage(t('Add a Retrac API key or use the local sandbox first.'));
      return undefined;
    }
    const abort = new AbortController();
    type Pick = vscode.QuickPickItem & { location: Location };
    const items: Promise<Pick[]> = this.values.lookup.locations(ctx, abort.signal)
      .then((ls) => ls.map((l) => ({ label: l.name, description: `${l.type}${l.active ? '' : ` · ${t('inactive')}`}`, location: l })));
    const picked = await vscode.window.showQuickPick<Pick>(items, { title: t('Show Location Stock Chart'), placeHolder: t('Which location?') });
    return picked ? { id: picked.location.id, name: picked.location.name } : undefined;
  }
}

function webviewStrings(): Record<string, string> {
  return {
    historyAria: t('On hand per location over time: {0}', '{0}'),
    barsAria: t('Top items by on hand at {0}', '{0}'),
    historyCaption: t('Movements, newest first'),
    when: t('When'),
    location: t('Location'),
    movement: t('Movement'),
    change: t('Change'),
    onHandAfter: t('On hand after'),
    transfer: t('Transfer'),
    barsCaption: t('Top items by on hand'),
    description: t('Description'),
    onHand: t('On hand'),
    summary: t('{0} movements'),
    truncated: t('Older movements were not loaded (the first {0} are shown): the chart starts at the oldest loaded one.', MAX_MOVEMENTS.toLocaleString('en-US')),
    downsampled: t('Long series are downsampled for drawing (the lowest and highest level of each interval are kept); the table lists every movement.'),
    transfersMarked: t('Dashed lines mark transfers.'),
    barsSummary: t('{0} items in stock, {1} units'),
    barsTruncated: t('Only the first balance rows were loaded.'),
  };
}

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  for (const b of bytes) out += chars[b % chars.length];
  return out;
}

function html(webview: vscode.Webview, root: vscode.Uri): string {
  const n = nonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(root, 'charts.js'));
  const csp = `default-src 'none'; img-src ${webview.cspSource}; style-src 'nonce-${n}'; script-src 'nonce-${n}';`;
  const series = Array.from({ length: 6 }, (_, i) => {
    const c = ['blue', 'orange', 'green', 'purple', 'red', 'yellow'][i];
    return `.s${i}{stroke:var(--vscode-charts-${c});fill:var(--vscode-charts-${c})}`;
  }).join('');
  return `<!DOCTYPE html><html lang="${vscode.env.language}"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${n}">
body{font-family:var(--vscode-font-family);font-size:var(--vscode-font-size);color:var(--vscode-foreground);background:var(--vscode-editor-background);padding:0 16px 16px}
h1{font-size:1.2em;font-weight:600;margin:12px 0 4px}
#notes{color:var(--vscode-descriptionForeground);margin:0 0 8px}
#chart{width:100%;min-height:120px}
svg text{fill:var(--vscode-descriptionForeground);font-size:11px}
svg .grid{stroke:var(--vscode-editorWidget-border,var(--vscode-panel-border));stroke-width:1;opacity:.5}
svg .series{fill:none;stroke-width:2}
svg .transfer{stroke:var(--vscode-charts-foreground,var(--vscode-foreground));stroke-dasharray:4 3;opacity:.6}
svg text.label,svg text.value{fill:var(--vscode-foreground)}
${series}
#legend .key{display:inline-flex;align-items:center;margin-right:12px}
#legend .swatch{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px;background:currentColor}
${Array.from({ length: 6 }, (_, i) => `#legend .swatch.s${i}{background:var(--vscode-charts-${['blue', 'orange', 'green', 'purple', 'red', 'yellow'][i]})}`).join('')}
table{border-collapse:collapse;margin-top:12px;width:100%}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{text-align:left;padding:2px 8px;border-bottom:1px solid var(--vscode-editorWidget-border,transparent)}
.num{text-align:right;font-variant-numeric:tabular-nums}
tr.transfer-row td{color:var(--vscode-textLink-foreground)}
table:focus,button:focus{outline:1px solid var(--vscode-focusBorder)}
button{color:var(--vscode-button-foreground);background:var(--vscode-button-background);border:none;padding:2px 10px;margin:6px 4px 0 0}
button:disabled{opacity:.5}
</style><title>Retrac chart</title></head><body>
<h1 id="title"></h1><p id="notes" role="status"></p>
<div id="chart"></div><div id="legend"></div>
<table id="table" tabindex="0"></table>
<div id="pager" hidden><button id="prev" type="button">‹</button><span id="pageInfo"></span> <button id="next" type="button">›</button></div>
<script nonce="${n}" src="${script.toString()}"></script>
</body></html>`;
}
