// A node's paged children: the loader of its rows (./pagedLoader) plus one node per row, kept so
// a row's identity (and VS Code's expansion state) survives re-renders, and the state rows that
// end the list (Loading…, Load more…, a failed page, a missing scope, "No …").
import * as vscode from 'vscode';
import type { RetracClient } from '../api/client';
import { isRetracError } from '../api/errors';
import { ErrorNode, ForbiddenNode, LoadingNode, LoadMoreNode, MessageNode, missingScopeMessage, type Node, type RowNode, type TreeHost } from './node';
import { PagedLoader } from './pagedLoader';
import { errorMessage } from '../showError';

const t = vscode.l10n.t;

/** How often, and how far apart, a change VS Code has not asked about yet is announced again. */
const RE_REFRESH_ATTEMPTS = 5;
const RE_REFRESH_MS = 500;

export interface PagedChildrenOptions<T> {
  host: TreeHost;
  /** The node whose children these are. */
  owner: Node;
  /** The scope reading the rows needs: without it the list says so instead of asking. */
  scope: string;
  fetch: (client: RetracClient, page: number, pageSize: number, signal: AbortSignal) => Promise<T[]>;
  pageSize: number;
  idOf: (row: T) => string;
  /** The node of a row, made once per id. */
  make: (row: T) => RowNode<T>;
  /** The label of an empty list, e.g. "No items". */
  emptyLabel: string;
}

export class PagedChildren<T> {
  readonly loader: PagedLoader<T>;
  readonly owner: Node;
  private readonly host: TreeHost;
  private readonly idOf: (row: T) => string;
  private readonly nodes = new Map<string, RowNode<T>>();

  constructor(private readonly o: PagedChildrenOptions<T>) {
    ({ owner: this.owner, host: this.host, idOf: this.idOf } = o);
    this.loader = new PagedLoader<T>(
      async (page, size, signal) => o.fetch(await o.host.client(), page, size, signal),
      o.pageSize,
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
    return this.host.can(this.o.scope);
  }

  render(): Node[] {
    this.renderedSinceChange = true;
    const key = this.owner.key;
    if (!this.available) return [new ForbiddenNode(this.owner, `${key}/forbidden`, missingScopeMessage(this.o.scope))];
    const loader = this.loader;
    if (!loader.started) void loader.loadMore();
    const out: Node[] = loader.rows.map((row) => this.nodeFor(row));
    if (loader.loading) out.push(new LoadingNode(this.owner, `${key}/loading`));
    else if (loader.error !== undefined) out.push(this.errorNode(loader.error));
    else if (loader.hasMore) out.push(new LoadMoreNode(this.owner, `${key}/more`, this as PagedChildren<unknown>));
    else if (out.length === 0) out.push(new MessageNode(this.owner, `${key}/empty`, this.o.emptyLabel));
    return out;
  }

  nodeFor(row: T): RowNode<T> {
    const id = this.idOf(row);
    let node = this.nodes.get(id);
    if (node) node.update(row);
    else this.nodes.set(id, (node = this.o.make(row)));
    return node;
  }

  /** The row node with this resource id, when its page is loaded. */
  find(id: string): RowNode<T> | undefined {
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
    return this.loader.rows.map((r) => this.nodes.get(this.idOf(r))).filter((n): n is RowNode<T> => n !== undefined);
  }
  reset(): void {
    this.loader.reset();
    this.nodes.clear();
  }

  private errorNode(e: unknown): Node {
    const key = `${this.owner.key}/error`;
    if (this.loader.pagesLoaded === 0) this.host.sectionFailed(e);
    if (isRetracError(e) && (e.code === 'forbidden' || e.code === 'exceeded_limit')) {
      return new ForbiddenNode(this.owner, key, t('Unavailable: {0}', errorMessage(e)));
    }
    return new ErrorNode(this.owner, key, errorMessage(e), this as PagedChildren<unknown>);
  }
}
