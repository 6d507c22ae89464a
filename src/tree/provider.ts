// The explorer's model and TreeDataProvider: one set of sections per active profile, the
// filters, the view state (ready / offline / no API access), and the targeted refreshes that
// follow InventoryEvents.
import * as vscode from 'vscode';
import type { RetracClient } from '../api/client';
import { isRetracError } from '../api/errors';
import { planAllowsApi, type Item, type Location, type Movement, type Tag } from '../api/types';
import type { Profile, RetracConnection } from '../accounts/connection';
import type { InventoryChange } from '../inventoryEvents';
import { Disposable } from '../lifecycle';
import type { Logger } from '../log';
import type { Filters } from './filters';
import { MovementNames } from './movementNames';
import { CommandNode, MessageNode, type Node, type SectionKind, type TreeHost } from './node';
import { ItemNode, LocationNode, TagNode, TransferNode } from './rows';
import { ItemsSection, LocationsSection, MovementsSection, TagsSection, TransfersSection, type SectionNode } from './sections';

const t = vscode.l10n.t;

export type ViewState = 'ready' | 'offline' | 'noApiAccess';
export type RevealTarget = { kind: 'item' | 'location' | 'transfer' | 'tag'; id: string };

/** How far "reveal" pages through a list to find a row (locations, tags are short lists). */
const MAX_REVEAL_PAGES = 40;

/** The stopped or crashed local sandbox, with what to do about it, instead of its stale data. */
function sourceDownNodes(down: { reason: 'stopped' | 'crashed'; message: string }): Node[] {
  const crashed = down.reason === 'crashed';
  return [
    new MessageNode(undefined, `source-down/${down.reason}`, down.message, new vscode.ThemeIcon(crashed ? 'error' : 'debug-stop', new vscode.ThemeColor(crashed ? 'list.errorForeground' : 'list.warningForeground')), down.message),
    new CommandNode(undefined, 'source-down/restart', t('Restart Local Sandbox'), { command: 'retrac.useLocalSandbox', title: t('Use Local Sandbox') }, new vscode.ThemeIcon('debug-restart')),
    new CommandNode(undefined, 'source-down/switch', t('Switch Profile…'), { command: 'retrac.switchProfile', title: t('Switch Profile') }, new vscode.ThemeIcon('account')),
  ];
}

export class ExplorerProvider extends Disposable implements vscode.TreeDataProvider<Node>, TreeHost {
  private readonly emitter = this.register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly stateEmitter = this.register(new vscode.EventEmitter<ViewState>());
  readonly onDidChangeState = this.stateEmitter.event;
  readonly skus = new Map<string, string>();
  readonly locationNames = new Map<string, string>();
  filters: Filters = { items: {}, transfers: {}, locations: {} };
  private sectionsByKind: Record<SectionKind, SectionNode<unknown>> | undefined;
  private profileSignature: string | undefined;
  private generation = new AbortController();
  private viewState: ViewState = 'ready';
  private rebuilds = 0;

  constructor(private readonly connection: RetracConnection, private readonly log: Logger) {
    super();
    // Whatever is loading when the explorer goes stops (the current generation, not the first).
    this.register({ dispose: () => this.generation.abort() });
    this.rebuild(connection.profile);
  }

  // ---- TreeDataProvider ------------------------------------------------------------------------

  getTreeItem(node: Node): vscode.TreeItem {
    return node.treeItem();
  }

  getChildren(node?: Node): Node[] {
    if (node) return node.children();
    const down = this.connection.sourceDown;
    if (down && this.connection.profile) return sourceDownNodes(down);
    if (!this.connection.profile || this.viewState !== 'ready' || !this.sectionsByKind) return [];
    const sections = this.sections;
    // Headers render at once; the counts (which also probe the connection) arrive later.
    for (const s of sections) s.startCount(this.generation.signal);
    return sections;
  }

  getParent(node: Node): Node | undefined {
    return node.parent;
  }

  // ---- TreeHost -----------------------------------------------------------------------------------

  async client(): Promise<RetracClient> {
    const client = await this.connection.getClient();
    if (!client) throw new Error(t('No Retrac profile is active.'));
    return client;
  }

  can(scope: string): boolean {
    return this.connection.can(scope);
  }

  get signal(): AbortSignal {
    return this.generation.signal;
  }

  /** Names the items and locations that movement rows carry only as ids (per profile and refresh). */
  readonly movementNames = new MovementNames(this.skus, this.locationNames, (message) => this.log.warn(message));

  /** For tests: requests made to name movements. */
  get nameRequests(): number {
    return this.movementNames.requests;
  }

  resolveMovementNames(client: RetracClient, movements: Movement[], signal: AbortSignal): Promise<void> {
    return this.movementNames.resolve(client, movements, signal);
  }

  changed(node: Node | undefined): void {
    this.emitter.fire(node);
  }

  sectionFailed(e: unknown): void {
    if (!isRetracError(e)) return;
    if (e.code === 'network' || e.code === 'timeout' || e.code === 'tls') this.setState('offline');
    else if (e.code === 'forbidden' && e.forbidden === 'plan') this.setState('noApiAccess');
  }

