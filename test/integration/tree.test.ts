// The inventory explorer inside a real VS Code, against the harness sandbox (own uniquely named
// data) and private sandboxes (a 2,000-item catalog, fault injection). Assertions read what the
// tree shows: labels, descriptions, context values of the rows the provider returns.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { RetracClient } from '../../src/api/client';
import type { Item, Location, Movement, Tag, Transfer } from '../../src/api/types';
import type { ChartData } from '../../src/charts/series';
import type { EditOutcome } from '../../src/edits';
import type { Profile, RetracConnection } from '../../src/accounts/connection';
import type { RetracExtensionApi } from '../../src/extension';
import type { Logger } from '../../src/log';
import type { RunningSandbox, SandboxInfo, SandboxOptions } from '../../src/sandbox/types';
import type { Node } from '../../src/tree/node';
import { commandNodeRef } from '../../src/tree/ref';
import { pickLocation, type FilterHost } from '../../src/tree/pickers';
import { ExplorerProvider } from '../../src/tree/provider';
import { InputDriver } from './inputDriver';
import { clientFor, EXTENSION_ID, harnessSandbox, privateSandbox, SandboxProfiles, sleep, waitFor } from './helpers';

const RUN = Date.now().toString(36).toUpperCase();

interface Provider {
  getChildren(node?: Node): Node[];
  getTreeItem(node: Node): vscode.TreeItem;
}

interface Row {
  node: Node;
  label: string;
  description: string;
  contextValue: string;
  item: vscode.TreeItem;
}

function row(provider: Provider, node: Node): Row {
  const item = provider.getTreeItem(node);
  const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
  return { node, label, description: typeof item.description === 'string' ? item.description : '', contextValue: item.contextValue ?? '', item };
}

/** The children once no "Loading…" row is left (the provider fires a change when a page lands). */
async function children(provider: Provider, node?: Node, timeoutMs = 20_000): Promise<Row[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = provider.getChildren(node).map((n) => row(provider, n));
    if (!rows.some((r) => r.contextValue === 'retrac.loading')) return rows;
    if (Date.now() > deadline) throw new Error(`still loading: ${node ? row(provider, node).label : 'root'}`);
    await sleep(30);
  }
}

/** The id of the resource a row carries when it is of `kind`, else undefined. */
function refId(node: Node | undefined, kind: 'item' | 'transfer'): string | undefined {
  const ref = node?.ref;
  if (ref?.kind === 'item' && kind === 'item') return ref.item.id;
  if (ref?.kind === 'transfer' && kind === 'transfer') return ref.transfer.id;
  return undefined;
}

const until = <T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> => waitFor(what, probe, timeoutMs);

function section(provider: Provider, label: string): Node {
  const s = provider.getChildren().find((n) => row(provider, n).label === label);
  assert.ok(s, `no section ${label}`);
  return s;
}

const quietLog: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, child: () => quietLog };

/** A connection for a provider built by the test itself (fault injection, stale scopes). */
function testConnection(client: RetracClient, can: (scope: string) => boolean = () => true): RetracConnection {
  const profile = { id: `test-${RUN}`, name: 'tree test', keyType: client.keyType, apiUrl: client.baseUrl, scopes: [], keyHint: '…' } as Profile;
  return {
    profile,
    onDidChangeProfile: new vscode.EventEmitter<Profile | undefined>().event,
    getClient: () => Promise.resolve(client),
    can,
  };
}

/** The test's own sandbox, with a rate limit no explorer burst reaches. */
const roomySandbox = (options: SandboxOptions): Promise<RunningSandbox> => privateSandbox({ rateLimitPerMinute: 100_000, ...options });

