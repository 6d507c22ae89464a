// Hand-made SVG for the two pictures: a step chart (on hand per location over time, transfers as
// dashed markers) and a horizontal bar chart (top items at a location). Strings, no DOM, so the
// same code is unit-tested and benchmarked in Node and runs in the webview. Colours are CSS
// classes the webview maps to the theme's chart colours (--vscode-charts-*).
import type { LocationChartData, StockHistoryData } from './series';

export const SERIES_CLASSES = 6;
const PAD = { left: 56, right: 12, top: 12, bottom: 28 };

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function day(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** An axis label precise enough for the span shown: dates, or times within a day or two. */
function tick(t: number, span: number): string {
  const iso = new Date(t).toISOString();
  if (span < 10 * 60_000) return iso.slice(11, 19);
  if (span < 2 * 86_400_000) return iso.slice(5, 16).replace('T', ' ');
  return iso.slice(0, 10);
}

/** The stock history as one SVG: a step line per location (at most `maxSeries`, most stock first). */
export function historySvg(data: StockHistoryData, width: number, height: number, ariaLabel: string, maxSeries = 8): string {
  const w = Math.max(160, Math.floor(width));
  const h = Math.max(120, Math.floor(height));
  const series = data.series.slice(0, maxSeries);
  let t0 = Infinity;
  let t1 = -Infinity;
  let qMax = 0;
  for (const s of series) for (const p of s.points) {
    if (p.t < t0) t0 = p.t;
    if (p.t > t1) t1 = p.t;
    if (p.q > qMax) qMax = p.q;
  }
  if (!Number.isFinite(t0)) {
    t0 = Date.now() - 86_400_000;
    t1 = Date.now();
  }
  if (t1 <= t0) t1 = t0 + 1;
  const yMax = niceMax(qMax);
  const iw = w - PAD.left - PAD.right;
  const ih = h - PAD.top - PAD.bottom;
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * iw;
  const y = (q: number) => PAD.top + ih - (q / yMax) * ih;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeXml(ariaLabel)}">`);
  // Grid and axes.
  for (let i = 0; i <= 4; i++) {
    const q = (yMax / 4) * i;
    const yy = y(q).toFixed(1);
    parts.push(`<line class="grid" x1="${PAD.left}" x2="${w - PAD.right}" y1="${yy}" y2="${yy}"/><text class="axis" x="${PAD.left - 6}" y="${yy}" text-anchor="end" dominant-baseline="middle">${Math.round(q).toLocaleString('en-US')}</text>`);
  }
  const ticks = Math.max(2, Math.min(6, Math.floor(iw / 110)));
  for (let i = 0; i <= ticks; i++) {
    const t = t0 + ((t1 - t0) / ticks) * i;
    parts.push(`<text class="axis" x="${x(t).toFixed(1)}" y="${h - 8}" text-anchor="${i === 0 ? 'start' : i === ticks ? 'end' : 'middle'}">${tick(t, t1 - t0)}</text>`);
  }
  // Transfers: dashed verticals with a title (hover) naming from → to.
  for (const m of data.transfers) {
    const xx = x(m.t).toFixed(1);
    parts.push(`<line class="transfer" x1="${xx}" x2="${xx}" y1="${PAD.top}" y2="${PAD.top + ih}"><title>${escapeXml(`${day(m.t)} ${m.label}`)}</title></line>`);
  }
  series.forEach((s, i) => {
    let d = '';
    let prevY: string | undefined;
    for (const p of s.points) {
      const xx = x(p.t).toFixed(1);
      const yy = y(p.q).toFixed(1);
      d += prevY === undefined ? `M${xx} ${yy}` : `H${xx}V${yy}`;
      prevY = yy;
    }
    parts.push(`<path class="series s${i % SERIES_CLASSES}" d="${d}"><title>${escapeXml(`${s.name}: ${s.current.toLocaleString('en-US')} now`)}</title></path>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/** Top items at a location as horizontal bars, largest first. */
export function barsSvg(data: LocationChartData, width: number, ariaLabel: string): string {
  const w = Math.max(200, Math.floor(width));
  const row = 22;
  const label = Math.min(180, Math.floor(w * 0.35));
  const h = Math.max(40, data.bars.length * row + 8);
  const max = niceMax(data.bars[0]?.onHand ?? 0);
  const iw = w - label - 70;
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeXml(ariaLabel)}">`];
  data.bars.forEach((b, i) => {
    const yy = 4 + i * row;
    const bw = Math.max(1, (b.onHand / max) * iw);
    parts.push(
      `<text class="label" x="${label - 6}" y="${yy + row / 2}" text-anchor="end" dominant-baseline="middle">${escapeXml(b.sku)}</text>`,
      `<rect class="bar s${i % SERIES_CLASSES}" x="${label}" y="${yy + 3}" width="${bw.toFixed(1)}" height="${row - 6}"><title>${escapeXml(`${b.sku} ${b.description}: ${b.onHand}`)}</title></rect>`,
      `<text class="value" x="${(label + bw + 6).toFixed(1)}" y="${yy + row / 2}" dominant-baseline="middle">${b.onHand.toLocaleString('en-US')}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
