// Retrac accounts: named profiles of API keys (metadata in global state, keys in SecretStorage),
// the active one, its client, and the sync between windows. Other parts only see
// `RetracConnection`. What activation needs is here; the commands' UI (Add API Key, the profile
// commands, the local sandbox launcher) is its own bundle, dist/account-ui.js (./ui), loaded on
// the first command, and Diagnose Connection is dist/diagnose.js.
import * as vscode from 'vscode';
import type { RetracClient } from '../api/client';
import type { KeyType } from '../api/types';
import { Disposable } from '../lifecycle';
import type { Logger, RetracLog } from '../log';
import type { QuickInputs } from '../quickInput';
import { registerCommand } from '../registerCommand';
import { errorMessage, showError, showLogAction } from '../showError';
import type { SandboxInfo } from '../sandbox/types';
import { makeClient } from './clientFactory';
import { importDevSandbox } from './devSandbox';
import { AccountError, isUserFacingAccountError } from './accountError';
import { RetracAuthProvider } from './authProvider';
import type { Profile, RetracConnection } from './connection';
import { ignoredUserSettingsMessage, readConnectionSettings, type ConnectionSettings } from './connectionSettings';
import type { DiagnoseReport } from './diagnose';
import type { AddProfileOptions } from './enrol';
import { HostTrust } from './hostTrust';
import type { KeyCheckResult } from './keyCheck';
import { describeProfile, hostOf, profileCan } from './keyInput';
import { isProfileSecret, ProfileStore } from './profileStore';
import { PROXY_SETTINGS } from './network';
import { ProfileStatusBar } from './statusBar';
import type { AddKeyOutcome, SandboxLauncher } from './ui';

export { SecretStorageError } from './profileStore';
export { AccountError } from './accountError';
export type { AddProfileOptions } from './enrol';
export type { AddKeyOutcome } from './ui';

/** Why the active profile's source cannot answer: its local sandbox stopped or crashed (the tree shows it). */
export interface SourceDown {
  reason: 'stopped' | 'crashed';
  message: string;
}

const ACTIVE_STATE_KEY = 'retrac.activeProfileId';
const BOUND_STATE_KEY = 'retrac.boundProfileId';

const t = vscode.l10n.t;

/** How a destructive action is confirmed: `vscode.window.showWarningMessage` (tests replace it to read the request). */
export type WarningPrompt = (message: string, options: vscode.MessageOptions, ...buttons: string[]) => Thenable<string | undefined>;

/** The accounts UI bundle, loaded on the first command that needs it. */
function loadUi(): Promise<typeof import('./ui')> {
  return import('./ui');
}

