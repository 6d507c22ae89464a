// UI E2E: the Retrac view in a real workbench (the packaged extension, connected to the sandbox
// as owner-full): open the view, expand Items and a location, check the row texts, and save
// screenshots (test-results/screenshots/tree-*.png; the README uses tree-items).
import * as assert from 'assert';
import * as fs from 'fs';
import { RetracClient } from '../../src/api/client';
import { useWorkbench } from './helpers';

const RUN = Date.now().toString(36).toUpperCase();

describe('Retrac inventory explorer (UI)', function () {
  this.timeout(180_000);
  const wb = useWorkbench({ settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
  const sku = `UI-${RUN}-BOLT`;
  const location = `UI depot ${RUN}`;

  before(async () => {
    const info = wb().sandboxInfo;
    assert.ok(info, 'the UI test needs the sandbox');
    const key = info.keys.find((k) => k.name === 'owner-full')!;
    const owner = new RetracClient({ apiKey: key.key, baseUrl: info.baseUrl, workspaceId: key.workspaceId, ca: fs.readFileSync(info.caCertPath, 'utf8') });
    const depot = await owner.createLocation({ name: location, type: 'van' });
    const tag = await owner.createTag({ name: `ui-${RUN}`.toLowerCase(), color: 'green' });
    const item = await owner.createItem({ sku, description: 'Hex bolt M8 (UI test)', cost: 1, tagIds: [tag.id] });
    await owner.setOnHand({ itemId: item.id, locationId: depot.id, onHandQty: 12 });
  });

  /** What a tree row reads: its label, a space, its description. */
  async function rowText(text: string): Promise<string> {
    const row = wb().treeRow(text).first();
    await row.waitFor();
    const label = await row.locator('.label-name').first().innerText();
    const description = (await row.locator('.label-description').count()) ? await row.locator('.label-description').first().innerText() : '';
    return `${label} ${description}`.replace(/\s+/g, ' ').trim();
  }

  /** Widens the side bar (drags its sash) so descriptions are not cut off in the screenshots. */
  async function widenSideBar(): Promise<void> {
    const page = wb().page;
    const box = await page.locator('.part.sidebar').boundingBox();
    if (!box) return;
    const x = box.x + box.width;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 260, y, { steps: 8 });
    await page.mouse.up();
  }

  it('shows the five sections with counts', async () => {
    await wb().showViewContainer('Retrac');
    await widenSideBar();
    for (const label of ['Items', 'Locations', 'Transfers', 'Tags', 'Movements']) await wb().treeRow(label).first().waitFor();
    // The count arrives after the header: "Items 301".
    for (const label of ['Items', 'Locations']) await wb().treeRow(label).first().locator('.label-description').filter({ hasText: /^\d+$/ }).waitFor();
    assert.match(await rowText('Items'), /^Items \d+$/);
    assert.match(await rowText('Locations'), /^Locations \d+$/);
    await wb().screenshot('tree-sections');
  });

  it('expands Items: SKU and description, then an item’s stock per location', async () => {
    const clicked = Date.now();
    await wb().treeRow('Items').first().click();
    await wb().treeRow(sku).first().waitFor();
    console.log(`      first page of items on screen ${Date.now() - clicked} ms after expanding Items`);
    assert.match(await rowText(sku), new RegExp(`^${sku} Hex bolt M8 \\(UI test\\)$`));
    // Expanding the item reads its balances and adds the on-hand total to its description.
    await wb().treeRow(sku).first().click();
    await wb().treeRow(location).first().waitFor();
    assert.match(await rowText(location), new RegExp(`^${location} 12 on hand$`));
    await wb().page.locator('.pane-body .monaco-list-row', { hasText: `${sku}` }).filter({ hasText: '12 on hand' }).first().waitFor();
    assert.match(await rowText(sku), /Hex bolt M8 \(UI test\) · 12 on hand$/);
    await wb().screenshot('tree-items');
    await wb().treeRow('Items').first().click(); // collapse
  });

  it('expands a location: its stock by SKU', async () => {
    await wb().treeRow('Locations').first().click();
    await wb().treeRow(location).first().click();
    const balance = wb().treeRow(sku).filter({ hasText: '12 on hand' }).first();
    await balance.waitFor();
    const text = `${await balance.locator('.label-name').innerText()} ${await balance.locator('.label-description').innerText()}`;
    assert.strictEqual(text, `${sku} 12 on hand`);
    await wb().screenshot('tree-location');
  });
});
