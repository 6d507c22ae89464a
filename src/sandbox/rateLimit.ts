// Rolling-window rate limit per key (contract §3): each key may make `limit` requests in any
// window of `windowMs`. Timestamps are kept per key; the oldest one tells when a slot frees up.

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

class Window {
  private stamps: number[] = [];
  private head = 0;

  /** Drops the stamps older than the window and returns how many are left. */
  count(now: number, windowMs: number): number {
    while (this.head < this.stamps.length && this.stamps[this.head] <= now - windowMs) this.head++;
    if (this.head > 1024 && this.head * 2 > this.stamps.length) {
      this.stamps = this.stamps.slice(this.head);
      this.head = 0;
    }
    return this.stamps.length - this.head;
  }

  oldest(): number | undefined {
    return this.head < this.stamps.length ? this.stamps[this.head] : undefined;
  }

  add(now: number): void {
    this.stamps.push(now);
  }
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly limit: number, private readonly windowMs: number) {}

  /** Counts one request of `keyId` unless it is over the limit. */
  hit(keyId: string, now = Date.now()): RateDecision {
    let window = this.windows.get(keyId);
    if (!window) {
      window = new Window();
      this.windows.set(keyId, window);
    }
    const used = window.count(now, this.windowMs);
    const allowed = used < this.limit;
    if (allowed) window.add(now);
    const oldest = window.oldest() ?? now;
    const resetMs = oldest + this.windowMs;
    const headers: Record<string, string> = {
      'X-RateLimit-Limit': String(this.limit),
      'X-RateLimit-Remaining': String(Math.max(0, this.limit - used - (allowed ? 1 : 0))),
      'X-RateLimit-Reset': String(Math.ceil(resetMs / 1000)),
    };
    if (!allowed) headers['Retry-After'] = String(Math.max(1, Math.ceil((resetMs - now) / 1000)));
    return { allowed, headers };
  }
}
