// Leak diagnostics in the editor: live diagnostics for open documents, quick fixes, the workspace
// scan command and the language status entry. Activation only wires listeners; open documents are
// scanned right after activation returns, the workspace only on request.
import * as vscode from 'vscode';
import { Disposable } from '../lifecycle';
import type { Logger } from '../log';
import { registerCommand } from '../registerCommand';
import { showError } from '../showError';
import {
  COMMAND_IGNORE_IN_WORKSPACE, COMMAND_APPLY_FIX, COMMAND_RENAME_ENV_NAME, COMMAND_RESET_IGNORED, COMMAND_ROTATE_KEY,
  COMMAND_SCAN_WORKSPACE, COMMAND_SCAN_GIT_HISTORY, COMMAND_INSTALL_HOOK, COMMAND_REMOVE_HOOK,
} from './commands';
import type { GitTools } from './gitTools';
import { DocumentScans } from './documentScans';
import { EnvValues } from './envFiles';
import { GitFacts } from './git';
import { IgnoredFindings, type IgnoreHint } from './ignoredFindings';
import { CommittedKeys } from './committedKeys';
import { ScanLanguageStatus } from './languageStatus';
import type { FixFollowUp, FixToApply } from './quickFixes';
import type { RenameResult } from './renameEnvName';
import type { WorkspaceScan } from './workspaceScan';

export type { WorkspaceScanSummary } from './workspaceScan';
export type { RenameResult } from './renameEnvName';

import { DASHBOARD_URL as DASHBOARD } from '../api/types';

export class LeakDiagnostics extends Disposable {
  readonly scans: DocumentScans;
  private scanOfWorkspace: Promise<WorkspaceScan> | undefined;
  readonly status: ScanLanguageStatus;
  readonly ignored: IgnoredFindings;
  readonly git: GitFacts;
  readonly committed: CommittedKeys;
  /**
   * @param workspaceSlug the active profile's workspace slug, for the dashboard's API keys page
   *   (the accounts part knows it; this part only asks when a key is to be rotated).
   */
  constructor(
    context: vscode.ExtensionContext,
    private readonly log: Logger,
    private readonly workspaceSlug: () => string | undefined = () => undefined,
  ) {
    super();
    const git = this.register(new GitFacts(log));
    const env = this.register(new EnvValues());
    this.ignored = this.register(new IgnoredFindings(context.workspaceState, log));
    const committed = (this.committed = this.register(new CommittedKeys(git)));
    this.git = git;
    this.scans = this.register(new DocumentScans(log, git, env, this.ignored, committed));
    this.status = this.register(new ScanLanguageStatus(this.scans));

    const gitignores = this.register(vscode.workspace.createFileSystemWatcher('**/.gitignore'));
    const gitChanged = (): void => {
      git.invalidate();
      committed.invalidate();
      this.scans.rescanAll();
    };
    this.register(gitignores.onDidChange(gitChanged));
    this.register(gitignores.onDidCreate(gitChanged));
    this.register(gitignores.onDidDelete(gitChanged));

    // The fixes and their edit builders are their own bundle (dist/quick-fixes.js), loaded when the first light bulb asks.
    let fixes: Promise<vscode.CodeActionProvider> | undefined;
    const quickFixes = (): Promise<vscode.CodeActionProvider> =>
      (fixes ??= import('./quickFixes').then((m) => new m.LeakQuickFixes(this.scans, git, committed)));
    this.register(vscode.languages.registerCodeActionsProvider(
      [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-vfs' }, { scheme: 'vscode-remote' }, { scheme: 'vscode-notebook-cell' }],
      { provideCodeActions: async (document, range, ctx, token) => (await quickFixes()).provideCodeActions(document, range, ctx, token) },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ));
    this.register(registerCommand(COMMAND_SCAN_WORKSPACE, async () => (await this.workspaceScan(context)).run(), log));
    this.register(registerCommand(COMMAND_RESET_IGNORED, () => this.resetIgnored(), log));
    this.register(registerCommand(COMMAND_IGNORE_IN_WORKSPACE, (fingerprint: unknown, hint: unknown) => this.ignored.add(String(fingerprint), toHint(hint)), log));
    this.register(registerCommand(COMMAND_ROTATE_KEY, () => this.rotateKey(), log));
    this.register(registerCommand(COMMAND_RENAME_ENV_NAME, (from: unknown, to: unknown) => this.renameEnvName(String(from), String(to)), log));
    this.register(registerCommand(COMMAND_APPLY_FIX, (fix: unknown) => this.applyFix(fix as FixToApply), log));
    this.register(registerCommand(COMMAND_SCAN_GIT_HISTORY, (folder: unknown) => this.gitTools(context).scanHistory(folder), log));
    this.register(registerCommand(COMMAND_INSTALL_HOOK, (folder: unknown) => this.gitTools(context).installPreCommitHook(folder), log));
    this.register(registerCommand(COMMAND_REMOVE_HOOK, (folder: unknown) => this.gitTools(context).removePreCommitHook(folder), log));
    this.scans.start();
  }

  /** Scan Workspace for Leaked Keys: dist/workspace-scan.js, loaded on first use. */
  workspaceScan(context: vscode.ExtensionContext): Promise<WorkspaceScan> {
    return (this.scanOfWorkspace ??= import('./workspaceScan').then((m) => this.register(new m.WorkspaceScan(context.extensionPath, this.ignored, this.log))));
  }

  private tools: GitTools | undefined;

  /** History scan and hook commands: dist/git-tools.js, loaded on first use (activation never loads it). */
  private gitTools(context: vscode.ExtensionContext): GitTools {
    if (!this.tools) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(context.asAbsolutePath('dist/git-tools.js')) as typeof import('./gitTools');
      this.tools = this.register(mod.createGitTools({
        log: this.log,
        extensionPath: context.extensionPath,
        gitPath: () => this.git.gitExecutable(),
        ignoredFingerprints: () => this.ignored.fingerprints(),
      }));
    }
    return this.tools;
  }

