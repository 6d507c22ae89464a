// The demo seed at every catalog size: small catalogs (0, 1, 5 items) start and serve, and in any
// seeded workspace each balance equals the history of its movements (transfers and the revert included).
import * as assert from 'node:assert/strict';
import type { MovementType } from '../../src/api/types';
import { startSandbox } from '../../src/sandbox/main';
import { seed } from '../../src/sandbox/seed';
import { Store, type WorkspaceData } from '../../src/sandbox/store';
import { acme } from './sandboxHttp';

const SIGN: Record<MovementType, 1 | -1> = {
  opening: 1, adjustment_plus: 1, adjustment_minus: -1, transfer_out: -1, transfer_in: 1, transfer_revert_out: -1, transfer_revert_in: 1,
};

/** Item × location pairs whose balance differs from the sum of their movements. */
function unexplainedBalances(ws: WorkspaceData): string[] {
  const history = new Map<string, number>();
  for (const m of ws.movements) {
    const key = `${m.itemId}@${m.locationId}`;
    history.set(key, (history.get(key) ?? 0) + SIGN[m.type] * m.quantity);
  }
  const wrong: string[] = [];
  for (const b of ws.balances) {
    const key = `${b.itemId}@${b.locationId}`;
    if ((history.get(key) ?? 0) !== b.onHandQty || b.onHandQty < 0) wrong.push(`${key}: ${b.onHandQty} held, ${history.get(key) ?? 0} moved`);
    history.delete(key);
  }
  for (const [key, qty] of history) if (qty !== 0) wrong.push(`${key}: no balance, ${qty} moved`);
  return wrong;
}

describe('sandbox: seed', () => {
  for (const seedItems of [0, 1, 5]) {
    it(`starts with seedItems: ${seedItems} and serves that catalog`, async () => {
      const sb = await startSandbox({ port: 0, seedItems });
      try {
        const count = await acme(sb, 'GET', '/items/count');
        assert.equal(count.status, 200, count.text);
        assert.equal(count.body, seedItems);
        const transfers = await acme(sb, 'GET', '/inventory/transfers');
        assert.equal(transfers.status, 200, transfers.text);
        if (seedItems === 0) assert.equal(transfers.body.length, 0, 'no stock, no transfers');
        else {
          assert.ok(transfers.body.length > 0, 'a seeded catalog has transfers');
          const statuses = (transfers.body as { status: string }[]).map((tr) => tr.status);
          assert.equal(statuses.filter((s) => s === 'reverted').length, 1, 'exactly the first transfer is reverted');
        }
      } finally {
        await sb.close();
      }
    });
  }

  it('keeps every balance equal to its movements for any catalog size and random seed', () => {
    for (let seedItems = 0; seedItems <= 12; seedItems++) {
      for (let randomSeed = 1; randomSeed <= 40; randomSeed++) {
        const store = new Store();
        seed(store, { seedItems, randomSeed });
        for (const ws of store.workspaces.values()) {
          assert.deepEqual(unexplainedBalances(ws), [], `${ws.rec.name}, seedItems ${seedItems}, randomSeed ${randomSeed}`);
        }
        const [acmeWs] = store.workspaces.values();
        assert.equal(acmeWs.items.length, seedItems);
      }
    }
  });
});
