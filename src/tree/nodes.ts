// The explorer's node classes. Each node renders itself and owns the loader of its children;
// row nodes expose the NodeRef fields (item, location, transfer, tag, balance) that the edit
// commands read when run from a context menu.
import * as vscode from 'vscode';
import { escapeMarkdown } from '../markdownText';
import type { RetracClient } from '../api/client';
import { describeError } from '../api/describeError';
import { withWhereToSet } from '../accounts/connectionSettings';
import { isRetracError } from '../api/errors';
import {
  PAGE_SIZES, type Balance, type Item, type ItemFilter, type Location, type LocationFilter, type Movement, type Tag, type Transfer,
  type TransferFilter, type TransferLine,
} from '../api/types';
import type { NodeRef } from '../inventoryEvents';
import {
  locationIcon, movementIcon, movementLocationId, movementTypeLabel, shortDate, signedQuantity, tagIcon, transferLabel, transferStatusLabel,
} from './format';
import { PagedLoader } from './pagedLoader';

const t = vscode.l10n.t;

export type SectionKind = 'items' | 'locations' | 'transfers' | 'tags' | 'movements';

/** What nodes need from the provider. */
export interface TreeHost {
  client(): Promise<RetracClient>;
  can(scope: string): boolean;
  /** Re-renders a node (and its children when expanded); undefined = the root. */
  changed(node: Node | undefined): void;
  /** Names seen so far, for rows that carry only ids (movements). */
  readonly skus: Map<string, string>;
  readonly locationNames: Map<string, string>;
  readonly filters: Filters;
  /** A failure of a section's first request: may switch the view to an offline / no-API-access state. */
  sectionFailed(e: unknown): void;
  /** Aborted when the profile changes or everything is refreshed. */
  readonly signal: AbortSignal;
  /** Fills `skus` and `locationNames` for the ids of a page of movements (a batch per page). */
  resolveMovementNames(client: RetracClient, movements: Movement[], signal: AbortSignal): Promise<void>;
}

export interface Filters {
  items: ItemFilter & { tagName?: string; locationName?: string };
  transfers: TransferFilter & { fromName?: string; toName?: string };
  locations: LocationFilter;
}

export abstract class Node implements NodeRef {
  item?: Item;
  location?: Location;
  transfer?: Transfer;
  tag?: Tag;
  balance?: Balance;
  constructor(
    readonly parent: Node | undefined,
    /** Unique in the tree (TreeItem.id), so expansion state survives re-renders. */
    readonly key: string,
  ) {}
  abstract treeItem(): vscode.TreeItem;
  children(): Node[] {
    return [];
  }
  protected base(label: string | vscode.TreeItemLabel, state = vscode.TreeItemCollapsibleState.None): vscode.TreeItem {
    const ti = new vscode.TreeItem(label, state);
    ti.id = this.key;
    return ti;
  }
}

// ---- leaf nodes for states ---------------------------------------------------------------------

export class MessageNode extends Node {
  constructor(parent: Node | undefined, key: string, readonly label: string, private readonly icon?: vscode.ThemeIcon, private readonly tooltip?: string) {
    super(parent, key);
  }
  treeItem(): vscode.TreeItem {
    const ti = this.base(this.label);
    ti.iconPath = this.icon;
    ti.tooltip = this.tooltip;
    ti.contextValue = 'retrac.message';
    return ti;
  }
}

export class LoadingNode extends Node {
  treeItem(): vscode.TreeItem {
    const ti = this.base(t('Loading…'));
    ti.iconPath = new vscode.ThemeIcon('loading~spin');
    ti.contextValue = 'retrac.loading';
    return ti;
  }
}

export class LoadMoreNode extends Node {
  constructor(parent: Node, key: string, readonly children_: PagedChildren<unknown>) {
    super(parent, key);
  }
  treeItem(): vscode.TreeItem {
    const ti = this.base(t('Load more…'));
    ti.iconPath = new vscode.ThemeIcon('ellipsis');
    ti.tooltip = t('Load the next {0} rows', this.children_.loader.pageSize);
    ti.contextValue = 'retrac.loadMore';
    // A command, not selection: re-selecting a selected row fires nothing.
    ti.command = { command: 'retrac.loadMore', title: t('Load More'), arguments: [this] };
    return ti;
  }
  load(): Promise<void> {
    return this.children_.loadMore();
  }
}

