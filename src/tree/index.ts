// The Retrac inventory explorer: the `retrac.explorer` tree view, its commands (refresh, load
// more, filter, find, details, copy), the read-only details documents, and the context keys
// its welcome views read. The model and nodes live in ./provider and ./nodes.
import * as vscode from 'vscode';
import { describeError } from '../api/describeError';
import { withWhereToSet } from '../accounts/connectionSettings';
import { DASHBOARD_URL, type Item } from '../api/types';
import type { RetracConnection } from '../accounts/connection';
import type { InventoryEvents } from '../inventoryEvents';
import type { Logger } from '../log';
import { DetailsDocuments } from './documents';
import { ErrorNode, LoadMoreNode, Node, type Filters } from './nodes';
import { ExplorerProvider, type RevealTarget, type ViewState } from './provider';

export type { RevealTarget } from './provider';

const t = vscode.l10n.t;
export const VIEW_ID = 'retrac.explorer';
/** A reveal whose selection does not arrive is repeated this often, each time with a fresh node. */
const REVEAL_ATTEMPTS = 3;
/** How long the selection of a revealed row may take to come back from the workbench. */
const SELECTION_WAIT_MS = 1500;
const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class InventoryExplorer implements vscode.Disposable {
  /** The TreeDataProvider (tests call getChildren/getTreeItem on it and read its loaders). */
  readonly provider: ExplorerProvider;
  readonly view: vscode.TreeView<Node>;
  readonly documents: DetailsDocuments;
  /** The "Find Item" pick while it is open (tests type into it). */
  findPick: vscode.QuickPick<vscode.QuickPickItem & { item?: Item }> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  /** `attachView`: the view made at start (./lazy), which forwards to this provider; by default a new one. */
  constructor(
    _context: vscode.ExtensionContext,
    private readonly connection: RetracConnection,
    events: InventoryEvents,
    private readonly log: Logger,
    attachView: (provider: ExplorerProvider) => vscode.TreeView<Node> = (provider) => vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true }),
  ) {
    this.provider = new ExplorerProvider(connection, log);
    this.view = attachView(this.provider);
    this.documents = new DetailsDocuments(this.provider);
    const command = (id: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, run);
    this.disposables.push(
      this.provider,
      this.view,
      this.documents,
      connection.onDidChangeProfile((p) => {
        this.provider.profileChanged(p);
        this.renderContext();
      }),
      this.provider.onDidChangeState(() => this.renderContext()),
      events.onDidChange((change) => {
        this.provider.applyChange(change).catch((e: unknown) => this.log.warn(`refresh after edit: ${describeError(e)}`));
      }),
      command('retrac.refreshExplorer', () => this.refreshAll()),
      command('retrac.refreshNode', (node?: Node) => (node ? this.provider.refreshNode(node) : this.refreshAll())),
      command('retrac.loadMore', (node?: LoadMoreNode) => node?.load()),
      command('retrac.retryNode', (node?: ErrorNode) => node?.retry()),
      command('retrac.filterExplorer', async (node?: Node) => (await import('./pickers')).filterCommand(this, node)),
      command('retrac.clearExplorerFilter', () => this.setFilters(() => this.provider.clearFilters())),
      command('retrac.findItem', async () => (await import('./pickers')).findItemCommand(this)),
      command('retrac.openDetails', (node?: Node) => this.openDetails(node)),
      command('retrac.copyId', (node?: Node) => this.copy(node, 'id')),
      command('retrac.copySku', (node?: Node) => this.copy(node, 'sku')),
      command('retrac.openInDashboard', (node?: Node) => this.openInDashboard(node)),
      command('retrac.revealInExplorer', (target?: RevealTarget) => (target ? this.reveal(target) : undefined)),
    );
    this.renderContext();
  }

  /**
   * Shows the view and selects the node of this resource (loading its page, or pinning it on top
   * of its section). Resolves true once the row is selected; false after saying why it cannot be.
   * `TreeView.reveal` resolves before the selection reaches this side and does not report a
   * failure (a view still opening, a refresh of the parent in flight), so the selection is
   * checked and the reveal repeated against a fresh node.
   */
  async reveal(target: RevealTarget): Promise<boolean> {
    try {
      await this.showView();
      for (let attempt = 1; attempt <= REVEAL_ATTEMPTS; attempt++) {
        const node = await this.provider.findNode(target);
        if (!node) {
          void vscode.window.showInformationMessage(t('The {0} is not in the Retrac explorer (no access, or not found).', target.kind));
          return false;
        }
        if (await this.revealAndConfirm(node)) return true;
        this.log.debug(`reveal ${target.kind} ${target.id}: not selected after attempt ${attempt}; the view was still changing`);
      }
      const message = t('The {0} was found but the explorer kept changing while it was being selected: run the command again.', target.kind);
      this.log.warn(`reveal ${target.kind} ${target.id}: not selected after ${REVEAL_ATTEMPTS} attempts`);
      void vscode.window.showWarningMessage(message);
      return false;
    } catch (e) {
      const message = withWhereToSet(describeError(e));
      this.log.warn(`reveal ${target.kind} ${target.id}: ${message}`);
      void vscode.window.showErrorMessage(t('Cannot show the {0}: {1}', target.kind, message), t('Show Log')).then((c) => {
        if (c) void vscode.commands.executeCommand('retrac.showLog');
      });
      return false;
    }
  }

  /** Opens the view first: a reveal into a view that is still being created selects nothing. */
  private async showView(): Promise<void> {
    if (this.view.visible) return;
    const shown = new Promise<void>((resolve) => {
      const sub = this.view.onDidChangeVisibility((e) => {
        if (!e.visible) return;
        sub.dispose();
        resolve();
      });
    });
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    await Promise.race([shown, delay(SELECTION_WAIT_MS)]);
  }

  /**
   * Reveals and waits for a selection event, sent after the reveal, that holds the row. The
   * selection read before that may be stale: a row selected earlier with the same key, whose
   * removal by a refresh has not reached this side yet. Without an event (the row was selected
   * already), the selection is read after SELECTION_WAIT_MS.
   */
  private async revealAndConfirm(node: Node): Promise<boolean> {
    const key = node.key;
    let confirmed!: (ok: boolean) => void;
    const selectedEvent = new Promise<boolean>((resolve) => (confirmed = resolve));
    const sub = this.view.onDidChangeSelection((e) => {
      if (e.selection.some((n) => n.key === key)) confirmed(true);
    });
    try {
      await this.view.reveal(node, { select: true, focus: true, expand: false });
      const settled = delay(SELECTION_WAIT_MS).then(() => this.view.selection.some((n) => n.key === key));
      return await Promise.race([selectedEvent, settled]);
    } finally {
      sub.dispose();
    }
  }

  refreshAll(): void {
    this.provider.refreshAll();
    this.renderContext();
  }

  private renderContext(): void {
    const state: ViewState = this.provider.state;
    void vscode.commands.executeCommand('setContext', 'retrac.state', state);
    void vscode.commands.executeCommand('setContext', 'retrac.explorerFiltered', this.provider.filtered);
    this.view.description = describeFilters(this.provider.filters);
  }

  private setFilters(apply: () => void): void {
    apply();
    this.renderContext();
  }

  /** Applies a filter to one section (server-side), as the filter command does. */
  filter<K extends keyof Filters>(kind: K, filter: Filters[K]): void {
    this.setFilters(() => this.provider.setFilters(kind, filter));
  }

  // ---- node commands ------------------------------------------------------------------------------

  private async openDetails(node?: Node): Promise<void> {
    const target = node ? detailsTarget(node) : undefined;
    if (!target) return;
    await this.documents.open(target.kind, target.id, target.title);
  }

  private async copy(node: Node | undefined, what: 'id' | 'sku'): Promise<void> {
    if (!node) return;
    const value = what === 'sku' ? node.item?.sku ?? node.balance?.item.sku : resourceId(node);
    if (!value) return;
    await vscode.env.clipboard.writeText(value);
    vscode.window.setStatusBarMessage(t('Copied {0}', value), 3000);
  }

  private async openInDashboard(node?: Node): Promise<void> {
    const profile = this.connection.profile;
    const target = node ? detailsTarget(node) : undefined;
    if (!profile || !target) return;
    if (profile.sandbox) {
      void vscode.window.showInformationMessage(t('The local sandbox has no dashboard: use “Open Details” instead.'));
      return;
    }
    const workspace = profile.workspaceSlug ?? profile.workspaceId;
    if (!workspace) return;
    const path = { item: 'items', location: 'locations', transfer: 'transfers' }[target.kind];
    await vscode.env.openExternal(vscode.Uri.parse(`${DASHBOARD_URL}/${encodeURIComponent(workspace)}/${path}/${encodeURIComponent(target.id)}`));
  }

  dispose(): void {
    for (const d of this.disposables.reverse()) d.dispose();
  }
}


