// One quick pick that finds an item by searching the server as the user types: each keystroke
// aborts the previous request, and the server's answers are shown as they are (VS Code's own
// fuzzy match must not hide them). Find Item and Show Stock History use it.
import * as vscode from 'vscode';
import { describeError } from './api/describeError';
import type { RetracClient } from './api/client';
import type { Item } from './api/types';

const t = vscode.l10n.t;

export type ItemSearchPick = vscode.QuickPick<vscode.QuickPickItem & { item?: Item }>;

export interface ItemSearchOptions {
  title: string;
  client: () => Promise<Pick<RetracClient, 'listItems'>>;
  /** Called with the pick once it shows, and with undefined once it is gone (tests type into it). */
  onShown?: (pick: ItemSearchPick | undefined) => void;
}

/** The chosen item, or undefined when the pick was dismissed. */
export function pickItemBySearch(options: ItemSearchOptions): Promise<Item | undefined> {
  const qp: ItemSearchPick = vscode.window.createQuickPick();
  qp.title = options.title;
  qp.placeholder = t('Type part of a SKU or description');
  // The server filters; VS Code must not hide its answers by its own fuzzy match.
  qp.matchOnDescription = true;
  let inflight: AbortController | undefined;
  const search = async (value: string) => {
    inflight?.abort();
    const abort = (inflight = new AbortController());
    qp.busy = true;
    try {
      const client = await options.client();
      const items = await client.listItems({ search: value.trim() || undefined, pageSize: 50, sort: 'sku', order: 'asc' }, { signal: abort.signal });
      if (abort.signal.aborted) return;
      qp.items = items.map((item) => ({ label: item.sku, description: item.description, alwaysShow: true, item }));
    } catch (e) {
      if (abort.signal.aborted) return;
      qp.items = [{ label: `$(error) ${describeError(e)}`, alwaysShow: true }];
    } finally {
      if (!abort.signal.aborted) qp.busy = false;
    }
  };
  return new Promise<Item | undefined>((resolve) => {
    let chosen: Item | undefined;
    qp.onDidChangeValue((v) => void search(v));
    qp.onDidAccept(() => {
      chosen = qp.selectedItems[0]?.item ?? qp.activeItems[0]?.item;
      if (chosen) qp.hide();
    });
    qp.onDidHide(() => {
      inflight?.abort();
      options.onShown?.(undefined);
      qp.dispose();
      resolve(chosen);
    });
    options.onShown?.(qp);
    qp.show();
    void search('');
  });
}
