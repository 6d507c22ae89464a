// The explorer's filter and Find Item pickers: quick picks over the server's filters and search.
// Its own bundle (dist/explorer-pickers.js), loaded by the first Filter or Find Item command.
import * as vscode from 'vscode';
import { listAllLocations } from '../api/paging';
import { LOCATION_TYPES, type Item, type TransferStatus } from '../api/types';
import { pickItemBySearch, type ItemSearchPick } from '../itemSearchPick';
import type { Logger } from '../log';
import { pickOnce, type PickOptions } from '../quickInput';
import { errorMessage, showError } from '../showError';
import type { Filters } from './filters';
import type { Node } from './node';
import type { ExplorerProvider, RevealTarget } from './provider';

const t = vscode.l10n.t;

/** What the pickers need of the explorer. */
export interface FilterHost {
  readonly provider: ExplorerProvider;
  /** The Find Item pick while it is open (tests type into it). */
  findPick: ItemSearchPick | undefined;
  /** The pick of the Filter command on screen, if any (tests answer it). */
  filterPick?: FilterPick | undefined;
  filter<K extends keyof Filters>(kind: K, filter: Filters[K]): void;
  reveal(target: RevealTarget): Promise<boolean>;
}

export async function filterCommand(host: FilterHost, log: Logger, node?: Node): Promise<void> {
  let kind = sectionKindOf(node);
  if (!kind) {
    const picked = await choose(host, t('Filter the Retrac explorer'), [
      { label: t('Items'), description: t('search, tag, location'), section: 'items' as const },
      { label: t('Transfers'), description: t('status, location'), section: 'transfers' as const },
      { label: t('Locations'), description: t('type, active'), section: 'locations' as const },
    ], t('Which list to filter?'));
    kind = picked?.section;
  }
  try {
    if (kind === 'items') await filterItems(host);
    else if (kind === 'transfers') await filterTransfers(host);
    else if (kind === 'locations') await filterLocations(host);
  } catch (e) {
    const message = t('Cannot filter: {0}', errorMessage(e));
    log.warn(message);
    void showError(message);
  }
}

async function filterItems(host: FilterHost): Promise<void> {
  const f = { ...host.provider.filters.items };
  const field = await choose(host, t('Filter items'), [
    { label: `$(search) ${t('Search text…')}`, description: f.search, field: 'search' as const },
    { label: `$(tag) ${t('Tag…')}`, description: f.tagName, field: 'tag' as const },
    { label: `$(location) ${t('Has stock at location…')}`, description: f.locationName, field: 'location' as const },
    { label: `$(clear-all) ${t('Clear item filter')}`, field: 'clear' as const },
  ], t('Filter by (applied on the server)'));
  if (!field) return;
  if (field.field === 'clear') return host.filter('items', {});
  const client = await host.provider.client();
  if (field.field === 'search') {
    const value = await vscode.window.showInputBox({ title: t('Filter items'), prompt: t('Text in the SKU or description (empty: no text filter)'), value: f.search });
    if (value === undefined) return;
    f.search = value.trim() || undefined;
  } else if (field.field === 'tag') {
    const tag = await choose(host, t('Filter items by tag'), async (signal) => [
      { label: t('Any tag'), id: undefined, name: undefined },
      ...(await client.listTags({ signal })).map((tg) => ({ label: tg.name, description: tg.color, id: tg.id, name: tg.name })),
    ]);
    if (!tag) return;
    f.tagIds = tag.id ? [tag.id] : undefined;
    f.tagName = tag.name;
  } else {
    const location = await pickLocation(host, t('Items with stock at'));
    if (!location) return;
    f.locationId = location.id;
    f.locationName = location.name;
  }
  host.filter('items', f);
}

