// Completions where Retrac values go: `sku=`, `itemId=`, `locationId=` URL parameters and the
// same keys (plus `fromLocationId`/`toLocationId`) in JSON and object bodies, in any language and
// in `.http` / REST Client files, but only in files that are Retrac context. SKUs are searched on
// the server as the user types (debounced; the previous search is aborted); each entry shows its
// description, and its on-hand count when cached or once focused (resolveCompletionItem: one
// request for the focused entry, not one per row). A key without the read scope gets nothing: a
// 403 is not an error in the editor, the completions are simply absent.
import * as vscode from 'vscode';
import { describeError } from '../api/describeError';
import { isRetracError } from '../api/errors';
import type { Item, Location } from '../api/types';
import type { RetracValues } from '../hover';
import type { ItemSummary } from '../hover/lookup';
import { slotAt, type Slot } from '../hover/values';
import { isAbortError } from '../inventoryCache';

const t = vscode.l10n.t;
const DEBOUNCE_MS = 120;
const PAGE = 30;
const BARE_VALUE_LANGUAGES = new Set(['yaml', 'http', 'restclient', 'dotenv', 'properties', 'ini', 'toml', 'plaintext']);

type RetracCompletionItem = vscode.CompletionItem & { itemId?: string; locationId?: string };

export interface CompletionTrace {
  slot?: Slot;
  outcome: 'items' | 'none' | 'blocked' | 'context' | 'scope' | 'forbidden' | 'cancelled' | 'error';
  count: number;
  searches: number;
}

export class RetracCompletions implements vscode.CompletionItemProvider<RetracCompletionItem>, vscode.Disposable {
  /** The last call's outcome (tests read it). */
  last: CompletionTrace | undefined;
  /** Server searches sent (each keystroke that reached the server). */
  searches = 0;
  private inflight: AbortController | undefined;
  /** Registered by ../insights/lazy (this module loads on the first completion request). */
  constructor(private readonly values: RetracValues) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionList<RetracCompletionItem> | undefined> {
    const trace = (outcome: CompletionTrace['outcome'], slot?: Slot, count = 0) => {
      this.last = { slot, outcome, count, searches: this.searches };
    };
    const line = document.lineAt(position.line).text;
    const bare = BARE_VALUE_LANGUAGES.has(document.languageId) || /\.(http|rest|ya?ml)$/i.test(document.uri.path);
    const slot = slotAt(line, position.character, bare);
    if (!slot) return void trace('none');
    if (!this.values.isRetracDocument(document)) return void trace('context', slot);
    if (this.values.blocked('completion')) return void trace('blocked', slot);
    const scope = slot.kind === 'locationId' ? 'locations.read' : 'items.read';
    if (!this.values.connection.can(scope)) return void trace('scope', slot);
    this.inflight?.abort();
    const abort = (this.inflight = new AbortController());
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      // Debounce: a keystroke within this time cancels this call before anything is sent.
      await new Promise((r) => setTimeout(r, DEBOUNCE_MS));
      if (abort.signal.aborted) return void trace('cancelled', slot);
      const ctx = await this.values.context();
      if (!ctx) return void trace('blocked', slot);
      const range = new vscode.Range(position.line, slot.start, position.line, position.character);
      let entries: RetracCompletionItem[];
      if (slot.kind === 'locationId') {
        const locations = await this.values.lookup.locations(ctx, abort.signal);
        const typed = slot.typed.toLowerCase();
        entries = locations
          .filter((l) => !typed || l.name.toLowerCase().includes(typed) || l.id.startsWith(typed))
          .map((l) => this.locationEntry(l, slot, range));
      } else {
        this.searches++;
        const items = await ctx.client.listItems({ search: slot.typed.trim() || undefined, pageSize: PAGE, sort: 'sku', order: 'asc' }, { signal: abort.signal });
        entries = items.map((i) => this.itemEntry(i, slot, range));
      }
      if (abort.signal.aborted) return void trace('cancelled', slot);
      trace('items', slot, entries.length);
      // Incomplete: the server answered for what is typed now; the next keystroke asks again.
      return new vscode.CompletionList(entries, true);
    } catch (e) {
      if (isAbortError(e) || abort.signal.aborted) return void trace('cancelled', slot);
      if (isRetracError(e) && e.code === 'forbidden') return void trace('forbidden', slot);
      this.values.log.debug(`completions for ${slot.key}: ${describeError(e)}`);
      return void trace('error', slot);
    } finally {
      sub.dispose();
    }
  }

  private itemEntry(item: Item, slot: Slot, range: vscode.Range): RetracCompletionItem {
    const insert = slot.kind === 'sku' ? item.sku : item.id;
    const entry: RetracCompletionItem = new vscode.CompletionItem({ label: item.sku, description: item.description }, vscode.CompletionItemKind.Value);
    entry.insertText = insert;
    entry.range = range;
    // The server matched the search (SKU or description): VS Code must not filter its answer away.
    entry.filterText = `${slot.typed} ${item.sku} ${item.description}`;
    entry.sortText = item.sku;
    entry.itemId = item.id;
    const cached = this.values.cache.peek<ItemSummary | null>(`${this.values.profileKey()}|itemSummary:${item.id}`);
    entry.detail = cached ? t('On hand: {0}', cached.totalOnHand.toLocaleString('en-US')) : slot.kind === 'itemId' ? item.id : undefined;
    return entry;
  }

  private locationEntry(location: Location, slot: Slot, range: vscode.Range): RetracCompletionItem {
    const entry: RetracCompletionItem = new vscode.CompletionItem(
      { label: location.name, description: `${location.type}${location.active ? '' : ` · ${t('inactive')}`}` },
      vscode.CompletionItemKind.Value,
    );
    entry.insertText = location.id;
    entry.range = range;
    entry.filterText = `${slot.typed} ${location.name} ${location.id}`;
    entry.sortText = `${location.active ? 0 : 1}${location.name}`;
    entry.detail = location.id;
    entry.locationId = location.id;
    return entry;
  }

  /** The focused entry's stock: one request for it (shared with hovers through the cache). */
  async resolveCompletionItem(entry: RetracCompletionItem, token: vscode.CancellationToken): Promise<RetracCompletionItem> {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      const ctx = await this.values.context();
      if (!ctx) return entry;
      if (entry.itemId && ctx.can('inventory.read')) {
        const s = await this.values.lookup.item(entry.itemId, ctx, abort.signal);
        if (s) {
          entry.detail = t('On hand: {0}', s.totalOnHand.toLocaleString('en-US'));
          const md = new vscode.MarkdownString();
          md.appendMarkdown(s.stock.slice(0, 5).map((at) => `- ${at.name}: ${at.onHand.toLocaleString('en-US')}`).join('\n') || t('No stock at any location.'));
          entry.documentation = md;
        }
      } else if (entry.locationId && ctx.can('items.read')) {
        const count = await ctx.cache.get(`${ctx.profileKey}|locationSkus:${entry.locationId}`, (s) => ctx.client.countItems({ locationId: entry.locationId }, { signal: s }), abort.signal);
        entry.detail = t('{0} SKUs in stock rows', count.toLocaleString('en-US'));
      }
    } catch (e) {
      if (!isAbortError(e) && !(isRetracError(e) && e.code === 'forbidden')) this.values.log.debug(`completion details: ${describeError(e)}`);
    } finally {
      sub.dispose();
    }
    return entry;
  }

  dispose(): void {
    this.inflight?.abort();
  }
}
