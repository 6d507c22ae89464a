// Reads `Retry-After` and `X-RateLimit-Reset` in every form the Retrac API (or Dub, which it forks)
// is known or likely to send (contract §3): delta seconds, an HTTP date, epoch seconds or epoch
// milliseconds. A bare number is told apart by its magnitude.

/** The longest wait a client records from Retry-After: anything longer reads "more than an hour". */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/** Numbers below this are a delta in seconds (≈ 31 years); epoch seconds are ~1.7e9 today. */
const EPOCH_SECONDS_MIN = 1e9;
/** Numbers at or above this are epoch milliseconds (~1.7e12 today); epoch seconds stay below until year 33658. */
const EPOCH_MILLIS_MIN = 1e12;

/** Milliseconds to wait from `nowMs`, or undefined when the header is absent or unreadable. Never negative. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    if (n < EPOCH_SECONDS_MIN) return Math.ceil(n * 1000);
    const atMs = n < EPOCH_MILLIS_MIN ? n * 1000 : n;
    return Math.max(0, Math.ceil(atMs - nowMs));
  }
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/**
 * `X-RateLimit-Reset` (contract: Unix seconds) as epoch milliseconds; a small number is read as
 * seconds from now, as some servers send it.
 */
export function parseResetAt(value: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text || !/^\d+(\.\d+)?$/.test(text)) return undefined;
  const n = Number(text);
  if (n < EPOCH_SECONDS_MIN) return nowMs + Math.ceil(n * 1000);
  return n < EPOCH_MILLIS_MIN ? n * 1000 : n;
}
