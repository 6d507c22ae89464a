// The stock pictures' data: history rebuilt backwards from balances through movements (every
// movement type, transfers and reverts), exact even when cut; downsampling keeps extremes; the
// location bars; the SVG escapes what it draws.
import * as assert from 'assert';
import type { Balance, Movement, MovementType } from '../../src/api/types';
import { buildLocationChart, buildStockHistory, downsample, effectOf } from '../../src/charts/series';
import { barsSvg, historySvg } from '../../src/charts/svg';

let n = 0;
const T0 = Date.parse('2026-01-01T00:00:00Z');
function mv(type: MovementType, quantity: number, from: string | null, to: string | null, minute: number, transferId: string | null = null): Movement {
  return { id: `m${n++}`, type, itemId: 'i', quantity, fromLocationId: from, toLocationId: to, transferId, occurredAt: new Date(T0 + minute * 60_000).toISOString() };
}
function bal(locationId: string, onHandQty: number, name = locationId.toUpperCase()): Balance {
  return { id: `b-${locationId}`, itemId: 'i', locationId, onHandQty, item: { id: 'i', sku: 'S-1', description: 'thing' }, location: { id: locationId, name } };
}

describe('charts: stock history series', () => {
  // Oldest first as it happened: opening 10 at a, +5 at a, transfer 4 a→b, −2 at a, revert of the transfer (b→a 4), opening 3 at c.
  const happened = [
    mv('opening', 10, null, 'a', 1),
    mv('adjustment_plus', 5, null, 'a', 2),
    mv('transfer_out', 4, 'a', 'b', 3, 't1'),
    mv('transfer_in', 4, 'a', 'b', 3, 't1'),
    mv('adjustment_minus', 2, 'a', null, 4),
    mv('transfer_revert_out', 4, 'b', 'a', 5, 't1'),
    mv('transfer_revert_in', 4, 'b', 'a', 5, 't1'),
    mv('opening', 3, null, 'c', 6),
  ];
  const newestFirst = happened.slice().reverse();
  const balances = [bal('a', 13), bal('b', 0), bal('c', 3)];
  const now = T0 + 10 * 60_000;

  it('each movement type moves stock at the right location', () => {
    assert.deepStrictEqual(happened.map(effectOf).map((e) => `${e.locationId}${e.delta > 0 ? '+' : ''}${e.delta}`), ['a+10', 'a+5', 'a-4', 'b+4', 'a-2', 'b-4', 'a+4', 'c+3']);
  });

  it('rebuilds every level from today backwards; the line starts at 0 for a full history', () => {
    const h = buildStockHistory({ sku: 'S-1' }, balances, newestFirst, false, () => undefined, now);
    const a = h.series.find((s) => s.locationId === 'a')!;
    assert.deepStrictEqual(a.points.map((p) => p.q), [0, 10, 15, 11, 9, 13, 13]);
    assert.deepStrictEqual(h.series.find((s) => s.locationId === 'b')!.points.map((p) => p.q), [0, 4, 0, 0]);
    assert.deepStrictEqual(h.series.map((s) => s.locationId), ['a', 'c', 'b'], 'most stock first');
    assert.deepStrictEqual(h.transfers.map((t) => [t.transferId, t.label]), [['t1', 'A → B · 4'], ['t1', 'B → A · 4 (revert)']], 'the transfer and its revert');
    assert.strictEqual(h.rows.length, happened.length);
    assert.deepStrictEqual([h.rows[0].location, h.rows[0].after], ['C', 3]);
    assert.ok(!h.truncated && !h.downsampled);
  });

  it('a history cut at the oldest loaded movement is exact for what it shows', () => {
    const cut = newestFirst.slice(0, 4); // opening c, revert in/out, adjustment minus
    const h = buildStockHistory({ sku: 'S-1' }, balances, cut, true, () => undefined, now);
    const a = h.series.find((s) => s.locationId === 'a')!;
    assert.deepStrictEqual(a.points.map((p) => p.q), [11, 9, 13, 13], 'starts at the level before the oldest loaded movement');
    assert.ok(h.truncated);
  });

  it('downsampling keeps the first, lowest and highest point of each interval, and the last', () => {
    const pts = Array.from({ length: 10_000 }, (_, i) => ({ t: i, q: i === 4321 ? 99_999 : i === 7777 ? -5 : i % 100 }));
    const d = downsample(pts, 1000);
    assert.ok(d.length <= 1000 + 1, `${d.length} points`);
    assert.ok(d.some((p) => p.q === 99_999) && d.some((p) => p.q === -5), 'spikes survive');
    assert.strictEqual(d[d.length - 1], pts[pts.length - 1]);
    assert.ok(d.every((p, i) => i === 0 || p.t >= d[i - 1].t), 'in time order');
  });

  it('10,000 movements: built, flagged as downsampled, drawn as SVG within the budget', () => {
    const many: Movement[] = [];
    for (let i = 10_000; i-- > 0;) many.push(mv(i % 3 ? 'adjustment_plus' : 'adjustment_minus', 1, 'a', 'a', i));
    const started = performance.now();
    const h = buildStockHistory({ sku: 'S-1' }, [bal('a', 50_000)], many, false, () => undefined, T0 + 20_000 * 60_000);
    const svg = historySvg(h, 900, 300, 'chart');
    const ms = performance.now() - started;
    assert.ok(h.downsampled);
    assert.ok(svg.startsWith('<svg') && svg.endsWith('</svg>'));
    assert.ok(ms < 500, `${ms.toFixed(0)} ms`);
  });

  it('location bars: top items by on hand, and the SVG escapes names', () => {
    const rows = [bal('x', 5), bal('x', 50), bal('x', 0)].map((b, i) => ({ ...b, itemId: `i${i}`, item: { id: `i${i}`, sku: i === 1 ? '<b>&"' : `S-${i}`, description: 'd' } }));
    const data = buildLocationChart('Dock', rows, false);
    assert.deepStrictEqual(data.bars.map((b) => b.onHand), [50, 5]);
    assert.deepStrictEqual([data.itemCount, data.totalOnHand], [2, 55]);
    const svg = barsSvg(data, 600, 'Top items at <Dock>');
    assert.ok(svg.includes('&lt;b&gt;&amp;&quot;') && !svg.includes('<b>'), 'names are escaped');
    assert.ok(svg.includes('aria-label="Top items at &lt;Dock&gt;"'));
  });
});