/** A failed page: click to see the log, Retry inline. */
export class ErrorNode extends Node {
  constructor(parent: Node, key: string, readonly message: string, private readonly children_: PagedChildren<unknown>) {
    super(parent, key);
  }
  treeItem(): vscode.TreeItem {
    const ti = this.base(t('Failed to load: {0}', this.message));
    ti.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    ti.tooltip = new vscode.MarkdownString(`${this.message}\n\n${t('Click to show the log; use Retry to load again.')}`);
    ti.contextValue = 'retrac.error';
    ti.command = { command: 'retrac.showLog', title: t('Show Log') };
    return ti;
  }
  retry(): Promise<void> {
    return this.children_.retry();
  }
}

/** A 403 or a scope the key lacks: says what is missing instead of a toast. */
export class ForbiddenNode extends Node {
  constructor(parent: Node, key: string, readonly message: string) {
    super(parent, key);
  }
  treeItem(): vscode.TreeItem {
    const ti = this.base(this.message);
    ti.iconPath = new vscode.ThemeIcon('lock', new vscode.ThemeColor('list.warningForeground'));
    ti.tooltip = this.message;
    ti.contextValue = 'retrac.forbidden';
    return ti;
  }
}

export function missingScopeMessage(scope: string): string {
  return t('Unavailable: this key lacks the `{0}` scope.', scope);
}

// ---- paged children ------------------------------------------------------------------------------

/** How often, and how far apart, a change VS Code has not asked about yet is announced again. */
const RE_REFRESH_ATTEMPTS = 5;
const RE_REFRESH_MS = 500;

/** A node's paged children: the loader plus one node per row, kept so identity survives re-renders. */
export class PagedChildren<T> {
  readonly loader: PagedLoader<T>;
  private readonly nodes = new Map<string, Node & { update(row: T): void }>();

  constructor(
    private readonly host: TreeHost,
    readonly owner: Node,
    private readonly scope: string,
    fetch: (client: RetracClient, page: number, pageSize: number, signal: AbortSignal) => Promise<T[]>,
    pageSize: number,
    private readonly idOf: (row: T) => string,
    private readonly make: (row: T) => Node & { update(row: T): void },
    private readonly emptyLabel: string,
  ) {
    this.loader = new PagedLoader<T>(
      async (page, size, signal) => fetch(await host.client(), page, size, signal),
      pageSize,
      () => this.changedUntilRendered(),
    );
  }

  /** Whether VS Code asked for these children since the loader last changed. */
  private renderedSinceChange = true;

  /**
   * Tells VS Code the children changed, and says it again until VS Code has asked for them. A
   * refresh that arrives while the tree is still fetching this node's children (the "Loading…"
   * answer of the first expand, on a slow renderer) is merged into that fetch and lost, which left
   * a page on "Loading…" for good.
   */
  private changedUntilRendered(attempts = RE_REFRESH_ATTEMPTS): void {
    this.renderedSinceChange = false;
    this.host.changed(this.owner);
    const again = (left: number): void => {
      setTimeout(() => {
        if (this.renderedSinceChange || left <= 0) return;
        this.host.changed(this.owner);
        again(left - 1);
      }, RE_REFRESH_MS).unref();
    };
    again(attempts);
  }

  get available(): boolean {
    return this.host.can(this.scope);
  }

  render(): Node[] {
    this.renderedSinceChange = true;
    const key = this.owner.key;
    if (!this.available) return [new ForbiddenNode(this.owner, `${key}/forbidden`, missingScopeMessage(this.scope))];
    const loader = this.loader;
    if (!loader.started) void loader.loadMore();
    const out: Node[] = loader.rows.map((row) => this.nodeFor(row));
    if (loader.loading) out.push(new LoadingNode(this.owner, `${key}/loading`));
    else if (loader.error !== undefined) out.push(this.errorNode(loader.error));
    else if (loader.hasMore) out.push(new LoadMoreNode(this.owner, `${key}/more`, this as PagedChildren<unknown>));
    else if (out.length === 0) out.push(new MessageNode(this.owner, `${key}/empty`, this.emptyLabel));
    return out;
  }

  nodeFor(row: T): Node & { update(row: T): void } {
    const id = this.idOf(row);
    let node = this.nodes.get(id);
    if (node) node.update(row);
    else this.nodes.set(id, (node = this.make(row)));
    return node;
  }

