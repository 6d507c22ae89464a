// Page-by-page loading for one list in the tree (the AWS Toolkit's child-node loader, with
// Retrac's numbered pages: the cursor is the next page number, a short page ends the list).
// "Load more" runs under a lock: a second call while a page is in flight joins it, so a double
// click fetches one page. A reset bumps the epoch, so a page that arrives afterwards is dropped.

export type FetchPage<T> = (page: number, pageSize: number, signal: AbortSignal) => Promise<T[]>;

export class PagedLoader<T> {
  private readonly loadedRows: T[] = [];
  private nextPage = 1;
  private finished = false;
  private inflight: Promise<void> | undefined;
  private epoch = 0;
  private abort: AbortController | undefined;
  /** The failure of the last page request, until a retry or reset. */
  error: unknown;
  /** Page requests sent since creation (for tests and the log). */
  requests = 0;

  constructor(
    private readonly fetchPage: FetchPage<T>,
    readonly pageSize: number,
    /** Called after every page request settles (loaded, failed) unless a reset dropped it. */
    private readonly onDidSettle: () => void,
  ) {}

  get rows(): readonly T[] {
    return this.loadedRows;
  }
  /** Whether a first page was asked for (or the list is known to be empty). */
  get started(): boolean {
    return this.nextPage > 1 || this.finished || this.inflight !== undefined || this.error !== undefined;
  }
  get loading(): boolean {
    return this.inflight !== undefined;
  }
  get hasMore(): boolean {
    return !this.finished;
  }
  get pagesLoaded(): number {
    return this.nextPage - 1;
  }

  /** Loads the next page once; concurrent calls share the request. */
  loadMore(): Promise<void> {
    if (this.inflight) return this.inflight;
    if (this.finished) return Promise.resolve();
    const epoch = this.epoch;
    const abort = (this.abort = new AbortController());
    const page = this.nextPage;
    this.requests++;
    const run = async () => {
      try {
        const rows = await this.fetchPage(page, this.pageSize, abort.signal);
        if (epoch !== this.epoch) return;
        this.loadedRows.push(...rows);
        this.nextPage = page + 1;
        if (rows.length < this.pageSize) this.finished = true;
        this.error = undefined;
      } catch (e) {
        if (epoch !== this.epoch) return;
        this.error = e;
      } finally {
        if (epoch === this.epoch) {
          this.inflight = undefined;
          this.onDidSettle();
        }
      }
    };
    this.inflight = run();
    return this.inflight;
  }

  /** Starts the first page if nothing was asked yet; returns the request in flight, if any. */
  ensureStarted(): Promise<void> {
    if (!this.started) return this.loadMore();
    return this.inflight ?? Promise.resolve();
  }

  /** Loads pages until `found` matches a row or the list ends (bounded); returns the row. */
  async loadUntil(found: (row: T) => boolean, maxPages: number): Promise<T | undefined> {
    await this.ensureStarted();
    for (let i = 0; ; i++) {
      const row = this.loadedRows.find(found);
      if (row !== undefined || !this.hasMore || this.error !== undefined || i >= maxPages) return row;
      await this.loadMore();
    }
  }

  /** Re-fetches the loaded pages that hold a matching row, replacing their rows in place. */
  async reloadPagesWith(matches: (row: T) => boolean): Promise<void> {
    const pagesToReload = new Set<number>();
    this.loadedRows.forEach((row, i) => {
      if (matches(row)) pagesToReload.add(Math.floor(i / this.pageSize) + 1);
    });
    const epoch = this.epoch;
    for (const page of pagesToReload) {
      const abort = (this.abort = new AbortController());
      this.requests++;
      const rows = await this.fetchPage(page, this.pageSize, abort.signal);
      if (epoch !== this.epoch) return;
      this.loadedRows.splice((page - 1) * this.pageSize, this.pageSize, ...rows);
    }
  }

  /** Forgets the failure so the next render asks for the page again. */
  retry(): Promise<void> {
    this.error = undefined;
    return this.loadMore();
  }

  /** Drops everything loaded and aborts a page in flight. */
  reset(): void {
    this.epoch++;
    this.abort?.abort();
    this.abort = undefined;
    this.inflight = undefined;
    this.loadedRows.length = 0;
    this.nextPage = 1;
    this.finished = false;
    this.error = undefined;
  }

  /** Replaces matching rows in place, without a request. */
  replace(matches: (row: T) => boolean, row: T): void {
    const i = this.loadedRows.findIndex(matches);
    if (i >= 0) this.loadedRows[i] = row;
  }

  /** Removes rows in place (e.g. a deleted item), without a request. */
  remove(matches: (row: T) => boolean): void {
    for (let i = this.loadedRows.length - 1; i >= 0; i--) if (matches(this.loadedRows[i])) this.loadedRows.splice(i, 1);
  }
}
