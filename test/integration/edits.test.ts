// The inventory edit commands inside a real VS Code, answered through the workbench's quick
// inputs, against the harness sandbox (own uniquely named data) and, for the interrupted write,
// a private sandbox with fault injection. Every check reads the server back with a direct client.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { RetracClient } from '../../src/api/client';
import type { Item, Location, Movement, Transfer } from '../../src/api/types';
import type { EditOutcome } from '../../src/edits/flow';
import type { ImportReport } from '../../src/edits/importItems';
import type { OnHandChange } from '../../src/edits/stock';
import type { RetracExtensionApi } from '../../src/extension';
import type { InventoryChange } from '../../src/inventoryEvents';
import type { RunningSandbox, SandboxInfo } from '../../src/sandbox/types';
import { clientFor, EXTENSION_ID, harnessSandbox, privateSandbox, SandboxProfiles, sleep, waitFor } from './helpers';
import { InputDriver } from './inputDriver';

const RUN = Date.now().toString(36).toUpperCase();

type Pick = vscode.QuickPick<vscode.QuickPickItem>;
type Match = string | RegExp | ((item: vscode.QuickPickItem) => boolean);

/** The command being answered: a step wait fails at once (with its outcome) if it ended early. */
let current: Promise<EditOutcome<unknown>> | undefined;
let driverInputs: RetracExtensionApi['inputs'] | undefined;

async function nextStep(driver: InputDriver, what: string): Promise<Pick | vscode.InputBox> {
  const ended = current?.then((o) => {
    throw new Error(`the command ended (${o.status}${'message' in o ? `: ${o.message}` : ''}) instead of showing ${what}`);
  });
  try {
    return await Promise.race([driver.next(what), ...(ended ? [ended] : [])]);
  } catch (e) {
    const on = driverInputs?.active;
    throw new Error(`${e instanceof Error ? e.message : String(e)}; on screen: ${on ? `"${on.title ?? ''}"` : 'nothing'}`);
  }
}

async function nextPick(driver: InputDriver): Promise<Pick> {
  const input = await nextStep(driver, 'a quick pick');
  assert.ok('items' in input, `expected a quick pick, got the input box "${input.title ?? ''}"`);
  return input;
}

/** A type-to-search pick: types `text` (the server searches) and picks the match. */
async function searchPick(driver: InputDriver, text: string, m: Match = text): Promise<vscode.QuickPickItem> {
  return driver.searchIn(await nextPick(driver), text, m);
}

/** Confirms the next confirmation step, returning its summary line. */
async function confirm(driver: InputDriver): Promise<string> {
  const qp = await nextPick(driver);
  const summary = qp.placeholder ?? '';
  await driver.choose(qp, /\$\(check\)/);
  return summary;
}

function run<T>(command: string, ...args: unknown[]): Promise<EditOutcome<T>> {
  const pending = Promise.resolve(vscode.commands.executeCommand<EditOutcome<T>>(command, ...args));
  current = pending;
  return pending;
}

function done<T>(o: EditOutcome<T>): Extract<EditOutcome<T>, { status: 'done' }> {
  assert.strictEqual(o.status, 'done', `expected done, got ${o.status}: ${'message' in o ? o.message : ''}`);
  return o;
}

async function onHand(client: RetracClient, itemId: string, locationId: string): Promise<number> {
  const rows = await client.listBalances({ itemId, locationId });
  return rows.find((b) => b.itemId === itemId && b.locationId === locationId)?.onHandQty ?? 0;
}

/** "step/total" of a shown step, as the workbench prints it. */
function stepOf(input: { step?: number; totalSteps?: number }): string {
  return `${input.step}/${input.totalSteps}`;
}

async function movements(client: RetracClient, itemId: string, locationId: string): Promise<Movement[]> {
  return client.listMovements({ itemId, locationId, pageSize: 100 });
}