  /** The row node with this resource id, when its page is loaded. */
  find(id: string): (Node & { update(row: T): void }) | undefined {
    const row = this.loader.rows.find((r) => this.idOf(r) === id);
    return row === undefined ? undefined : this.nodeFor(row);
  }

  /** Loads the next page; the node shows "Loading…" until it arrives. */
  loadMore(): Promise<void> {
    const done = this.loader.loadMore();
    this.host.changed(this.owner);
    return done;
  }
  retry(): Promise<void> {
    const done = this.loader.retry();
    this.host.changed(this.owner);
    return done;
  }
  /** Replaces a loaded row (after a re-read) without a page request. */
  replaceRow(row: T): void {
    const id = this.idOf(row);
    this.loader.replace((r) => this.idOf(r) === id, row);
    this.nodes.get(id)?.update(row);
  }
  removeRow(id: string): void {
    this.loader.remove((r) => this.idOf(r) === id);
    this.nodes.delete(id);
  }
  /** The row nodes currently loaded, in order. */
  loadedNodes(): Node[] {
    return this.loader.rows.map((r) => this.nodes.get(this.idOf(r))).filter((n): n is Node & { update(row: T): void } => n !== undefined);
  }
  reset(): void {
    this.loader.reset();
    this.nodes.clear();
  }

  private errorNode(e: unknown): Node {
    const key = `${this.owner.key}/error`;
    if (this.loader.pagesLoaded === 0) this.host.sectionFailed(e);
    if (isRetracError(e) && (e.code === 'forbidden' || e.code === 'exceeded_limit')) {
      return new ForbiddenNode(this.owner, key, t('Unavailable: {0}', describeError(e)));
    }
    return new ErrorNode(this.owner, key, withWhereToSet(describeError(e)), this as PagedChildren<unknown>);
  }
}

// ---- sections ------------------------------------------------------------------------------------

const SECTION_LABELS: Record<SectionKind, () => string> = {
  items: () => t('Items'),
  locations: () => t('Locations'),
  transfers: () => t('Transfers'),
  tags: () => t('Tags'),
  movements: () => t('Movements'),
};
const SECTION_ICONS: Record<SectionKind, string> = {
  items: 'symbol-constant',
  locations: 'location',
  transfers: 'arrow-swap',
  tags: 'tag',
  movements: 'history',
};
export const SECTION_SCOPES: Record<SectionKind, string> = {
  items: 'items.read',
  locations: 'locations.read',
  transfers: 'transfers.read',
  tags: 'tags.read',
  movements: 'inventory.read',
};

export abstract class SectionNode<T> extends Node {
  abstract readonly kind: SectionKind;
  abstract readonly paged: PagedChildren<T>;
  /** Server total with the section's filter (items, locations), when known. */
  count: number | undefined;
  /** Server total without a filter, kept across filter changes ("25 of 300"). */
  total: number | undefined;
  private countStarted = false;
  /** Rows revealed by id that are not on a loaded page (e.g. "Find Item" far down the list). */
  readonly pinned = new Map<string, Node & { update(row: T): void }>();

  constructor(protected readonly host: TreeHost, profileKey: string, kind: SectionKind) {
    super(undefined, `${profileKey}/${kind}`);
  }

  /** The server's count of rows; `filtered` false counts the whole list. */
  protected countRows?(client: RetracClient, signal: AbortSignal, filtered: boolean): Promise<number>;

  /**
   * Asks for the section's count once per reset (the first request of a section doubles as the
   * connection probe). Started whenever the row renders, so a section reset on its own (a filter
   * set or cleared) gets its count back at once, not at the next refresh of the whole view.
   */
  startCount(signal: AbortSignal = this.host.signal): void {
    if (this.countStarted || !this.countRows || !this.paged.available) return;
    this.countStarted = true;
    const filtered = this.filtered;
    void (async () => {
      try {
        const client = await this.host.client();
        const [count, total] = await Promise.all([
          this.countRows!(client, signal, filtered),
          filtered && this.total === undefined ? this.countRows!(client, signal, false) : Promise.resolve(undefined),
        ]);
        if (signal.aborted) return;
        this.count = count;
        if (!filtered) this.total = count;
        else if (total !== undefined) this.total = total;
        this.host.changed(this);
      } catch (e) {
        if (!signal.aborted) this.host.sectionFailed(e);
      }
    })();
  }

  get filtered(): boolean {
    return false;
  }

