// The Retrac API client. TO BE IMPLEMENTED (foundation issue) — the public surface below is the
// agreed interface that src/auth, src/tree and src/commands code against. Keep it.
import type {
  Balance, BalanceFilter, BulkItemResult, Item, ItemCreate, ItemFilter, ItemUpdate, KeyType, Location,
  LocationCreate, LocationFilter, LocationUpdate, Movement, MovementFilter, PageParams, SetOnHand, Tag,
  TagCreate, TagUpdate, Transfer, TransferCreate, TransferFilter, Workspace, WorkspaceUpdate,
} from './types';

export interface RetracClientOptions {
  /** The secret. Only ever sent as `Authorization: Bearer`. */
  apiKey: string;
  /** Default https://api.retrac.co. Any http:// URL is refused (RetracError code 'insecure_url'). */
  baseUrl?: string;
  /** Required for full-access keys on workspace-scoped calls; never sent for restricted keys. */
  workspaceId?: string;
  /** Extra CA certificate(s) (PEM) to trust, e.g. the sandbox's. Verification stays on. */
  ca?: string | string[];
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

/** The rate-limit headers of the last keyed answer. */
export interface RateLimitInfo { limit?: number; remaining?: number; resetAt?: number }

export declare class RetracClient {
  constructor(options: RetracClientOptions);
  readonly keyType: KeyType;
  readonly baseUrl: string;
  readonly workspaceId: string | undefined;
  /** The same client bound to another workspace (full-access keys). */
  withWorkspace(workspaceId: string | undefined): RetracClient;
  readonly lastRateLimit: RateLimitInfo | undefined;

  // items
  listItems(filter?: ItemFilter & PageParams, o?: CallOptions): Promise<Item[]>;
  countItems(filter?: ItemFilter, o?: CallOptions): Promise<number>;
  getItem(itemId: string, o?: CallOptions): Promise<Item>;
  createItem(body: ItemCreate, o?: CallOptions): Promise<Item>;
  bulkCreateItems(body: ItemCreate[], o?: CallOptions): Promise<BulkItemResult[]>;
  updateItem(itemId: string, body: ItemUpdate, o?: CallOptions): Promise<Item>;
  deleteItem(itemId: string, o?: CallOptions): Promise<{ id: string }>;
  // tags
  listTags(o?: CallOptions): Promise<Tag[]>;
  createTag(body: TagCreate, o?: CallOptions): Promise<Tag>;
  updateTag(tagId: string, body: TagUpdate, o?: CallOptions): Promise<Tag>;
  deleteTag(tagId: string, o?: CallOptions): Promise<{ id: string }>;
  // locations
  listLocations(filter?: LocationFilter & PageParams, o?: CallOptions): Promise<Location[]>;
  countLocations(filter?: LocationFilter, o?: CallOptions): Promise<number>;
  createLocation(body: LocationCreate, o?: CallOptions): Promise<Location>;
  updateLocation(locationId: string, body: LocationUpdate, o?: CallOptions): Promise<Location>;
  // inventory
  listBalances(filter?: BalanceFilter & PageParams, o?: CallOptions): Promise<Balance[]>;
  setOnHand(body: SetOnHand, o?: CallOptions): Promise<Balance>;
  listMovements(filter?: MovementFilter & PageParams, o?: CallOptions): Promise<Movement[]>;
  // transfers
  listTransfers(filter?: TransferFilter & PageParams, o?: CallOptions): Promise<Transfer[]>;
  getTransfer(transferId: string, o?: CallOptions): Promise<Transfer>;
  createTransfer(body: TransferCreate, o?: CallOptions): Promise<Transfer>;
  revertTransfer(transferId: string, body?: { revertNote?: string }, o?: CallOptions): Promise<Transfer>;
  // workspaces (not workspace-scoped: never carries workspaceId)
  listWorkspaces(o?: CallOptions): Promise<Workspace[]>;
  getWorkspace(idOrSlug: string, o?: CallOptions): Promise<Workspace>;
  updateWorkspace(idOrSlug: string, body: WorkspaceUpdate, o?: CallOptions): Promise<Workspace>;
}

/**
 * Walks pages (1, 2, …) of a list call until a page shorter than pageSize, yielding one page at
 * a time, so a caller that wants one page fetches one page.
 */
export declare function pages<T>(
  fetchPage: (page: number, pageSize: number) => Promise<T[]>,
  pageSize: number,
  startPage?: number,
): AsyncGenerator<T[], void, undefined>;