function detailsTarget(node: Node): { kind: 'item' | 'location' | 'transfer'; id: string; title: string } | undefined {
  if (node.item) return { kind: 'item', id: node.item.id, title: node.item.sku };
  if (node.location) return { kind: 'location', id: node.location.id, title: node.location.name };
  if (node.transfer) return { kind: 'transfer', id: node.transfer.id, title: `transfer-${node.transfer.id}` };
  if (node.balance) return { kind: 'item', id: node.balance.itemId, title: node.balance.item.sku };
  return undefined;
}

function resourceId(node: Node): string | undefined {
  return node.item?.id ?? node.location?.id ?? node.transfer?.id ?? node.tag?.id ?? node.balance?.id;
}

/** The view's description: what is filtered, e.g. `Items: "bolt", tag Red · Transfers: reverted`. */
export function describeFilters(f: Filters): string | undefined {
  const parts: string[] = [];
  const items = [
    f.items.search ? `“${f.items.search}”` : undefined,
    f.items.tagIds?.length ? t('tag {0}', f.items.tagName ?? f.items.tagIds.join(',')) : undefined,
    f.items.locationId ? t('at {0}', f.items.locationName ?? f.items.locationId) : undefined,
  ].filter(Boolean);
  if (items.length) parts.push(`${t('Items')}: ${items.join(', ')}`);
  const transfers = [
    f.transfers.status,
    f.transfers.fromLocationId ? t('from {0}', f.transfers.fromName ?? f.transfers.fromLocationId) : undefined,
    f.transfers.toLocationId ? t('to {0}', f.transfers.toName ?? f.transfers.toLocationId) : undefined,
  ].filter(Boolean);
  if (transfers.length) parts.push(`${t('Transfers')}: ${transfers.join(', ')}`);
  const locations = [
    f.locations.type,
    f.locations.active === undefined ? undefined : f.locations.active ? t('active') : t('inactive'),
  ].filter(Boolean);
  if (locations.length) parts.push(`${t('Locations')}: ${locations.join(', ')}`);
  return parts.length ? parts.join(' · ') : undefined;
}