  /** What the filter shows, e.g. "search: hose · tag: red" (empty when not filtered). */
  filterText(): string {
    return '';
  }

  treeItem(): vscode.TreeItem {
    const ti = this.base(SECTION_LABELS[this.kind](), vscode.TreeItemCollapsibleState.Collapsed);
    ti.iconPath = new vscode.ThemeIcon(SECTION_ICONS[this.kind]);
    ti.contextValue = `retrac.section.${this.kind}${this.filtered ? '.filtered' : ''}`;
    if (!this.paged.available) {
      ti.description = t('unavailable');
      ti.tooltip = missingScopeMessage(SECTION_SCOPES[this.kind]);
      return ti;
    }
    this.startCount();
    const filter = this.filtered ? this.filterText() : '';
    let counted: string | undefined;
    if (this.count !== undefined) counted = filter && this.total !== undefined ? t('{0} of {1}', this.count, this.total) : String(this.count);
    ti.description = [counted, filter].filter(Boolean).join(' · ') || undefined;
    if (filter) ti.tooltip = t('{0}, filtered on the server: {1}', SECTION_LABELS[this.kind](), filter);
    return ti;
  }

  override children(): Node[] {
    const rows = this.paged.render();
    // A pinned row that a loaded page now holds is shown there only.
    const extra = [...this.pinned.entries()].filter(([id]) => !this.paged.find(id)).map(([, n]) => n);
    return [...extra, ...rows];
  }

  /** Drops loaded pages and the count (a filter change, a list change); `all` drops the unfiltered total too. */
  reset(all = true): void {
    this.paged.reset();
    this.pinned.clear();
    this.count = undefined;
    if (all) this.total = undefined;
    this.countStarted = false;
  }
}

export class ItemsSection extends SectionNode<Item> {
  readonly kind = 'items';
  readonly paged: PagedChildren<Item>;
  constructor(host: TreeHost, profileKey: string) {
    super(host, profileKey, 'items');
    this.paged = itemChildren(host, this, 'items', (c, page, pageSize, signal) =>
      c.listItems({ ...serverItemFilter(host.filters.items), withTags: true, page, pageSize }, { signal }), t('No items'));
  }
  protected override countRows(client: RetracClient, signal: AbortSignal, filtered: boolean): Promise<number> {
    return client.countItems(filtered ? serverItemFilter(this.host.filters.items) : {}, { signal });
  }
  override get filtered(): boolean {
    return Object.keys(serverItemFilter(this.host.filters.items)).length > 0;
  }
  override filterText(): string {
    const f = this.host.filters.items;
    return [
      f.search ? t('search: {0}', f.search) : undefined,
      f.tagIds?.length ? t('tag: {0}', f.tagName ?? f.tagIds.join(', ')) : undefined,
      f.locationId ? t('at: {0}', f.locationName ?? f.locationId) : undefined,
    ].filter(Boolean).join(' · ');
  }
  pin(item: Item): ItemNode {
    const node = this.paged.find(item.id) as ItemNode | undefined;
    if (node) return node;
    const pinned = new ItemNode(this.host, this, item, 'pinned');
    this.pinned.set(item.id, pinned);
    return pinned;
  }
}

export function serverItemFilter(f: Filters['items']): ItemFilter {
  const { tagName: _tagName, locationName: _locationName, ...server } = f;
  return Object.fromEntries(Object.entries(server).filter(([, v]) => v !== undefined && v !== ''));
}

function itemChildren(host: TreeHost, owner: Node, what: string, fetch: (c: RetracClient, page: number, pageSize: number, signal: AbortSignal) => Promise<Item[]>, empty: string): PagedChildren<Item> {
  return new PagedChildren<Item>(host, owner, 'items.read', fetch, PAGE_SIZES.items.max, (i) => i.id, (i) => new ItemNode(host, owner, i, what), empty);
}

