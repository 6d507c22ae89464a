// The explorer's resource rows: items, locations, stock (balances), transfers and their lines,
// tags, movements. Each carries one typed reference (./ref) to what it shows, renders itself,
// and owns the paged loader of its children.
import * as vscode from 'vscode';
import type { RetracClient } from '../api/client';
import { PAGE_SIZES, type Balance, type Item, type Location, type Movement, type Tag, type Transfer, type TransferLine } from '../api/types';
import { escapeMarkdown } from '../markdownText';
import {
  locationIcon, movementIcon, movementLocationId, movementTypeLabel, shortDate, signedQuantity, tagIcon, transferLabel, transferStatusLabel,
} from './format';
import { Node, type TreeHost } from './node';
import { PagedChildren } from './pagedChildren';
import type { RefOf } from './ref';

const t = vscode.l10n.t;

/** Item rows under `owner` (the Items section, a tag); `what` keeps their keys apart from a pinned row's. */
export function itemChildren(
  host: TreeHost,
  owner: Node,
  what: string,
  fetch: (c: RetracClient, page: number, pageSize: number, signal: AbortSignal) => Promise<Item[]>,
  emptyLabel: string,
): PagedChildren<Item> {
  return new PagedChildren<Item>({
    host, owner, scope: 'items.read', fetch, pageSize: PAGE_SIZES.items.max, idOf: (i) => i.id, make: (i) => new ItemNode(host, owner, i, what), emptyLabel,
  });
}

/** Stock rows of an item (each naming its location) or of a location (each naming its item). */
function balanceChildren(host: TreeHost, owner: Node, show: 'item' | 'location', query: () => { itemId?: string; locationId?: string }, emptyLabel: string): PagedChildren<Balance> {
  return new PagedChildren<Balance>({
    host, owner, scope: 'inventory.read',
    fetch: (c, page, pageSize, signal) => c.listBalances({ ...query(), page, pageSize }, { signal }),
    pageSize: PAGE_SIZES.balances.default, idOf: (b) => b.id, make: (b) => new BalanceNode(host, owner, b, show), emptyLabel,
  });
}