  // ---- state ------------------------------------------------------------------------------------------

  get state(): ViewState {
    return this.viewState;
  }

  get sections(): SectionNode<unknown>[] {
    const s = this.sectionsByKind;
    return s ? [s.items, s.locations, s.transfers, s.tags, s.movements] : [];
  }

  section(kind: SectionKind): SectionNode<unknown> | undefined {
    return this.sectionsByKind?.[kind];
  }

  /** Follows the active profile: a different key or workspace drops every cache and aborts loads. */
  profileChanged(profile: Profile | undefined): void {
    if (signature(profile) !== this.profileSignature) this.rebuild(profile);
    this.changed(undefined);
  }

  private rebuild(profile: Profile | undefined): void {
    this.generation.abort();
    this.generation = new AbortController();
    for (const s of this.sections) s.reset();
    this.skus.clear();
    this.locationNames.clear();
    this.movementNames.clear();
    this.filters = { items: {}, transfers: {}, locations: {} };
    this.profileSignature = signature(profile);
    this.viewState = 'ready';
    if (!profile) {
      this.sectionsByKind = undefined;
    } else {
      // A fresh key per rebuild: VS Code must not reuse the old profile's expansion state or nodes.
      const key = `p:${profile.id}:${++this.rebuilds}`;
      this.sectionsByKind = {
        items: new ItemsSection(this, key) as SectionNode<unknown>,
        locations: new LocationsSection(this, key) as SectionNode<unknown>,
        transfers: new TransfersSection(this, key) as SectionNode<unknown>,
        tags: new TagsSection(this, key) as SectionNode<unknown>,
        movements: new MovementsSection(this, key) as SectionNode<unknown>,
      };
      if (!planAllowsApi(profile.plan)) this.viewState = 'noApiAccess';
    }
    this.stateEmitter.fire(this.viewState);
  }

  private setState(state: ViewState): void {
    if (this.viewState === state) return;
    this.log.warn(`explorer state: ${state}`);
    this.viewState = state;
    this.stateEmitter.fire(state);
    this.changed(undefined);
  }

  /** Reloads everything of the active profile (keeps the filters). */
  refreshAll(): void {
    this.generation.abort();
    this.generation = new AbortController();
    this.movementNames.clear();
    for (const s of this.sections) s.reset();
    if (this.viewState !== 'ready') {
      this.viewState = planAllowsApi(this.connection.profile?.plan) ? 'ready' : 'noApiAccess';
      this.stateEmitter.fire(this.viewState);
    }
    this.changed(undefined);
  }

  /** Reloads one node: a section's pages and count, an item's balances, a transfer's lines. */
  async refreshNode(node: Node): Promise<void> {
    if (node.parent === undefined) {
      (node as SectionNode<unknown>).reset();
    } else if (node instanceof ItemNode) {
      node.balances.reset();
      await this.reloadItem(node.ref.item.id);
    } else if (node instanceof LocationNode) {
      node.balances.reset();
    } else if (node instanceof TagNode) {
      node.items.reset();
    } else if (node instanceof TransferNode) {
      await this.reloadTransfer(node.ref.transfer.id);
    }
    this.changed(node);
  }

  setFilters(kind: keyof Filters, filter: Filters[keyof Filters]): void {
    (this.filters as Record<keyof Filters, unknown>)[kind] = { ...filter };
    const section = this.section(kind);
    if (section) {
      // The unfiltered total stays ("25 of 300"); the count for the new filter starts when the row renders.
      section.reset(false);
      // Back to no filter: the total is known, so the count is back at once (and re-read).
      if (!section.filtered && section.total !== undefined) section.count = section.total;
      section.startCount();
      this.changed(section);
    }
  }

  clearFilters(): void {
    for (const kind of ['items', 'transfers', 'locations'] as const) this.setFilters(kind, {});
  }

  get filtered(): boolean {
    return this.sections.some((s) => s.filtered);
  }

  // ---- targeted refreshes after edits --------------------------------------------------------------

  async applyChange(change: InventoryChange): Promise<void> {
    if (!this.sectionsByKind) return;
    const reset = new Set<SectionKind>(change.lists ?? []);
    if (change.tags) reset.add('tags');
    if (change.movements || change.itemIds?.length || change.locationIds?.length || change.transferIds?.length) {
      // Any stock change writes movements (newest first): only a loaded list needs a reload.
      if (this.sectionsByKind.movements.paged.loader.started) reset.add('movements');
    }
    // New movements may name items that a location's balances did not hold when first read.
    if (reset.has('movements')) this.movementNames.forgetLocations();
    for (const kind of reset) {
      const s = this.sectionsByKind[kind];
      s.reset();
      this.changed(s);
    }
    const work: Promise<unknown>[] = [];
    for (const id of new Set(change.itemIds ?? [])) if (!reset.has('items')) work.push(this.reloadItem(id));
    for (const id of new Set(change.locationIds ?? [])) if (!reset.has('locations')) work.push(this.reloadLocation(id));
    for (const id of new Set(change.transferIds ?? [])) if (!reset.has('transfers')) work.push(this.reloadTransfer(id));
    const results = await Promise.allSettled(work);
    for (const r of results) if (r.status === 'rejected') this.log.warn(`refresh after edit failed: ${String(r.reason)}`);
  }

