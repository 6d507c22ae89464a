// Retrac accounts: named profiles of API keys (metadata in global state, keys in SecretStorage),
// the active one in the status bar and the Accounts menu, the commands that manage them, the local
// sandbox and the connection diagnosis. Other parts only see `RetracConnection`.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { escapeMarkdown } from '../markdownText';
import type { RetracClient } from '../api/client';
import { describeError } from '../api/describeError';
import { isRetracError } from '../api/errors';
import { keyType, redactKey } from '../api/keys';
import type { Workspace } from '../api/types';
import type { Logger, RetracLog } from '../log';
import { BACK, type QuickInputs } from '../quickInput';
import { launchSandboxProcess, type SandboxExit, type SandboxProcess } from '../sandbox/child';
import type { SandboxInfo } from '../sandbox/types';
import { RetracAuthProvider } from './authProvider';
import type { Profile, RetracConnection } from './connection';
import type { DiagnoseReport } from './diagnose';
import { PROXY_SETTINGS, vscodeProxySettings } from './network';
import { checkKey, checkWorkspace, explainCheckFailure, roleIn, type KeyCheckResult } from './keyCheck';
import {
  apiUrlProblem, defaultProfileName, describeProfile, hostOf, isBuiltInTrustedHost, keyInputProblem, keyTypeLabel,
  parseKeyInput, profileCan, profileNameProblem, profilesFromSandboxInfo, uniqueName, workspaceIdProblem,
} from './keyInput';
import { isProfileSecret, ProfileStore, SecretStorageError } from './profileStore';
import { ignoredUserSettingsMessage, readConnectionSettings, withWhereToSet, type ConnectionSettings } from './connectionSettings';

export { SecretStorageError } from './profileStore';

/** What `addProfile` takes: the key plus what the command would ask or read from settings. */
export interface AddProfileOptions {
  key: string;
  name?: string;
  /** Default: the `retrac.apiUrl` setting. */
  apiUrl?: string;
  /** Full-access keys: the workspace (id or slug); may be left out when the key reaches exactly one. */
  workspaceId?: string;
  caCertPath?: string;
  sandbox?: boolean;
  sessionOnly?: boolean;
}

/** What "Retrac: Add API Key" ended with (the command returns it, so tests can read it). */
export interface AddKeyOutcome {
  profile?: Profile;
  /** The message shown to the user (error, or what the key can do). */
  message?: string;
  cancelled?: boolean;
}

/** A failure that carries the sentence shown to the user (never a key). */
export class AccountError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'AccountError';
  }
}

/** Why the active profile's source cannot answer: its local sandbox stopped or crashed (the tree shows it). */
export interface SourceDown {
  reason: 'stopped' | 'crashed';
  message: string;
}

const ACTIVE_STATE_KEY = 'retrac.activeProfileId';
const BOUND_STATE_KEY = 'retrac.boundProfileId';
const CONFIRMED_HOSTS_KEY = 'retrac.confirmedHosts';
const DEV_SANDBOX_ENV = 'RETRAC_DEV_SANDBOX_INFO';

const t = vscode.l10n.t;

/** How a destructive action is confirmed: `vscode.window.showWarningMessage` (tests replace it to read the request). */
export type WarningPrompt = (message: string, options: vscode.MessageOptions, ...buttons: string[]) => Thenable<string | undefined>;

