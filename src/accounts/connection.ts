// The agreed interface between the accounts part (src/accounts) and the parts that call the API
// (src/tree, src/edits). The accounts part implements it; the others only read it.
import type * as vscode from 'vscode';
import type { RetracClient } from '../api/client';
import type { KeyType, Plan, Role } from '../api/types';

/** Non-secret metadata of a stored key. The key itself lives only in SecretStorage. */
export interface Profile {
  id: string;
  name: string;
  keyType: KeyType;
  apiUrl: string;
  workspaceId?: string;
  workspaceName?: string;
  workspaceSlug?: string;
  plan?: Plan;
  role?: Role;
  /** Scopes seen when the key was checked (restricted keys); full-access keys have their role's rights. */
  scopes: string[];
  /** A key of the local sandbox: its CA is pinned for this profile only. */
  sandbox?: boolean;
  /** For sandbox profiles: the sandbox's name of the key (owner-full, restricted-read, …). */
  sandboxKeyName?: string;
  caCertPath?: string;
  /** Kept in memory only (no keyring, or sandbox keys injected for a dev session). */
  sessionOnly?: boolean;
  /** Key redacted to prefix + last 4, for display. */
  keyHint: string;
}

export interface RetracConnection {
  /** The active profile, or undefined when none is set up. */
  readonly profile: Profile | undefined;
  /** Fires when the active profile changes (switch, rename, removal, re-check). */
  readonly onDidChangeProfile: vscode.Event<Profile | undefined>;
  /** A client for the active profile (its key read from SecretStorage), or undefined when none. */
  getClient(): Promise<RetracClient | undefined>;
  /** Whether the active key may do this (by scopes for restricted keys, by role for owner-only writes). */
  can(scope: string): boolean;
  /**
   * Set when the active profile's source cannot answer because its local sandbox stopped or
   * crashed (onDidChangeProfile fires when this changes); the tree then says so instead of loading.
   */
  readonly sourceDown?: { reason: 'stopped' | 'crashed'; message: string };
}
