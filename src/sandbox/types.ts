// The sandbox's public surface: what `npm run sandbox -- --json` prints and what
// `startSandbox()` returns to tests, the harness and the extension's "Use Local Sandbox".
import type { KeyType, Plan, Role } from '../api/types';

export interface SandboxKeyInfo {
  name: string;            // owner-full, member-full, restricted-all, restricted-read, restricted-items-read, member-restricted-all, free-plan-full
  key: string;
  type: KeyType;
  role: Role;
  scopes: string[];        // [] for full-access keys
  workspaceId: string;
}

export interface SandboxInfo {
  baseUrl: string;         // https://127.0.0.1:<port>
  caCertPath: string;      // PEM of the CA that signed the server certificate
  workspaces: { id: string; slug: string; plan: Plan }[];
  keys: SandboxKeyInfo[];
}

export interface SandboxOptions {
  port?: number;              // default 8787; 0 = any free port
  host?: string;              // default 127.0.0.1 (loopback only)
  /**
   * Persist data here; default in memory. The file is a snapshot replaced atomically (temp + fsync
   * + rename); each group of writes also appends one line of its changed rows to `<file>.journal`
   * (written fully and fsynced before any answer; a write the disk refuses is rolled back and
   * answered 503), folded into a new snapshot at start, on close and when it grows. A torn last
   * line is cut at start; a corrupt state stops the start with a message. The keys are kept in
   * the file too (mode 0600) so a restart serves and prints the same keys.
   */
  statePath?: string;
  rateLimitPerMinute?: number;// per key, default 600
  seedItems?: number;         // size of the demo catalog, default 300
  /** Plan of the demo workspace (Acme Supply), whose limits follow it; default business (50 locations). */
  plan?: Plan;
  /** Move an existing state file and journal to `.bak` copies and start with fresh demo data. */
  reset?: boolean;
  /** Folder for the CA file; default a fresh temp folder removed on close. */
  certDir?: string;
  /** Seed of the data generator, so seeded catalogs are the same run to run. */
  randomSeed?: number;
  /** Length of the rolling rate-limit window in ms; default 60000 (a minute, as Retrac). */
  rateLimitWindowMs?: number;
  /** Receives one line per request and every internal error (the CLI sends them to stderr); default silent. */
  log?: (line: string) => void;
}

/** Test hook: make the next matching request fail at the network level. */
export interface SandboxFault {
  method: string;
  path: string;               // exact path without query, e.g. /inventory/balances
  /** drop-before: close the socket without applying; drop-after: apply the write, then close the socket. */
  mode: 'drop-before' | 'drop-after';
}

export interface RunningSandbox extends SandboxInfo {
  ca: string;                 // the CA certificate PEM
  injectFault(fault: SandboxFault): void;
  close(): Promise<void>;
}

/** What a sandbox started with an IPC channel (`fork`) sends its parent: once ready, or why it could not start. */
export type SandboxMessage = { type: 'ready'; info: SandboxInfo } | { type: 'error'; message: string };
