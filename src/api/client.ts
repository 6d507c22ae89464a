// The Retrac API client: typed methods for every endpoint of the contract (§5), workspace scoping
// by key type (§1), response shapes checked with valibot (§6). The HTTP rules (timeouts, 429,
// retries, TLS, redaction) live in ./http.
import * as v from 'valibot';
import { RetracError } from './errors';
import { keyType as keyTypeOf } from './keys';
import { Transport, type HttpMethod, type QueryValue, type RateLimitInfo } from './http';
import type { ProxySettings } from './proxy';
import {
  BalanceSchema, BulkItemResultSchema, CountSchema, DeletedSchema, ItemSchema, LocationSchema, MovementSchema, TagSchema,
  TransferSchema, WorkspaceSchema, firstIssue,
} from './schemas';
import {
  DEFAULT_API_URL,
  type Balance, type BalanceFilter, type BulkItemResult, type Item, type ItemCreate, type ItemFilter, type ItemUpdate, type KeyType,
  type Location, type LocationCreate, type LocationFilter, type LocationUpdate, type Movement, type MovementFilter, type PageParams,
  type SetOnHand, type Tag, type TagCreate, type TagUpdate, type Transfer, type TransferCreate, type TransferFilter, type Workspace,
  type WorkspaceUpdate,
} from './types';

export { pages } from './paging';
export { describeError } from './describeError';
export type { RateLimitInfo } from './http';
export type { ProxySettings } from './proxy';

export interface RetracClientOptions {
  /** The secret. Only ever sent as `Authorization: Bearer`. */
  apiKey: string;
  /** Default https://api.retrac.co. Any http:// URL is refused (RetracError code 'insecure_url'). */
  baseUrl?: string;
  /** Required for full-access keys on workspace-scoped calls; never sent for restricted keys. */
  workspaceId?: string;
  /** Extra CA certificate(s) (PEM) to trust, e.g. the sandbox's. Verification stays on. */
  ca?: string | string[];
  /**
   * With `ca` set, the proxy to use (VS Code's http.proxy, http.noProxy, http.proxyAuthorization;
   * HTTPS_PROXY / NO_PROXY from the environment otherwise). Without `ca`, the platform fetch decides.
   */
  proxy?: ProxySettings;
  /** Per-request timeout, default 15 000 ms. */
  timeoutMs?: number;
  /** 429 handling: retries (default 2) and cap on one wait (default 30 000 ms). */
  maxRateLimitRetries?: number;
  maxRetryWaitMs?: number;
  /** GET retries on network errors and 5xx (default 2) with backoff from this base (default 250 ms). */
  maxGetRetries?: number;
  retryBaseMs?: number;
  /** Called with a redacted one-line description of each request/answer, for the log. */
  onLog?: (level: 'trace' | 'debug' | 'info' | 'warn' | 'error', message: string) => void;
}

export interface CallOptions { signal?: AbortSignal }

/** Lets withWorkspace() share one connection pool and rate-limit record; not part of the options type. */
const sharedTransport = Symbol('sharedTransport');
type InternalOptions = RetracClientOptions & { [sharedTransport]?: Transport };

type Filter = object;

interface Call {
  method: HttpMethod;
  path: string;
  /** Workspace-scoped calls carry workspaceId for full-access keys (contract §1). */
  scoped: boolean;
  /** The answer to assume when a 2xx has no body (a 204 to a DELETE). */
  whenEmpty?: unknown;
  query?: Filter;
  body?: unknown;
  o?: CallOptions;
}

const arrays = {
  items: v.array(ItemSchema),
  tags: v.array(TagSchema),
  locations: v.array(LocationSchema),
  balances: v.array(BalanceSchema),
  movements: v.array(MovementSchema),
  transfers: v.array(TransferSchema),
  workspaces: v.array(WorkspaceSchema),
  bulk: v.array(BulkItemResultSchema),
};

export class RetracClient {
  readonly keyType: KeyType;
  readonly baseUrl: string;
  readonly workspaceId: string | undefined;
  private readonly options: RetracClientOptions;
  private readonly transport: Transport;

