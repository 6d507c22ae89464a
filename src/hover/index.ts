// Live hovers on Retrac values in any file: ids (item, location, transfer), `ws_…` workspace ids
// and, in Retrac context, SKUs. Recognised by shape (./values), confirmed through the active
// profile (./lookup) with the shared cache and the explorer's loaded rows, cancelled with the
// hover. No request without a profile, in an untrusted workspace, with `retrac.hover.enabled`
// off, or on a value inside a detected key.
import * as vscode from 'vscode';
import { describeError } from '../api/describeError';
import type { Item, Location, Transfer } from '../api/types';
import type { RetracConnection } from '../accounts/connection';
import { InventoryCache, isAbortError } from '../inventoryCache';
import type { InventoryEvents } from '../inventoryEvents';
import { Disposable } from '../lifecycle';
import type { Logger } from '../log';
import type { ExplorerProvider } from '../tree/provider';
import { NO_ROWS, RetracLookup, type LoadedRows, type LookupContext, type Summary } from './lookup';
import { hoverMarkdown } from './markdown';
import { hostOf, mentionsRetrac, valueAt, type FoundValue } from './values';

/** Rules whose range is a key: nothing inside them gets a hover. */
const KEY_RULES = new Set(['retrac/restricted-key', 'retrac/full-access-key', 'retrac/client-exposed-key']);
const MAX_CONTEXT_SCAN = 200_000;

/** What hovers, completions and charts share: the cache, the lookup and the gates. */
export class RetracValues extends Disposable {
  readonly cache = new InventoryCache(30_000);
  readonly lookup = new RetracLookup();
  /** Whether the workspace is trusted (a seam for tests; VS Code's answer otherwise). */
  trusted: () => boolean = () => vscode.workspace.isTrusted;

  constructor(readonly connection: RetracConnection, private readonly explorer: () => ExplorerProvider | undefined, events: InventoryEvents, readonly log: Logger) {
    super();
    this.register(connection.onDidChangeProfile(() => this.cache.clear()));
    this.register(
      events.onDidChange((c) => {
        // An edit makes the summaries of what it touched stale; lists of locations may change too.
        const keys: string[] = [];
        const profileKey = this.profileKey();
        for (const id of c.itemIds ?? []) keys.push(`${profileKey}|itemSummary:${id}`, `${profileKey}|sku:`);
        for (const id of c.locationIds ?? []) keys.push(`${profileKey}|locationSkus:${id}`, `${profileKey}|locations`);
        for (const id of c.transferIds ?? []) keys.push(`${profileKey}|transfer:${id}`);
        if (c.lists?.length) keys.push(`${profileKey}|`);
        if (c.movements) keys.push(`${profileKey}|itemSummary:`, `${profileKey}|history:`);
        if (keys.length) this.cache.invalidate(...keys);
      }),
    );
  }

  profileKey(): string {
    const p = this.connection.profile;
    return p ? `${p.id}@${p.workspaceId ?? ''}` : 'none';
  }

  /** Why no request may be made now, or undefined when one may. */
  blocked(setting: 'hover' | 'completion'): string | undefined {
    if (!vscode.workspace.getConfiguration('retrac').get<boolean>(`${setting}.enabled`, true)) return 'disabled';
    if (!this.trusted()) return 'untrusted';
    if (!this.connection.profile) return 'no profile';
    return undefined;
  }

  /** A lookup context for the active profile, or undefined when there is no usable client. */
  async context(): Promise<LookupContext | undefined> {
    const profile = this.connection.profile;
    if (!profile) return undefined;
    const client = await this.connection.getClient();
    if (!client) return undefined;
    return {
      client,
      profileKey: this.profileKey(),
      workspaceId: profile.workspaceId,
      workspaceName: profile.workspaceName,
      cache: this.cache,
      rows: this.rows(),
      can: (scope) => this.connection.can(scope),
    };
  }

  /** Whether a document is Retrac context (it mentions Retrac or the active API host). */
  isRetracDocument(document: vscode.TextDocument): boolean {
    const text = document.getText();
    return mentionsRetrac(text.length > MAX_CONTEXT_SCAN ? text.slice(0, MAX_CONTEXT_SCAN) : text, hostOf(this.connection.profile?.apiUrl));
  }

