// Where profiles live: non-secret metadata in global state, each key in SecretStorage under its
// profile id, session-only profiles (no keyring, dev sandbox) in memory only. No vscode import:
// it talks to the two storage interfaces VS Code provides, so it is unit-tested in Node.
import { randomUUID } from 'node:crypto';
import { english, type Translate } from '../api/l10n';
import type { Profile } from './connection';

/** The part of `vscode.Memento` used here. */
export interface MetadataStorage {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

/** The part of `vscode.SecretStorage` used here. */
export interface SecretBackend {
  get(key: string): Thenable<string | undefined>;
  store(key: string, value: string): Thenable<void>;
  delete(key: string): Thenable<void>;
}

/** SecretStorage refused to store the key (no keyring on Linux, locked keychain, …). */
export class SecretStorageError extends Error {
  constructor(cause: unknown, t: Translate = english) {
    const reason = cause instanceof Error && cause.message ? cause.message.split('\n')[0] : undefined;
    super(
      reason
        ? t('The system keyring refused to store the key ({0}). On Linux, install and unlock a keyring (gnome-keyring or KWallet) or start VS Code with --password-store=basic.', reason)
        : t('The system keyring refused to store the key. On Linux, install and unlock a keyring (gnome-keyring or KWallet) or start VS Code with --password-store=basic.'),
      { cause },
    );
    this.name = 'SecretStorageError';
  }
}

export const PROFILES_STATE_KEY = 'retrac.profiles';
const SECRET_PREFIX = 'retrac.apiKey.';
/** A non-secret counter stored in SecretStorage so other windows hear about renames too. */
export const REVISION_SECRET = 'retrac.profiles.revision';

export function secretKeyFor(profileId: string): string {
  return SECRET_PREFIX + profileId;
}

/** Whether a SecretStorage change event is about Retrac profiles. */
export function isProfileSecret(key: string): boolean {
  return key.startsWith(SECRET_PREFIX) || key === REVISION_SECRET;
}

const METADATA_FIELDS = [
  'id', 'name', 'keyType', 'apiUrl', 'workspaceId', 'workspaceName', 'workspaceSlug', 'plan', 'role', 'scopes',
  'sandbox', 'sandboxKeyName', 'caCertPath', 'keyHint',
] as const satisfies readonly (keyof Profile)[];

/** Only the declared non-secret fields, whatever else an object carries. */
export function metadataOf(p: Profile): Profile {
  const out: Record<string, unknown> = {};
  for (const f of METADATA_FIELDS) if (p[f] !== undefined) out[f] = p[f];
  return out as unknown as Profile;
}

export class ProfileStore {
  private persisted: Profile[] = [];
  private readonly session = new Map<string, { profile: Profile; key: string }>();

  constructor(
    private readonly state: MetadataStorage,
    private readonly secrets: SecretBackend,
    /** Translates the keyring error (vscode.l10n.t in the shell; English by default). */
    private readonly t: Translate = english,
  ) {
    this.reload();
  }

  /** Re-reads the metadata (another window may have changed it). */
  reload(): void {
    const stored = this.state.get<Profile[]>(PROFILES_STATE_KEY);
    this.persisted = Array.isArray(stored) ? stored.filter((p) => p && typeof p.id === 'string') : [];
  }

  list(): Profile[] {
    return [...this.persisted, ...[...this.session.values()].map((s) => s.profile)];
  }

  get(id: string): Profile | undefined {
    return this.list().find((p) => p.id === id);
  }

  async getKey(id: string): Promise<string | undefined> {
    const session = this.session.get(id);
    if (session) return session.key;
    if (!this.persisted.some((p) => p.id === id)) return undefined;
    return this.secrets.get(secretKeyFor(id));
  }

  /** Keeps a profile and its key in memory only (never written anywhere). */
  addSession(profile: Profile, key: string): void {
    this.session.set(profile.id, { profile: { ...profile, sessionOnly: true }, key });
  }

  /**
   * Saves a profile and its key. The secret goes first, so metadata never points at a missing
   * key; a keyring failure throws SecretStorageError and stores nothing.
   */
  async save(profile: Profile, key: string): Promise<void> {
    if (profile.sessionOnly) return this.addSession(profile, key);
    try {
      await this.secrets.store(secretKeyFor(profile.id), key);
    } catch (e) {
      throw new SecretStorageError(e, this.t);
    }
    this.reload();
    await this.writeMetadata([...this.persisted.filter((p) => p.id !== profile.id), profile]);
    // The secret's own change event may reach a listener before the metadata: ping once more.
    await this.bumpRevision();
  }

  /** Changes non-secret fields (name, apiUrl after a sandbox restart, …). */
  async update(profile: Profile): Promise<void> {
    const session = this.session.get(profile.id);
    if (session) {
      this.session.set(profile.id, { profile, key: session.key });
      return;
    }
    this.reload();
    await this.writeMetadata(this.persisted.map((p) => (p.id === profile.id ? profile : p)));
    await this.bumpRevision();
  }

  async remove(id: string): Promise<void> {
    if (this.session.delete(id)) return;
    this.reload();
    await this.writeMetadata(this.persisted.filter((p) => p.id !== id));
    await this.secrets.delete(secretKeyFor(id));
  }

  private async writeMetadata(profiles: Profile[]): Promise<void> {
    // Only the declared non-secret fields are written, whatever an object carries.
    this.persisted = profiles.map(metadataOf);
    await this.state.update(PROFILES_STATE_KEY, this.persisted);
  }

  private async bumpRevision(): Promise<void> {
    try {
      await this.secrets.store(REVISION_SECRET, randomUUID());
    } catch {
      // Without a keyring other windows learn of the rename at their next reload.
    }
  }
}