  constructor(options: RetracClientOptions) {
    const { apiKey } = options;
    // A key with spaces or control characters would make fetch throw with the header value in its message.
    if (typeof apiKey !== 'string' || !/^[\x21-\x7e]+$/.test(apiKey)) {
      throw new RetracError({ status: 0, code: 'invalid_argument', message: 'The API key is empty or contains spaces or invisible characters; paste it again.' });
    }
    this.options = options;
    this.keyType = keyTypeOf(apiKey);
    this.baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_API_URL);
    // A restricted key is bound to its workspace: a workspaceId given anyway is dropped, never sent.
    this.workspaceId = this.keyType === 'restricted' ? undefined : options.workspaceId || undefined;
    this.transport = (options as InternalOptions)[sharedTransport] ?? new Transport({
      apiKey,
      baseUrl: this.baseUrl,
      ca: options.ca,
      proxy: options.proxy,
      timeoutMs: positive(options.timeoutMs, 15_000),
      maxRateLimitRetries: nonNegative(options.maxRateLimitRetries, 2),
      maxRetryWaitMs: nonNegative(options.maxRetryWaitMs, 30_000),
      maxGetRetries: nonNegative(options.maxGetRetries, 2),
      retryBaseMs: nonNegative(options.retryBaseMs, 250),
      onLog: options.onLog,
    });
  }

  /** The same client bound to another workspace (full-access keys). */
  withWorkspace(workspaceId: string | undefined): RetracClient {
    const options: InternalOptions = { ...this.options, workspaceId, [sharedTransport]: this.transport };
    return new RetracClient(options);
  }

  get lastRateLimit(): RateLimitInfo | undefined {
    return this.transport.lastRateLimit;
  }

  /** Which transport and proxy the requests took (set by the first request), for "Diagnose Connection". */
  get route(): string | undefined {
    return this.transport.route;
  }

  // ---- items --------------------------------------------------------------------------------
  listItems(filter?: ItemFilter & PageParams, o?: CallOptions): Promise<Item[]> {
    return this.call(arrays.items, { method: 'GET', path: '/items', scoped: true, query: filter, o });
  }
  countItems(filter?: ItemFilter, o?: CallOptions): Promise<number> {
    return this.call(CountSchema, { method: 'GET', path: '/items/count', scoped: true, query: withoutPaging(filter), o });
  }
  getItem(itemId: string, o?: CallOptions): Promise<Item> {
    return this.call(ItemSchema, { method: 'GET', path: '/items/info', scoped: true, query: { itemId: required('itemId', itemId) }, o });
  }
  createItem(body: ItemCreate, o?: CallOptions): Promise<Item> {
    return this.call(ItemSchema, { method: 'POST', path: '/items', scoped: true, body, o });
  }
  bulkCreateItems(body: ItemCreate[], o?: CallOptions): Promise<BulkItemResult[]> {
    return this.call(arrays.bulk, { method: 'POST', path: '/items/bulk', scoped: true, body, o });
  }
  updateItem(itemId: string, body: ItemUpdate, o?: CallOptions): Promise<Item> {
    return this.call(ItemSchema, { method: 'PATCH', path: `/items/${segment('itemId', itemId)}`, scoped: true, body, o });
  }
  deleteItem(itemId: string, o?: CallOptions): Promise<{ id: string }> {
    return this.call(DeletedSchema, { method: 'DELETE', path: `/items/${segment('itemId', itemId)}`, scoped: true, whenEmpty: { id: itemId }, o });
  }

  // ---- tags ---------------------------------------------------------------------------------
  listTags(o?: CallOptions): Promise<Tag[]> {
    return this.call(arrays.tags, { method: 'GET', path: '/tags', scoped: true, o });
  }
  createTag(body: TagCreate, o?: CallOptions): Promise<Tag> {
    return this.call(TagSchema, { method: 'POST', path: '/tags', scoped: true, body, o });
  }
  updateTag(tagId: string, body: TagUpdate, o?: CallOptions): Promise<Tag> {
    return this.call(TagSchema, { method: 'PATCH', path: `/tags/${segment('tagId', tagId)}`, scoped: true, body, o });
  }
  deleteTag(tagId: string, o?: CallOptions): Promise<{ id: string }> {
    return this.call(DeletedSchema, { method: 'DELETE', path: `/tags/${segment('tagId', tagId)}`, scoped: true, whenEmpty: { id: tagId }, o });
  }

  // ---- locations ----------------------------------------------------------------------------
  listLocations(filter?: LocationFilter & PageParams, o?: CallOptions): Promise<Location[]> {
    return this.call(arrays.locations, { method: 'GET', path: '/locations', scoped: true, query: filter, o });
  }
  countLocations(filter?: LocationFilter, o?: CallOptions): Promise<number> {
    return this.call(CountSchema, { method: 'GET', path: '/locations/count', scoped: true, query: withoutPaging(filter), o });
  }
  createLocation(body: LocationCreate, o?: CallOptions): Promise<Location> {
    return this.call(LocationSchema, { method: 'POST', path: '/locations', scoped: true, body, o });
  }
  updateLocation(locationId: string, body: LocationUpdate, o?: CallOptions): Promise<Location> {
    return this.call(LocationSchema, { method: 'PATCH', path: `/locations/${segment('locationId', locationId)}`, scoped: true, body, o });
  }

  // ---- inventory ----------------------------------------------------------------------------
  listBalances(filter?: BalanceFilter & PageParams, o?: CallOptions): Promise<Balance[]> {
    return this.call(arrays.balances, { method: 'GET', path: '/inventory/balances', scoped: true, query: filter, o });
  }
  setOnHand(body: SetOnHand, o?: CallOptions): Promise<Balance> {
    return this.call(BalanceSchema, { method: 'PUT', path: '/inventory/balances', scoped: true, body, o });
  }
  listMovements(filter?: MovementFilter & PageParams, o?: CallOptions): Promise<Movement[]> {
    return this.call(arrays.movements, { method: 'GET', path: '/inventory/movements', scoped: true, query: filter, o });
  }

  // ---- transfers ----------------------------------------------------------------------------
  listTransfers(filter?: TransferFilter & PageParams, o?: CallOptions): Promise<Transfer[]> {
    return this.call(arrays.transfers, { method: 'GET', path: '/inventory/transfers', scoped: true, query: filter, o });
  }
  getTransfer(transferId: string, o?: CallOptions): Promise<Transfer> {
    return this.call(TransferSchema, { method: 'GET', path: `/inventory/transfers/${segment('transferId', transferId)}`, scoped: true, o });
  }
  createTransfer(body: TransferCreate, o?: CallOptions): Promise<Transfer> {
    return this.call(TransferSchema, { method: 'POST', path: '/inventory/transfers', scoped: true, body, o });
  }
  revertTransfer(transferId: string, body?: { revertNote?: string }, o?: CallOptions): Promise<Transfer> {
    return this.call(TransferSchema, {
      method: 'POST', path: `/inventory/transfers/${segment('transferId', transferId)}/revert`, scoped: true, body: body ?? {}, o,
    });
  }

  // ---- workspaces (not workspace-scoped: never carries workspaceId) --------------------------
  listWorkspaces(o?: CallOptions): Promise<Workspace[]> {
    return this.call(arrays.workspaces, { method: 'GET', path: '/workspaces', scoped: false, o });
  }
  getWorkspace(idOrSlug: string, o?: CallOptions): Promise<Workspace> {
    return this.call(WorkspaceSchema, { method: 'GET', path: `/workspaces/${segment('idOrSlug', idOrSlug)}`, scoped: false, o });
  }
  updateWorkspace(idOrSlug: string, body: WorkspaceUpdate, o?: CallOptions): Promise<Workspace> {
    return this.call(WorkspaceSchema, { method: 'PATCH', path: `/workspaces/${segment('idOrSlug', idOrSlug)}`, scoped: false, body, o });
  }

  private async call<S extends v.GenericSchema>(schema: S, c: Call): Promise<v.InferOutput<S>> {
    const query = toQuery(c.query);
    // Whatever a caller passed, workspaceId is decided here and only here.
    delete query.workspaceId;
    if (c.scoped && this.keyType === 'full') {
      if (!this.workspaceId) {
        throw new RetracError({
          status: 0, code: 'invalid_argument', method: c.method, path: c.path,
          message: `Choose a workspace first: a full-access key must name its workspace (workspaceId) for ${c.method} ${c.path}.`,
        });
      }
      query.workspaceId = this.workspaceId;
    }
    const { status, data } = await this.transport.request({ method: c.method, path: c.path, query, body: c.body, signal: c.o?.signal, whenEmpty: c.whenEmpty });
    const parsed = v.safeParse(schema, data);
    if (!parsed.success) {
      const issue = this.transport.redact(firstIssue(parsed.issues));
      this.transport.log('error', `${c.method} ${c.path}: unexpected answer shape: ${issue}`);
      throw new RetracError({
        status, code: 'invalid_response', method: c.method, path: c.path, host: this.transport.host,
        message: `Unexpected answer from ${c.method} ${c.path}: ${issue}`,
      });
    }
    return parsed.output;
  }
}

function checkBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new RetracError({ status: 0, code: 'invalid_argument', message: `The API URL "${raw}" is not a valid URL.` });
  }
  if (url.protocol === 'http:') {
    throw new RetracError({ status: 0, code: 'insecure_url', message: `Refusing ${url.origin}: the Retrac API is HTTPS only, and a key must never travel in clear text. Use https://.` });
  }
  if (url.protocol !== 'https:') {
    throw new RetracError({ status: 0, code: 'insecure_url', message: `Refusing "${url.protocol}" URLs: the Retrac API is HTTPS only.` });
  }
  if (url.username || url.password) {
    throw new RetracError({ status: 0, code: 'invalid_argument', message: 'The API URL must not contain a user name or password.' });
  }
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

/** Filter values as query strings: arrays repeat the key, booleans are "true"/"false", undefined is left out. */
function toQuery(filter: Filter | undefined): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = {};
  for (const [key, value] of Object.entries(filter ?? {}) as [string, unknown][]) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) query[key] = value.map(String);
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      query[key] = String(value);
    }
  }
  return query;
}

function withoutPaging<F extends object>(filter: F | undefined): F | undefined {
  if (!filter) return filter;
  const { page: _page, pageSize: _pageSize, ...rest } = filter as F & PageParams;
  return rest as F;
}

function required(name: string, value: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new RetracError({ status: 0, code: 'invalid_argument', message: `${name} is required.` });
  }
  return value;
}

function segment(name: string, value: string): string {
  return encodeURIComponent(required(name, value));
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

function nonNegative(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}
