// A command's argument as the edits' NodeRef: a tree node by its one typed reference, a hover
// link's NodeRef as it is, anything else (the palette, a section, a file) as nothing.
import * as assert from 'node:assert/strict';
import type { Balance, Item, Location, Movement, Tag, Transfer, TransferLine } from '../../src/api/types';
import { commandNodeRef, toNodeRef, type TreeRef } from '../../src/tree/ref';

const item = { id: 'it_1', sku: 'BOLT-1', description: 'Bolt', cost: 1 } as Item;
const location = { id: 'lo_1', name: 'Main', type: 'warehouse', active: true } as Location;
const transfer = { id: 'tr_1', status: 'completed', lines: [] } as unknown as Transfer;
const tag = { id: 'tg_1', name: 'red', color: 'red' } as Tag;
const balance = { id: 'ba_1', itemId: item.id, locationId: location.id, onHandQty: 3, item, location } as unknown as Balance;
const line = { id: 'tl_1', itemId: item.id, quantity: 2, item } as unknown as TransferLine;
const movement = { id: 'mv_1', itemId: item.id, type: 'opening', quantity: 1 } as unknown as Movement;

/** A tree node as a command receives it: parent, key, its typed reference. */
const node = (ref: TreeRef | undefined) => ({ parent: undefined, key: 'p/x', ref });

describe('tree ref: command arguments', () => {
  it('a resource row hands the edit commands exactly its resource', () => {
    assert.deepEqual(commandNodeRef(node({ kind: 'item', item })), { item });
    assert.deepEqual(commandNodeRef(node({ kind: 'location', location })), { location });
    assert.deepEqual(commandNodeRef(node({ kind: 'transfer', transfer })), { transfer });
    assert.deepEqual(commandNodeRef(node({ kind: 'tag', tag })), { tag });
    assert.deepEqual(commandNodeRef(node({ kind: 'balance', balance })), { balance });
    assert.equal(commandNodeRef(node({ kind: 'item', item }))?.item, item, 'the row’s own object, not a copy');
  });

  it('transfer lines, movements, sections and state rows give the commands nothing', () => {
    assert.equal(toNodeRef({ kind: 'transferLine', line }), undefined);
    assert.equal(toNodeRef({ kind: 'movement', movement }), undefined);
    assert.equal(commandNodeRef(node({ kind: 'movement', movement })), undefined);
    assert.equal(commandNodeRef(node(undefined)), undefined, 'a section header');
  });

  it('a hover link’s NodeRef passes as it is; the palette and unrelated arguments give nothing', () => {
    const link = { item: { id: item.id, sku: item.sku } } as unknown as { item: Item };
    assert.equal(commandNodeRef(link), link);
    for (const arg of [undefined, null, 'it_1', 42, {}, { path: '/a.ts', scheme: 'file' }]) assert.equal(commandNodeRef(arg), undefined, JSON.stringify(arg));
  });
});
