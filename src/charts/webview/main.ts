// The charts webview (its own browser bundle, dist/webview/charts.js; never loaded by the
// extension host). Receives one ChartData message, draws the SVG, fills a keyboard-reachable table
// of the same data (paged), redraws on resize, and reports its render time back.
import { TABLE_PAGE, type ChartData, type HistoryRow, type StockHistoryData } from '../series';
import { barsSvg, escapeXml, historySvg, SERIES_CLASSES } from '../svg';

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const $ = (id: string) => document.getElementById(id)!;
let data: ChartData | undefined;
let page = 0;
let strings: Record<string, string> = {};
const s = (key: string, fallback: string) => strings[key] ?? fallback;

function render(): void {
  if (!data) return;
  const started = performance.now();
  const chart = $('chart');
  const width = chart.clientWidth || 600;
  if (data.kind === 'history') {
    chart.innerHTML = historySvg(data, width, Math.max(220, Math.min(420, window.innerHeight * 0.45)), s('historyAria', '{0}').replace('{0}', data.title));
    $('legend').innerHTML = legend(data);
  } else {
    chart.innerHTML = barsSvg(data, width, s('barsAria', '{0}').replace('{0}', data.title));
    $('legend').innerHTML = '';
  }
  renderTable();
  // Reported once the frame with the new picture is laid out and painted, not when the strings are built.
  requestAnimationFrame(() => setTimeout(() => vscode.postMessage({ type: 'rendered', ms: performance.now() - started, width }), 0));
}

function legend(d: StockHistoryData): string {
  return d.series.slice(0, 8).map((sr, i) =>
    `<span class="key"><span class="swatch s${i % SERIES_CLASSES}"></span>${escapeXml(sr.name)} (${sr.current.toLocaleString('en-US')})</span>`).join('');
}

function renderTable(): void {
  if (!data) return;
  const table = $('table') as HTMLTableElement;
  if (data.kind === 'history') {
    const rows = data.rows;
    const pages = Math.max(1, Math.ceil(rows.length / TABLE_PAGE));
    page = Math.min(page, pages - 1);
    const slice = rows.slice(page * TABLE_PAGE, (page + 1) * TABLE_PAGE);
    table.innerHTML = `<caption>${escapeXml(s('historyCaption', 'Movements, newest first'))}</caption>`
      + `<thead><tr><th scope="col">${s('when', 'When')}</th><th scope="col">${s('location', 'Location')}</th><th scope="col">${s('movement', 'Movement')}</th><th scope="col" class="num">${s('change', 'Change')}</th><th scope="col" class="num">${s('onHandAfter', 'On hand after')}</th><th scope="col">${s('transfer', 'Transfer')}</th></tr></thead><tbody>`
      + slice.map(historyRow).join('') + '</tbody>';
    $('pager').hidden = pages <= 1;
    $('pageInfo').textContent = `${page + 1} / ${pages}`;
    ($('prev') as HTMLButtonElement).disabled = page === 0;
    ($('next') as HTMLButtonElement).disabled = page >= pages - 1;
  } else {
    table.innerHTML = `<caption>${escapeXml(s('barsCaption', 'Top items by on hand'))}</caption>`
      + `<thead><tr><th scope="col">SKU</th><th scope="col">${s('description', 'Description')}</th><th scope="col" class="num">${s('onHand', 'On hand')}</th></tr></thead><tbody>`
      + (data).bars.map((b) => `<tr><td>${escapeXml(b.sku)}</td><td>${escapeXml(b.description)}</td><td class="num">${b.onHand.toLocaleString('en-US')}</td></tr>`).join('')
      + '</tbody>';
    $('pager').hidden = true;
  }
}

function historyRow(r: HistoryRow): string {
  const when = new Date(r.t).toISOString().replace('T', ' ').slice(0, 16);
  const sign = r.delta > 0 ? '+' : '−';
  return `<tr${r.transferId ? ' class="transfer-row"' : ''}><td>${when}</td><td>${escapeXml(r.location)}</td><td>${escapeXml(r.type.replace(/_/g, ' '))}</td>`
    + `<td class="num">${sign}${Math.abs(r.delta).toLocaleString('en-US')}</td><td class="num">${r.after.toLocaleString('en-US')}</td><td>${r.transferId ? escapeXml(r.transferId) : ''}</td></tr>`;
}

function notes(): void {
  if (!data) return;
  $('title').textContent = data.title;
  const lines: string[] = [];
  if (data.kind === 'history') {
    lines.push(s('summary', '{0} movements').replace('{0}', data.movementCount.toLocaleString('en-US')));
    if (data.truncated) lines.push(s('truncated', 'Older movements were not loaded: the chart starts at the oldest loaded one.'));
    if (data.downsampled) lines.push(s('downsampled', 'Long series are downsampled for drawing (the lowest and highest level of each interval are kept); the table lists every movement.'));
    if (data.transfers.length) lines.push(s('transfersMarked', 'Dashed lines mark transfers.'));
  } else {
    lines.push(s('barsSummary', '{0} items in stock, {1} units').replace('{0}', data.itemCount.toLocaleString('en-US')).replace('{1}', data.totalOnHand.toLocaleString('en-US')));
    if (data.truncated) lines.push(s('barsTruncated', 'Only the first balance rows were loaded.'));
  }
  $('notes').textContent = lines.join(' · ');
}

window.addEventListener('message', (e: MessageEvent<{ type: string; data?: ChartData; strings?: Record<string, string> }>) => {
  if (e.data.type === 'show' && e.data.data) {
    data = e.data.data;
    strings = e.data.strings ?? {};
    page = 0;
    notes();
    render();
  }
});
$('prev').addEventListener('click', () => {
  page = Math.max(0, page - 1);
  renderTable();
});
$('next').addEventListener('click', () => {
  page++;
  renderTable();
});
let resizeTimer: ReturnType<typeof setTimeout> | undefined;
new ResizeObserver(() => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(render, 50);
}).observe($('chart'));
vscode.postMessage({ type: 'ready' });