export class LocationsSection extends SectionNode<Location> {
  readonly kind = 'locations';
  readonly paged: PagedChildren<Location>;
  constructor(host: TreeHost, profileKey: string) {
    super(host, profileKey, 'locations');
    this.paged = new PagedChildren<Location>(host, this, 'locations.read',
      (c, page, pageSize, signal) => c.listLocations({ ...definedOnly(host.filters.locations), page, pageSize }, { signal }),
      PAGE_SIZES.locations.max, (l) => l.id, (l) => new LocationNode(host, this, l), t('No locations'));
  }
  protected override countRows(client: RetracClient, signal: AbortSignal, filtered: boolean): Promise<number> {
    return client.countLocations(filtered ? definedOnly(this.host.filters.locations) : {}, { signal });
  }
  override get filtered(): boolean {
    return Object.keys(definedOnly(this.host.filters.locations)).length > 0;
  }
  override filterText(): string {
    const f = this.host.filters.locations;
    return [
      f.type ? t('type: {0}', f.type) : undefined,
      f.active === undefined ? undefined : f.active ? t('active only') : t('inactive only'),
    ].filter(Boolean).join(' · ');
  }
}

export class TransfersSection extends SectionNode<Transfer> {
  readonly kind = 'transfers';
  readonly paged: PagedChildren<Transfer>;
  constructor(host: TreeHost, profileKey: string) {
    super(host, profileKey, 'transfers');
    this.paged = new PagedChildren<Transfer>(host, this, 'transfers.read',
      (c, page, pageSize, signal) => c.listTransfers({ ...serverTransferFilter(host.filters.transfers), page, pageSize }, { signal }),
      PAGE_SIZES.transfers.default, (tr) => tr.id, (tr) => new TransferNode(host, this, tr), t('No transfers'));
  }
  override get filtered(): boolean {
    return Object.keys(serverTransferFilter(this.host.filters.transfers)).length > 0;
  }
  override filterText(): string {
    const f = this.host.filters.transfers;
    return [
      f.status ? t('status: {0}', f.status) : undefined,
      f.fromLocationId ? t('from: {0}', f.fromName ?? f.fromLocationId) : undefined,
      f.toLocationId ? t('to: {0}', f.toName ?? f.toLocationId) : undefined,
    ].filter(Boolean).join(' · ');
  }
  pin(transfer: Transfer): TransferNode {
    const node = this.paged.find(transfer.id) as TransferNode | undefined;
    if (node) return node;
    const pinned = new TransferNode(this.host, this, transfer, 'pinned');
    this.pinned.set(transfer.id, pinned);
    return pinned;
  }
}

export function serverTransferFilter(f: Filters['transfers']): TransferFilter {
  const { fromName: _fromName, toName: _toName, ...server } = f;
  return definedOnly(server);
}

function definedOnly<F extends object>(f: F): F {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== '')) as F;
}

/** Tags come in one list (the API does not page them): a loader whose one page is everything. */
const UNPAGED = Number.MAX_SAFE_INTEGER;

export class TagsSection extends SectionNode<Tag> {
  readonly kind = 'tags';
  readonly paged: PagedChildren<Tag>;
  constructor(host: TreeHost, profileKey: string) {
    super(host, profileKey, 'tags');
    this.paged = new PagedChildren<Tag>(host, this, 'tags.read', (c, _page, _size, signal) => c.listTags({ signal }),
      UNPAGED, (tag) => tag.id, (tag) => new TagNode(host, this, tag), t('No tags'));
  }
}

export class MovementsSection extends SectionNode<Movement> {
  readonly kind = 'movements';
  readonly paged: PagedChildren<Movement>;
  constructor(host: TreeHost, profileKey: string) {
    super(host, profileKey, 'movements');
    this.paged = new PagedChildren<Movement>(host, this, 'inventory.read',
      async (c, page, pageSize, signal) => {
        const rows = await c.listMovements({ page, pageSize }, { signal });
        // Rows carry only ids: name them before the page shows, whatever was opened first.
        await host.resolveMovementNames(c, rows, signal);
        return rows;
      },
      PAGE_SIZES.movements.default, (m) => m.id, (m) => new MovementNode(host, this, m), t('No movements'));
  }
}

// ---- rows ------------------------------------------------------------------------------------------

