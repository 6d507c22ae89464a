// "Use Local Sandbox" / "Stop Local Sandbox": the sandbox in its own process (a fork of
// dist/sandbox.js), its keys adopted as profiles marked "sandbox", a crash said with Restart.
// Part of the accounts UI bundle; `Accounts` keeps the launcher once it ran.
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { launchSandboxProcess, type SandboxExit, type SandboxProcess } from '../sandbox/child';
import type { SandboxInfo } from '../sandbox/types';
import { showError, showLogAction } from '../showError';
import { isSecretStorageError } from './accountError';
import type { Profile } from './connection';
import type { Accounts, SourceDown } from './index';
import { profilesFromSandboxInfo, uniqueName } from './keyInput';

const t = vscode.l10n.t;

export class SandboxLauncher {
  /** The sandbox of this window while it runs. */
  running: SandboxProcess | undefined;
  /** Set when this window's sandbox stopped or crashed; cleared when it starts again. */
  down: SourceDown | undefined;

  constructor(private readonly accounts: Accounts) {}

  /** `reset`: move a state the sandbox refuses to `.bak` copies and start with fresh demo data. */
  async use(reset = false): Promise<Profile | undefined> {
    const { accounts } = this;
    try {
      if (!this.running) {
        const started = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: t('Starting the local Retrac sandbox…') },
          async () => {
            const dir = vscode.Uri.joinPath(accounts.context.globalStorageUri, 'sandbox').fsPath;
            await mkdir(dir, { recursive: true, mode: 0o700 });
            // Its own process (a fork of the sandbox bundle, which activation never loads): a crash
            // there cannot take the extension host down.
            const args = ['--port', '0', '--state', path.join(dir, 'state.json'), '--cert-dir', dir, ...(reset ? ['--reset'] : [])];
            return launchSandboxProcess(accounts.context.asAbsolutePath('dist/sandbox.js'), args);
          },
        );
        this.running = started;
        this.down = undefined;
        void started.exited.then((exit) => this.exited(started, exit));
        accounts.logger.info(`Local sandbox started at ${started.baseUrl} (process ${String(started.pid)}, CA ${started.caCertPath}).`);
      }
      const running = this.running;
      const owner = await this.adoptKeys(running);
      if (owner) await accounts.activate(owner.id);
      void vscode.window.showInformationMessage(
        t('The local Retrac sandbox runs at {0}; its {1} keys are profiles marked “sandbox”.', running.baseUrl, running.keys.length),
      );
      return owner;
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      const message = t('Could not start the local sandbox: {0}', reason);
      accounts.logger.error(message);
      if (!reset && reason.includes('--reset')) {
        // Its saved state is unusable (the reason names the file): offer what --reset does.
        void showError(message, [{ title: t('Start Fresh (keep a .bak copy)'), run: () => this.use(true) }, showLogAction()]);
      } else accounts.showError(message);
      return undefined;
    }
  }

  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    const { accounts } = this;
    this.running = undefined;
    this.down = { reason: 'stopped', message: t('The local Retrac sandbox was stopped.') };
    const exit = await running.stop();
    accounts.logger.info(`Local sandbox stopped (process ${String(running.pid)}, ${exit.signal ?? `exit code ${String(exit.code)}`}).`);
    accounts.dropClient();
    accounts.profilesChanged();
    void vscode.window.showInformationMessage(t('The local Retrac sandbox stopped; its profiles work again after “Use Local Sandbox”.'));
  }

  /** The sandbox process ended: a crash is logged, shown with Restart, and marks its profiles' tree. */
  private exited(ended: SandboxProcess, exit: SandboxExit): void {
    if (this.running !== ended) return; // an older one, already replaced
    this.running = undefined;
    if (exit.requested) return;
    const { accounts } = this;
    const how = exit.signal ? t('killed by {0}', exit.signal) : t('exit code {0}', String(exit.code));
    const message = t('The local Retrac sandbox stopped unexpectedly ({0}).', how);
    this.down = { reason: 'crashed', message };
    accounts.logger.error(`${message}${exit.stderrTail ? ` Its last log lines:\n${exit.stderrTail}` : ''}`);
    accounts.dropClient();
    accounts.profilesChanged();
    void showError(message, [{ title: t('Restart'), run: () => accounts.useLocalSandboxCommand() }, showLogAction()]);
  }

  /** Adds or updates one profile per sandbox key (the port changes at every start); returns owner-full's. */
  private async adoptKeys(info: SandboxInfo): Promise<Profile | undefined> {
    const { accounts } = this;
    const existing = accounts.profiles.filter((p) => p.sandbox && !p.sessionOnly && p.sandboxKeyName);
    let owner: Profile | undefined;
    for (const { profile, key } of profilesFromSandboxInfo(info, (k) => existing.find((p) => p.sandboxKeyName === k.name)?.id ?? randomUUID())) {
      const before = existing.find((p) => p.id === profile.id);
      const merged = { ...profile, name: before?.name ?? uniqueName(profile.name, accounts.profiles.map((p) => p.name)) };
      accounts.registerSecret(profile.id, key);
      if (before && (await accounts.store.getKey(profile.id)) === key) await accounts.store.update(merged);
      else {
        try {
          await accounts.store.save(merged, key);
        } catch (e) {
          if (!isSecretStorageError(e)) throw e;
          await accounts.store.save({ ...merged, sessionOnly: true }, key);
        }
      }
      if (profile.sandboxKeyName === 'owner-full') owner = merged;
    }
    accounts.dropClient();
    accounts.profilesChanged();
    return owner;
  }

  /** SIGTERM now; the child also exits by itself when our IPC channel closes with the host. */
  dispose(): void {
    const sandbox = this.running;
    this.running = undefined;
    void sandbox?.stop().catch(() => undefined);
  }
}
