// listAllLocations against the sandbox: every page, active first then by name, on a plan that
// allows more locations than one page (Business Plus: 100; a page holds at most 50).
import * as assert from 'node:assert/strict';
import { RetracClient } from '../../src/api/client';
import { listAllLocations } from '../../src/api/paging';
import { PAGE_SIZES, type Location } from '../../src/api/types';
import { startSandbox } from '../../src/sandbox/main';
import type { RunningSandbox } from '../../src/sandbox/types';

describe('api paging: listAllLocations', function () {
  this.timeout(30_000);
  let sandbox: RunningSandbox;
  let client: RetracClient;
  const pagesAsked: number[] = [];

  before(async () => {
    sandbox = await startSandbox({ port: 0, seedItems: 5, randomSeed: 7, plan: 'business plus' });
    const owner = sandbox.keys.find((k) => k.name === 'owner-full')!;
    client = new RetracClient({ apiKey: owner.key, baseUrl: sandbox.baseUrl, ca: sandbox.ca, workspaceId: owner.workspaceId, maxGetRetries: 0 });
  });
  after(async () => {
    await sandbox?.close();
  });

  /** The client, counting the pages asked for. */
  const counting = () => ({
    listLocations: (q: Parameters<RetracClient['listLocations']>[0], o?: Parameters<RetracClient['listLocations']>[1]) => {
      pagesAsked.push(q?.page ?? 1);
      return client.listLocations(q, o);
    },
  });

  it('reads every page of more than 50 locations, active ones first, each group by name', async () => {
    const made: Location[] = [];
    for (let i = 0; i < 70; i++) made.push(await client.createLocation({ name: `Paged ${String(69 - i).padStart(2, '0')}`, type: 'site' }));
    await client.updateLocation(made[0].id, { active: false });
    await client.updateLocation(made[35].id, { active: false });
    const total = await client.countLocations();
    assert.ok(total > PAGE_SIZES.locations.max, `more than a page (${total})`);
    pagesAsked.length = 0;
    const all = await listAllLocations(counting());
    assert.equal(all.length, total, 'every location the server counts');
    assert.equal(new Set(all.map((l) => l.id)).size, total, 'none twice');
    assert.deepEqual(pagesAsked, [1, 2], 'two pages of 50');
    const firstInactive = all.findIndex((l) => !l.active);
    assert.ok(firstInactive > 0 && all.slice(firstInactive).every((l) => !l.active), 'the inactive ones after the active ones');
    for (const group of [all.slice(0, firstInactive), all.slice(firstInactive)]) {
      assert.deepEqual(group.map((l) => l.name), [...group.map((l) => l.name)].sort((a, b) => a.localeCompare(b)));
    }
    assert.deepEqual(all.slice(firstInactive).filter((l) => l.name.startsWith('Paged')).map((l) => l.id).sort(), [made[0].id, made[35].id].sort());
  });

  it('asks for active ones only when told, and stops when aborted', async () => {
    const active = await listAllLocations(client, undefined, true);
    assert.ok(active.length > 0 && active.every((l) => l.active));
    assert.equal(active.length, await client.countLocations({ active: true }));
    const abort = new AbortController();
    abort.abort();
    await assert.rejects(listAllLocations(client, abort.signal));
  });
});