export class ItemNode extends Node {
  readonly balances: PagedChildren<Balance>;
  declare item: Item;
  constructor(private readonly host: TreeHost, parent: Node, item: Item, what: string) {
    super(parent, `${parent.key}/${what}:${item.id}`);
    this.item = item;
    host.skus.set(item.id, item.sku);
    this.balances = new PagedChildren<Balance>(host, this, 'inventory.read',
      (c, page, pageSize, signal) => c.listBalances({ itemId: this.item.id, page, pageSize }, { signal }),
      PAGE_SIZES.balances.default, (b) => b.id, (b) => new BalanceNode(host, this, b, 'location'), t('No stock at any location'));
  }
  update(item: Item): void {
    this.item = item;
    this.host.skus.set(item.id, item.sku);
  }
  /** Sum of the balances, once they are all loaded (on-hand is read when the item is expanded). */
  get onHand(): number | undefined {
    const l = this.balances.loader;
    return l.started && !l.hasMore && l.error === undefined ? l.rows.reduce((s, b) => s + b.onHandQty, 0) : undefined;
  }
  treeItem(): vscode.TreeItem {
    const it = this.item;
    const ti = this.base(it.sku, vscode.TreeItemCollapsibleState.Collapsed);
    const onHand = this.onHand;
    ti.description = onHand === undefined ? it.description : `${it.description} · ${t('{0} on hand', onHand)}`;
    ti.iconPath = new vscode.ThemeIcon('symbol-constant');
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${escapeMarkdown(it.sku)}** — ${escapeMarkdown(it.description)}\n\n`);
    md.appendMarkdown(`${t('Cost')}: ${it.cost}${it.sellPrice != null ? ` · ${t('Sell price')}: ${it.sellPrice}` : ''}\n\n`);
    if (onHand !== undefined) md.appendMarkdown(`${t('On hand')}: ${onHand}\n\n`);
    md.appendMarkdown(`${t('Tags')}: ${it.tags?.length ? it.tags.map((tg) => `\`${tg.name.replace(/`/g, '')}\``).join(' ') : t('none')}`);
    ti.tooltip = md;
    ti.contextValue = 'retrac.item';
    return ti;
  }
  override children(): Node[] {
    return this.balances.render();
  }
}

export class LocationNode extends Node {
  readonly balances: PagedChildren<Balance>;
  declare location: Location;
  constructor(private readonly host: TreeHost, parent: Node, location: Location) {
    super(parent, `${parent.key}/location:${location.id}`);
    this.location = location;
    host.locationNames.set(location.id, location.name);
    this.balances = new PagedChildren<Balance>(host, this, 'inventory.read',
      (c, page, pageSize, signal) => c.listBalances({ locationId: this.location.id, page, pageSize }, { signal }),
      PAGE_SIZES.balances.default, (b) => b.id, (b) => new BalanceNode(host, this, b, 'item'), t('No stock here'));
  }
  update(location: Location): void {
    this.location = location;
    this.host.locationNames.set(location.id, location.name);
  }
  treeItem(): vscode.TreeItem {
    const l = this.location;
    const label: vscode.TreeItemLabel | string = l.name;
    const ti = this.base(label, vscode.TreeItemCollapsibleState.Collapsed);
    ti.iconPath = locationIcon(l.type, l.active);
    ti.description = l.active ? l.type : `${l.type} ${t('(inactive)')}`;
    ti.tooltip = `${l.name} — ${l.type}${l.active ? '' : ` ${t('(inactive)')}`}${l.note ? `\n${l.note}` : ''}`;
    ti.contextValue = l.active ? 'retrac.location' : 'retrac.location.inactive';
    return ti;
  }
  override children(): Node[] {
    return this.balances.render();
  }
}

export class BalanceNode extends Node {
  declare balance: Balance;
  constructor(host: TreeHost, parent: Node, balance: Balance, private readonly show: 'item' | 'location') {
    super(parent, `${parent.key}/balance:${balance.id}`);
    this.balance = balance;
    host.skus.set(balance.itemId, balance.item.sku);
    host.locationNames.set(balance.locationId, balance.location.name);
  }
  update(balance: Balance): void {
    this.balance = balance;
  }
  treeItem(): vscode.TreeItem {
    const b = this.balance;
    const ti = this.base(this.show === 'item' ? b.item.sku : b.location.name);
    ti.description = t('{0} on hand', b.onHandQty);
    ti.iconPath = new vscode.ThemeIcon(this.show === 'item' ? 'symbol-constant' : 'location');
    ti.tooltip = `${b.item.sku} — ${b.item.description}\n${b.location.name}: ${b.onHandQty}`;
    ti.contextValue = 'retrac.balance';
    return ti;
  }
}

export class TransferNode extends Node {
  declare transfer: Transfer;
  constructor(private readonly host: TreeHost, parent: Node, transfer: Transfer, what = 'transfer') {
    super(parent, `${parent.key}/${what}:${transfer.id}`);
    this.transfer = transfer;
    this.remember();
  }
  update(transfer: Transfer): void {
    this.transfer = transfer;
    this.remember();
  }
  private remember(): void {
    const tr = this.transfer;
    this.host.locationNames.set(tr.fromLocationId, tr.fromLocation.name);
    this.host.locationNames.set(tr.toLocationId, tr.toLocation.name);
    for (const line of tr.lines) this.host.skus.set(line.itemId, line.item.sku);
  }
  treeItem(): vscode.TreeItem {
    const tr = this.transfer;
    const reverted = tr.status === 'reverted';
    const ti = this.base(transferLabel(tr), vscode.TreeItemCollapsibleState.Collapsed);
    ti.description = `${transferStatusLabel(tr)} · ${shortDate(tr.createdAt)}`;
    ti.iconPath = reverted ? new vscode.ThemeIcon('discard', new vscode.ThemeColor('disabledForeground')) : new vscode.ThemeIcon('arrow-swap');
    ti.tooltip = `${transferLabel(tr)}\n${transferStatusLabel(tr)} · ${shortDate(tr.createdAt)}${tr.note ? `\n${tr.note}` : ''}\n${tr.lines.length === 1 ? t('1 line') : t('{0} lines', tr.lines.length)}`;
    ti.contextValue = reverted ? 'retrac.transfer.reverted' : 'retrac.transfer';
    return ti;
  }
  override children(): Node[] {
    return this.transfer.lines.map((line) => new TransferLineNode(this, line));
  }
}

export class TransferLineNode extends Node {
  constructor(parent: TransferNode, readonly line: TransferLine) {
    super(parent, `${parent.key}/line:${line.id}`);
  }
  treeItem(): vscode.TreeItem {
    const ti = this.base(`${this.line.item.sku} × ${this.line.quantity}`);
    ti.description = this.line.item.description;
    ti.tooltip = this.line.note ?? undefined;
    ti.iconPath = new vscode.ThemeIcon('symbol-constant');
    ti.contextValue = 'retrac.transferLine';
    return ti;
  }
}

export class TagNode extends Node {
  readonly items: PagedChildren<Item>;
  declare tag: Tag;
  constructor(host: TreeHost, parent: Node, tag: Tag) {
    super(parent, `${parent.key}/tag:${tag.id}`);
    this.tag = tag;
    this.items = itemChildren(host, this, 'item', (c, page, pageSize, signal) =>
      c.listItems({ tagIds: [this.tag.id], withTags: true, page, pageSize }, { signal }), t('No items with this tag'));
  }
  update(tag: Tag): void {
    this.tag = tag;
  }
  treeItem(): vscode.TreeItem {
    const ti = this.base(this.tag.name, vscode.TreeItemCollapsibleState.Collapsed);
    ti.iconPath = tagIcon(this.tag.color);
    ti.description = this.tag.color;
    ti.contextValue = 'retrac.tag';
    return ti;
  }
  override children(): Node[] {
    return this.items.render();
  }
}

export class MovementNode extends Node {
  constructor(private readonly host: TreeHost, parent: Node, readonly movement: Movement) {
    super(parent, `${parent.key}/movement:${movement.id}`);
  }
  update(): void {
    // Movements are never edited (contract §5).
  }
  treeItem(): vscode.TreeItem {
    const m = this.movement;
    const sku = this.host.skus.get(m.itemId) ?? m.itemId;
    const locationId = movementLocationId(m);
    const where = locationId ? this.host.locationNames.get(locationId) ?? locationId : undefined;
    const ti = this.base(`${signedQuantity(m)} ${sku}`);
    ti.description = [movementTypeLabel(m.type), where, shortDate(m.occurredAt)].filter(Boolean).join(' · ');
    ti.iconPath = movementIcon(m.type);
    ti.tooltip = m.note ?? undefined;
    ti.contextValue = 'retrac.movement';
    return ti;
  }
}

/** A row that runs a command when clicked (the actions offered next to a stopped source). */
export class CommandNode extends Node {
  constructor(parent: Node | undefined, key: string, readonly label: string, readonly command: vscode.Command, private readonly icon: vscode.ThemeIcon) {
    super(parent, key);
  }
  treeItem(): vscode.TreeItem {
    const ti = this.base(this.label);
    ti.iconPath = this.icon;
    ti.command = this.command;
    ti.contextValue = 'retrac.action';
    return ti;
  }
}
