// The explorer's node base class, what every node needs from the provider (TreeHost), and the
// rows that show a state rather than a resource: a message, Loading…, Load more…, a failed page,
// a missing scope, a command. Resource rows are in ./rows, section headers in ./sections.
import * as vscode from 'vscode';
import type { RetracClient } from '../api/client';
import type { Movement } from '../api/types';
import type { Filters } from './filters';
import type { PagedChildren } from './pagedChildren';
import type { TreeRef } from './ref';

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

export abstract class Node {
  /**
   * The resource this row shows, which a command run from its context menu acts on (see
   * ./ref's commandNodeRef); set by the resource rows (./rows), undefined on sections and state rows.
   */
  declare readonly ref: TreeRef | undefined;
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

/** A row that shows one resource and is refreshed in place when the resource is re-read. */
export type RowNode<T> = Node & { update(row: T): void };

// ---- rows for states -----------------------------------------------------------------------------

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
