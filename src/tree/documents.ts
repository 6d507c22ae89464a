// Read-only JSON details of items, locations and transfers (scheme `retrac`), fetched fresh when
// opened, with links on the ids that reveal the related node in the explorer.
import * as vscode from 'vscode';
import { Disposable } from '../lifecycle';
import type { RevealTarget } from './provider';
import type { ExplorerProvider } from './provider';
import { errorMessage } from '../showError';

import { DETAILS_SCHEME } from './scheme';

export { DETAILS_SCHEME };
export type DetailsKind = 'item' | 'location' | 'transfer';

const t = vscode.l10n.t;

export function detailsUri(kind: DetailsKind, id: string, title: string): vscode.Uri {
  // The title (SKU, name) makes the editor tab readable; the id in the query is what is loaded.
  const safe = title.replace(/[^\w.-]+/g, '_').slice(0, 60) || id;
  return vscode.Uri.from({ scheme: DETAILS_SCHEME, path: `/${kind}/${safe}.json`, query: `id=${encodeURIComponent(id)}` });
}

function parseUri(uri: vscode.Uri): { kind: DetailsKind; id: string } | undefined {
  const kind = uri.path.split('/')[1];
  const id = new URLSearchParams(uri.query).get('id');
  return (kind === 'item' || kind === 'location' || kind === 'transfer') && id ? { kind, id } : undefined;
}

export class DetailsDocuments extends Disposable implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  /** `registerProviders`: false when the providers registered at start (./lazy) forward to this one. */
  constructor(private readonly provider: ExplorerProvider, registerProviders = true) {
    super();
    if (!registerProviders) return;
    this.register(vscode.workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, this));
    this.register(vscode.languages.registerDocumentLinkProvider({ scheme: DETAILS_SCHEME }, this));
  }

  async open(kind: DetailsKind, id: string, title: string): Promise<vscode.TextDocument> {
    const uri = detailsUri(kind, id, title);
    // Re-read on every open: the document shows the server's current state.
    this.changed.fire(uri);
    const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'json');
    await vscode.window.showTextDocument(doc, { preview: true });
    return doc;
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const target = parseUri(uri);
    if (!target) return `// ${t('Unknown Retrac resource: {0}', uri.toString())}\n`;
    try {
      return `${JSON.stringify(await this.load(target.kind, target.id), null, 2)}\n`;
    } catch (e) {
      return `// ${errorMessage(e)}\n`;
    }
  }

  private async load(kind: DetailsKind, id: string): Promise<unknown> {
    const client = await this.provider.client();
    switch (kind) {
      case 'item': {
        const [item, balances] = await Promise.all([client.getItem(id), client.listBalances({ itemId: id, pageSize: 500 })]);
        // The item answer may leave out tags (they come with `withTags` on the list).
        const tags = item.tags ?? (await client.listItems({ sku: item.sku, withTags: true, pageSize: 100 })).find((i) => i.id === id)?.tags;
        return {
          ...item,
          tags,
          onHand: balances.reduce((s, b) => s + b.onHandQty, 0),
          balances: balances.map((b) => ({ locationId: b.locationId, location: b.location.name, onHandQty: b.onHandQty })),
        };
      }
      case 'transfer':
        return client.getTransfer(id);
      case 'location': {
        // No "get location" endpoint: the explorer's pages, else the list.
        const node = await this.provider.findNode({ kind: 'location', id });
        if (node?.ref?.kind !== 'location') throw new Error(t('Location {0} was not found.', id));
        return node.ref.location;
      }
    }
  }

  provideDocumentLinks(doc: vscode.TextDocument): vscode.DocumentLink[] {
    const own = parseUri(doc.uri);
    if (!own) return [];
    const links: vscode.DocumentLink[] = [];
    for (const { line, kind, id, start } of idLines(doc.getText(), own.kind)) {
      const args = encodeURIComponent(JSON.stringify([{ kind, id } satisfies RevealTarget]));
      const link = new vscode.DocumentLink(new vscode.Range(line, start, line, start + id.length), vscode.Uri.parse(`command:retrac.revealInExplorer?${args}`));
      link.tooltip = t('Reveal this {0} in the Retrac explorer', kind);
      links.push(link);
    }
    return links;
  }

}

const ID_KEYS: Record<string, RevealTarget['kind']> = {
  itemId: 'item', locationId: 'location', fromLocationId: 'location', toLocationId: 'location', transferId: 'transfer', tagId: 'tag',
};
/** Which kind an `"id"` inside a named object or array refers to. */
const CONTAINER_KINDS: Record<string, RevealTarget['kind']> = {
  item: 'item', location: 'location', fromLocation: 'location', toLocation: 'location', tags: 'tag',
};

/**
 * The linkable ids of a JSON.stringify(…, null, 2) text: `"itemId": "…"` anywhere, and `"id": "…"`
 * by the object it sits in (the document's own resource at the top level, a tag inside `tags`).
 */
export function idLines(text: string, ownKind: RevealTarget['kind']): { line: number; kind: RevealTarget['kind']; id: string; start: number }[] {
  const out: { line: number; kind: RevealTarget['kind']; id: string; start: number }[] = [];
  const stack: string[] = [];
  text.split('\n').forEach((raw, line) => {
    const open = /^\s*"(\w+)": [{[]$/.exec(raw);
    if (open) return void stack.push(open[1]);
    if (/^\s*[{[]$/.test(raw)) return void stack.push(stack.length ? stack[stack.length - 1] : '');
    if (/^\s*[}\]],?$/.test(raw)) return void stack.pop();
    const pair = /^(\s*)"(\w+)": "([^"]+)",?$/.exec(raw);
    if (!pair) return;
    const [, indent, key, id] = pair;
    const container = stack[stack.length - 1];
    const kind = key === 'id' ? (stack.length === 1 ? ownKind : CONTAINER_KINDS[container ?? '']) : ID_KEYS[key];
    if (kind) out.push({ line, kind, id, start: indent.length + key.length + 5 });
  });
  return out;
}