async function filterTransfers(host: FilterHost): Promise<void> {
  const f = { ...host.provider.filters.transfers };
  const field = await choose(host, t('Filter transfers'), [
    { label: `$(pass) ${t('Status…')}`, description: f.status, field: 'status' as const },
    { label: `$(arrow-right) ${t('From location…')}`, description: f.fromName, field: 'from' as const },
    { label: `$(arrow-left) ${t('To location…')}`, description: f.toName, field: 'to' as const },
    { label: `$(clear-all) ${t('Clear transfer filter')}`, field: 'clear' as const },
  ], t('Filter by (applied on the server)'));
  if (!field) return;
  if (field.field === 'clear') return host.filter('transfers', {});
  if (field.field === 'status') {
    const status = await choose(host, t('Transfer status'), [
      { label: t('Any status'), status: undefined }, { label: t('completed'), status: 'completed' as TransferStatus }, { label: t('reverted'), status: 'reverted' as TransferStatus },
    ]);
    if (!status) return;
    f.status = status.status;
  } else {
    const location = await pickLocation(host, field.field === 'from' ? t('Transfers from') : t('Transfers to'));
    if (!location) return;
    if (field.field === 'from') [f.fromLocationId, f.fromName] = [location.id, location.name];
    else [f.toLocationId, f.toName] = [location.id, location.name];
  }
  host.filter('transfers', f);
}

async function filterLocations(host: FilterHost): Promise<void> {
  const f = { ...host.provider.filters.locations };
  const choice = await choose(host, t('Filter locations'), [
    ...LOCATION_TYPES.map((type) => ({ label: type, description: t('type'), apply: () => (f.type = type) })),
    { label: t('Any type'), description: t('type'), apply: () => (f.type = undefined) },
    { label: t('Active only'), description: t('status'), apply: () => (f.active = true) },
    { label: t('Inactive only'), description: t('status'), apply: () => (f.active = false) },
    { label: t('Active and inactive'), description: t('status'), apply: () => (f.active = undefined) },
    { label: `$(clear-all) ${t('Clear location filter')}`, apply: () => { f.type = undefined; f.active = undefined; } },
  ], t('Type or status (applied on the server)'));
  if (!choice) return;
  choice.apply();
  host.filter('locations', f);
}

export type FilterPick = vscode.QuickPick<vscode.QuickPickItem>;

/** One pick of the Filter command: fixed items, or a loader (the pick is busy while it runs). */
function choose<T extends vscode.QuickPickItem>(host: FilterHost, title: string, items: PickOptions<T>['items'], placeholder?: string): Promise<T | undefined> {
  return pickOnce<T>({ title, placeholder, items, ignoreFocusOut: false, matchOnDescription: false }, (pick) => (host.filterPick = pick));
}

/** A location of all pages (the edit commands' list: active first, then by name), or "any" (id undefined). */
export async function pickLocation(host: FilterHost, title: string): Promise<{ id?: string; name?: string } | undefined> {
  const client = await host.provider.client();
  return choose(host, title, async (signal) => [
    { label: t('Any location'), id: undefined, name: undefined },
    ...(await listAllLocations(client, signal)).map((l) => ({ label: l.name, description: `${l.type}${l.active ? '' : ` ${t('(inactive)')}`}`, id: l.id, name: l.name })),
  ]);
}

/** "Retrac: Find Item…": searches the API as the user types and reveals the chosen item. */
export async function findItemCommand(host: FilterHost): Promise<Item | undefined> {
  let mine: ItemSearchPick | undefined;
  const chosen = await pickItemBySearch({
    title: t('Find Item'),
    client: () => host.provider.client(),
    onShown: (pick) => {
      if (pick) host.findPick = mine = pick;
      else if (host.findPick === mine) host.findPick = undefined;
    },
  });
  if (chosen) void host.reveal({ kind: 'item', id: chosen.id });
  return chosen;
}

function sectionKindOf(node?: Node): keyof Filters | undefined {
  for (let n = node; n; n = n.parent) {
    if (n.parent === undefined) {
      const kind = /\/(items|transfers|locations)$/.exec(n.key)?.[1];
      return kind as keyof Filters | undefined;
    }
  }
  return undefined;
}
