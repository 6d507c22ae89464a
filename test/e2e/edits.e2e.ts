// UI E2E: set on-hand stock from the command palette by typing into the real quick inputs, and
// see the explorer's balance row and a notification update.
import * as assert from 'assert';
import * as fs from 'fs';
import { RetracClient } from '../../src/api/client';
import { useWorkbench } from './helpers';

const RUN = Date.now().toString(36).toUpperCase();

describe('Retrac edits (UI)', function () {
  this.timeout(180_000);
  const wb = useWorkbench();
  let owner: RetracClient;
  const sku = `E2E-${RUN}`;
  const locationName = `E2E dock ${RUN}`;
  let itemId = '';
  let locationId = '';

  before(async () => {
    const info = wb().sandboxInfo;
    assert.ok(info, 'the UI test needs the sandbox');
    const key = info.keys.find((k) => k.name === 'owner-full')!;
    owner = new RetracClient({ apiKey: key.key, baseUrl: info.baseUrl, workspaceId: key.workspaceId, ca: fs.readFileSync(info.caCertPath, 'utf8') });
    const location = await owner.createLocation({ name: locationName, type: 'warehouse' });
    const item = await owner.createItem({ sku, description: 'Pallet wrap (UI test)', cost: 3 });
    await owner.setOnHand({ itemId: item.id, locationId: location.id, onHandQty: 3 });
    itemId = item.id;
    locationId = location.id;
  });

  /** Types into the open quick input, waits for a row containing `row`, and accepts it. */
  async function typeAndChoose(text: string, row: string): Promise<void> {
    const page = wb().page;
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(text);
    await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: row }).first().waitFor();
    await input.press('Enter');
  }

  /** The balance row of our item under our location (expanding Locations → our location). */
  function balanceRow(qty: number) {
    return wb().treeRow(sku).filter({ hasText: `${qty} on hand` }).first();
  }

  it('sets on-hand stock from the palette and the tree shows the new count', async () => {
    const page = wb().page;
    await wb().showViewContainer('Retrac');
    await wb().treeRow('Locations').first().click();
    await wb().treeRow(locationName).first().click();
    await balanceRow(3).waitFor();

    await wb().runCommand('Retrac: Set On-Hand Stock');
    await typeAndChoose(sku, sku);
    await typeAndChoose(locationName, locationName);
    const box = page.locator('.quick-input-widget');
    await box.locator('.quick-input-message', { hasText: 'Current on-hand: 3' }).waitFor();
    const input = box.locator('input');
    await input.fill('+5');
    await input.press('Enter');
    await box.locator('.quick-input-message', { hasText: 'Why the count changed' }).waitFor();
    await input.fill('UI test count');
    await input.press('Enter');
    await box.locator('.quick-input-list .monaco-list-row', { hasText: 'Set to 8' }).waitFor();
    await wb().screenshot('edits-set-on-hand-confirm');
    await input.press('Enter');

    await wb().waitForNotification('3 → 8');
    await balanceRow(8).waitFor();
    await wb().screenshot('edits-set-on-hand-done');
    const rows = await owner.listBalances({ itemId, locationId });
    assert.strictEqual(rows[0]?.onHandQty, 8);
  });
});
