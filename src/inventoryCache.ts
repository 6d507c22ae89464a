// A short-lived read-through cache of API answers, shared by the hovers, the completions and the
// stock charts, and consulted after the explorer's loaded pages (which are always fresher: edits
// refresh them). One entry per key; a second caller while a load is in flight joins it, so a
// value costs one request however many surfaces ask for it. Not-found answers are cached too,
// so hovering a plain word twice costs one request. Pure: no vscode import.

export interface CacheEntry<T> {
  value: T;
  at: number;
}

export class InventoryCache {
  private readonly entries = new Map<string, CacheEntry<unknown>>();
  private readonly inflight = new Map<string, Flight<unknown>>();
  private generation = 0;
  /** Requests started through `load` (tests and benches count them). */
  loads = 0;

  constructor(
    readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 2_000,
  ) {}

  /** The cached value while fresh; undefined when absent or expired. */
  peek<T>(key: string): T | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (this.now() - e.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value as T;
  }

  has(key: string): boolean {
    return this.peek(key) !== undefined;
  }

  put<T>(key: string, value: T): void {
    if (this.entries.size >= this.maxEntries) {
      // Oldest first: Map keeps insertion order.
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.delete(key);
    this.entries.set(key, { value, at: this.now() });
  }

  /**
   * The cached value, or the result of `load` (stored on success). Concurrent calls for one key
   * share the load. A caller whose signal fires is rejected at once; the shared load is aborted
   * only when every caller waiting for it has given up.
   */
  async get<T>(key: string, load: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const hit = this.peek<T>(key);
    if (hit !== undefined) return hit;
    if (signal?.aborted) throw abortError();
    let flight = this.inflight.get(key) as Flight<T> | undefined;
    if (!flight) {
      const generation = this.generation;
      const abort = new AbortController();
      this.loads++;
      const promise = load(abort.signal).then((value) => {
        if (generation === this.generation) this.put(key, value);
        return value;
      });
      const f: Flight<T> = { promise, abort, waiters: 0 };
      flight = f;
      promise.then(() => undefined, () => undefined).finally(() => {
        if (this.inflight.get(key) === f) this.inflight.delete(key);
      });
      this.inflight.set(key, f);
    }
    const f = flight;
    f.waiters++;
    if (!signal) return f.promise;
    signal.addEventListener('abort', () => {
      if (--f.waiters === 0) {
        f.abort.abort();
        if (this.inflight.get(key) === (f as Flight<unknown>)) this.inflight.delete(key);
      }
    }, { once: true });
    return raceAbort(f.promise, signal);
  }

  /** Drops every entry whose key starts with one of the prefixes (after an edit). */
  invalidate(...prefixes: string[]): void {
    for (const key of [...this.entries.keys()]) if (prefixes.some((p) => key.startsWith(p))) this.entries.delete(key);
  }

  /** Drops everything (profile change); loads in flight are not stored. */
  clear(): void {
    this.generation++;
    this.entries.clear();
    this.inflight.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

interface Flight<T> {
  promise: Promise<T>;
  abort: AbortController;
  waiters: number;
}

function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export function abortError(): Error {
  const e = new Error('The operation was aborted.');
  e.name = 'AbortError';
  return e;
}

export function isAbortError(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || (e as { code?: string }).code === 'aborted');
}