suite('Retrac inventory explorer', function () {
  this.timeout(90_000);
  let api: RetracExtensionApi;
  let provider: Provider & RetracExtensionApi['explorer']['provider'];
  let info: SandboxInfo;
  let owner: RetracClient;
  let profiles: SandboxProfiles;
  let locA: Location;
  let locB: Location;
  let locC: Location;
  let tag: Tag;
  let item1: Item;
  let item2: Item;
  let reverted: Transfer;
  const sku1 = `TREE-${RUN}-1`;
  const sku2 = `TREE-${RUN}-2`;

  async function useKey(name: string, sandbox: SandboxInfo = info): Promise<void> {
    const profileId = await profiles.use(name, sandbox);
    assert.strictEqual(api.accounts.profile?.id, profileId);
  }

  suiteSetup(async function () {
    info = harnessSandbox();
    api = (await vscode.extensions.getExtension<RetracExtensionApi>(EXTENSION_ID)!.activate());
    profiles = new SandboxProfiles(api, 'tree', RUN);
    provider = api.explorer.provider;
    owner = clientFor(info, 'owner-full');
    locA = await owner.createLocation({ name: `Tree A ${RUN}`, type: 'warehouse' });
    locB = await owner.createLocation({ name: `Tree B ${RUN}`, type: 'van' });
    locC = await owner.createLocation({ name: `Tree C ${RUN}`, type: 'truck' });
    locC = await owner.updateLocation(locC.id, { active: false });
    tag = await owner.createTag({ name: `tree-${RUN}`, color: 'red' });
    item1 = await owner.createItem({ sku: sku1, description: 'Tree bolt', cost: 2, tagIds: [tag.id] });
    item2 = await owner.createItem({ sku: sku2, description: 'Tree nut', cost: 1 });
    await owner.setOnHand({ itemId: item1.id, locationId: locA.id, onHandQty: 7 });
    await owner.setOnHand({ itemId: item1.id, locationId: locB.id, onHandQty: 3 });
    await owner.createTransfer({ fromLocationId: locA.id, toLocationId: locB.id, lines: [{ itemId: item1.id, quantity: 2 }] });
    reverted = await owner.createTransfer({ fromLocationId: locA.id, toLocationId: locB.id, lines: [{ itemId: item1.id, quantity: 1 }] });
    reverted = await owner.revertTransfer(reverted.id);
    await useKey('owner-full');
  });

  teardown(() => {
    api.explorer.filter('items', {});
    api.explorer.filter('transfers', {});
    api.explorer.filter('locations', {});
  });

  suiteTeardown(async () => {
    await profiles.removeAll();
  });

  test('section headers render at once, with server counts', async () => {
    const labels = provider.getChildren().map((n) => row(provider, n).label);
    assert.deepStrictEqual(labels, ['Items', 'Locations', 'Transfers', 'Tags', 'Movements']);
    const [items, locations] = await Promise.all([owner.countItems(), owner.countLocations()]);
    await until('the item count', () => row(provider, section(provider, 'Items')).description === String(items));
    await until('the location count', () => row(provider, section(provider, 'Locations')).description === String(locations));
  });

  test('items: SKU, description, on-hand per location when expanded, tags in the tooltip', async () => {
    api.explorer.filter('items', { search: `TREE-${RUN}` });
    assert.match(api.explorer.view.description ?? '', new RegExp(`Items: “TREE-${RUN}”`));
    const rows = await children(provider, section(provider, 'Items'));
    assert.deepStrictEqual(rows.map((r) => r.label).sort(), [sku1, sku2]);
    const bolt = rows.find((r) => r.label === sku1)!;
    assert.strictEqual(bolt.contextValue, 'retrac.item');
    assert.strictEqual(bolt.description, 'Tree bolt');
    assert.strictEqual(refId(bolt.node, 'item'), item1.id, 'the node carries the item');
    assert.deepStrictEqual(commandNodeRef(bolt.node), { item: bolt.node.ref?.kind === 'item' && bolt.node.ref.item }, 'an edit command run on the row gets the item');
    assert.match((bolt.item.tooltip as vscode.MarkdownString).value, new RegExp(`tree-${RUN}`));
    const balances = await children(provider, bolt.node);
    assert.deepStrictEqual(balances.map((b) => [b.label, b.description, b.contextValue]).sort(), [
      [locA.name, '5 on hand', 'retrac.balance'],
      [locB.name, '5 on hand', 'retrac.balance'],
    ]);
    assert.strictEqual(row(provider, bolt.node).description, 'Tree bolt · 10 on hand');
  });

  test('locations: type icon, inactive dimmed, balances by SKU when expanded', async () => {
    const a = await provider.findNode({ kind: 'location', id: locA.id });
    const c = await provider.findNode({ kind: 'location', id: locC.id });
    assert.ok(a && c);
    const ra = row(provider, a);
    assert.deepStrictEqual([ra.label, ra.contextValue, (ra.item.iconPath as vscode.ThemeIcon).id], [locA.name, 'retrac.location', 'package']);
    const rc = row(provider, c);
    assert.strictEqual(rc.contextValue, 'retrac.location.inactive');
    assert.match(rc.description, /\(inactive\)/);
    assert.strictEqual(((rc.item.iconPath as vscode.ThemeIcon).color as vscode.ThemeColor).id, 'disabledForeground');
    const stock = await children(provider, a);
    assert.deepStrictEqual(stock.map((s) => [s.label, s.description]), [[sku1, '5 on hand']]);
  });

  test('transfers: newest first, from → to, reverted marked, lines as SKU × qty', async () => {
    api.explorer.filter('transfers', { fromLocationId: locA.id, fromName: locA.name });
    const rows = await children(provider, section(provider, 'Transfers'));
    assert.strictEqual(rows.length, 2);
    assert.deepStrictEqual(rows.map((r) => r.label), [`${locA.name} → ${locB.name}`, `${locA.name} → ${locB.name}`]);
    assert.deepStrictEqual(rows.map((r) => r.contextValue), ['retrac.transfer.reverted', 'retrac.transfer'], 'newest (the reverted one) first');
    assert.match(rows[0].description, /^reverted · /);
    assert.match(rows[1].description, /^completed · /);
    assert.strictEqual(refId(rows[0].node, 'transfer'), reverted.id);
    const lines = await children(provider, rows[1].node);
    assert.deepStrictEqual(lines.map((l) => l.label), [`${sku1} × 2`]);
  });

  test('tags: coloured icon, the tag’s items when expanded', async () => {
    const node = await provider.findNode({ kind: 'tag', id: tag.id });
    assert.ok(node);
    const r = row(provider, node);
    assert.deepStrictEqual([r.label, r.contextValue], [tag.name, 'retrac.tag']);
    assert.strictEqual(((r.item.iconPath as vscode.ThemeIcon).color as vscode.ThemeColor).id, 'charts.red');
    const items = await children(provider, node);
    assert.deepStrictEqual(items.map((i) => [i.label, i.contextValue]), [[sku1, 'retrac.item']]);
  });

  test('movements: newest first, signed quantity and type', async () => {
    const rows = await children(provider, section(provider, 'Movements'));
    const ours = rows.filter((r) => r.label.endsWith(` ${sku1}`));
    // Newest first: the revert of the 1-unit transfer (back in at A, out at B) leads.
    assert.ok(ours.length >= 4, `rows: ${rows.map((r) => r.label).join(', ')}`);
    assert.deepStrictEqual(ours.slice(0, 2).map((r) => r.label).sort(), [`+1 ${sku1}`, `−1 ${sku1}`]);
    assert.ok(ours.every((r) => r.contextValue === 'retrac.movement'));
    assert.ok(ours.some((r) => r.description.startsWith('revert in')), ours.map((r) => r.description).join(' | '));
  });

  test('movements opened first name the item (SKU) and the location, looked up per page, not per row', async () => {
    // A provider of its own: nothing was loaded before, so no name is known from elsewhere.
    const own = new ExplorerProvider(testConnection(owner), quietLog);
    try {
      const rows = await children(own, section(own, 'Movements'));
      const movements = own.section('movements')!.paged.loader.rows as Movement[];
      assert.ok(movements.length >= 4, `movements: ${movements.length}`);
      for (const [i, m] of movements.entries()) {
        assert.ok(!rows[i].label.includes(m.itemId), `row ${i} shows the item id: ${rows[i].label}`);
        for (const id of [m.fromLocationId, m.toLocationId]) if (id) assert.ok(!rows[i].description.includes(id), `row ${i} shows a location id: ${rows[i].description}`);
      }
      assert.ok(rows.some((r) => r.label === `+1 ${sku1}` && r.description.includes(locA.name)), rows.map((r) => `${r.label} ${r.description}`).join(' | '));
      const locationsOnPage = new Set(movements.flatMap((m) => [m.fromLocationId, m.toLocationId]).filter(Boolean));
      const itemsOnPage = new Set(movements.map((m) => m.itemId));
      assert.ok(own.nameRequests <= locationsOnPage.size + itemsOnPage.size && own.nameRequests < movements.length,
        `${own.nameRequests} name requests for ${movements.length} rows (${locationsOnPage.size} locations, ${itemsOnPage.size} items)`);
      // The next page reuses what the first one learned.
      const before = own.nameRequests;
      await own.resolveMovementNames(owner, movements, new AbortController().signal);
      assert.strictEqual(own.nameRequests, before, 'names are cached');
    } finally {
      own.dispose();
    }
  });

  test('filters are applied by the server: search, tag, location, transfer status, location type and status', async () => {
    const items = section(provider, 'Items');
    api.explorer.filter('items', { search: `TREE-${RUN}`, tagIds: [tag.id], tagName: tag.name });
    assert.deepStrictEqual((await children(provider, items)).map((r) => r.label), [sku1]);
    const allItems = await owner.countItems();
    // The section row says what it shows: the view's title is too narrow for the filter.
    await until('the filtered count', () => row(provider, items).description === `1 of ${allItems} · search: TREE-${RUN} · tag: ${tag.name}`);
    assert.strictEqual(row(provider, items).contextValue, 'retrac.section.items.filtered');
    api.explorer.filter('items', { search: `TREE-${RUN}`, locationId: locB.id, locationName: locB.name });
    assert.deepStrictEqual((await children(provider, items)).map((r) => r.label), [sku1], 'only item 1 has a balance at B');
    assert.match(api.explorer.view.description ?? '', new RegExp(`at ${locB.name}`));

    api.explorer.filter('transfers', { status: 'reverted', fromLocationId: locA.id });
    const transfers = await children(provider, section(provider, 'Transfers'));
    assert.deepStrictEqual(transfers.map((r) => refId(r.node, 'transfer')), [reverted.id]);

    api.explorer.filter('locations', { type: 'truck', active: false });
    const locations = await children(provider, section(provider, 'Locations'));
    assert.ok(locations.some((r) => r.label === locC.name));
    assert.ok(locations.every((r) => r.contextValue === 'retrac.location.inactive' && r.description.startsWith('truck')));
    const count = await owner.countLocations({ type: 'truck', active: false });
    const allLocations = await owner.countLocations();
    await until('the filtered location count', () =>
      row(provider, section(provider, 'Locations')).description === `${count} of ${allLocations} · type: truck · inactive only`);
    assert.match(row(provider, section(provider, 'Transfers')).description, /^status: reverted · from: /);

    await vscode.commands.executeCommand('retrac.clearExplorerFilter');
    assert.strictEqual(api.explorer.view.description, undefined);
    // The counts are back at once, not blank until a refresh of the whole view.
    assert.strictEqual(row(provider, items).description, String(allItems));
    assert.strictEqual(row(provider, section(provider, 'Locations')).description, String(allLocations));
    assert.strictEqual(row(provider, section(provider, 'Transfers')).description, '');
    await sleep(300);
    assert.strictEqual(row(provider, items).description, String(allItems), 'and stay there');
  });

  test('a filter set before any count is known still gets its counts without a refresh of the view', async () => {
    const own = new ExplorerProvider(testConnection(owner), quietLog);
    try {
      const items = section(own, 'Items'); // renders the headers: the counts start
      own.setFilters('items', { search: `TREE-${RUN}` });
      const all = await owner.countItems();
      await until('the filtered count on the row', () => row(own, items).description === `2 of ${all} · search: TREE-${RUN}`);
      own.setFilters('items', {});
      assert.strictEqual(row(own, items).description, String(all), 'cleared: the count at once');
    } finally {
      own.dispose();
    }
  });

  test('an edit event refreshes only the affected nodes', async () => {
    api.explorer.filter('items', { search: `TREE-${RUN}` });
    const items = section(provider, 'Items');
    const bolt = (await children(provider, items)).find((r) => r.label === sku1)!;
    await children(provider, bolt.node);
    const itemPages = provider.section('items')!.paged.loader;
    const pageRequests = itemPages.requests;
    await owner.setOnHand({ itemId: item1.id, locationId: locB.id, onHandQty: 9 });
    api.events.fire({ itemIds: [item1.id], locationIds: [locB.id] });
    await until('the new total', () => {
      provider.getChildren(bolt.node);
      return row(provider, bolt.node).description === 'Tree bolt · 14 on hand';
    });
    assert.strictEqual(itemPages.requests, pageRequests, 'the items page was not re-fetched');
    await owner.setOnHand({ itemId: item1.id, locationId: locB.id, onHandQty: 5 });
    api.events.fire({ itemIds: [item1.id], locationIds: [locB.id] });
  });

  test('a key without transfers.read shows Transfers as unavailable, naming the scope', async () => {
    await useKey('restricted-items-read');
    const transfers = section(provider, 'Transfers');
    assert.strictEqual(row(provider, transfers).description, 'unavailable');
    const rows = await children(provider, transfers);
    assert.deepStrictEqual(rows.map((r) => r.contextValue), ['retrac.forbidden']);
    assert.match(rows[0].label, /transfers\.read/);
    // Items stay readable with this key.
    assert.ok((await children(provider, section(provider, 'Items'))).some((r) => r.contextValue === 'retrac.item'));
    await useKey('owner-full');
  });

  test('a 403 from the server becomes a node naming the missing scope, not a toast', async () => {
    // A profile whose recorded scopes are stale: the explorer asks, the server refuses.
    const restricted = clientFor(info, 'restricted-items-read');
    const own = new ExplorerProvider(testConnection(restricted), quietLog);
    try {
      const rows = await children(own, section(own, 'Transfers'));
      assert.deepStrictEqual(rows.map((r) => r.contextValue), ['retrac.forbidden']);
      assert.match(rows[0].label, /transfers\.read/);
    } finally {
      own.dispose();
    }
  });

  test('the tree follows the active profile and drops the old one’s pages', async () => {
    const small = await roomySandbox({ port: 0, seedItems: 20 });
    try {
      const oldItems = section(provider, 'Items');
      await children(provider, oldItems);
      const oldLoader = provider.section('items')!.paged.loader;
      assert.ok(oldLoader.rows.length > 0);
      await useKey('owner-full', small);
      const newItems = section(provider, 'Items');
      assert.notStrictEqual(newItems, oldItems);
      assert.strictEqual(oldLoader.rows.length, 0, 'the old profile’s pages are gone');
      const rows = await children(provider, newItems);
      assert.strictEqual(rows.filter((r) => r.contextValue === 'retrac.item').length, await clientFor(small, 'owner-full').countItems());
      assert.ok(!rows.some((r) => r.label.startsWith(`TREE-${RUN}`)));
    } finally {
      await useKey('owner-full');
      await small.close();
    }
  });

  suite('a 2,000-item catalog (private sandbox)', () => {
    let big: RunningSandbox;
    suiteSetup(async function () {
      this.timeout(120_000);
      big = await roomySandbox({ port: 0, seedItems: 2000 });
      await useKey('owner-full', big);
    });
    suiteTeardown(async () => {
      await useKey('owner-full');
      await big?.close();
    });

    test('pages with Load more; a double click loads one page', async () => {
      const items = section(provider, 'Items');
      const t0 = Date.now();
      let rows = await children(provider, items);
      console.log(`      first page rendered in ${Date.now() - t0} ms`);
      assert.strictEqual(rows.filter((r) => r.contextValue === 'retrac.item').length, 100);
      const more = rows[rows.length - 1];
      assert.deepStrictEqual([more.label, more.item.command?.command], ['Load more…', 'retrac.loadMore']);
      const loader = provider.section('items')!.paged.loader;
      const before = loader.requests;
      const clickedAt = Date.now();
      await Promise.all([
        vscode.commands.executeCommand('retrac.loadMore', more.node),
        vscode.commands.executeCommand('retrac.loadMore', more.node),
      ]);
      console.log(`      Load more → next page in ${Date.now() - clickedAt} ms`);
      assert.strictEqual(loader.requests, before + 1, 'one request for two clicks');
      assert.strictEqual(loader.rows.length, 200);
      rows = await children(provider, items);
      assert.strictEqual(rows.filter((r) => r.contextValue === 'retrac.item').length, 200);
      while (rows[rows.length - 1].contextValue === 'retrac.loadMore') {
        await vscode.commands.executeCommand('retrac.loadMore', rows[rows.length - 1].node);
        rows = await children(provider, items);
      }
      const itemRows = rows.filter((r) => r.contextValue === 'retrac.item');
      assert.strictEqual(itemRows.length, await clientFor(big, 'owner-full').countItems());
      assert.strictEqual(new Set(itemRows.map((r) => refId(r.node, 'item'))).size, itemRows.length, 'no row twice');
    });

    test('pages survive an unrelated refresh; reveal finds an item beyond the loaded pages', async () => {
      const loader = provider.section('items')!.paged.loader;
      const loaded = loader.rows.length;
      await vscode.commands.executeCommand('retrac.refreshNode', section(provider, 'Tags'));
      assert.strictEqual(loader.rows.length, loaded);
      await vscode.commands.executeCommand('retrac.refreshNode', section(provider, 'Items'));
      assert.strictEqual(loader.rows.length, 0, 'refreshing the section itself reloads it');
      await children(provider, section(provider, 'Items'));
      const oldest = (await clientFor(big, 'owner-full').listItems({ sort: 'createdAt', order: 'asc', pageSize: 1 }))[0];
      await api.explorer.reveal({ kind: 'item', id: oldest.id });
      await until('the revealed item selected', () => refId(api.explorer.view.selection[0], 'item') === oldest.id);
    });

    test('reveal selects the item even while the section is refreshing or its page is not loaded', async () => {
      // Issue 16 item 17: the reveal raced the view's batched refresh (a page landing, a pin, a reset).
      const far = await clientFor(big, 'owner-full').listItems({ sort: 'createdAt', order: 'asc', pageSize: 8 });
      const items = () => section(provider, 'Items');
      for (const [i, it] of far.entries()) {
        // Alternate the ways a refresh can be in flight when the reveal starts.
        if (i % 3 === 0) await vscode.commands.executeCommand('retrac.refreshNode', items());
        else if (i % 3 === 1) api.explorer.filter('items', {});
        else provider.changed(items());
        const shown = await api.explorer.reveal({ kind: 'item', id: it.id });
        assert.strictEqual(shown, true, `reveal ${i} reported failure`);
        assert.strictEqual(refId(api.explorer.view.selection[0], 'item'), it.id, `reveal ${i}: ${it.sku} is selected when reveal resolves`);
      }
    });

    test('reveal of an item that does not exist says why and selects nothing new', async () => {
      const before = api.explorer.view.selection[0];
      const shown = await api.explorer.reveal({ kind: 'item', id: 'no-such-item' });
      assert.strictEqual(shown, false);
      assert.strictEqual(api.explorer.view.selection[0], before);
    });
  });

  suite('failures (private sandbox)', () => {
    let sandbox: RunningSandbox;
    suiteSetup(async () => {
      sandbox = await roomySandbox({ port: 0, seedItems: 150 });
    });
    suiteTeardown(async () => {
      await sandbox?.close();
    });

    test('a failed page shows an error node; Retry loads it', async () => {
      // No automatic GET retry here, so one dropped connection is one failed page.
      const own = new ExplorerProvider(testConnection(clientFor(sandbox, 'owner-full', { maxGetRetries: 0 })), quietLog);
      try {
        const items = section(own, 'Items');
        let rows = await children(own, items);
        assert.strictEqual(rows.filter((r) => r.contextValue === 'retrac.item').length, 100);
        sandbox.injectFault({ method: 'GET', path: '/items', mode: 'drop-before' });
        await vscode.commands.executeCommand('retrac.loadMore', rows[rows.length - 1].node);
        rows = await children(own, items);
        const error = rows[rows.length - 1];
        assert.strictEqual(error.contextValue, 'retrac.error');
        assert.match(error.label, /^Failed to load: /);
        assert.strictEqual(error.item.command?.command, 'retrac.showLog');
        assert.strictEqual(own.state, 'ready', 'a later page failing does not hide the tree');
        await vscode.commands.executeCommand('retrac.retryNode', error.node);
        rows = await children(own, items);
        assert.strictEqual(rows.filter((r) => r.contextValue === 'retrac.item').length, 150);
        assert.ok(!rows.some((r) => r.contextValue === 'retrac.error'));
      } finally {
        own.dispose();
      }
    });

    test('an untrusted certificate: the error node says which setting to set and where (the Remote tab here)', async () => {
      const key = info.keys.find((k) => k.name === 'owner-full')!;
      // No CA given: the sandbox's self-signed certificate is not trusted (verification stays on).
      const untrusting = new RetracClient({ apiKey: key.key, baseUrl: info.baseUrl, workspaceId: key.workspaceId, maxGetRetries: 0 });
      const own = new ExplorerProvider(testConnection(untrusting), quietLog);
      try {
        const rows = await children(own, section(own, 'Items'));
        const error = rows.find((r) => r.contextValue === 'retrac.error');
        assert.ok(error, rows.map((r) => r.label).join(' | '));
        assert.match(error.label, /retrac\.caCertificatePath/);
        assert.match(error.label, /Settings editor’s Remote \[[^\]]+\] tab/);
      } finally {
        own.dispose();
      }
    });

    test('an unreachable API switches the view to the offline state', async () => {
      const gone = await roomySandbox({ port: 0, seedItems: 20 });
      const client = clientFor(gone, 'owner-full', { maxGetRetries: 0 });
      await gone.close();
      const own = new ExplorerProvider(testConnection(client), quietLog);
      try {
        assert.strictEqual(own.getChildren().length, 5);
        await until('the offline state', () => own.state === 'offline');
        assert.deepStrictEqual(own.getChildren(), [], 'the offline welcome view shows instead');
      } finally {
        own.dispose();
      }
    });
  });

  test('the location filter picker offers every location of every page, not the first 50', async () => {
    // Business allows 50 locations (the old picker's one page); Business Plus allows 100.
    const many = await roomySandbox({ port: 0, seedItems: 20, plan: 'business plus' });
    const client = clientFor(many, 'owner-full');
    const own = new ExplorerProvider(testConnection(client), quietLog);
    try {
      const created: Location[] = [];
      for (let i = 0; i < 60; i++) created.push(await client.createLocation({ name: `Pick ${RUN} ${String(i).padStart(2, '0')}`, type: 'site' }));
      const retired = await client.updateLocation(created[59].id, { active: false });
      const total = await client.countLocations();
      assert.ok(total > 60, `more locations than one page of 50 (${total})`);
      const host: FilterHost = { provider: own, findPick: undefined, filter: () => undefined, reveal: () => Promise.resolve(false) };
      const pending = pickLocation(host, 'Items with stock at');
      const qp = (await until('the location pick', () => host.filterPick)) as vscode.QuickPick<vscode.QuickPickItem & { id?: string }>;
      await until('the locations listed', () => !qp.busy && qp.items.length > 1);
      assert.strictEqual(qp.items.length, total + 1, '“Any location” and every location the server counts');
      const labels = new Set(qp.items.map((i) => i.label));
      assert.deepStrictEqual(created.filter((l) => !labels.has(l.name)).map((l) => l.name), [], 'every created location is offered');
      const last = qp.items.find((i) => i.id === retired.id);
      assert.ok(last, 'the inactive location, created last, is offered');
      assert.strictEqual(last.description, 'site (inactive)');
      assert.ok(qp.items.indexOf(last) > qp.items.findIndex((i) => i.id === created[0].id), 'active locations first');
      qp.activeItems = [last];
      await sleep(60);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      const chosen = await pending;
      assert.deepStrictEqual([chosen?.id, chosen?.name], [retired.id, retired.name]);
      assert.strictEqual(host.filterPick, undefined, 'the pick is gone once chosen');
    } finally {
      own.dispose();
      await many.close();
    }
  });

  test('Filter from the Items row: “Has stock at location…”, then a location, filters the items on the server', async () => {
    api.explorer.filter('items', {});
    const accept = async (qp: vscode.QuickPick<vscode.QuickPickItem>, label: RegExp | string) => {
      const item = qp.items.find((i) => (typeof label === 'string' ? i.label === label : label.test(i.label)));
      assert.ok(item, `${String(label)} in ${qp.items.map((i) => i.label).join(', ')}`);
      qp.activeItems = [item];
      await sleep(60);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    };
    const pending = Promise.resolve(vscode.commands.executeCommand('retrac.filterExplorer', section(provider, 'Items')));
    const fields = await until('the filter field pick', () => api.explorer.filterPick);
    assert.strictEqual(fields.title, 'Filter items', 'run from the Items row: no “which list” step');
    await accept(fields, /Has stock at location/);
    const places = await until('the location pick', () => {
      const p = api.explorer.filterPick;
      return p && p !== fields && !p.busy && p.items.length > 1 && p;
    });
    await accept(places, locA.name);
    await pending;
    assert.deepStrictEqual([provider.filters.items.locationId, provider.filters.items.locationName], [locA.id, locA.name]);
    assert.match(api.explorer.view.description ?? '', new RegExp(`Items: at ${locA.name}`));
    const rows = await children(provider, section(provider, 'Items'));
    assert.ok(rows.some((r) => r.label === sku1), `${sku1} has stock at ${locA.name}`);
    api.explorer.filter('items', {});
  });

  test('chart commands from a row’s context menu act on its resource: an item, its stock row, a location', async () => {
    api.explorer.filter('items', { search: sku1 });
    const bolt = (await children(provider, section(provider, 'Items'))).find((r) => r.label === sku1)!;
    const history = await vscode.commands.executeCommand<ChartData | undefined>('retrac.showStockHistory', bolt.node);
    assert.deepStrictEqual([history?.kind, history?.kind === 'history' && history.sku], ['history', sku1], 'the item row’s history, no picker');
    const stockRow = (await children(provider, bolt.node)).find((r) => r.label === locA.name)!;
    assert.strictEqual(stockRow.contextValue, 'retrac.balance');
    const fromStock = await vscode.commands.executeCommand<ChartData | undefined>('retrac.showStockHistory', stockRow.node);
    assert.deepStrictEqual([fromStock?.kind, fromStock?.kind === 'history' && fromStock.sku], ['history', sku1], 'a stock row’s item');
    const a = await provider.findNode({ kind: 'location', id: locA.id });
    const chart = await vscode.commands.executeCommand<ChartData | undefined>('retrac.showLocationChart', a);
    assert.ok(chart?.kind === 'location', 'the location row’s chart, no picker');
    assert.deepStrictEqual(chart.bars.filter((b) => b.sku === sku1).map((b) => b.onHand), [5]);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('an edit command from a stock row’s context menu acts on that row: Set On-Hand asks the quantity first', async () => {
    api.explorer.filter('items', { search: sku1 });
    const bolt = (await children(provider, section(provider, 'Items'))).find((r) => r.label === sku1)!;
    const stockRow = (await children(provider, bolt.node)).find((r) => r.label === locB.name)!;
    const driver = new InputDriver(api.inputs, 20_000);
    try {
      const pending = Promise.resolve(vscode.commands.executeCommand<EditOutcome>('retrac.setOnHand', stockRow.node));
      const first = await driver.peek('the first step of Set On-Hand');
      assert.ok(!('items' in first), 'no item or location pick: the row names both');
      assert.match(first.prompt ?? '', /Current on-hand: 5\b/);
      assert.strictEqual(first.title, `Set On-Hand Stock: ${sku1} at ${locB.name}`);
      await driver.cancel();
      assert.strictEqual((await pending).status, 'cancelled');
    } finally {
      driver.dispose();
    }
  });

  test('Find Item searches the server as you type and reveals the pick', async () => {
    const pending = Promise.resolve(vscode.commands.executeCommand<Item | undefined>('retrac.findItem'));
    const qp = await until('the Find Item pick', () => api.explorer.findPick);
    qp.value = sku2;
    const match = await until('the searched item', () => qp.items.length === 1 && qp.items[0].label === sku2 && !qp.busy && qp.items[0]);
    qp.activeItems = [match];
    await sleep(60);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.strictEqual((await pending)?.id, item2.id);
    await until('the item selected in the tree', () => refId(api.explorer.view.selection[0], 'item') === item2.id);
  });

  test('details open as a read-only JSON document with links that reveal related nodes', async () => {
    api.explorer.filter('items', { search: sku1 });
    const bolt = (await children(provider, section(provider, 'Items'))).find((r) => r.label === sku1)!;
    await vscode.commands.executeCommand('retrac.openDetails', bolt.node);
    const editor = await until('the details editor', () => vscode.window.activeTextEditor?.document.uri.scheme === 'retrac' && vscode.window.activeTextEditor);
    const doc = editor.document;
    assert.strictEqual(doc.languageId, 'json');
    const json = JSON.parse(doc.getText()) as Item & { onHand: number; balances: { locationId: string }[] };
    assert.deepStrictEqual([json.id, json.sku, json.onHand], [item1.id, sku1, 10]);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
    const targets = links.map((l) => decodeURIComponent(l.target?.query ?? ''));
    assert.ok(targets.some((q) => q.includes(`"kind":"location","id":"${locA.id}"`)), targets.join('\n'));
    assert.ok(targets.some((q) => q.includes(`"kind":"tag","id":"${tag.id}"`)), targets.join('\n'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
