// The explorer's five section headers (Items, Locations, Transfers, Tags, Movements): each owns
// its paged rows, its server count ("25 of 300" when filtered), and rows pinned by a reveal.
import * as vscode from 'vscode';
import type { RetracClient } from '../api/client';
import { PAGE_SIZES, type Item, type Location, type Movement, type Tag, type Transfer } from '../api/types';
import {
  itemFilterText, locationFilterText, serverItemFilter, serverLocationFilter, serverTransferFilter, transferFilterText,
} from './filters';
import { missingScopeMessage, Node, type RowNode, type SectionKind, type TreeHost } from './node';
import { PagedChildren } from './pagedChildren';
import { itemChildren, ItemNode, LocationNode, MovementNode, TagNode, TransferNode } from './rows';

const t = vscode.l10n.t;

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
  readonly pinned = new Map<string, RowNode<T>>();

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

  /** The filter the server applies to this section's list; empty when not filtered. */
  protected serverFilter(): object {
    return {};
  }

  get filtered(): boolean {
    return Object.keys(this.serverFilter()).length > 0;
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

  /** The row of a resource revealed by id that no loaded page holds (sections that reveal by id). */
  protected makePinned?(row: T): RowNode<T>;

  /** The row of `id`: on a loaded page, else read by `fetch` and pinned on top of the section. */
  async findOrPin(id: string, fetch: () => Promise<T>): Promise<RowNode<T>> {
    await this.paged.loader.ensureStarted();
    const node = this.paged.find(id) ?? this.pinned.get(id);
    if (node) return node;
    if (!this.makePinned) throw new Error(`the ${this.kind} section does not pin rows`);
    const pinned = this.makePinned(await fetch());
    this.pinned.set(id, pinned);
    this.host.changed(this);
    return pinned;
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
  protected override serverFilter(): object {
    return serverItemFilter(this.host.filters.items);
  }
  override filterText(): string {
    return itemFilterText(this.host.filters.items);
  }
  protected override makePinned(item: Item): ItemNode {
    return new ItemNode(this.host, this, item, 'pinned');
  }
}

export class LocationsSection extends SectionNode<Location> {
  readonly kind = 'locations';
  readonly paged: PagedChildren<Location>;
  constructor(host: TreeHost, profileKey: string) {
    super(host, profileKey, 'locations');
    this.paged = new PagedChildren<Location>({
      host, owner: this, scope: 'locations.read',
      fetch: (c, page, pageSize, signal) => c.listLocations({ ...serverLocationFilter(host.filters.locations), page, pageSize }, { signal }),
      pageSize: PAGE_SIZES.locations.max, idOf: (l) => l.id, make: (l) => new LocationNode(host, this, l), emptyLabel: t('No locations'),
    });
  }
  protected override countRows(client: RetracClient, signal: AbortSignal, filtered: boolean): Promise<number> {
    return client.countLocations(filtered ? serverLocationFilter(this.host.filters.locations) : {}, { signal });
  }
  protected override serverFilter(): object {
    return serverLocationFilter(this.host.filters.locations);
  }
  override filterText(): string {
    return locationFilterText(this.host.filters.locations);
  }
}

export class TransfersSection extends SectionNode<Transfer> {
  readonly kind = 'transfers';
  readonly paged: PagedChildren<Transfer>;
  constructor(host: TreeHost, profileKey: string) {
    super(host, profileKey, 'transfers');
    this.paged = new PagedChildren<Transfer>({
      host, owner: this, scope: 'transfers.read',
      fetch: (c, page, pageSize, signal) => c.listTransfers({ ...serverTransferFilter(host.filters.transfers), page, pageSize }, { signal }),
      pageSize: PAGE_SIZES.transfers.default, idOf: (tr) => tr.id, make: (tr) => new TransferNode(host, this, tr), emptyLabel: t('No transfers'),
    });
  }
  protected override serverFilter(): object {
    return serverTransferFilter(this.host.filters.transfers);
  }
  override filterText(): string {
    return transferFilterText(this.host.filters.transfers);
  }
  protected override makePinned(transfer: Transfer): TransferNode {
    return new TransferNode(this.host, this, transfer, 'pinned');
  }
}

/** Tags come in one list (the API does not page them): a loader whose one page is everything. */
const UNPAGED = Number.MAX_SAFE_INTEGER;

export class TagsSection extends SectionNode<Tag> {
  readonly kind = 'tags';
  readonly paged: PagedChildren<Tag>;
  constructor(host: TreeHost, profileKey: string) {
    super(host, profileKey, 'tags');
    this.paged = new PagedChildren<Tag>({
      host, owner: this, scope: 'tags.read', fetch: (c, _page, _size, signal) => c.listTags({ signal }),
      pageSize: UNPAGED, idOf: (tag) => tag.id, make: (tag) => new TagNode(host, this, tag), emptyLabel: t('No tags'),
    });
  }
}

export class MovementsSection extends SectionNode<Movement> {
  readonly kind = 'movements';
  readonly paged: PagedChildren<Movement>;
  constructor(host: TreeHost, profileKey: string) {
    super(host, profileKey, 'movements');
    this.paged = new PagedChildren<Movement>({
      host, owner: this, scope: 'inventory.read',
      fetch: async (c, page, pageSize, signal) => {
        const rows = await c.listMovements({ page, pageSize }, { signal });
        // Rows carry only ids: name them before the page shows, whatever was opened first.
        await host.resolveMovementNames(c, rows, signal);
        return rows;
      },
      pageSize: PAGE_SIZES.movements.default, idOf: (m) => m.id, make: (m) => new MovementNode(host, this, m), emptyLabel: t('No movements'),
    });
  }
}
