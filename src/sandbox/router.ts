// One request through the sandbox: route match, key, rate limit, plan gate, workspaceId rules,
// scope, body, handler. Errors of every step become the contract's error JSON.
import type { IncomingMessage } from 'node:http';
import { authenticate, checkKeyPlan, checkWorkspaceParam, requireScope, resolveWorkspace } from './auth';
import { ApiError, badRequest, errorBody, notFound, unprocessable } from './errors';
import { NotDurableError } from './persist';
import type { RateLimiter } from './rateLimit';
import { inventoryRoutes } from './routes/inventory';
import { itemRoutes } from './routes/items';
import { locationRoutes } from './routes/locations';
import type { Result, Route } from './routes/route';
import { tagRoutes } from './routes/tags';
import { transferRoutes } from './routes/transfers';
import { workspaceRoutes } from './routes/workspaces';
import type { Store } from './store';

const ROUTES: Route[] = [...itemRoutes, ...tagRoutes, ...locationRoutes, ...inventoryRoutes, ...transferRoutes, ...workspaceRoutes];

export const MAX_BODY_BYTES = 1024 * 1024;

export interface Dispatched {
  result: Result;
  /** Headers of the answer besides Content-Type (rate limit headers of keyed requests). */
  headers: Record<string, string>;
  /** Whether the request changed data (a successful write). */
  wrote: boolean;
  keyName?: string;
}

function match(method: string, path: string): { route: Route; params: string[] } {
  let pathMatched = false;
  for (const route of ROUTES) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (route.method === method) {
      let params: string[];
      try {
        params = m.slice(1).map((p) => decodeURIComponent(p));
      } catch {
        throw badRequest('Malformed percent-encoding in the path.');
      }
      return { route, params };
    }
  }
  throw notFound(pathMatched ? `${method} is not supported on ${path}.` : `No such endpoint: ${method} ${path}.`);
}

/** Deeper bodies are refused before parsing: no request needs more, and deep values overflow the stack. */
export const MAX_BODY_DEPTH = 32;
/** After a 413 the rest of the body is read and dropped (so the client gets the answer, not a reset), up to this much. */
const DRAIN_BYTES = 16 * 1024 * 1024;

const tooLarge = (): ApiError => new ApiError(413, 'bad_request', `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`);

/**
 * Reads the body up to MAX_BODY_BYTES; a larger one is 413 with code bad_request. Never breaks off
 * reading (that would reset the connection before the client reads the 413): the rest is dropped.
 */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    let over = declared > MAX_BODY_BYTES;
    if (over) reject(tooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (over) {
        if (size > MAX_BODY_BYTES + DRAIN_BYTES) req.socket?.destroy();
        return;
      }
      if (size > MAX_BODY_BYTES) {
        over = true;
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Whether JSON text nests arrays/objects deeper than `limit` (a linear scan; strings skipped). */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = (await readBody(req)).toString('utf8');
  if (text.trim() === '') return undefined;
  if (nestsDeeperThan(text, MAX_BODY_DEPTH)) throw unprocessable(`body: nested deeper than ${MAX_BODY_DEPTH} levels`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('Invalid JSON in the request body.');
  }
}

export async function dispatch(
  store: Store,
  limiter: RateLimiter,
  req: IncomingMessage,
  method: string,
  url: URL,
  onWrite: () => Promise<void>,
): Promise<Dispatched> {
  const headers: Record<string, string> = {};
  let keyName: string | undefined;
  try {
    // An unknown endpoint is 404 for anyone; a caller with a key still gets counted and its headers.
    let matched: ReturnType<typeof match> | ApiError;
    try {
      matched = match(method, url.pathname);
    } catch (e) {
      if (!(e instanceof ApiError) || req.headers.authorization === undefined) throw e;
      matched = e;
    }
    const key = authenticate(store, req.headers.authorization);
    keyName = key.name;
    const rate = limiter.hit(key.key);
    Object.assign(headers, rate.headers);
    if (!rate.allowed) throw new ApiError(429, 'rate_limit_exceeded', 'Too many requests: the rate limit of this API key is reached. Retry after the time in the Retry-After header.');
    if (matched instanceof ApiError) throw matched;
    const { route, params } = matched;
    checkKeyPlan(store, key);
    checkWorkspaceParam(key, url.searchParams);
    requireScope(key, route.scope);
    const body = method === 'GET' || method === 'HEAD' ? undefined : await readJson(req);
    const base = { store, query: url.searchParams, body, params };
    const result = route.workspaceScoped
      ? route.handle({ ...base, caller: resolveWorkspace(store, key, url.searchParams) })
      : route.handle({ ...base, key });
    const wrote = method !== 'GET';
    if (wrote) {
      try {
        await onWrite();
      } catch (e) {
        // Rolled back in memory already (server.ts): the answer must not claim the change.
        if (e instanceof NotDurableError) throw new ApiError(503, 'internal_server_error', `${e.message} Free some disk space, then retry.`, { 'Retry-After': '5' });
        throw e;
      }
    }
    return { result, headers, wrote, keyName };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    Object.assign(headers, e.headers);
    return { result: { status: e.status, body: errorBody(e.code, e.message) }, headers, wrote: false, keyName };
  }
}
