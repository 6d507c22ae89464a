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
  statePath?: string;         // persist data here (atomic writes); default in memory
  rateLimitPerMinute?: number;// per key, default 600
  seedItems?: number;         // size of the demo catalog, default 300
  /** Folder for the CA file; default a fresh temp folder removed on close. */
  certDir?: string;
  /** Seed of the data generator, so seeded catalogs are the same run to run. */
  randomSeed?: number;
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
