// Stock in the sandbox: set on-hand writes the right movements, transfers check stock and
// locations, reverts restore it, plan limits and injected network faults (contract §5–6).
/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return -- the tests read JSON answers loosely (Reply.body) */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '../../src/sandbox/types';
import { acme, withSandbox, type Reply } from './sandboxHttp';

function expectError(reply: Reply, status: number, code: string, message?: RegExp): void {
  assert.equal(reply.status, status, reply.text);
  assert.equal(reply.body.error.code, code, reply.text);
  if (message) assert.match(reply.body.error.message, message);
}

describe('sandbox: inventory', () => {
  let sb: RunningSandbox;
  let loc: Map<string, string>;
  before(async () => {
    sb = await withSandbox();
    loc = new Map((await acme(sb, 'GET', '/locations')).body.map((l: { name: string; id: string }) => [l.name, l.id]));
  });
  after(() => sb.close());

  async function newItem(sku: string): Promise<string> {
    const r = await acme(sb, 'POST', '/items', { body: { sku, description: `Test ${sku}`, cost: 1 } });
    assert.equal(r.status, 201, r.text);
    return r.body.id;
  }
  const setQty = (itemId: string, location: string, onHandQty: number, note?: string): Promise<Reply> =>
    acme(sb, 'PUT', '/inventory/balances', { body: { itemId, locationId: loc.get(location), onHandQty, note } });
  const movementsOf = async (itemId: string): Promise<{ type: string; quantity: number; toLocationId: string | null; fromLocationId: string | null; transferId: string | null }[]> =>
    (await acme(sb, 'GET', '/inventory/movements', { query: { itemId } })).body;
  const qty = async (itemId: string, location: string): Promise<number | undefined> =>
    (await acme(sb, 'GET', '/inventory/balances', { query: { itemId, locationId: loc.get(location) ?? '' } })).body[0]?.onHandQty;

  it('seeds balances that equal the sum of their movements', async () => {
    const balances = (await acme(sb, 'GET', '/inventory/balances', { query: { pageSize: 500 } })).body as { itemId: string; locationId: string; onHandQty: number }[];
    const moves: { type: string; itemId: string; quantity: number; fromLocationId: string | null; toLocationId: string | null }[] = [];
    for (let page = 1; ; page++) {
      const p = (await acme(sb, 'GET', '/inventory/movements', { query: { page, pageSize: 100 } })).body;
      moves.push(...p);
      if (p.length < 100) break;
    }
    assert.ok(moves.some((m) => m.type === 'opening') && moves.some((m) => m.type === 'transfer_revert_in'));
    const sum = new Map<string, number>();
    const add = (item: string, location: string | null, d: number): void => {
      const k = `${item}|${location ?? ''}`;
      sum.set(k, (sum.get(k) ?? 0) + d);
    };
    for (const m of moves) {
      const incoming = m.type === 'opening' || m.type === 'adjustment_plus' || m.type === 'transfer_in' || m.type === 'transfer_revert_in';
      add(m.itemId, incoming ? m.toLocationId : m.fromLocationId, incoming ? m.quantity : -m.quantity);
    }
    for (const b of balances) assert.equal(sum.get(`${b.itemId}|${b.locationId}`) ?? 0, b.onHandQty);
    const transfers = (await acme(sb, 'GET', '/inventory/transfers')).body;
    assert.ok(transfers.length >= 3);
    assert.equal(transfers.filter((t: { status: string }) => t.status === 'reverted').length, 1);
  });

  it('writes opening, then adjustment_plus / adjustment_minus by the difference, and nothing when unchanged', async () => {
    const itemId = await newItem('INV-SET-1');
    const first = await setQty(itemId, 'North Depot', 10, 'count');
    assert.equal(first.status, 200);
    assert.equal(first.body.onHandQty, 10);
    assert.deepEqual(first.body.item.sku, 'INV-SET-1');
    assert.equal(first.body.location.name, 'North Depot');
    await setQty(itemId, 'North Depot', 14);
    await setQty(itemId, 'North Depot', 4);
    await setQty(itemId, 'North Depot', 4);
    const moves = await movementsOf(itemId);
    assert.deepEqual(moves.map((m) => [m.type, m.quantity]), [['adjustment_minus', 10], ['adjustment_plus', 4], ['opening', 10]]);
    assert.equal(moves[2].toLocationId, loc.get('North Depot'));
    assert.equal(moves[0].fromLocationId, loc.get('North Depot'));
    assert.equal(await qty(itemId, 'North Depot'), 4);
  });

  it('validates set on-hand bodies', async () => {
    const itemId = await newItem('INV-VAL-1');
    expectError(await setQty(itemId, 'North Depot', -1), 422, 'unprocessable_entity', /^onHandQty: /);
    expectError(await setQty(itemId, 'North Depot', 1.5), 422, 'unprocessable_entity', /^onHandQty: expected an integer/);
    expectError(await acme(sb, 'PUT', '/inventory/balances', { body: { itemId, locationId: loc.get('Van 1'), onHandQty: '3' } }), 422, 'unprocessable_entity', /^onHandQty: expected a number/);
    expectError(await acme(sb, 'PUT', '/inventory/balances', { body: { locationId: loc.get('Van 1'), onHandQty: 3 } }), 422, 'unprocessable_entity', /^itemId: required/);
    expectError(await setQty('cnosuchitem000000000000000', 'Van 1', 3), 404, 'not_found');
    expectError(await setQty(itemId, 'Old Yard', 3), 422, 'unprocessable_entity', /inactive/);
    expectError(await setQty(itemId, 'North Depot', 1, 'x'.repeat(501)), 422, 'unprocessable_entity', /^note: /);
  });

  it('moves stock with a transfer: transfer_out + transfer_in per line, newest first in the list', async () => {
    const a = await newItem('INV-TR-A');
    const b = await newItem('INV-TR-B');
    await setQty(a, 'North Depot', 10);
    await setQty(b, 'North Depot', 3);
    const r = await acme(sb, 'POST', '/inventory/transfers', {
      body: { fromLocationId: loc.get('North Depot'), toLocationId: loc.get('Van 1'), note: 'to the van', lines: [{ itemId: a, quantity: 4 }, { itemId: b, quantity: 3, note: 'all' }] },
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.status, 'completed');
    assert.equal(r.body.fromLocation.name, 'North Depot');
    assert.equal(r.body.lines[1].item.sku, 'INV-TR-B');
    assert.deepEqual(r.body.movements.map((m: { type: string }) => m.type), ['transfer_out', 'transfer_in', 'transfer_out', 'transfer_in']);
    assert.equal(await qty(a, 'North Depot'), 6);
    assert.equal(await qty(a, 'Van 1'), 4);
    assert.equal(await qty(b, 'North Depot'), 0);
    const list = await acme(sb, 'GET', '/inventory/transfers', { query: { pageSize: 2 } });
    assert.equal(list.body[0].id, r.body.id);
    assert.equal(list.body[0].movements, undefined);
    const bySearch = await acme(sb, 'GET', '/inventory/transfers', { query: { search: 'inv-tr-b' } });
    assert.deepEqual(bySearch.body.map((t: { id: string }) => t.id), [r.body.id]);
    const byItem = await acme(sb, 'GET', '/inventory/transfers', { query: { itemId: a, toLocationId: loc.get('Van 1') ?? '' } });
    assert.deepEqual(byItem.body.map((t: { id: string }) => t.id), [r.body.id]);
    const one = await acme(sb, 'GET', `/inventory/transfers/${r.body.id}`);
    assert.equal(one.body.movements.length, 4);
    const byTransfer = await acme(sb, 'GET', '/inventory/movements', { query: { transferId: r.body.id, type: 'transfer_in' } });
    assert.equal(byTransfer.body.length, 2);
  });

  it('refuses transfers above the stock, to the same location or with an inactive one (422 naming the line)', async () => {
    const a = await newItem('INV-TR-C');
    await setQty(a, 'North Depot', 5);
    const post = (body: unknown): Promise<Reply> => acme(sb, 'POST', '/inventory/transfers', { body });
    const from = loc.get('North Depot');
    expectError(await post({ fromLocationId: from, toLocationId: loc.get('Van 1'), lines: [{ itemId: a, quantity: 3 }, { itemId: a, quantity: 3 }] }), 422, 'unprocessable_entity', /^lines\[1\]\.quantity: .*holds 5/);
    expectError(await post({ fromLocationId: from, toLocationId: from, lines: [{ itemId: a, quantity: 1 }] }), 422, 'unprocessable_entity', /differ/);
    expectError(await post({ fromLocationId: from, toLocationId: loc.get('Old Yard'), lines: [{ itemId: a, quantity: 1 }] }), 422, 'unprocessable_entity', /inactive/);
    expectError(await post({ fromLocationId: from, toLocationId: loc.get('Van 1'), lines: [] }), 422, 'unprocessable_entity', /^lines: /);
    expectError(await post({ fromLocationId: from, toLocationId: loc.get('Van 1'), lines: [{ itemId: a, quantity: 0 }] }), 422, 'unprocessable_entity', /^lines\[0\]\.quantity: /);
    expectError(await post({ fromLocationId: from, toLocationId: 'cnosuchlocation00000000000', lines: [{ itemId: a, quantity: 1 }] }), 404, 'not_found');
    expectError(await post({ fromLocationId: from, toLocationId: loc.get('Van 1'), lines: [{ itemId: 'cnosuchitem000000000000000', quantity: 1 }] }), 404, 'not_found', /lines\[0\]/);
    assert.equal(await qty(a, 'North Depot'), 5, 'nothing moved');
  });

  it('reverts a transfer once (owner), and refuses when the destination no longer holds the stock', async () => {
    const a = await newItem('INV-RV-A');
    await setQty(a, 'North Depot', 8);
    const make = async (): Promise<string> => (await acme(sb, 'POST', '/inventory/transfers', {
      body: { fromLocationId: loc.get('North Depot'), toLocationId: loc.get('Riverside Site'), lines: [{ itemId: a, quantity: 3 }] },
    })).body.id;
    const first = await make();
    const reverted = await acme(sb, 'POST', `/inventory/transfers/${first}/revert`, { body: { revertNote: 'oops' } });
    assert.equal(reverted.status, 200, reverted.text);
    assert.equal(reverted.body.status, 'reverted');
    assert.deepEqual(reverted.body.movements.map((m: { type: string }) => m.type), ['transfer_out', 'transfer_in', 'transfer_revert_out', 'transfer_revert_in']);
    assert.equal(await qty(a, 'North Depot'), 8);
    expectError(await acme(sb, 'POST', `/inventory/transfers/${first}/revert`), 409, 'conflict');
    const second = await make();
    await setQty(a, 'Riverside Site', 1);
    expectError(await acme(sb, 'POST', `/inventory/transfers/${second}/revert`, { body: {} }), 422, 'unprocessable_entity', /lines\[0\]/);
    assert.equal((await acme(sb, 'GET', `/inventory/transfers/${second}`)).body.status, 'completed');
    expectError(await acme(sb, 'POST', '/inventory/transfers/cnosuchtransfer00000000000/revert'), 404, 'not_found');
  });

  it('drops the connection before or after applying a write when a fault is injected', async () => {
    const a = await newItem('INV-FAULT');
    await setQty(a, 'North Depot', 1);
    sb.injectFault({ method: 'PUT', path: '/inventory/balances', mode: 'drop-before' });
    await assert.rejects(setQty(a, 'North Depot', 2), /socket hang up|ECONNRESET/);
    assert.equal(await qty(a, 'North Depot'), 1);
    sb.injectFault({ method: 'PUT', path: '/inventory/balances', mode: 'drop-after' });
    await assert.rejects(setQty(a, 'North Depot', 3), /socket hang up|ECONNRESET/);
    assert.equal(await qty(a, 'North Depot'), 3);
    assert.equal((await setQty(a, 'North Depot', 4)).status, 200, 'a fault fires once');
  });
});

describe('sandbox: transfer plan limit', () => {
  it('answers 403 exceeded_limit once usage reaches usageLimit (state edited between runs)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-limit-'));
    const statePath = join(dir, 'state.json');
    try {
      let sb = await withSandbox({ statePath });
      await sb.close();
      const state = JSON.parse(readFileSync(statePath, 'utf8'));
      const ws = state.workspaces.find((w: { slug: string }) => w.slug === 'acme-supply');
      ws.usage = ws.usageLimit;
      writeFileSync(statePath, JSON.stringify(state));
      sb = await withSandbox({ statePath });
      try {
        const info = (await acme(sb, 'GET', '/workspaces/acme-supply')).body;
        assert.equal(info.usage, info.usageLimit);
        const stock = (await acme(sb, 'GET', '/inventory/balances', { query: { minQty: 1, pageSize: 1 } })).body[0];
        const to = (await acme(sb, 'GET', '/locations', { query: { active: true } })).body.find((l: { id: string }) => l.id !== stock.locationId);
        const r = await acme(sb, 'POST', '/inventory/transfers', { body: { fromLocationId: stock.locationId, toLocationId: to.id, lines: [{ itemId: stock.itemId, quantity: 1 }] } });
        expectError(r, 403, 'exceeded_limit', /transfers/);
      } finally {
        await sb.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