  /** Every loaded node of a kind (section rows, pinned rows, rows under tags), for targeted refreshes. */
  *loadedNodes(): Generator<Node> {
    for (const s of this.sections) {
      yield* s.pinned.values();
      for (const n of s.paged.loadedNodes()) {
        yield n;
        if (n instanceof TagNode) yield* n.items.loadedNodes();
      }
    }
  }

  private async reloadItem(id: string): Promise<void> {
    const nodes = [...this.loadedNodes()].filter((n): n is ItemNode => n instanceof ItemNode && n.ref.item.id === id);
    // Locations whose loaded balances list this item show its stock too.
    const locations = [...this.loadedNodes()].filter((n): n is LocationNode =>
      n instanceof LocationNode && n.balances.loader.rows.some((b) => b.itemId === id));
    for (const l of locations) {
      l.balances.reset();
      this.changed(l);
    }
    if (!nodes.length) return;
    let item: Item | undefined;
    try {
      item = await (await this.client()).getItem(id, { signal: this.generation.signal });
    } catch (e) {
      if (!(isRetracError(e) && e.code === 'not_found')) throw e;
    }
    for (const node of nodes) {
      const owner = node.parent;
      if (!item) {
        this.removeRow(owner, id);
      } else {
        this.replaceRow(owner, item);
        node.balances.reset();
      }
      this.changed(item ? node : owner);
    }
  }

  private async reloadLocation(id: string): Promise<void> {
    const section = this.sectionsByKind?.locations as LocationsSection | undefined;
    if (!section) return;
    const node = section.paged.find(id) as LocationNode | undefined;
    // No "get location" endpoint: re-read the page that holds it.
    await section.paged.loader.reloadPagesWith((l) => l.id === id);
    const fresh = section.paged.loader.rows.find((l) => l.id === id);
    if (node && fresh) {
      node.update(fresh);
      node.balances.reset();
      this.changed(node);
    } else {
      this.changed(section);
    }
  }

  private async reloadTransfer(id: string): Promise<void> {
    const section = this.sectionsByKind?.transfers as TransfersSection | undefined;
    if (!section) return;
    const node = (section.paged.find(id) ?? section.pinned.get(id)) as TransferNode | undefined;
    if (!node) {
      // A new transfer goes on top of the newest-first list.
      if (section.paged.loader.started) {
        section.reset();
        this.changed(section);
      }
      return;
    }
    const fresh = await (await this.client()).getTransfer(id, { signal: this.generation.signal });
    section.paged.replaceRow(fresh);
    node.update(fresh);
    this.changed(node);
  }

  private replaceRow(owner: Node | undefined, item: Item): void {
    if (owner instanceof TagNode) owner.items.replaceRow(item);
    else if (owner instanceof ItemsSection) {
      owner.paged.replaceRow(item);
      owner.pinned.get(item.id)?.update(item);
    }
  }

  private removeRow(owner: Node | undefined, id: string): void {
    if (owner instanceof TagNode) owner.items.removeRow(id);
    else if (owner instanceof ItemsSection) {
      owner.paged.removeRow(id);
      owner.pinned.delete(id);
    }
  }

  // ---- reveal ---------------------------------------------------------------------------------------

  /** The node of a resource, loading what is needed; undefined when not found or not readable. */
  async findNode(target: RevealTarget): Promise<Node | undefined> {
    const s = this.sectionsByKind;
    if (!s || this.viewState !== 'ready') return undefined;
    const client = await this.client();
    const signal = this.generation.signal;
    switch (target.kind) {
      case 'item': {
        const section = s.items as ItemsSection;
        return section.paged.available ? section.findOrPin(target.id, () => client.getItem(target.id, { signal })) : undefined;
      }
      case 'transfer': {
        const section = s.transfers as TransfersSection;
        return section.paged.available ? section.findOrPin(target.id, () => client.getTransfer(target.id, { signal })) : undefined;
      }
      case 'location': {
        const section = s.locations as LocationsSection;
        if (!section.paged.available) return undefined;
        const row = await section.paged.loader.loadUntil((l: Location) => l.id === target.id, MAX_REVEAL_PAGES);
        this.changed(section);
        return row ? section.paged.nodeFor(row) : undefined;
      }
      case 'tag': {
        const section = s.tags as TagsSection;
        if (!section.paged.available) return undefined;
        const row = await section.paged.loader.loadUntil((tag: Tag) => tag.id === target.id, 1);
        this.changed(section);
        return row ? section.paged.nodeFor(row) : undefined;
      }
    }
  }

}

function signature(p: Profile | undefined): string | undefined {
  return p ? JSON.stringify([p.id, p.apiUrl, p.workspaceId, p.keyHint, [...p.scopes].sort(), p.role, p.plan]) : undefined;
}