suite('Retrac edits', function () {
  this.timeout(60_000);
  let api: RetracExtensionApi;
  let info: SandboxInfo;
  let owner: RetracClient;
  let driver: InputDriver;
  let changes: InventoryChange[] = [];
  let changeSub: vscode.Disposable;
  let profiles: SandboxProfiles;
  let locA: Location;
  let locB: Location;
  let item: Item;

  /** Makes the sandbox key `name` the active profile (adding it once). */
  async function useKey(name: string, sandbox: SandboxInfo = info): Promise<void> {
    await profiles.use(name, sandbox);
  }

  suiteSetup(async function () {
    info = harnessSandbox();
    api = (await vscode.extensions.getExtension<RetracExtensionApi>(EXTENSION_ID)!.activate());
    profiles = new SandboxProfiles(api, 'edits', RUN);
    owner = clientFor(info, 'owner-full');
    locA = await owner.createLocation({ name: `Edits A ${RUN}`, type: 'warehouse' });
    locB = await owner.createLocation({ name: `Edits B ${RUN}`, type: 'van' });
    item = await owner.createItem({ sku: `EDIT-${RUN}-1`, description: 'Edits test bolt', cost: 1 });
    await owner.setOnHand({ itemId: item.id, locationId: locA.id, onHandQty: 10 });
    changeSub = api.events.onDidChange((c) => changes.push(c));
    await useKey('owner-full');
  });

  setup(() => {
    // Generous: the machine is shared, and a slow step must not read as a missing one.
    driver = new InputDriver(api.inputs, 30_000);
    driverInputs = api.inputs;
    changes = [];
    current = undefined;
  });

  teardown(async () => {
    driver.dispose();
    if (api.inputs.active) await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    // A flow left open by a failed test ends here, so it cannot answer the next test's steps.
    if (current) await Promise.race([current, sleep(10_000)]);
    await useKey('owner-full');
  });

  suiteTeardown(async () => {
    changeSub?.dispose();
    await profiles.removeAll();
  });

  test('Set On-Hand: validation, Back, old → new confirm, tree refresh event, then Undo', async () => {
    const before = (await movements(owner, item.id, locA.id)).length;
    const pending = run<OnHandChange>('retrac.setOnHand');
    const itemPick = await nextPick(driver);
    assert.strictEqual(stepOf(itemPick), '1/5');
    const picked = await driver.searchIn(itemPick, item.sku);
    assert.strictEqual(picked.description, 'Edits test bolt · 10 on hand', 'the item pick shows the item’s total on hand');
    const locationPick = await nextPick(driver);
    assert.strictEqual(stepOf(locationPick), '2/5');
    await driver.choose(locationPick, locB.name);
    // Each location shows its quantity of the chosen item.
    assert.match(locationPick.items.find((i) => i.label === locA.name)?.description ?? '', new RegExp(`· 10 of ${item.sku} on hand$`));
    assert.match(locationPick.items.find((i) => i.label === locB.name)?.description ?? '', new RegExp(`· 0 of ${item.sku} on hand$`));
    // Back from the quantity box returns to the location pick; the next choice replaces it.
    assert.strictEqual(stepOf(await driver.peek('the quantity step')), '3/5');
    await driver.back();
    const again = await nextPick(driver);
    assert.strictEqual(stepOf(again), '2/5', 'Back keeps the numbering');
    await driver.choose(again, locA.name);
    const negative = await driver.typeRefused('-11');
    assert.match(negative, /cannot be negative/i);
    assert.match(negative, /-1/);
    assert.match(await driver.typeRefused('2.5'), /not a whole number/);
    const box = await driver.type('+5');
    assert.match(box.prompt ?? '', /Current on-hand: 10\b/);
    assert.strictEqual(stepOf(box), '3/5');
    assert.strictEqual(stepOf(await driver.type('cycle count')), '4/5');
    assert.strictEqual(stepOf(await driver.peek('the confirm step')), '5/5');
    assert.match(await confirm(driver), new RegExp(`${item.sku} at ${locA.name}: 10 → 15`));
    const outcome = done(await pending);
    assert.strictEqual(outcome.result.newQty, 15);
    assert.strictEqual(await onHand(owner, item.id, locA.id), 15);
    assert.strictEqual(await onHand(owner, item.id, locB.id), 0, 'the location chosen before Back was not written');
    const after = await movements(owner, item.id, locA.id);
    assert.strictEqual(after.length, before + 1);
    assert.deepStrictEqual([after[0].type, after[0].quantity, after[0].note], ['adjustment_plus', 5, 'cycle count']);
    assert.ok(changes.some((c) => c.itemIds?.includes(item.id) && c.locationIds?.includes(locA.id)), 'an event names the item and location');

    assert.ok(outcome.undo, 'the notification offers Undo');
    changes = [];
    const undone = done(await outcome.undo());
    assert.match(undone.message, /15 → 10/);
    assert.strictEqual(await onHand(owner, item.id, locA.id), 10);
    const afterUndo = await movements(owner, item.id, locA.id);
    assert.strictEqual(afterUndo.length, before + 2);
    assert.deepStrictEqual([afterUndo[0].type, afterUndo[0].quantity], ['adjustment_minus', 5]);
    assert.match(afterUndo[0].note ?? '', /Undo/);
    assert.ok(changes.some((c) => c.itemIds?.includes(item.id)));
  });

  test('Set On-Hand run on a location row: the location step is skipped and the total says so', async () => {
    const pending = run('retrac.setOnHand', { location: locA });
    const itemPick = await nextPick(driver);
    assert.strictEqual(stepOf(itemPick), '1/4');
    await driver.searchIn(itemPick, item.sku);
    const box = await driver.peek('the quantity step');
    assert.strictEqual(stepOf(box), '2/4');
    assert.match((box as vscode.InputBox).prompt ?? '', /Current on-hand: 10\b/);
    await driver.cancel();
    assert.strictEqual((await pending).status, 'cancelled');
  });

  test('Set On-Hand: Escape at any step writes nothing', async () => {
    const before = (await movements(owner, item.id, locA.id)).length;
    const pending = run('retrac.setOnHand');
    await searchPick(driver, item.sku);
    await driver.choose(await nextPick(driver), locA.name);
    await driver.type('99');
    await driver.cancel();
    assert.strictEqual((await pending).status, 'cancelled');
    assert.strictEqual(await onHand(owner, item.id, locA.id), 10);
    assert.strictEqual((await movements(owner, item.id, locA.id)).length, before);
  });

  test('Set On-Hand: a balance changed by someone else meanwhile is shown and asked again', async () => {
    const pending = run<OnHandChange>('retrac.setOnHand', {
      balance: { id: 'b', itemId: item.id, locationId: locA.id, onHandQty: 10, item: { id: item.id, sku: item.sku, description: item.description }, location: { id: locA.id, name: locA.name } },
    });
    // The balance node pre-fills item and location: the first step is the quantity.
    await driver.type('20');
    await driver.type('');
    const confirmStep = await nextPick(driver);
    assert.match(confirmStep.placeholder ?? '', /10 → 20/);
    await owner.setOnHand({ itemId: item.id, locationId: locA.id, onHandQty: 13, note: 'someone else' });
    await driver.choose(confirmStep, /\$\(check\)/);
    const again = await driver.next('the quantity box again');
    assert.ok(!('items' in again));
    assert.match(again.prompt ?? '', /Changed since shown: 10 → 13/);
    assert.match(again.prompt ?? '', /Current on-hand: 13\b/);
    assert.strictEqual(await onHand(owner, item.id, locA.id), 13, 'nothing was written over the other change');
    again.value = '+1';
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await driver.type('');
    assert.match(await confirm(driver), /13 → 14/);
    done(await pending);
    assert.strictEqual(await onHand(owner, item.id, locA.id), 14);
    await owner.setOnHand({ itemId: item.id, locationId: locA.id, onHandQty: 10 });
  });

  test('a restricted key without inventory.write is refused at once, before any input', async () => {
    await useKey('restricted-read');
    let shown = 0;
    const sub = api.inputs.onDidShow(() => shown++);
    const outcome = await run('retrac.setOnHand');
    sub.dispose();
    assert.strictEqual(outcome.status, 'refused');
    assert.match((outcome as { message: string }).message, /inventory\.write/);
    assert.strictEqual(shown, 0);
  });

  test('a member with View access at a location is told so, and nothing is written', async () => {
    const main = (await owner.listLocations({ pageSize: 50 })).find((l) => l.name === 'Main Warehouse');
    assert.ok(main, 'the seeded "Main Warehouse" (member: View) exists');
    const before = await onHand(owner, item.id, main.id);
    await useKey('member-full');
    const pending = run('retrac.setOnHand');
    await searchPick(driver, item.sku);
    await driver.choose(await nextPick(driver), 'Main Warehouse');
    await driver.type(String(before + 1));
    await driver.type('');
    await confirm(driver);
    const outcome = await pending;
    assert.strictEqual(outcome.status, 'failed');
    assert.match((outcome as { message: string }).message, /"Main Warehouse" is View-only or None/);
    assert.strictEqual(await onHand(owner, item.id, main.id), before);
  });

  test('Create Transfer: the source is not offered as destination, step/total, on-hand shown, above-stock message, Back over a line, then the transfer', async () => {
    const pending = run<Transfer>('retrac.createTransfer');
    const from = await nextPick(driver);
    assert.strictEqual(stepOf(from), '1/7');
    await driver.choose(from, locA.name);
    const to = await nextPick(driver);
    assert.strictEqual(stepOf(to), '2/7');
    await driver.choose(to, locB.name);
    assert.ok(!to.items.some((i) => i.label === locA.name), `the "to" list offers the source: ${to.items.map((i) => i.label).join(' | ')}`);
    const itemPick = await nextPick(driver);
    assert.strictEqual(stepOf(itemPick), '3/7');
    const picked = await driver.searchIn(itemPick, item.sku);
    assert.strictEqual(picked.description, 'Edits test bolt · 10 on hand here', 'the item pick shows the stock at the source');
    assert.strictEqual(stepOf(await driver.peek('the quantity step')), '4/7');
    const above = await driver.typeRefused('11');
    assert.match(above, new RegExp(`Only 10 available at ${locA.name}`));
    assert.match(await driver.typeRefused('0'), /above 0/);
    await driver.type('3');
    await driver.back(); // from "add another / continue" back to the quantity of that line
    await driver.type('4');
    const more = await nextPick(driver);
    assert.strictEqual(stepOf(more), '5/7');
    const next = await driver.choose(more, /Continue/);
    assert.strictEqual(next.description, '1 line', 'a proper plural, not "1 line(s)"');
    const note = `edits transfer ${RUN}`;
    assert.strictEqual(stepOf(await driver.type(note)), '6/7');
    const confirmStep = await driver.peek('the confirm step');
    assert.strictEqual(stepOf(confirmStep), '7/7');
    assert.ok((confirmStep as Pick).items.some((i) => i.label.endsWith('Create transfer (1 line)')), (confirmStep as Pick).items.map((i) => i.label).join(' | '));
    assert.match(await confirm(driver), new RegExp(`from ${locA.name} to ${locB.name}: 4 × ${item.sku}$`));
    const transfer = done(await pending).result;
    assert.deepStrictEqual(transfer.lines.map((l) => [l.itemId, l.quantity]), [[item.id, 4]]);
    assert.strictEqual(await onHand(owner, item.id, locA.id), 6);
    assert.strictEqual(await onHand(owner, item.id, locB.id), 4);
    assert.ok(changes.some((c) => c.transferIds?.includes(transfer.id)));
  });

  test('Revert Transfer: owner-only for members, lines listed, then 409 as a sentence', async () => {
    const [transfer] = await owner.listTransfers({ search: `edits transfer ${RUN}` });
    assert.ok(transfer, 'the transfer of the previous test exists');
    await useKey('member-full');
    const member = await run('retrac.revertTransfer', { transfer });
    assert.strictEqual(member.status, 'refused');
    assert.match((member as { message: string }).message, /owner-only/);

    await useKey('owner-full');
    const pending = run<Transfer>('retrac.revertTransfer', { transfer });
    assert.match(await confirm(driver), new RegExp(`4 × ${item.sku}`));
    assert.strictEqual(done(await pending).result.status, 'reverted');
    assert.strictEqual(await onHand(owner, item.id, locA.id), 10);
    assert.strictEqual(await onHand(owner, item.id, locB.id), 0);

    // The node still shows it as completed (a stale tree): the server's 409 becomes a sentence.
    const again = run('retrac.revertTransfer', { transfer });
    await confirm(driver);
    const outcome = await again;
    assert.strictEqual(outcome.status, 'failed');
    assert.match((outcome as { message: string }).message, /already reverted/);
  });

  test('Create, Edit and Delete Item (duplicate SKU named; modal delete names the SKU)', async () => {
    const sku = `EDIT-${RUN}-NEW`;
    let pending = run<Item>('retrac.createItem');
    await driver.type(sku);
    await driver.type('Edits test washer');
    assert.match(await driver.typeRefused('-1'), /amount/);
    await driver.type('0.40');
    await driver.type('');
    await driver.type('');
    assert.match(await confirm(driver), new RegExp(sku));
    const created = done(await pending).result;
    assert.strictEqual((await owner.getItem(created.id)).cost, 0.4);

    pending = run<Item>('retrac.createItem');
    await driver.type(sku);
    await driver.type('dup');
    await driver.type('1');
    await driver.type('');
    await driver.type('');
    await confirm(driver);
    const dup = await pending;
    assert.strictEqual(dup.status, 'failed');
    assert.match((dup as { message: string }).message, new RegExp(`"${sku}" already exists`));

    pending = run<Item>('retrac.editItem', { item: created });
    await driver.choose(await nextPick(driver), 'Cost');
    await driver.type('0.55');
    assert.match(await confirm(driver), /Cost of .*: 0\.4 → 0\.55/);
    done(await pending);
    assert.strictEqual((await owner.getItem(created.id)).cost, 0.55);

    const original = vscode.window.showWarningMessage;
    let asked = '';
    (vscode.window as { showWarningMessage: unknown }).showWarningMessage = (message: string, _options: unknown, ...items: string[]) => {
      asked = message;
      return Promise.resolve(items.find((i) => i.startsWith('Delete')));
    };
    let deleted: EditOutcome;
    try {
      deleted = await run('retrac.deleteItem', { item: created });
    } finally {
      (vscode.window as { showWarningMessage: unknown }).showWarningMessage = original;
    }
    assert.match(asked, new RegExp(sku));
    done(deleted);
    await assert.rejects(owner.getItem(created.id), (e: { code?: string }) => e.code === 'not_found');
  });

  test('Create Tag, Tag Item and Untag Item', async () => {
    const name = `edits-${RUN}`.toLowerCase();
    let pending = run('retrac.createTag');
    await driver.type(name);
    await driver.choose(await nextPick(driver), 'green');
    await confirm(driver);
    done(await pending);
    pending = run('retrac.tagItem', { item });
    await driver.choose(await nextPick(driver), name);
    await confirm(driver);
    done(await pending);
    const tagged = (await owner.listItems({ sku: item.sku, withTags: true })).find((i) => i.id === item.id)!;
    assert.deepStrictEqual(tagged.tags?.map((tg) => tg.name), [name]);
    pending = run('retrac.untagItem', { item });
    await driver.choose(await nextPick(driver), name);
    await confirm(driver);
    done(await pending);
    const untagged = (await owner.listItems({ sku: item.sku, withTags: true })).find((i) => i.id === item.id)!;
    assert.deepStrictEqual(untagged.tags ?? [], []);
  });

  test('Create, Rename and Deactivate Location (owner); a member is told it is owner-only', async () => {
    const name = `Edits C ${RUN}`;
    let pending = run<Location>('retrac.createLocation');
    await driver.type(name);
    await driver.choose(await nextPick(driver), 'site');
    await driver.type('');
    await confirm(driver);
    const created = done(await pending).result;
    pending = run<Location>('retrac.renameLocation', { location: created });
    assert.match(await driver.typeRefused(name), /current name/);
    await driver.type(`${name} renamed`);
    await confirm(driver);
    done(await pending);
    pending = run<Location>('retrac.deactivateLocation', { location: { ...created, name: `${name} renamed` } });
    await confirm(driver);
    done(await pending);
    const fresh = (await owner.listLocations({ active: false, pageSize: 50 })).find((l) => l.id === created.id);
    assert.deepStrictEqual([fresh?.name, fresh?.active], [`${name} renamed`, false]);

    await useKey('member-full');
    const member = await run('retrac.createLocation');
    assert.strictEqual(member.status, 'refused');
    assert.match((member as { message: string }).message, /owner-only/);
  });

  test('Import Items: preview marks the bad row; the server refusal is reported per row; the rest is kept', async () => {
    const existing = `EDIT-${RUN}-1`; // created in suiteSetup: the server refuses it as a duplicate
    const csv = [
      'sku,description,cost,sellPrice',
      `IMP-${RUN}-1,Imported one,1.5,3`,
      `IMP-${RUN}-2,Imported two,2,`,
      `IMP-${RUN}-3,Missing cost,,`,
      `${existing},Duplicate on the server,1,`,
    ].join('\n');
    const file = path.join(os.tmpdir(), `edits-import-${RUN}.csv`);
    fs.writeFileSync(file, csv);
    const pending = run<ImportReport>('retrac.importItems', vscode.Uri.file(file));
    const preview = await nextPick(driver);
    await waitFor('the preview rows', () => preview.items.length > 4 || undefined);
    const bad = preview.items.find((i) => i.label.includes(`IMP-${RUN}-3`))!;
    assert.match(bad.label, /\$\(warning\)/);
    assert.match(bad.detail ?? '', /cost is missing/);
    await driver.choose(preview, /Import 3 item/);
    const report = done(await pending).result;
    assert.deepStrictEqual(report.created.map((c) => c.item.sku).sort(), [`IMP-${RUN}-1`, `IMP-${RUN}-2`]);
    assert.deepStrictEqual(report.failed.map((f) => [f.line, f.sku]), [[5, existing]]);
    assert.deepStrictEqual(report.skipped.map((s) => s.line), [4]);
    assert.ok(report.reportUri, 'the problems are listed in a document');
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === report.reportUri!.toString())!;
    assert.match(doc.getText(), new RegExp(`\\| 5 \\| ${existing} \\|`));
    for (const sku of [`IMP-${RUN}-1`, `IMP-${RUN}-2`]) assert.ok((await owner.listItems({ sku })).some((i) => i.sku === sku));
    assert.ok(!(await owner.listItems({ sku: `IMP-${RUN}-3` })).some((i) => i.sku === `IMP-${RUN}-3`));
    fs.rmSync(file, { force: true });
  });

  suite('interrupted writes (private sandbox)', () => {
    let sandbox: RunningSandbox;
    let privateOwner: RetracClient;
    let pItem: Item;
    let pLoc: Location;

    suiteSetup(async () => {
      sandbox = await privateSandbox({ port: 0, seedItems: 3 });
      privateOwner = clientFor(sandbox, 'owner-full');
      pLoc = await privateOwner.createLocation({ name: `Drop ${RUN}` });
      pItem = await privateOwner.createItem({ sku: `DROP-${RUN}`, description: 'Dropped answer', cost: 1 });
      await privateOwner.setOnHand({ itemId: pItem.id, locationId: pLoc.id, onHandQty: 7 });
    });

    suiteTeardown(async () => {
      await sandbox?.close();
    });

    async function setTo(value: string): Promise<EditOutcome<OnHandChange>> {
      await useKey('owner-full', sandbox);
      const pending = run<OnHandChange>('retrac.setOnHand');
      await searchPick(driver, pItem.sku);
      await driver.choose(await nextPick(driver), pLoc.name);
      await driver.type(value);
      await driver.type('');
      await confirm(driver);
      return pending;
    }

    test('an answer lost after the write: re-read, reported as saved, nothing doubled', async () => {
      sandbox.injectFault({ method: 'PUT', path: '/inventory/balances', mode: 'drop-after' });
      const outcome = done(await setTo('9'));
      assert.strictEqual(outcome.interrupted, true);
      assert.match(outcome.message, /was saved/);
      assert.strictEqual(await onHand(privateOwner, pItem.id, pLoc.id), 9);
      const ms = await movements(privateOwner, pItem.id, pLoc.id);
      assert.deepStrictEqual(ms.map((m) => [m.type, m.quantity]), [['adjustment_plus', 2], ['opening', 7]]);
    });

    test('a connection dropped before the write: reported as not saved, nothing written', async () => {
      sandbox.injectFault({ method: 'PUT', path: '/inventory/balances', mode: 'drop-before' });
      const outcome = await setTo('4');
      assert.strictEqual(outcome.status, 'failed');
      assert.match((outcome as { message: string }).message, /nothing changed/);
      assert.strictEqual(await onHand(privateOwner, pItem.id, pLoc.id), 9);
      const ms = await movements(privateOwner, pItem.id, pLoc.id);
      assert.deepStrictEqual(ms.map((m) => [m.type, m.quantity]), [['adjustment_plus', 2], ['opening', 7]]);
    });
  });
});
