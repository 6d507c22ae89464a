// The shape of a sandbox route: a method, a path pattern, the scope it needs, and a handler that
// returns the status and JSON body (the server writes headers, persists writes and sends).
import type { Scope } from '../../api/types';
import type { Caller } from '../auth';
import type { KeyRec } from '../model';
import type { Store } from '../store';

export interface Result {
  status: number;
  body: unknown;
  /** The body already serialised (pages built from cached row JSON); sent instead of `body`. */
  json?: string | Buffer;
}

interface BaseContext {
  store: Store;
  query: URLSearchParams;
  /** Parsed JSON body; undefined when the request had none. */
  body: unknown;
  /** Captured path segments, in order. */
  params: string[];
}

export interface WorkspaceContext extends BaseContext { caller: Caller }
export interface KeyContext extends BaseContext { key: KeyRec }

export type Route =
  | { method: string; pattern: RegExp; scope: Scope; workspaceScoped: true; handle(ctx: WorkspaceContext): Result }
  | { method: string; pattern: RegExp; scope: Scope; workspaceScoped: false; handle(ctx: KeyContext): Result };

export const ok = (body: unknown): Result => ({ status: 200, body });
export const created = (body: unknown): Result => ({ status: 201, body });
