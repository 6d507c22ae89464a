// The explorer at start: the `retrac.explorer` view, whose provider forwards to the real one, and
// the explorer's commands as forwarders. The explorer itself (provider, nodes, details documents:
// dist/explorer.js) loads on the view's first getChildren, the first explorer command, or the
// first part that asks for it; then it adopts this view.
import * as vscode from 'vscode';
import { Disposable, DisposableStore } from '../lifecycle';
import { LazyPart } from '../lazyPart';
import type { CommandId } from '../registerCommand';
import type { InventoryExplorer } from './index';
import type { Node } from './node';
import type { ExplorerProvider } from './provider';
import { DETAILS_SCHEME } from './scheme';

const VIEW_ID = 'retrac.explorer';
/** The commands InventoryExplorer registers (the smoke test fails when one is missing at start). */
const EXPLORER_COMMANDS: readonly CommandId[] = [
  'retrac.refreshExplorer', 'retrac.refreshNode', 'retrac.loadMore', 'retrac.retryNode', 'retrac.filterExplorer',
  'retrac.clearExplorerFilter', 'retrac.findItem', 'retrac.openDetails', 'retrac.copyId', 'retrac.copySku',
  'retrac.openInDashboard', 'retrac.revealInExplorer',
];

/** The view's provider until the explorer loads, and a pass-through afterwards. */
class ForwardingProvider extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changed = this.register(new vscode.EventEmitter<Node | Node[] | undefined | null | void>());
  readonly onDidChangeTreeData = this.changed.event;
  private target: ExplorerProvider | undefined;
  /** Loads the explorer, which attaches its provider. */
  load: () => ExplorerProvider = () => {
    throw new Error('the explorer view asked for rows before it was set up');
  };

  attach(target: ExplorerProvider): void {
    this.target = target;
    this.register(target.onDidChangeTreeData((e) => this.changed.fire(e)));
  }

  private provider(): ExplorerProvider {
    return this.target ?? this.load();
  }

  getChildren(node?: Node): Node[] {
    return this.provider().getChildren(node);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return this.provider().getTreeItem(node);
  }

  getParent(node: Node): Node | undefined {
    return this.provider().getParent(node);
  }
}

export class LazyExplorer extends LazyPart<InventoryExplorer> {
  /**
   * `create` makes the explorer with the view made here (its `attachView` argument); the details
   * documents' providers are registered here too, so a `retrac:` editor restored with the window
   * gets its content (loading the explorer) before anything else loads it.
   */
  constructor(create: (attachView: (provider: ExplorerProvider) => vscode.TreeView<Node>) => InventoryExplorer) {
    const forwarding = new ForwardingProvider();
    const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: forwarding, showCollapseAll: true });
    const documentsChanged = new vscode.EventEmitter<vscode.Uri>();
    const subscriptions = new DisposableStore();
    super(() => {
      const explorer = create((provider) => {
        forwarding.attach(provider);
        return view;
      });
      subscriptions.add(explorer.documents.onDidChange((uri) => documentsChanged.fire(uri)));
      return explorer;
    }, EXPLORER_COMMANDS);
    forwarding.load = () => this.get().provider;
    this.register(forwarding);
    this.register(documentsChanged);
    this.register(subscriptions);
    this.register(vscode.workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, {
      onDidChange: documentsChanged.event,
      provideTextDocumentContent: (uri) => this.get().documents.provideTextDocumentContent(uri),
    }));
    this.register(vscode.languages.registerDocumentLinkProvider({ scheme: DETAILS_SCHEME }, {
      provideDocumentLinks: (doc) => this.get().documents.provideDocumentLinks(doc),
    }));
    // Once adopted, the explorer disposes the view.
    this.register({
      dispose: () => {
        if (!this.loaded) view.dispose();
      },
    });
  }
}
