// One quick pick that finds an item by searching the server as the user types: QuickInputs'
// search pick (each keystroke aborts the previous request), with the server's answers shown as
// they are and a failed search shown as a row. Find Item and Show Stock History use it.
import * as vscode from 'vscode';
import type { RetracClient } from './api/client';
import type { Item } from './api/types';
import { pickOnce } from './quickInput';
import { errorMessage } from './showError';

const t = vscode.l10n.t;

type SearchRow = vscode.QuickPickItem & { item?: Item; error?: string };
export type ItemSearchPick = vscode.QuickPick<SearchRow>;

export interface ItemSearchOptions {
  title: string;
  client: () => Promise<Pick<RetracClient, 'listItems'>>;
  /** Called with the pick once it shows, and with undefined once it is gone (tests type into it). */
  onShown?: (pick: ItemSearchPick | undefined) => void;
}

/** The chosen item, or undefined when the pick was dismissed. */
export async function pickItemBySearch(options: ItemSearchOptions): Promise<Item | undefined> {
  const chosen = await pickOnce<SearchRow>({
    title: options.title,
    placeholder: t('Type part of a SKU or description'),
    ignoreFocusOut: false,
    search: async (value, signal) => {
      try {
        const client = await options.client();
        const items = await client.listItems({ search: value.trim() || undefined, pageSize: 50, sort: 'sku', order: 'asc' }, { signal });
        return items.map((item) => ({ label: item.sku, description: item.description, alwaysShow: true, item }));
      } catch (e) {
        if (signal.aborted) throw e;
        const error = errorMessage(e);
        return [{ label: `$(error) ${error}`, alwaysShow: true, error }];
      }
    },
    // The row of a failed search is not a choice: the pick stays open.
    validate: (row) => row.error,
  }, options.onShown);
  return chosen?.item;
}