  /** The dashboard page where keys are revoked and created. */
  apiKeysPageUrl(): string {
    const slug = this.workspaceSlug();
    return slug && /^[A-Za-z0-9_-]+$/.test(slug) ? `${DASHBOARD}/${slug}/settings/api-keys` : `${DASHBOARD}/settings/api-keys`;
  }

  private async resetIgnored(): Promise<number> {
    const count = await this.ignored.clear();
    void vscode.window.showInformationMessage(
      count ? vscode.l10n.t('Retrac: {0} ignored findings are reported again.', count) : vscode.l10n.t('Retrac: no findings were ignored in this workspace.'),
    );
    return count;
  }

  private async rotateKey(): Promise<string> {
    const url = this.apiKeysPageUrl();
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Removing the key from the file does not un-leak it: it stays in git history. Revoke it on the API keys page and use a new key.'),
    );
    await vscode.env.openExternal(vscode.Uri.parse(url));
    return url;
  }

  private async renameEnvName(from: string, to: string): Promise<RenameResult | undefined> {
    if (!/^[A-Za-z_]\w*$/.test(from) || !/^[A-Za-z_]\w*$/.test(to)) throw new Error(vscode.l10n.t('not an environment variable name'));
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Retrac: renaming {0} to {1}', from, to), cancellable: true },
      async (_progress, token) => {
        const { renameEnvNameEdit } = await import('./renameEnvName');
        const { edit, result } = await renameEnvNameEdit(from, to, token);
        if (token.isCancellationRequested) return undefined;
        if (!result.occurrences) {
          void vscode.window.showInformationMessage(vscode.l10n.t('Retrac: {0} is not used in this workspace.', from));
          return result;
        }
        if (!(await vscode.workspace.applyEdit(edit))) throw new Error(vscode.l10n.t('could not rename {0} (a file changed meanwhile?)', from));
        this.log.info(`Renamed ${from} to ${to}: ${result.occurrences} places in ${result.files} files`);
        void vscode.window.showInformationMessage(
          vscode.l10n.t('Retrac: renamed {0} to {1} in {2} places across {3} files. Revoke the exposed key: it may already be in a published bundle.', from, to, result.occurrences, result.files),
        );
        return result;
      },
    );
  }

  /** Applies a fix offered for a document, unless the document changed since (its offsets would be wrong). */
  private async applyFix(fix: FixToApply): Promise<void> {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === fix.uri);
    if (document?.version !== fix.version) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Retrac: the file changed since this fix was offered, so nothing was changed. Open the quick fixes again.'));
      return;
    }
    if (!(await vscode.workspace.applyEdit(fix.edit))) {
      void showError(vscode.l10n.t('Retrac: VS Code did not apply the fix (a file it changes may have changed meanwhile). Open the quick fixes again.'));
      return;
    }
    await this.finishFix(fix.followUp);
  }

  /** After a fix's edit: saves the other files it touched (git reads .gitignore from disk) and says what happened. */
  private async finishFix(followUp: FixFollowUp): Promise<void> {
    for (const uri of followUp.save ?? []) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      if (doc?.isDirty) await doc.save();
    }
    if (followUp.checkTracked && (await this.git.isTracked(followUp.checkTracked.fsPath))) {
      const shown = followUp.checkTracked.shown;
      followUp = {
        ...followUp,
        warning: true,
        message: [followUp.message, vscode.l10n.t('{0} is tracked by git, so the key would be committed with it: run `git rm --cached {0}`.', shown)].filter(Boolean).join(' '),
      };
    }
    if (!followUp.message) return;
    if (followUp.warning) void vscode.window.showWarningMessage(followUp.message);
    else void vscode.window.showInformationMessage(followUp.message);
  }

}

/** A quick fix's hint argument, checked field by field (commands can be run with anything). */
function toHint(value: unknown): IgnoreHint {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return {
    ...(typeof v.uri === 'string' ? { uri: v.uri } : {}),
    ...(typeof v.rule === 'string' && /^retrac\/[a-z-]+$/.test(v.rule) ? { rule: v.rule } : {}),
    ...(typeof v.line === 'number' && Number.isInteger(v.line) && v.line > 0 ? { line: v.line } : {}),
  };
}