export class Accounts extends Disposable implements RetracConnection {
  private readonly changed = this.register(new vscode.EventEmitter<Profile | undefined>());
  readonly onDidChangeProfile = this.changed.event;
  /** Profiles and keys (for the accounts UI: read, update). */
  readonly store: ProfileStore;
  readonly logger: Logger;
  readonly hostTrust: HostTrust;
  private readonly status: ProfileStatusBar;
  private readonly provider: RetracAuthProvider;
  /** Keys handed to the log redaction, by profile id. */
  private readonly redactions = new Map<string, vscode.Disposable>();
  private activeId: string | undefined;
  /** The active profile's client, shared while it is built: concurrent callers wait for the same one. */
  private cachedClient: { signature: string; client: Promise<RetracClient> } | undefined;
  /** The ignored-User-settings warning already shown (once per window and set of settings). */
  private ignoredSettingsShown: string | undefined;
  /** Confirms destructive actions; a modal warning. */
  confirmDestructive: WarningPrompt = (message, options, ...buttons) => vscode.window.showWarningMessage(message, options, ...buttons);
  /** "Use Local Sandbox" (created by its first run): the sandbox process of this window. */
  launcher: SandboxLauncher | undefined;
  private syncTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly context: vscode.ExtensionContext,
    readonly log: RetracLog,
    readonly inputs: QuickInputs,
  ) {
    super();
    this.logger = log.logger('auth');
    this.store = new ProfileStore(context.globalState, context.secrets, vscode.l10n.t);
    this.hostTrust = new HostTrust(context.globalState, this.logger);
    const devOwner = importDevSandbox(this.store, (id, key) => this.registerSecret(id, key), this.logger);
    this.activeId = this.initialProfileId(devOwner);

    this.status = this.register(new ProfileStatusBar());
    this.provider = this.register(new RetracAuthProvider({
      list: () => this.profiles,
      getKey: (id) => this.keyOf(id),
      addInteractively: async () => (await this.addApiKeyCommand()).profile,
      remove: (id) => this.remove(id),
    }));
    const command = <A extends unknown[], R>(id: Parameters<typeof registerCommand>[0], run: (...args: A) => R | Promise<R>) =>
      this.register(registerCommand(id, run, this.logger));
    this.register(context.secrets.onDidChange((e) => {
      if (isProfileSecret(e.key)) this.syncFromStorage();
    }));
    this.register(vscode.workspace.onDidChangeConfiguration((e) => {
      // A new CA or proxy applies to the next request; an API URL change applies to keys added from now on
      // (a profile keeps the host it was checked with).
      if (['retrac.caCertificatePath', ...PROXY_SETTINGS].some((s) => e.affectsConfiguration(s))) this.cachedClient = undefined;
      if (e.affectsConfiguration('retrac.apiUrl') || e.affectsConfiguration('retrac.caCertificatePath')) this.ignoredSettingsShown = undefined;
    }));
    command('retrac.addApiKey', () => this.addApiKeyCommand());
    command('retrac.switchProfile', async (id?: string) => (await loadUi()).switchProfileCommand(this, id));
    command('retrac.renameProfile', async (id?: string) => (await loadUi()).renameProfileCommand(this, id));
    command('retrac.removeApiKey', async (id?: string) => (await loadUi()).removeApiKeyCommand(this, id));
    command('retrac.bindProfile', async (id?: string) => (await loadUi()).bindProfileCommand(this, id));
    command('retrac.unbindProfile', async () => (await loadUi()).unbindProfileCommand(this));
    command('retrac.useLocalSandbox', () => this.useLocalSandboxCommand());
    command('retrac.stopLocalSandbox', () => this.stopLocalSandboxCommand());
    command('retrac.diagnoseConnection', () => this.diagnoseConnectionCommand());
    command('retrac.showLog', () => this.log.show());
    this.register({
      dispose: () => {
        if (this.syncTimer) clearTimeout(this.syncTimer);
        // SIGTERM now; the child also exits by itself when our IPC channel closes with the host.
        this.launcher?.dispose();
        this.launcher = undefined;
        for (const d of this.redactions.values()) d.dispose();
        this.redactions.clear();
      },
    });
    this.render();
  }

  // ---- RetracConnection ----------------------------------------------------------------------

  get profile(): Profile | undefined {
    return this.activeId === undefined ? undefined : this.store.get(this.activeId);
  }

  /** A client for the active profile; throws an AccountError when its key is gone or its host not confirmed. */
  async getClient(): Promise<RetracClient | undefined> {
    const profile = this.profile;
    return profile ? this.clientFor(profile) : undefined;
  }

  can(scope: string): boolean {
    const profile = this.profile;
    return profile ? profileCan(profile, scope) : false;
  }

  // ---- API for tests and other parts ---------------------------------------------------------

  /** Every profile, stored and session-only. */
  get profiles(): Profile[] {
    return this.store.list();
  }

  /** Whether a local sandbox started by "Use Local Sandbox" runs in this window. */
  get runningSandbox(): (SandboxInfo & { pid?: number }) | undefined {
    return this.launcher?.running;
  }

  /**
   * Set when the active profile is a key of the local sandbox ("Use Local Sandbox") and that
   * sandbox does not run in this window: stopped, crashed, or not started yet.
   */
  get sourceDown(): SourceDown | undefined {
    const p = this.profile;
    if (!p?.sandbox || p.sandboxKeyName === undefined || p.id.startsWith('dev-sandbox-') || this.launcher?.running) return undefined;
    return this.launcher?.down ?? { reason: 'stopped', message: t('The local Retrac sandbox is not running in this window.') };
  }

  /**
   * Checks a key like "Add API Key" does, without UI, and saves it as a profile (the first one
   * becomes active). Throws AccountError with the user-facing sentence, or SecretStorageError.
   */
  async addProfile(options: AddProfileOptions): Promise<Profile> {
    const profile = await (await loadUi()).enrolProfile(this, { ...options, apiUrl: options.apiUrl ?? this.configuredApiUrl() });
    if (!this.profile) await this.activate(profile.id);
    return profile;
  }

  /** Makes a profile the active one in this window (and the default for new windows). */
  async activate(profileId: string): Promise<void> {
    if (!this.store.get(profileId)) throw new AccountError(t('No Retrac profile with id {0}.', profileId));
    this.activeId = profileId;
    this.cachedClient = undefined;
    await this.context.globalState.update(ACTIVE_STATE_KEY, profileId);
    this.profilesChanged();
  }

  /** Deletes a profile and its key (no confirmation). */
  async remove(profileId: string): Promise<void> {
    const profile = this.store.get(profileId);
    if (!profile) return;
    await this.store.remove(profileId);
    this.redactions.get(profileId)?.dispose();
    this.redactions.delete(profileId);
    if (this.activeId === profileId) {
      this.activeId = this.fallbackProfileId();
      this.cachedClient = undefined;
    }
    if (this.context.workspaceState.get(BOUND_STATE_KEY) === profileId) await this.context.workspaceState.update(BOUND_STATE_KEY, undefined);
    this.logger.info(`Removed profile “${profile.name}” (${profile.keyHint}).`);
    this.profilesChanged();
  }

  /** The profile bound to the open folder, if any. */
  get boundProfileId(): string | undefined {
    return this.context.workspaceState.get<string>(BOUND_STATE_KEY);
  }

  /** Binds the open folder to a profile (undefined: unbinds it). */
  async bind(profileId: string | undefined): Promise<void> {
    await this.context.workspaceState.update(BOUND_STATE_KEY, profileId);
    if (profileId) await this.activate(profileId);
    else this.render();
  }

  /** The id of the active profile. */
  get activeProfileId(): string | undefined {
    return this.activeId;
  }

  /** For tests: where the profiles live (as a second window would see them) and where logs go. */
  get storage(): { secrets: vscode.SecretStorage; globalState: vscode.Memento; globalStorageUri: vscode.Uri; logUri: vscode.Uri } {
    const { secrets, globalState, globalStorageUri, logUri } = this.context;
    return { secrets, globalState, globalStorageUri, logUri };
  }

  /** For tests: the status bar item (text, tooltip, accessibility label). */
  get statusBar(): Pick<vscode.StatusBarItem, 'text' | 'tooltip' | 'accessibilityInformation'> {
    return this.status.item;
  }

  /** For tests: the Accounts-menu provider. */
  get authProvider(): vscode.AuthenticationProvider {
    return this.provider;
  }

  /** For tests: how many clients were built (one per profile and CA, however many callers). */
  clientBuilds = 0;

  // ---- commands (their UI loads with the first run) -------------------------------------------

  async addApiKeyCommand(): Promise<AddKeyOutcome> {
    return (await loadUi()).addApiKeyCommand(this);
  }

  /** `reset`: move a state the sandbox refuses to `.bak` copies and start with fresh demo data. */
  async useLocalSandboxCommand(reset = false): Promise<Profile | undefined> {
    const ui = await loadUi();
    this.launcher ??= new ui.SandboxLauncher(this);
    return this.launcher.use(reset);
  }

  async stopLocalSandboxCommand(): Promise<void> {
    if (!this.launcher?.running) {
      void vscode.window.showInformationMessage(t('The local Retrac sandbox is not running in this window.'));
      return;
    }
    await this.launcher.stop();
  }

  async diagnoseConnectionCommand(): Promise<DiagnoseReport> {
    // Its own bundle (dist/diagnose.js): loaded when the command runs.
    return (await import('./diagnose')).diagnoseConnectionCommand(this);
  }

  // ---- for the accounts UI (./ui, ./diagnose) --------------------------------------------------

  /** The user-facing sentence of a failure (an AccountError's own, or the error vocabulary's). */
  describe(e: unknown): string {
    return isUserFacingAccountError(e) ? e.message : errorMessage(e);
  }

  /** An error with Show Log and Diagnose Connection. */
  showError(message: string): void {
    void showError(message, [showLogAction(), { title: t('Diagnose Connection'), run: () => vscode.commands.executeCommand('retrac.diagnoseConnection') }]);
  }

  /** The active client is stale (a sandbox stopped or moved, a key replaced). */
  dropClient(): void {
    this.cachedClient = undefined;
  }

  registerSecret(owner: string, key: string): void {
    this.redactions.get(owner)?.dispose();
    this.redactions.set(owner, this.log.addSecret(key));
  }

  /** The connection settings as this window applies them (see connectionSettings.ts). */
  connectionSettings(): ConnectionSettings {
    return readConnectionSettings(this.context.globalStorageUri);
  }

  /** `retrac.apiUrl`; with `announce`, says once when a User value is ignored in this remote window. */
  configuredApiUrl(announce = false): string {
    const settings = this.connectionSettings();
    if (announce && settings.ignoredUserSettings.length) {
      const message = ignoredUserSettingsMessage(settings.ignoredUserSettings);
      this.logger.warn(message);
      if (this.ignoredSettingsShown !== message) {
        this.ignoredSettingsShown = message;
        const open = t('Open Remote Settings');
        void vscode.window.showWarningMessage(message, open).then((c) => {
          if (c === open) void vscode.commands.executeCommand('workbench.action.openRemoteSettings');
        });
      }
    }
    return settings.apiUrl;
  }

  configuredCaPath(): string | undefined {
    return this.connectionSettings().caCertPath;
  }

  /** The stored profiles changed (here or by the UI): tell the Accounts menu, the status bar and the listeners. */
  profilesChanged(): void {
    this.provider.profilesChanged();
    this.render();
    this.changed.fire(this.profile);
  }

  // ---- internals -----------------------------------------------------------------------------

  private async keyOf(profileId: string): Promise<string | undefined> {
    const key = await this.store.getKey(profileId);
    if (key) this.registerSecret(profileId, key);
    return key;
  }

  /**
   * The client of a profile. Concurrent callers (the five section counts of a first expand) share
   * one in-flight build: the key is read once and one client is made. No UI here: a data
   * accessor that asked (a host confirmation) would stack one modal per caller.
   */
  private clientFor(profile: Profile): Promise<RetracClient> {
    const caCertPath = profile.caCertPath ?? this.configuredCaPath();
    const signature = JSON.stringify([profile.id, profile.apiUrl, profile.workspaceId, caCertPath]);
    if (this.cachedClient?.signature === signature) return this.cachedClient.client;
    const entry = { signature, client: this.buildClient(profile, caCertPath) };
    this.cachedClient = entry;
    // A failed build is not kept: the next caller tries again (a key re-added, a CA fixed).
    entry.client.catch(() => {
      if (this.cachedClient === entry) this.cachedClient = undefined;
    });
    return entry.client;
  }

  private async buildClient(profile: Profile, caCertPath: string | undefined): Promise<RetracClient> {
    if (!this.hostTrust.isConfirmed(profile.apiUrl)) {
      throw new AccountError(t('The key of “{0}” is not sent to {1} until you confirm that host: add the key again with “Retrac: Add API Key”, which asks once.', profile.name, hostOf(profile.apiUrl)));
    }
    const key = await this.keyOf(profile.id);
    if (!key) throw new AccountError(t('The key of profile “{0}” is missing from the keyring: add it again with “Retrac: Add API Key”.', profile.name));
    this.clientBuilds++;
    return this.makeClient(key, profile.apiUrl, profile.keyType === 'full' ? profile.workspaceId : undefined, caCertPath);
  }

  /** One info line for a key check; the probes' expected refusals were logged at debug level. */
  logScopes(keyType: KeyType, check: KeyCheckResult): void {
    if (keyType !== 'restricted') return;
    this.logger.info(`Scope check: ${check.scopes.length} found (${check.scopes.join(', ') || 'none'}); ${check.missingScopes.length} refused as expected for this key (${check.missingScopes.join(', ') || 'none'}).`);
  }

  /** A client for a key (see ./clientFactory). */
  makeClient(key: string, apiUrl: string, workspaceId: string | undefined, caCertPath: string | undefined, probing = false): Promise<RetracClient> {
    return makeClient(this.logger.child('api'), { key, apiUrl, workspaceId, caCertPath, probing });
  }

  /** Saves a checked profile; the same key for the same host and workspace replaces its old profile. */
  async saveProfile(profile: Profile, key: string): Promise<void> {
    for (const old of this.profiles) {
      const same = old.keyHint === profile.keyHint && old.apiUrl === profile.apiUrl && old.workspaceId === profile.workspaceId;
      if (same && !!old.sessionOnly === !!profile.sessionOnly && (await this.store.getKey(old.id)) === key) {
        profile.id = old.id;
        if (this.activeId === old.id) this.cachedClient = undefined;
      }
    }
    await this.store.save(profile, key);
    this.redactions.get('pending')?.dispose();
    this.redactions.delete('pending');
    this.registerSecret(profile.id, key);
    this.logger.info(`Saved profile “${profile.name}” (${describeProfile(profile)})${profile.sessionOnly ? ', session only' : ''}.`);
    this.profilesChanged();
  }

  private initialProfileId(devOwner: string | undefined): string | undefined {
    const bound = this.context.workspaceState.get<string>(BOUND_STATE_KEY);
    if (bound && this.store.get(bound)) return bound;
    if (devOwner) return devOwner;
    return this.fallbackProfileId();
  }

  private fallbackProfileId(): string | undefined {
    const last = this.context.globalState.get<string>(ACTIVE_STATE_KEY);
    if (last && this.store.get(last)) return last;
    return this.store.list()[0]?.id;
  }

  /** Another window (or this one) changed the stored profiles: reload them. */
  private syncFromStorage(): void {
    const apply = () => {
      const before = JSON.stringify([this.activeId, this.store.list()]);
      this.store.reload();
      if (this.activeId && !this.store.get(this.activeId)) this.activeId = this.initialProfileId(undefined);
      // Our own writes come back as change events too: only a real difference is news.
      if (JSON.stringify([this.activeId, this.store.list()]) === before) return;
      this.cachedClient = undefined;
      this.profilesChanged();
    };
    apply();
    // Global state may reach this window a moment after the secret's change event.
    if (this.syncTimer) clearTimeout(this.syncTimer);
    this.syncTimer = setTimeout(apply, 1000);
  }

  private render(): void {
    const p = this.profile;
    this.status.render(p, !!p && this.boundProfileId === p.id);
  }
}