export class Accounts implements RetracConnection, vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<Profile | undefined>();
  readonly onDidChangeProfile = this.changed.event;
  private readonly store: ProfileStore;
  private readonly logger: Logger;
  private readonly statusItem: vscode.StatusBarItem;
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
  private sandbox: SandboxProcess | undefined;
  /** Set when this window's sandbox stopped or crashed; cleared when it starts again. */
  private sandboxDown: SourceDown | undefined;
  private syncTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: RetracLog,
    private readonly inputs: QuickInputs,
  ) {
    this.logger = log.logger('auth');
    this.store = new ProfileStore(context.globalState, context.secrets);
    const devOwner = this.importDevSandbox();
    this.activeId = this.initialProfileId(devOwner);

    this.statusItem = vscode.window.createStatusBarItem('retrac.profile', vscode.StatusBarAlignment.Left, 50);
    this.statusItem.name = t('Retrac Profile');
    this.provider = new RetracAuthProvider({
      list: () => this.profiles,
      getKey: (id) => this.keyOf(id),
      addInteractively: async () => (await this.addApiKeyCommand()).profile,
      remove: (id) => this.remove(id),
    });
    this.disposables.push(
      this.changed,
      this.statusItem,
      this.provider,
      context.secrets.onDidChange((e) => {
        if (isProfileSecret(e.key)) this.syncFromStorage();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        // A new CA or proxy applies to the next request; an API URL change applies to keys added from now on
        // (a profile keeps the host it was checked with).
        if (['retrac.caCertificatePath', ...PROXY_SETTINGS].some((s) => e.affectsConfiguration(s))) this.cachedClient = undefined;
        if (e.affectsConfiguration('retrac.apiUrl') || e.affectsConfiguration('retrac.caCertificatePath')) this.ignoredSettingsShown = undefined;
      }),
      vscode.commands.registerCommand('retrac.addApiKey', () => this.addApiKeyCommand()),
      vscode.commands.registerCommand('retrac.switchProfile', (id?: string) => this.switchProfileCommand(id)),
      vscode.commands.registerCommand('retrac.renameProfile', (id?: string) => this.renameProfileCommand(id)),
      vscode.commands.registerCommand('retrac.removeApiKey', (id?: string) => this.removeApiKeyCommand(id)),
      vscode.commands.registerCommand('retrac.bindProfile', (id?: string) => this.bindProfileCommand(id)),
      vscode.commands.registerCommand('retrac.unbindProfile', () => this.unbindProfileCommand()),
      vscode.commands.registerCommand('retrac.useLocalSandbox', () => this.useLocalSandboxCommand()),
      vscode.commands.registerCommand('retrac.stopLocalSandbox', () => this.stopLocalSandboxCommand()),
      vscode.commands.registerCommand('retrac.diagnoseConnection', () => this.diagnoseConnectionCommand()),
      vscode.commands.registerCommand('retrac.showLog', () => this.log.show()),
    );
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
    return this.sandbox;
  }

  /**
   * Set when the active profile is a key of the local sandbox ("Use Local Sandbox") and that
   * sandbox does not run in this window: stopped, crashed, or not started yet.
   */
  get sourceDown(): SourceDown | undefined {
    const p = this.profile;
    if (!p?.sandbox || p.sandboxKeyName === undefined || p.id.startsWith('dev-sandbox-') || this.sandbox) return undefined;
    return this.sandboxDown ?? { reason: 'stopped', message: t('The local Retrac sandbox is not running in this window.') };
  }

  /**
   * Checks a key like "Add API Key" does, without UI, and saves it as a profile (the first one
   * becomes active). Throws AccountError with the user-facing sentence, or SecretStorageError.
   */
  async addProfile(options: AddProfileOptions): Promise<Profile> {
    const parsed = parseKeyInput(options.key);
    if (!parsed.ok) throw new AccountError(parsed.message);
    const apiUrl = options.apiUrl ?? this.configuredApiUrl();
    const urlProblem = apiUrlProblem(apiUrl);
    if (urlProblem) throw new AccountError(urlProblem);
    if (!this.isHostConfirmed(apiUrl)) {
      throw new AccountError(t('{0} is not a confirmed Retrac host: add the key with “Retrac: Add API Key” to confirm it.', hostOf(apiUrl)));
    }
    this.registerSecret('pending', parsed.key);
    const client = await this.makeClient(parsed.key, apiUrl, undefined, options.caCertPath ?? this.configuredCaPath(), true);
    let check: KeyCheckResult;
    let workspace: Workspace | undefined;
    try {
      check = await checkKey(client);
      this.logScopes(client.keyType, check);
      if (parsed.keyType === 'full') {
        const wanted = options.workspaceId ?? (check.workspaces.length === 1 ? check.workspaces[0].id : undefined);
        if (!wanted) throw new AccountError(t('This key reaches {0} workspaces: say which one (workspaceId).', check.workspaces.length));
        workspace = await checkWorkspace(client, wanted);
      } else {
        workspace = check.workspaces[0];
      }
    } catch (e) {
      throw e instanceof AccountError ? e : new AccountError(this.explain(e, apiUrl), e);
    }
    // A CA passed here is pinned to the profile; otherwise the retrac.caCertificatePath setting applies at each use.
    const profile = this.buildProfile(parsed.key, apiUrl, check, workspace, options);
    await this.saveProfile(profile, parsed.key);
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

  /** For tests: where the profiles live (as a second window would see them) and where logs go. */
  get storage(): { secrets: vscode.SecretStorage; globalState: vscode.Memento; globalStorageUri: vscode.Uri; logUri: vscode.Uri } {
    const { secrets, globalState, globalStorageUri, logUri } = this.context;
    return { secrets, globalState, globalStorageUri, logUri };
  }

  /** For tests: the status bar item (text, tooltip, accessibility label). */
  get statusBar(): Pick<vscode.StatusBarItem, 'text' | 'tooltip' | 'accessibilityInformation'> {
    return this.statusItem;
  }

  /** For tests: the Accounts-menu provider. */
  get authProvider(): vscode.AuthenticationProvider {
    return this.provider;
  }

  // ---- commands ------------------------------------------------------------------------------

  async addApiKeyCommand(): Promise<AddKeyOutcome> {
    const apiUrl = this.configuredApiUrl(true);
    const urlProblem = apiUrlProblem(apiUrl);
    if (urlProblem) return this.fail(urlProblem);
    const title = t('Add Retrac API Key');
    const host = hostOf(apiUrl);
    let raw = '';
    let key = '';
    let client: RetracClient | undefined;
    let check: KeyCheckResult | undefined;
    let workspace: Workspace | undefined;
    type Step = 'key' | 'workspace' | 'name';
    let step: Step = 'key';
    const totalSteps = () => (client?.keyType === 'restricted' ? 2 : 3);
    for (;;) {
      if (step === 'key') {
        const answer = await this.inputs.text({
          title, step: 1, totalSteps: totalSteps(), password: true, value: raw,
          prompt: t('Paste a key from the Retrac dashboard (Settings → API Keys). It is checked with {0}, then kept in VS Code’s secret storage (the OS keyring on desktop).', host),
          placeholder: t('24 letters and digits, or retrac_…'),
          validate: keyInputProblem,
        });
        if (answer === undefined || answer === BACK) return { cancelled: true };
        raw = answer;
        const parsed = parseKeyInput(answer);
        if (!parsed.ok) continue;
        if (!(await this.confirmHost(apiUrl))) return { cancelled: true };
        key = parsed.key;
        this.registerSecret('pending', key);
        try {
          client = await this.makeClient(key, apiUrl, undefined, this.configuredCaPath(), true);
        } catch (e) {
          return this.fail(this.explain(e, apiUrl), e);
        }
        const checking = client;
        try {
          check = await this.withProgress(t('Checking the key with {0}…', host), (signal) => checkKey(checking, signal));
          this.logScopes(checking.keyType, check);
        } catch (e) {
          return this.fail(this.explain(e, apiUrl), e);
        }
        workspace = check.workspaces[0];
        step = parsed.keyType === 'full' ? 'workspace' : 'name';
      } else if (step === 'workspace') {
        const chosen = await this.pickWorkspace(title, check!.workspaces);
        if (chosen === BACK) {
          step = 'key';
          continue;
        }
        if (chosen === undefined) return { cancelled: true };
        const checking = client!;
        try {
          workspace = await this.withProgress(t('Checking workspace {0}…', chosen), (signal) => checkWorkspace(checking, chosen, signal));
        } catch (e) {
          return this.fail(this.explain(e, apiUrl), e);
        }
        step = 'name';
      } else {
        const draft = this.buildProfile(key, apiUrl, check!, workspace, {});
        const others = this.profiles.map((p) => p.name);
        const name = await this.inputs.text({
          title, step: totalSteps(), totalSteps: totalSteps(), canGoBack: true,
          prompt: t('A name for this profile ({0}).', describeProfile(draft)),
          value: uniqueName(draft.name, others),
          validate: (v) => profileNameProblem(v, others),
        });
        if (name === BACK) {
          step = client!.keyType === 'full' ? 'workspace' : 'key';
          continue;
        }
        if (name === undefined) return { cancelled: true };
        const profile = { ...draft, name: name.trim() };
        try {
          await this.saveProfile(profile, key);
        } catch (e) {
          if (!(e instanceof SecretStorageError)) return this.fail(this.explain(e, apiUrl), e);
          const sessionOnly = await this.offerSessionOnly(e);
          if (!sessionOnly) return this.fail(e.message, e);
          profile.sessionOnly = true;
          await this.saveProfile(profile, key);
        }
        await this.activate(profile.id);
        const message = t('Added “{0}”: {1}.', profile.name, describeProfile(profile));
        void vscode.window.showInformationMessage(message);
        return { profile, message };
      }
    }
  }

  private async pickWorkspace(title: string, workspaces: Workspace[]): Promise<string | typeof BACK | undefined> {
    type Item = vscode.QuickPickItem & { workspaceId?: string };
    const typeIn: Item = { label: `$(edit) ${t('Enter a workspace id or slug…')}`, alwaysShow: true };
    const items: Item[] = [
      ...workspaces.map((w) => ({
        label: w.name,
        description: w.id,
        detail: [w.plan && t('{0} plan', w.plan), roleIn(w)].filter(Boolean).join(' · '),
        workspaceId: w.id,
      })),
      typeIn,
    ];
    for (;;) {
      const picked = await this.inputs.pick<Item>({
        title, step: 2, totalSteps: 3, canGoBack: true, items,
        placeholder: t('Which workspace should this full-access key use?'),
      });
      if (picked === undefined || picked === BACK) return picked;
      if (picked.workspaceId) return picked.workspaceId;
      const typed = await this.inputs.text({
        title, step: 2, totalSteps: 3, canGoBack: true,
        prompt: t('The workspace id (ws_…) or slug, from the dashboard URL.'),
        validate: workspaceIdProblem,
      });
      if (typed === undefined) return undefined;
      if (typed !== BACK) return typed.trim();
    }
  }

  private async switchProfileCommand(id?: string): Promise<Profile | undefined> {
    const profile = id ? this.store.get(id) : await this.pickProfile(t('Switch Retrac Profile'), true);
    if (!profile) return undefined;
    await this.activate(profile.id);
    const bound = this.boundProfileId;
    const switched = t('Switched to “{0}” ({1}).', profile.name, describeProfile(profile));
    void vscode.window.showInformationMessage(bound && bound !== profile.id
      ? `${switched} ${t('This folder stays bound to “{0}”; it comes back when the folder is reopened. Use “Bind Profile to This Workspace” to change that.', this.store.get(bound)?.name ?? bound)}`
      : switched);
    return profile;
  }

  private async renameProfileCommand(id?: string): Promise<Profile | undefined> {
    const profile = id ? this.store.get(id) : await this.pickProfile(t('Rename Retrac Profile'));
    if (!profile) return undefined;
    const others = this.profiles.filter((p) => p.id !== profile.id).map((p) => p.name);
    const name = await this.inputs.text({
      title: t('Rename “{0}”', profile.name), value: profile.name,
      validate: (v) => profileNameProblem(v, others),
    });
    if (name === undefined || name === BACK) return undefined;
    const renamed = { ...profile, name: name.trim() };
    await this.store.update(renamed);
    this.profilesChanged();
    void vscode.window.showInformationMessage(renamed.name === profile.name ? t('“{0}” keeps its name.', profile.name) : t('Renamed “{0}” to “{1}”.', profile.name, renamed.name));
    return renamed;
  }

  private async removeApiKeyCommand(id?: string): Promise<boolean> {
    const profile = id ? this.store.get(id) : await this.pickProfile(t('Remove Retrac API Key'));
    if (!profile) return false;
    // A modal, as VS Code does for destructive actions: Enter alone never removes a key.
    const remove = t('Remove');
    const choice = await this.confirmDestructive(
      t('Remove “{0}” and delete its key ({1}) from this machine?', profile.name, profile.keyHint),
      { modal: true, detail: t('The key stays valid at Retrac: revoke it in the dashboard if it leaked.') },
      remove,
    );
    if (choice !== remove) return false;
    await this.remove(profile.id);
    void vscode.window.showInformationMessage(t('Removed “{0}”.', profile.name));
    return true;
  }

  private async bindProfileCommand(id?: string): Promise<Profile | undefined> {
    if (!vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showWarningMessage(t('Open a folder first: a profile is bound to the open folder or workspace.'));
      return undefined;
    }
    const profile = id ? this.store.get(id) : await this.pickProfile(t('Bind Retrac Profile to This Workspace'), true);
    if (!profile) return undefined;
    if (profile.sessionOnly) {
      void vscode.window.showWarningMessage(t('“{0}” lives only in this session, so it cannot be bound.', profile.name));
      return undefined;
    }
    await this.context.workspaceState.update(BOUND_STATE_KEY, profile.id);
    await this.activate(profile.id);
    void vscode.window.showInformationMessage(t('This workspace now opens with “{0}”.', profile.name));
    return profile;
  }

  private async unbindProfileCommand(): Promise<void> {
    const bound = this.boundProfileId;
    if (!bound) {
      void vscode.window.showInformationMessage(t('This workspace is not bound to a Retrac profile.'));
      return;
    }
    await this.context.workspaceState.update(BOUND_STATE_KEY, undefined);
    this.render();
    void vscode.window.showInformationMessage(t('This workspace is no longer bound to “{0}”.', this.store.get(bound)?.name ?? bound));
  }

  private async pickProfile(title: string, activeFirst = false): Promise<Profile | undefined> {
    const profiles = this.profiles;
    if (!profiles.length) {
      const add = t('Add API Key');
      if ((await vscode.window.showInformationMessage(t('No Retrac profile yet.'), add)) === add) await this.addApiKeyCommand();
      return undefined;
    }
    type Item = vscode.QuickPickItem & { profile: Profile };
    const bound = this.boundProfileId;
    const items: Item[] = profiles.map((p) => ({
      profile: p,
      label: `${p.id === this.activeId ? '$(check) ' : ''}${p.name}`,
      description: [keyTypeLabel(p.keyType), p.workspaceName ?? p.workspaceSlug ?? p.workspaceId, p.sandbox && t('sandbox'), p.sessionOnly && t('this session only'), p.id === bound && t('bound to this folder')]
        .filter(Boolean)
        .join(' · '),
      detail: `${hostOf(p.apiUrl)} · ${p.keyHint}`,
    }));
    if (!activeFirst) items.sort((a, b) => Number(b.profile.id === this.activeId) - Number(a.profile.id === this.activeId));
    const picked = await this.inputs.pick<Item>({ title, items, placeholder: t('Pick a profile'), matchOnDetail: true });
    return picked === undefined || picked === BACK ? undefined : picked.profile;
  }

  // ---- local sandbox -------------------------------------------------------------------------

  /** `reset`: move a state the sandbox refuses to `.bak` copies and start with fresh demo data. */
  async useLocalSandboxCommand(reset = false): Promise<Profile | undefined> {
    try {
      if (!this.sandbox) {
        const started = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: t('Starting the local Retrac sandbox…') },
          async () => {
            const dir = vscode.Uri.joinPath(this.context.globalStorageUri, 'sandbox').fsPath;
            await mkdir(dir, { recursive: true, mode: 0o700 });
            // Its own process (a fork of the sandbox bundle, which activation never loads): a crash
            // there cannot take the extension host down.
            const args = ['--port', '0', '--state', path.join(dir, 'state.json'), '--cert-dir', dir, ...(reset ? ['--reset'] : [])];
            return launchSandboxProcess(this.context.asAbsolutePath('dist/sandbox.js'), args);
          },
        );
        this.sandbox = started;
        this.sandboxDown = undefined;
        void started.exited.then((exit) => this.sandboxExited(started, exit));
        this.logger.info(`Local sandbox started at ${started.baseUrl} (process ${String(started.pid)}, CA ${started.caCertPath}).`);
      }
      const running = this.sandbox;
      const owner = await this.adoptSandboxKeys(running);
      if (owner) await this.activate(owner.id);
      void vscode.window.showInformationMessage(
        t('The local Retrac sandbox runs at {0}; its {1} keys are profiles marked “sandbox”.', running.baseUrl, running.keys.length),
      );
      return owner;
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      const message = t('Could not start the local sandbox: {0}', reason);
      this.logger.error(message);
      if (!reset && reason.includes('--reset')) {
        // Its saved state is unusable (the reason names the file): offer what --reset does.
        const fresh = t('Start Fresh (keep a .bak copy)');
        void vscode.window.showErrorMessage(message, fresh, t('Show Log')).then((choice) => {
          if (choice === fresh) void this.useLocalSandboxCommand(true);
          else if (choice !== undefined) this.log.show();
        });
      } else this.showError(message);
      return undefined;
    }
  }

  /** The sandbox process ended: a crash is logged, shown with Restart, and marks its profiles' tree. */
  private sandboxExited(ended: SandboxProcess, exit: SandboxExit): void {
    if (this.sandbox !== ended) return; // an older one, already replaced
    this.sandbox = undefined;
    if (exit.requested) return;
    const how = exit.signal ? t('killed by {0}', exit.signal) : t('exit code {0}', String(exit.code));
    const message = t('The local Retrac sandbox stopped unexpectedly ({0}).', how);
    this.sandboxDown = { reason: 'crashed', message };
    this.logger.error(`${message}${exit.stderrTail ? ` Its last log lines:\n${exit.stderrTail}` : ''}`);
    this.cachedClient = undefined;
    this.profilesChanged();
    const restart = t('Restart');
    void vscode.window.showErrorMessage(message, restart, t('Show Log')).then((choice) => {
      if (choice === restart) void this.useLocalSandboxCommand();
      else if (choice !== undefined) this.log.show();
    });
  }

  /** Adds or updates one profile per sandbox key (the port changes at every start); returns owner-full's. */
  private async adoptSandboxKeys(info: SandboxInfo): Promise<Profile | undefined> {
    const existing = this.profiles.filter((p) => p.sandbox && !p.sessionOnly && p.sandboxKeyName);
    let owner: Profile | undefined;
    for (const { profile, key } of profilesFromSandboxInfo(info, (k) => existing.find((p) => p.sandboxKeyName === k.name)?.id ?? randomUUID())) {
      const before = existing.find((p) => p.id === profile.id);
      const merged = { ...profile, name: before?.name ?? uniqueName(profile.name, this.profiles.map((p) => p.name)) };
      this.registerSecret(profile.id, key);
      if (before && (await this.store.getKey(profile.id)) === key) await this.store.update(merged);
      else {
        try {
          await this.store.save(merged, key);
        } catch (e) {
          if (!(e instanceof SecretStorageError)) throw e;
          await this.store.save({ ...merged, sessionOnly: true }, key);
        }
      }
      if (profile.sandboxKeyName === 'owner-full') owner = merged;
    }
    this.cachedClient = undefined;
    this.profilesChanged();
    return owner;
  }

  async stopLocalSandboxCommand(): Promise<void> {
    const running = this.sandbox;
    if (!running) {
      void vscode.window.showInformationMessage(t('The local Retrac sandbox is not running in this window.'));
      return;
    }
    this.sandbox = undefined;
    this.sandboxDown = { reason: 'stopped', message: t('The local Retrac sandbox was stopped.') };
    const exit = await running.stop();
    this.logger.info(`Local sandbox stopped (process ${String(running.pid)}, ${exit.signal ?? `exit code ${String(exit.code)}`}).`);
    this.cachedClient = undefined;
    this.profilesChanged();
    void vscode.window.showInformationMessage(t('The local Retrac sandbox stopped; its profiles work again after “Use Local Sandbox”.'));
  }

  /**
   * Dev/test bootstrap: `RETRAC_DEV_SANDBOX_INFO` names the SandboxInfo JSON of a sandbox that
   * already runs (`npm start`, the UI test harness). Its keys become session-only profiles
   * (memory only, no network). Returns the owner-full profile's id.
   */
  private importDevSandbox(): string | undefined {
    const file = process.env[DEV_SANDBOX_ENV];
    if (!file) return undefined;
    try {
      const info = JSON.parse(readFileSync(file, 'utf8')) as SandboxInfo;
      let owner: string | undefined;
      for (const { profile, key } of profilesFromSandboxInfo(info, (k) => `dev-sandbox-${k.name}`, { sessionOnly: true })) {
        this.store.addSession(profile, key);
        this.registerSecret(profile.id, key);
        if (profile.sandboxKeyName === 'owner-full') owner = profile.id;
      }
      this.logger.info(`Imported ${info.keys.length} session-only sandbox profiles from ${DEV_SANDBOX_ENV}.`);
      return owner;
    } catch (e) {
      this.logger.warn(`${DEV_SANDBOX_ENV} is set but could not be read: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  // ---- diagnosis -----------------------------------------------------------------------------

  async diagnoseConnectionCommand(): Promise<DiagnoseReport> {
    const profile = this.profile;
    const apiUrl = profile?.apiUrl ?? this.configuredApiUrl();
    const caCertPath = profile?.caCertPath ?? this.configuredCaPath();
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('Diagnosing the connection to {0}…', hostOf(apiUrl)) },
      async () =>
        // Its own bundle (dist/diagnose.js): loaded when the command runs.
        (await import('./diagnose')).diagnoseConnection(
          {
            profile, apiUrl, caCertPath,
            ca: caCertPath ? await readFile(caCertPath, 'utf8').catch(() => undefined) : undefined,
            client: () => this.getClient(),
            describe: (e) => this.describe(e),
          },
          this.logger.child('diagnose'),
        ),
    );
    this.log.show();
    if (report.ok) void vscode.window.showInformationMessage(t('Retrac connection: {0}', report.verdict));
    else this.showError(t('Retrac connection: {0}', withWhereToSet(report.verdict)));
    return report;
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
    if (!this.isHostConfirmed(profile.apiUrl)) {
      throw new AccountError(t('The key of “{0}” is not sent to {1} until you confirm that host: add the key again with “Retrac: Add API Key”, which asks once.', profile.name, hostOf(profile.apiUrl)));
    }
    const key = await this.keyOf(profile.id);
    if (!key) throw new AccountError(t('The key of profile “{0}” is missing from the keyring: add it again with “Retrac: Add API Key”.', profile.name));
    this.clientBuilds++;
    return this.makeClient(key, profile.apiUrl, profile.keyType === 'full' ? profile.workspaceId : undefined, caCertPath);
  }

  /** For tests: how many clients were built (one per profile and CA, however many callers). */
  clientBuilds = 0;

  /** One info line for a key check; the probes' expected refusals were logged at debug level. */
  private logScopes(keyType: string, check: KeyCheckResult): void {
    if (keyType !== 'restricted') return;
    this.logger.info(`Scope check: ${check.scopes.length} found (${check.scopes.join(', ') || 'none'}); ${check.missingScopes.length} refused as expected for this key (${check.missingScopes.join(', ') || 'none'}).`);
  }

  /**
   * `probing`: a client for a key check, whose scope probes are expected to be refused (403) for
   * scopes the key lacks; those refusals are logged at debug level, not as warnings.
   */
  private async makeClient(key: string, apiUrl: string, workspaceId: string | undefined, caCertPath: string | undefined, probing = false): Promise<RetracClient> {
    // The manifest promises that an untrusted workspace makes no API call.
    if (!vscode.workspace.isTrusted) {
      throw new AccountError(t('Retrac calls the API only in a trusted workspace: trust this folder first (Workspaces: Manage Workspace Trust).'));
    }
    let ca: string | undefined;
    if (caCertPath) {
      try {
        ca = await readFile(caCertPath, 'utf8');
      } catch (e) {
        throw new AccountError(t('Could not read the CA certificate {0}: {1}', caCertPath, e instanceof Error ? e.message : String(e)));
      }
    }
    const client = this.logger.child('api');
    // The client (valibot, schemas) is its own bundle, loaded by the first call that needs it.
    const { RetracClient } = await import('../api/client');
    return new RetracClient({
      apiKey: key,
      baseUrl: apiUrl,
      workspaceId,
      ca,
      proxy: vscodeProxySettings(),
      onLog: (level, message) => {
        if (probing && level === 'warn' && /failed: forbidden \(403\)/.test(message)) client.debug(`${message} (scope probe: expected for a scope the key lacks)`);
        else client[level](message);
      },
    });
  }

  private buildProfile(
    key: string,
    apiUrl: string,
    check: KeyCheckResult,
    workspace: Workspace | undefined,
    options: Omit<AddProfileOptions, 'key' | 'apiUrl'>,
  ): Profile {
    const base: Profile = {
      id: randomUUID(),
      name: '',
      keyType: keyType(key),
      apiUrl,
      workspaceId: workspace?.id,
      workspaceName: workspace?.name,
      workspaceSlug: workspace?.slug,
      plan: workspace?.plan,
      role: roleIn(workspace) ?? check.role,
      scopes: check.scopes,
      sandbox: options.sandbox || undefined,
      caCertPath: options.caCertPath,
      sessionOnly: options.sessionOnly || undefined,
      keyHint: redactKey(key),
    };
    base.name = options.name?.trim() || uniqueName(defaultProfileName(base), this.profiles.map((p) => p.name));
    return base;
  }

  /** Saves a checked profile; the same key for the same host and workspace replaces its old profile. */
  private async saveProfile(profile: Profile, key: string): Promise<void> {
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

  private async offerSessionOnly(e: SecretStorageError): Promise<boolean> {
    this.logger.error(e.message);
    const useSession = t('Use for This Session Only');
    const choice = await vscode.window.showErrorMessage(
      t('{0} The key can be used in this window until it closes, without being written to disk.', e.message),
      useSession,
    );
    return choice === useSession;
  }

  private registerSecret(owner: string, key: string): void {
    this.redactions.get(owner)?.dispose();
    this.redactions.set(owner, this.log.addSecret(key));
  }

  /** The connection settings as this window applies them (see connectionSettings.ts). */
  connectionSettings(): ConnectionSettings {
    return readConnectionSettings(this.context.globalStorageUri);
  }

  /** `retrac.apiUrl`; with `announce`, says once when a User value is ignored in this remote window. */
  private configuredApiUrl(announce = false): string {
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

  private configuredCaPath(): string | undefined {
    return this.connectionSettings().caCertPath;
  }

  private isHostConfirmed(apiUrl: string): boolean {
    return isBuiltInTrustedHost(apiUrl) || (this.context.globalState.get<string[]>(CONFIRMED_HOSTS_KEY) ?? []).includes(hostOf(apiUrl));
  }

  /** Asks once per host before a key goes anywhere but api.retrac.co or the loopback sandbox. */
  private async confirmHost(apiUrl: string): Promise<boolean> {
    if (this.isHostConfirmed(apiUrl)) return true;
    const host = hostOf(apiUrl);
    const send = t('Send Keys to {0}', host);
    const choice = await vscode.window.showWarningMessage(
      t('Send your Retrac API key to {0}?', host),
      {
        modal: true,
        detail: t('retrac.apiUrl points to {0}, not api.retrac.co. Confirm only if you run or trust that server: it will receive your key with every request. You are asked once per host.', host),
      },
      send,
    );
    if (choice !== send) return false;
    const hosts = this.context.globalState.get<string[]>(CONFIRMED_HOSTS_KEY) ?? [];
    await this.context.globalState.update(CONFIRMED_HOSTS_KEY, [...new Set([...hosts, host])]);
    this.logger.info(`Host ${host} confirmed for Retrac keys.`);
    return true;
  }

  private withProgress<T>(title: string, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return Promise.resolve(
      vscode.window.withProgress<T>({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
        const controller = new AbortController();
        const sub = token.onCancellationRequested(() => controller.abort());
        return task(controller.signal).finally(() => {
          sub.dispose();
        });
      }),
    );
  }

  private describe(e: unknown): string {
    return e instanceof AccountError || e instanceof SecretStorageError ? e.message : describeError(e);
  }

  private explain(e: unknown, apiUrl: string): string {
    if (e instanceof AccountError || e instanceof SecretStorageError) return e.message;
    return withWhereToSet(explainCheckFailure(e, apiUrl, (x) => this.describe(x)));
  }

  private fail(message: string, cause?: unknown): AddKeyOutcome {
    this.logger.warn(`Add API Key: ${message}${isRetracError(cause) ? ` [${cause.code} ${cause.status}]` : ''}`);
    this.showError(message);
    return { message };
  }

  private showError(message: string): void {
    const showLog = t('Show Log');
    const diagnose = t('Diagnose Connection');
    void vscode.window.showErrorMessage(message, showLog, diagnose).then((choice) => {
      if (choice === showLog) this.log.show();
      else if (choice === diagnose) void vscode.commands.executeCommand('retrac.diagnoseConnection');
    });
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

  private profilesChanged(): void {
    this.provider.profilesChanged();
    this.render();
    this.changed.fire(this.profile);
  }

  private render(): void {
    const p = this.profile;
    void vscode.commands.executeCommand('setContext', 'retrac.hasProfile', !!p);
    const item = this.statusItem;
    if (!p) {
      item.text = `$(key) ${t('Retrac: Add Key')}`;
      item.tooltip = t('No Retrac profile: add an API key or use the local sandbox.');
      item.accessibilityInformation = { label: t('Retrac: no profile. Add an API key or use the local sandbox.'), role: 'button' };
      item.command = 'retrac.addApiKey';
      item.show();
      return;
    }
    const ws = p.workspaceName ?? p.workspaceSlug ?? p.workspaceId;
    const extra = [ws && !p.name.includes(ws) ? ws : undefined, !p.name.includes(keyTypeLabel(p.keyType)) ? keyTypeLabel(p.keyType) : undefined].filter(Boolean);
    item.text = `$(${p.sandbox ? 'beaker' : p.keyType === 'full' ? 'key' : 'lock'}) ${p.name}${extra.length ? ` · ${extra.join(' · ')}` : ''}`;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${escapeMarkdown(p.name)}**${this.boundProfileId === p.id ? ` — ${escapeMarkdown(t('bound to this folder'))}` : ''}\n\n`);
    md.appendMarkdown(`${escapeMarkdown(describeProfile(p))}\n\n`);
    md.appendMarkdown(`${escapeMarkdown(t('Host'))}: \`${hostOf(p.apiUrl)}\`${p.sandbox ? ` (${escapeMarkdown(t('local sandbox'))})` : ''}${p.sessionOnly ? ` — ${escapeMarkdown(t('this session only'))}` : ''}\n\n`);
    md.appendMarkdown(escapeMarkdown(t('Click to switch profile.')));
    item.tooltip = md;
    // Screen readers get plain text, not the tooltip's markdown.
    item.accessibilityInformation = {
      label: [
        t('Retrac profile {0}', p.name), this.boundProfileId === p.id ? t('bound to this folder') : undefined, describeProfile(p),
        t('host {0}', hostOf(p.apiUrl)), p.sandbox ? t('local sandbox') : undefined, p.sessionOnly ? t('this session only') : undefined,
        t('Click to switch profile.'),
      ].filter(Boolean).join(', '),
      role: 'button',
    };
    item.command = 'retrac.switchProfile';
    item.show();
  }

  dispose(): void {
    if (this.syncTimer) clearTimeout(this.syncTimer);
    const sandbox = this.sandbox;
    this.sandbox = undefined;
    // SIGTERM now; the child also exits by itself when our IPC channel closes with the host.
    void sandbox?.stop().catch(() => undefined);
    for (const d of this.redactions.values()) d.dispose();
    this.redactions.clear();
    for (const d of this.disposables) d.dispose();
  }
}
