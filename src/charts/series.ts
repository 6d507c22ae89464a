// The data of the stock pictures, built on the extension side (pure: no vscode, no DOM) and
// handed to the webview as one message. Stock history: the on-hand per location over time,
// reconstructed backwards from today's balances through the item's movements (newest first),
// so a history cut at the oldest loaded movement is still exact for the period it shows.

import type { Balance, Movement, MovementType } from '../api/types';

export const INCOMING: ReadonlySet<MovementType> = new Set(['opening', 'adjustment_plus', 'transfer_in', 'transfer_revert_in']);

/** Points per series the chart draws at most; longer series are bucketed (min and max kept). */
export const MAX_POINTS_PER_SERIES = 1_000;
/** Table rows per page in the webview. */
export const TABLE_PAGE = 100;

export interface SeriesPoint {
  /** Epoch ms. */
  t: number;
  /** On hand after the movement. */
  q: number;
}

export interface LocationSeries {
  locationId: string;
  name: string;
  points: SeriesPoint[];
  /** On hand now. */
  current: number;
}

export interface HistoryRow {
  t: number;
  type: MovementType;
  locationId: string;
  location: string;
  delta: number;
  /** On hand at that location after the movement. */
  after: number;
  transferId?: string;
}

export interface TransferMark {
  t: number;
  transferId: string;
  /** e.g. "Main Warehouse → Van 1 · 20". */
  label: string;
}

export interface StockHistoryData {
  kind: 'history';
  title: string;
  sku: string;
  series: LocationSeries[];
  transfers: TransferMark[];
  /** Every movement as a table row, newest first (the webview pages it). */
  rows: HistoryRow[];
  movementCount: number;
  /** Older movements exist that were not loaded (the chart starts at the oldest loaded one). */
  truncated: boolean;
  /** Some series were bucketed to MAX_POINTS_PER_SERIES points. */
  downsampled: boolean;
  from?: number;
  to?: number;
}

export interface LocationBar {
  itemId: string;
  sku: string;
  description: string;
  onHand: number;
}

export interface LocationChartData {
  kind: 'location';
  title: string;
  bars: LocationBar[];
  /** Items with stock rows there (all, not only the top ones). */
  itemCount: number;
  totalOnHand: number;
  /** Balance rows beyond what was loaded exist. */
  truncated: boolean;
}

export type ChartData = StockHistoryData | LocationChartData;

/** Where a movement changes stock, and by how much. */
export function effectOf(m: Movement): { locationId: string | undefined; delta: number } {
  return INCOMING.has(m.type)
    ? { locationId: m.toLocationId ?? m.fromLocationId ?? undefined, delta: m.quantity }
    : { locationId: m.fromLocationId ?? m.toLocationId ?? undefined, delta: -m.quantity };
}

