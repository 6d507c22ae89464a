// The "Get started with Retrac" walkthrough's runtime part: the command that opens a sample file
// with a freshly generated (fake, revoked-by-construction) key for the leak step, and the context
// key that completes the on-hand step once a stock change was written. The steps themselves are
// in package.json (contributes.walkthroughs), each completing on a real event.
import * as vscode from 'vscode';
import { randomInt } from 'node:crypto';
import type { InventoryEvents } from '../inventoryEvents';
import { Disposable } from '../lifecycle';
import type { Logger } from '../log';
import { registerCommand } from '../registerCommand';

const t = vscode.l10n.t;
export const ON_HAND_SET_CONTEXT = 'retrac.walkthrough.onHandSet';
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export class Walkthrough extends Disposable {
  /** Whether a set on-hand happened in this window (the context key's value). */
  onHandSet = false;

  constructor(events: InventoryEvents, log: Logger) {
    super();
    this.register(registerCommand('retrac.openLeakSample', () => this.openLeakSample(), log));
    this.register(
      events.onDidChange((c) => {
        // Set On-Hand Stock reports the item, the location and new movements (transfers add transferIds).
        if (c.movements && c.itemIds?.length && c.locationIds?.length && !c.transferIds?.length && !this.onHandSet) {
          this.onHandSet = true;
          void vscode.commands.executeCommand('setContext', ON_HAND_SET_CONTEXT, true);
        }
      }),
    );
  }

  /**
   * Opens an untitled script with a generated restricted key. Untitled, so nothing is written
   * until the user applies the quick fix (which puts the key in the open folder's `.env`).
   */
  async openLeakSample(): Promise<vscode.TextEditor> {
    let body = '';
    for (let i = 0; i < 24; i++) body += ALNUM[randomInt(0, ALNUM.length)];
    // Built at run time so no key-shaped literal lives in the repository.
    const key = ['retrac', body].join('_');
    const text = [
      `// ${t('Retrac walkthrough: this key is generated and fake. Use the light bulb (Ctrl+.) on it and pick “Move the key to an environment variable”.')}`,
      "const RETRAC_API_URL = 'https://api.retrac.co';",
      `const RETRAC_API_KEY = '${key}';`,
      '',
      'export async function listItems() {',
      '  const res = await fetch(`${RETRAC_API_URL}/items`, { headers: { Authorization: `Bearer ${RETRAC_API_KEY}` } });',
      '  return res.json();',
      '}',
      '',
    ].join('\n');
    const doc = await vscode.workspace.openTextDocument({ language: 'javascript', content: text });
    const editor = await vscode.window.showTextDocument(doc);
    const line = 2;
    const col = doc.lineAt(line).text.indexOf("'") + 1;
    editor.selection = new vscode.Selection(line, col, line, col);
    return editor;
  }

}
