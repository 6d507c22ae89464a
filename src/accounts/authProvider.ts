// The Accounts-menu face of the profiles: one authentication session per profile. The session's
// accessToken is the key, as the AuthenticationProvider contract requires; it is never logged.
import * as vscode from 'vscode';
import { Disposable } from '../lifecycle';
import type { Profile } from './connection';
import { profileCan } from './keyInput';

export const AUTH_PROVIDER_ID = 'retrac';

export interface ProfileSource {
  list(): Profile[];
  getKey(profileId: string): Promise<string | undefined>;
  /** Runs the interactive "Add API Key" flow; undefined when the user cancelled. */
  addInteractively(): Promise<Profile | undefined>;
  remove(profileId: string): Promise<void>;
}

export class RetracAuthProvider extends Disposable implements vscode.AuthenticationProvider {
  private readonly changes = this.register(new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>());
  readonly onDidChangeSessions = this.changes.event;
  /** The sessions last reported, to tell added, removed and changed ones apart. */
  private known = new Map<string, string>();

  constructor(private readonly source: ProfileSource) {
    super();
    this.register(vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, 'Retrac', this, {
      supportsMultipleAccounts: true,
    }));
    this.known = this.snapshot();
  }

  async getSessions(scopes: readonly string[] | undefined): Promise<vscode.AuthenticationSession[]> {
    const wanted = scopes ?? [];
    const profiles = this.source.list().filter((p) => wanted.every((s) => profileCan(p, s)));
    const sessions: vscode.AuthenticationSession[] = [];
    for (const p of profiles) {
      const key = await this.source.getKey(p.id);
      if (key) sessions.push(toSession(p, key));
    }
    return sessions;
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    const profile = await this.source.addInteractively();
    const key = profile && (await this.source.getKey(profile.id));
    if (!profile || !key) throw new Error(vscode.l10n.t('No Retrac API key was added.'));
    return toSession(profile, key);
  }

  async removeSession(sessionId: string): Promise<void> {
    await this.source.remove(sessionId);
  }

  /** Call after any change to the profiles: fires added/removed/changed sessions. */
  profilesChanged(): void {
    const now = this.snapshot();
    const stub = (id: string, label: string): vscode.AuthenticationSession => ({ id, accessToken: '', account: { id, label }, scopes: [] });
    const added = [...now].filter(([id]) => !this.known.has(id)).map(([id, l]) => stub(id, l));
    const removed = [...this.known].filter(([id]) => !now.has(id)).map(([id, l]) => stub(id, l));
    const changed = [...now].filter(([id, l]) => this.known.has(id) && this.known.get(id) !== l).map(([id, l]) => stub(id, l));
    this.known = now;
    if (added.length || removed.length || changed.length) this.changes.fire({ added, removed, changed });
  }

  private snapshot(): Map<string, string> {
    return new Map(this.source.list().map((p) => [p.id, p.name]));
  }
}

function toSession(p: Profile, key: string): vscode.AuthenticationSession {
  return {
    id: p.id,
    accessToken: key,
    account: { id: p.id, label: p.name },
    scopes: p.keyType === 'full' ? [] : [...p.scopes],
  };
}