  /** The explorer's loaded rows, read in memory. */
  rows(): LoadedRows {
    const provider = this.explorer();
    if (!provider) return NO_ROWS;
    const items = new Map<string, Item>();
    const locations = new Map<string, Location>();
    const transfers = new Map<string, Transfer>();
    for (const node of provider.loadedNodes()) {
      const ref = node.ref;
      if (ref?.kind === 'item') items.set(ref.item.id, ref.item);
      else if (ref?.kind === 'location') locations.set(ref.location.id, ref.location);
      else if (ref?.kind === 'transfer') transfers.set(ref.transfer.id, ref.transfer);
    }
    const section = provider.section('locations');
    const loader = section?.paged.loader;
    const complete = loader && loader.started && !loader.hasMore && !loader.loading && !section.filtered;
    return {
      item: (id) => items.get(id),
      itemBySku: (sku) => [...items.values()].find((i) => i.sku === sku),
      location: (id) => locations.get(id),
      transfer: (id) => transfers.get(id),
      allLocations: () => (complete ? (loader.rows as Location[]) : undefined),
    };
  }

  /** A location's name from what is cached or loaded (no request). */
  locationName(id: string): string | undefined {
    const rows = this.rows();
    return rows.location(id)?.name ?? this.cache.peek<Location[]>(`${this.profileKey()}|locations`)?.find((l) => l.id === id)?.name;
  }
}

export interface HoverTrace {
  value?: FoundValue;
  outcome: 'hover' | 'none' | 'blocked' | 'key' | 'cancelled' | 'error';
  reason?: string;
  ms: number;
  requests: number;
}

export class RetracHovers implements vscode.HoverProvider, vscode.Disposable {
  /** The last hover's outcome (tests and the log read it). */
  last: HoverTrace | undefined;
  /** Registered by ../insights/lazy (this module loads on the first hover). */
  constructor(private readonly values: RetracValues) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const started = performance.now();
    const requestsBefore = this.values.lookup.requests;
    const done = (outcome: HoverTrace['outcome'], value?: FoundValue, reason?: string) => {
      this.last = { value, outcome, reason, ms: performance.now() - started, requests: this.values.lookup.requests - requestsBefore };
    };
    const line = document.lineAt(position.line).text;
    if (line.length > 5_000) return void done('none');
    const value = valueAt(line, position.character, this.values.isRetracDocument(document));
    if (!value) return void done('none');
    const range = new vscode.Range(position.line, value.start, position.line, value.end);
    if (insideKey(document.uri, range)) return void done('key', value);
    const blocked = this.values.blocked('hover');
    if (blocked) return void done('blocked', value, blocked);
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      const ctx = await this.values.context();
      if (!ctx || token.isCancellationRequested) return void done(ctx ? 'cancelled' : 'blocked', value, ctx ? undefined : 'no client');
      const summary: Summary | undefined = await this.values.lookup.resolve(value, ctx, abort.signal);
      if (token.isCancellationRequested) return void done('cancelled', value);
      if (!summary) return void done('none', value, 'not found');
      done('hover', value);
      return new vscode.Hover(hoverMarkdown(summary, (id) => this.values.locationName(id)), range);
    } catch (e) {
      if (isAbortError(e) || token.isCancellationRequested) return void done('cancelled', value);
      // A hover is not the place for an error: the log says why nothing showed.
      this.values.log.debug(`hover ${value.kind} ${value.value}: ${describeError(e)}`);
      return void done('error', value, describeError(e));
    } finally {
      sub.dispose();
    }
  }

  dispose(): void {
    this.last = undefined;
  }
}

function insideKey(uri: vscode.Uri, range: vscode.Range): boolean {
  return vscode.languages.getDiagnostics(uri).some((d) => {
    const code = typeof d.code === 'object' ? d.code.value : d.code;
    return d.source === 'Retrac' && KEY_RULES.has(String(code)) && d.range.intersection(range) !== undefined;
  });
}
