// The Retrac inventory explorer: the `retrac.explorer` tree view, its commands (refresh, load
// more, filter, find, details, copy), the read-only details documents, and the context keys
// its welcome views read. The model is ./provider; nodes are ./node (base, state rows), ./rows
// and ./sections; the filter and Find Item pickers are ./pickers.
import * as vscode from 'vscode';
import { describeError } from '../api/describeError';
import { DASHBOARD_URL } from '../api/types';
import type { RetracConnection } from '../accounts/connection';
import type { InventoryEvents, NodeRef } from '../inventoryEvents';
import type { ItemSearchPick } from '../itemSearchPick';
import { Disposable } from '../lifecycle';
import type { Logger } from '../log';
import { registerCommand, type CommandId } from '../registerCommand';
import { errorMessage, showError } from '../showError';
import { DetailsDocuments } from './documents';
import { describeFilters, type Filters } from './filters';
import type { ErrorNode, LoadMoreNode, Node } from './node';
import type { FilterPick } from './pickers';
import { ExplorerProvider, type RevealTarget, type ViewState } from './provider';
import { commandNodeRef } from './ref';

export type { RevealTarget } from './provider';

const t = vscode.l10n.t;
export const VIEW_ID = 'retrac.explorer';
/** A reveal whose selection does not arrive is repeated this often, each time with a fresh node. */
const REVEAL_ATTEMPTS = 3;
/** How long the selection of a revealed row may take to come back from the workbench. */
const SELECTION_WAIT_MS = 1500;
const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class InventoryExplorer extends Disposable {
  /** The TreeDataProvider (tests call getChildren/getTreeItem on it and read its loaders). */
  readonly provider: ExplorerProvider;
  readonly view: vscode.TreeView<Node>;
  readonly documents: DetailsDocuments;
  /** The "Find Item" pick while it is open (tests type into it). */
  findPick: ItemSearchPick | undefined;
  /** The pick of the Filter command on screen, if any (tests answer it). */
  filterPick: FilterPick | undefined;

  /**
   * `attachView`: the view made at start (./lazy), which forwards to this provider; by default a new
   * one. `documentsForwarded`: the details documents' providers were registered at start (./lazy).
   */
  constructor(
    _context: vscode.ExtensionContext,
    private readonly connection: RetracConnection,
    events: InventoryEvents,
    private readonly log: Logger,
    attachView: (provider: ExplorerProvider) => vscode.TreeView<Node> = (provider) => vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true }),
    documentsForwarded = false,
  ) {
    super();
    this.provider = this.register(new ExplorerProvider(connection, log));
    this.view = this.register(attachView(this.provider));
    this.documents = this.register(new DetailsDocuments(this.provider, !documentsForwarded));
    this.register(connection.onDidChangeProfile((p) => {
      this.provider.profileChanged(p);
      this.renderContext();
    }));
    this.register(this.provider.onDidChangeState(() => this.renderContext()));
    this.register(events.onDidChange((change) => {
      this.provider.applyChange(change).catch((e: unknown) => this.log.warn(`refresh after edit: ${describeError(e)}`));
    }));
    const command = <A extends unknown[]>(id: CommandId, run: (...args: A) => unknown) => this.register(registerCommand(id, run, log));
    command('retrac.refreshExplorer', () => this.refreshAll());
    command('retrac.refreshNode', (node?: Node) => (node ? this.provider.refreshNode(node) : this.refreshAll()));
    command('retrac.loadMore', (node?: LoadMoreNode) => node?.load());
    command('retrac.retryNode', (node?: ErrorNode) => node?.retry());
    command('retrac.filterExplorer', async (node?: Node) => (await import('./pickers')).filterCommand(this, log, node));
    command('retrac.clearExplorerFilter', () => this.setFilters(() => this.provider.clearFilters()));
    command('retrac.findItem', async () => (await import('./pickers')).findItemCommand(this));
    // These also run from the hovers' links, whose argument is a NodeRef rather than a node.
    command('retrac.openDetails', (arg?: unknown) => this.openDetails(commandNodeRef(arg)));
    command('retrac.copyId', (arg?: unknown) => this.copy(commandNodeRef(arg), 'id'));
    command('retrac.copySku', (arg?: unknown) => this.copy(commandNodeRef(arg), 'sku'));
    command('retrac.openInDashboard', (arg?: unknown) => this.openInDashboard(commandNodeRef(arg)));
    command('retrac.revealInExplorer', (target?: RevealTarget) => (target ? this.reveal(target) : undefined));
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
      const message = errorMessage(e);
      this.log.warn(`reveal ${target.kind} ${target.id}: ${message}`);
      void showError(t('Cannot show the {0}: {1}', target.kind, message));
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

  private async openDetails(ref?: NodeRef): Promise<void> {
    const target = ref ? detailsTarget(ref) : undefined;
    if (!target) return;
    await this.documents.open(target.kind, target.id, target.title);
  }

  private async copy(ref: NodeRef | undefined, what: 'id' | 'sku'): Promise<void> {
    if (!ref) return;
    const value = what === 'sku' ? ref.item?.sku ?? ref.balance?.item.sku : resourceId(ref);
    if (!value) return;
    await vscode.env.clipboard.writeText(value);
    vscode.window.setStatusBarMessage(t('Copied {0}', value), 3000);
  }

  private async openInDashboard(ref?: NodeRef): Promise<void> {
    const profile = this.connection.profile;
    const target = ref ? detailsTarget(ref) : undefined;
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
}

function detailsTarget(ref: NodeRef): { kind: 'item' | 'location' | 'transfer'; id: string; title: string } | undefined {
  if (ref.item) return { kind: 'item', id: ref.item.id, title: ref.item.sku };
  if (ref.location) return { kind: 'location', id: ref.location.id, title: ref.location.name };
  if (ref.transfer) return { kind: 'transfer', id: ref.transfer.id, title: `transfer-${ref.transfer.id}` };
  if (ref.balance) return { kind: 'item', id: ref.balance.itemId, title: ref.balance.item.sku };
  return undefined;
}

function resourceId(ref: NodeRef): string | undefined {
  return ref.item?.id ?? ref.location?.id ?? ref.transfer?.id ?? ref.tag?.id ?? ref.balance?.id;
}