export function buildStockHistory(
  item: { sku: string; description?: string },
  balances: readonly Balance[],
  newestFirst: readonly Movement[],
  truncated: boolean,
  locationName: (id: string) => string | undefined,
  now = Date.now(),
  /** The word that marks a transfer's revert (localised by the caller). */
  revertWord = 'revert',
): StockHistoryData {
  const level = new Map<string, number>();
  const names = new Map<string, string>();
  for (const b of balances) {
    level.set(b.locationId, (level.get(b.locationId) ?? 0) + b.onHandQty);
    names.set(b.locationId, b.location.name);
  }
  const nameOf = (id: string) => names.get(id) ?? locationName(id) ?? id;
  const current = new Map(level);
  const pointsNewestFirst = new Map<string, SeriesPoint[]>();
  const rows: HistoryRow[] = [];
  const transfers = new Map<string, TransferMark>();
  for (const m of newestFirst) {
    const { locationId, delta } = effectOf(m);
    if (!locationId) continue;
    const t = Date.parse(m.occurredAt);
    const after = level.get(locationId) ?? 0;
    let pts = pointsNewestFirst.get(locationId);
    if (!pts) pointsNewestFirst.set(locationId, (pts = []));
    pts.push({ t, q: after });
    rows.push({ t, type: m.type, locationId, location: nameOf(locationId), delta, after, transferId: m.transferId ?? undefined });
    level.set(locationId, after - delta);
    // One mark per transfer and one per its revert (keyed apart: both happened).
    const mark = `${m.transferId}:${m.type}`;
    if (m.transferId && !transfers.has(mark) && (m.type === 'transfer_in' || m.type === 'transfer_revert_in')) {
      const from = m.fromLocationId ? nameOf(m.fromLocationId) : '?';
      const to = m.toLocationId ? nameOf(m.toLocationId) : '?';
      transfers.set(mark, { t, transferId: m.transferId, label: `${from} → ${to} · ${m.quantity}${m.type === 'transfer_revert_in' ? ` (${revertWord})` : ''}` });
    }
  }
  const oldest = newestFirst.length ? Date.parse(newestFirst[newestFirst.length - 1].occurredAt) : now;
  let downsampled = false;
  const series: LocationSeries[] = [];
  for (const locationId of new Set([...current.keys(), ...pointsNewestFirst.keys()])) {
    const pts = (pointsNewestFirst.get(locationId) ?? []).slice().reverse();
    // The level before the oldest loaded movement starts the line; today's level ends it.
    const start = level.get(locationId) ?? 0;
    const line: SeriesPoint[] = [{ t: Math.min(oldest, pts[0]?.t ?? oldest), q: start }, ...pts, { t: now, q: current.get(locationId) ?? 0 }];
    const reduced = downsample(line, MAX_POINTS_PER_SERIES);
    if (reduced.length < line.length) downsampled = true;
    series.push({ locationId, name: nameOf(locationId), points: reduced, current: current.get(locationId) ?? 0 });
  }
  series.sort((a, b) => b.current - a.current || a.name.localeCompare(b.name));
  return {
    kind: 'history',
    title: item.description ? `${item.sku} — ${item.description}` : item.sku,
    sku: item.sku,
    series,
    transfers: [...transfers.values()].reverse(),
    rows,
    movementCount: newestFirst.length,
    truncated,
    downsampled,
    from: newestFirst.length ? oldest : undefined,
    to: now,
  };
}

/** Buckets a step series to at most `max` points, keeping each bucket's first, min and max. */
export function downsample(points: readonly SeriesPoint[], max: number): SeriesPoint[] {
  if (points.length <= max) return points.slice();
  const perBucket = Math.ceil(points.length / Math.floor(max / 3));
  const out: SeriesPoint[] = [];
  for (let i = 0; i < points.length; i += perBucket) {
    const bucket = points.slice(i, i + perBucket);
    let lo = bucket[0];
    let hi = bucket[0];
    for (const p of bucket) {
      if (p.q < lo.q) lo = p;
      if (p.q > hi.q) hi = p;
    }
    const keep = [bucket[0], lo, hi].filter((p, k, a) => a.indexOf(p) === k).sort((a, b) => a.t - b.t);
    out.push(...keep);
  }
  const last = points[points.length - 1];
  if (out[out.length - 1] !== last) out.push(last);
  return out;
}

export function buildLocationChart(name: string, balances: readonly Balance[], truncated: boolean, top = 20): LocationChartData {
  const withStock = balances.filter((b) => b.onHandQty > 0);
  const bars = withStock
    .map((b) => ({ itemId: b.itemId, sku: b.item.sku, description: b.item.description, onHand: b.onHandQty }))
    .sort((a, b) => b.onHand - a.onHand || a.sku.localeCompare(b.sku))
    .slice(0, top);
  return {
    kind: 'location',
    title: name,
    bars,
    itemCount: withStock.length,
    totalOnHand: withStock.reduce((n, b) => n + b.onHandQty, 0),
    truncated,
  };
}