export class ItemNode extends Node {
  override ref: RefOf<'item'>;
  readonly balances: PagedChildren<Balance>;
  constructor(private readonly host: TreeHost, parent: Node, item: Item, what: string) {
    super(parent, `${parent.key}/${what}:${item.id}`);
    this.ref = { kind: 'item', item };
    host.skus.set(item.id, item.sku);
    this.balances = balanceChildren(host, this, 'location', () => ({ itemId: this.ref.item.id }), t('No stock at any location'));
  }
  update(item: Item): void {
    this.ref = { kind: 'item', item };
    this.host.skus.set(item.id, item.sku);
  }
  /** Sum of the balances, once they are all loaded (on-hand is read when the item is expanded). */
  get onHand(): number | undefined {
    const l = this.balances.loader;
    return l.started && !l.hasMore && l.error === undefined ? l.rows.reduce((s, b) => s + b.onHandQty, 0) : undefined;
  }
  treeItem(): vscode.TreeItem {
    const it = this.ref.item;
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
  override ref: RefOf<'location'>;
  readonly balances: PagedChildren<Balance>;
  constructor(private readonly host: TreeHost, parent: Node, location: Location) {
    super(parent, `${parent.key}/location:${location.id}`);
    this.ref = { kind: 'location', location };
    host.locationNames.set(location.id, location.name);
    this.balances = balanceChildren(host, this, 'item', () => ({ locationId: this.ref.location.id }), t('No stock here'));
  }
  update(location: Location): void {
    this.ref = { kind: 'location', location };
    this.host.locationNames.set(location.id, location.name);
  }
  treeItem(): vscode.TreeItem {
    const l = this.ref.location;
    const ti = this.base(l.name, vscode.TreeItemCollapsibleState.Collapsed);
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
  override ref: RefOf<'balance'>;
  constructor(host: TreeHost, parent: Node, balance: Balance, private readonly show: 'item' | 'location') {
    super(parent, `${parent.key}/balance:${balance.id}`);
    this.ref = { kind: 'balance', balance };
    host.skus.set(balance.itemId, balance.item.sku);
    host.locationNames.set(balance.locationId, balance.location.name);
  }
  update(balance: Balance): void {
    this.ref = { kind: 'balance', balance };
  }
  treeItem(): vscode.TreeItem {
    const b = this.ref.balance;
    const ti = this.base(this.show === 'item' ? b.item.sku : b.location.name);
    ti.description = t('{0} on hand', b.onHandQty);
    ti.iconPath = new vscode.ThemeIcon(this.show === 'item' ? 'symbol-constant' : 'location');
    ti.tooltip = `${b.item.sku} — ${b.item.description}\n${b.location.name}: ${b.onHandQty}`;
    ti.contextValue = 'retrac.balance';
    return ti;
  }
}

export class TransferNode extends Node {
  override ref: RefOf<'transfer'>;
  constructor(private readonly host: TreeHost, parent: Node, transfer: Transfer, what = 'transfer') {
    super(parent, `${parent.key}/${what}:${transfer.id}`);
    this.ref = { kind: 'transfer', transfer };
    this.remember();
  }
  update(transfer: Transfer): void {
    this.ref = { kind: 'transfer', transfer };
    this.remember();
  }
  private remember(): void {
    const tr = this.ref.transfer;
    this.host.locationNames.set(tr.fromLocationId, tr.fromLocation.name);
    this.host.locationNames.set(tr.toLocationId, tr.toLocation.name);
    for (const line of tr.lines) this.host.skus.set(line.itemId, line.item.sku);
  }
  treeItem(): vscode.TreeItem {
    const tr = this.ref.transfer;
    const reverted = tr.status === 'reverted';
    const ti = this.base(transferLabel(tr), vscode.TreeItemCollapsibleState.Collapsed);
    ti.description = `${transferStatusLabel(tr)} · ${shortDate(tr.createdAt)}`;
    ti.iconPath = reverted ? new vscode.ThemeIcon('discard', new vscode.ThemeColor('disabledForeground')) : new vscode.ThemeIcon('arrow-swap');
    ti.tooltip = `${transferLabel(tr)}\n${transferStatusLabel(tr)} · ${shortDate(tr.createdAt)}${tr.note ? `\n${tr.note}` : ''}\n${tr.lines.length === 1 ? t('1 line') : t('{0} lines', tr.lines.length)}`;
    ti.contextValue = reverted ? 'retrac.transfer.reverted' : 'retrac.transfer';
    return ti;
  }
  override children(): Node[] {
    return this.ref.transfer.lines.map((line) => new TransferLineNode(this, line));
  }
}

export class TransferLineNode extends Node {
  override readonly ref: RefOf<'transferLine'>;
  constructor(parent: TransferNode, line: TransferLine) {
    super(parent, `${parent.key}/line:${line.id}`);
    this.ref = { kind: 'transferLine', line };
  }
  treeItem(): vscode.TreeItem {
    const line = this.ref.line;
    const ti = this.base(`${line.item.sku} × ${line.quantity}`);
    ti.description = line.item.description;
    ti.tooltip = line.note ?? undefined;
    ti.iconPath = new vscode.ThemeIcon('symbol-constant');
    ti.contextValue = 'retrac.transferLine';
    return ti;
  }
}

export class TagNode extends Node {
  override ref: RefOf<'tag'>;
  readonly items: PagedChildren<Item>;
  constructor(host: TreeHost, parent: Node, tag: Tag) {
    super(parent, `${parent.key}/tag:${tag.id}`);
    this.ref = { kind: 'tag', tag };
    this.items = itemChildren(host, this, 'item', (c, page, pageSize, signal) =>
      c.listItems({ tagIds: [this.ref.tag.id], withTags: true, page, pageSize }, { signal }), t('No items with this tag'));
  }
  update(tag: Tag): void {
    this.ref = { kind: 'tag', tag };
  }
  treeItem(): vscode.TreeItem {
    const tag = this.ref.tag;
    const ti = this.base(tag.name, vscode.TreeItemCollapsibleState.Collapsed);
    ti.iconPath = tagIcon(tag.color);
    ti.description = tag.color;
    ti.contextValue = 'retrac.tag';
    return ti;
  }
  override children(): Node[] {
    return this.items.render();
  }
}

export class MovementNode extends Node {
  override readonly ref: RefOf<'movement'>;
  constructor(private readonly host: TreeHost, parent: Node, movement: Movement) {
    super(parent, `${parent.key}/movement:${movement.id}`);
    this.ref = { kind: 'movement', movement };
  }
  update(): void {
    // Movements are never edited (contract §5).
  }
  treeItem(): vscode.TreeItem {
    const m = this.ref.movement;
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
