// UI smoke test: the packaged extension (VSIX) in a real workbench.
import * as assert from 'assert';
import { useWorkbench } from './helpers';

describe('Retrac UI smoke', function () {
  this.timeout(120_000);
  const wb = useWorkbench();

  it('loads the workbench with the Retrac view container', async () => {
    await wb().showViewContainer('Retrac');
    await wb().screenshot('smoke-retrac-container');
  });

  // Checks the helpers themselves on VS Code's own quick inputs, so a broken helper is told
  // apart from a broken feature.
  it('drives the palette and quick picks (helper self-check on the theme picker)', async () => {
    const body = wb().page.locator('.monaco-workbench');
    await wb().runCommand('Preferences: Color Theme');
    await wb().typeInInput('Dark Modern');
    await wb().page.locator('.monaco-workbench.vs-dark').waitFor();
    await wb().runCommand('Preferences: Color Theme');
    await wb().pickQuickItem('Light Modern');
    await wb().page.locator('.monaco-workbench.vs').waitFor();
    assert.ok(!(await body.getAttribute('class'))?.includes('vs-dark'));
  });

  it('lists Retrac commands in the command palette', async () => {
    const items = await wb().paletteItems('Retrac:');
    assert.ok(items.some((label) => label.startsWith('Retrac:')), `palette rows: ${JSON.stringify(items)}`);
  });
});
