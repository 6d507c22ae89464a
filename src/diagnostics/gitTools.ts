// "Retrac: Scan Git History", "Retrac: Install Pre-commit Hook" and "Retrac: Remove Pre-commit
// Hook". A bundle of its own (dist/git-tools.js), loaded on the first use of one of them:
// activation never pays for it.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Disposable } from '../lifecycle';
import type { Logger } from '../log';
import { scanText } from '../scan';
import { GitError, runGit } from '../scan/git/gitProcess';
import { scanHistory, type GitScanResult } from '../scan/git/history';
import { hookScript, installHook, locateHook, removeHook } from '../scan/git/preCommitHook';
import type { ReportedFinding } from '../scan/report/reported';
import { DIAGNOSTIC_SOURCE } from './documentScans';
import { showError } from '../showError';
import { diagnosticSeverity, readScanSettings } from './settings';

export const REPORT_SCHEME = 'retrac-history';
export const GIT_SHOW_SCHEME = 'retrac-git-show';

export interface GitToolsHost {
  log: Logger;
  extensionPath: string;
  gitPath(): string;
  ignoredFingerprints(): ReadonlySet<string>;
}

/** What "Scan Git History" returns (the integration tests read it); never holds a key. */
export interface HistoryScanSummary {
  repository: string;
  commits: number;
  findings: ReportedFinding[];
  historyOnly: number;
  inHead: number;
  skipped: number;
  shallow: boolean;
  cancelled: boolean;
  report?: string;
}

interface ShowTarget {
  root: string;
  commit: string;
  file: string;
}

export class GitTools extends Disposable {
  readonly collection = this.register(vscode.languages.createDiagnosticCollection('retrac-history'));
  private readonly documents = new Map<string, string>();
  private readonly links = new Map<string, vscode.DocumentLink[]>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  private running: Promise<HistoryScanSummary | undefined> | undefined;

  constructor(private readonly host: GitToolsHost) {
    super();
    const docs: vscode.TextDocumentContentProvider = {
      onDidChange: this.changed.event,
      provideTextDocumentContent: (uri) => this.documents.get(uri.toString()) ?? '',
    };
    const show: vscode.TextDocumentContentProvider = {
      provideTextDocumentContent: async (uri) => {
        const target = JSON.parse(uri.query) as ShowTarget;
        const out = await runGit(['show', `${target.commit}:${target.file}`], { cwd: target.root, gitPath: host.gitPath() });
        return out.toString('utf8');
      },
    };
    this.register(vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, docs));
    this.register(vscode.workspace.registerTextDocumentContentProvider(GIT_SHOW_SCHEME, show));
    this.register(vscode.languages.registerDocumentLinkProvider({ scheme: REPORT_SCHEME }, { provideDocumentLinks: (doc) => this.links.get(doc.uri.toString()) ?? [] }));
    // An open document has live diagnostics (with the same "committed in" note): no duplicate row.
    this.register(vscode.workspace.onDidOpenTextDocument((d) => this.collection.delete(d.uri)));
  }

  /** The URI that opens `file` as it was in `commit` (read-only), at `line`. */
  static showUri(root: string, commit: string, file: string, line: number): vscode.Uri {
    const query = JSON.stringify({ root, commit, file } satisfies ShowTarget);
    return vscode.Uri.from({ scheme: GIT_SHOW_SCHEME, path: `/${commit.slice(0, 7)}/${file}`, query, fragment: `L${line}` });
  }

  private async repositoryFolder(arg: unknown): Promise<string | undefined> {
    if (typeof arg === 'string') return arg;
    if (arg instanceof vscode.Uri) return arg.fsPath;
    const folders = vscode.workspace.workspaceFolders?.filter((f) => f.uri.scheme === 'file') ?? [];
    const active = vscode.window.activeTextEditor?.document.uri;
    const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? (folders.length > 1 ? await vscode.window.showWorkspaceFolderPick() : folders[0]);
    return folder?.uri.fsPath;
  }

  private refuseUntrusted(): boolean {
    if (vscode.workspace.isTrusted) return false;
    void vscode.window.showWarningMessage(vscode.l10n.t('Retrac: git runs only in a trusted workspace (a repository\'s settings can make git run programs).'));
    return true;
  }

  // ---- history -----------------------------------------------------------------------------

  scanHistory(arg?: unknown): Promise<HistoryScanSummary | undefined> {
    this.running ??= this.runHistory(arg).finally(() => (this.running = undefined));
    return this.running;
  }

  private async runHistory(arg: unknown): Promise<HistoryScanSummary | undefined> {
    if (this.refuseUntrusted()) return undefined;
    const folder = await this.repositoryFolder(arg);
    if (!folder) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Retrac: open a folder in a git repository to scan its history.'));
      return undefined;
    }
    const settings = readScanSettings(vscode.Uri.file(folder));
    let root: string;
    try {
      // --show-cdup, not --show-toplevel: the root keeps the folder's spelling (symlinks not
      // resolved), so Problems entries land on the URIs VS Code uses for the same files.
      const up = (await runGit(['rev-parse', '--show-cdup'], { cwd: folder, gitPath: this.host.gitPath() })).toString('utf8').trim();
      root = path.resolve(folder, up);
    } catch (err) {
      void showError(vscode.l10n.t('Retrac: cannot scan history: {0}', err instanceof Error ? err.message : String(err)));
      return undefined;
    }
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Retrac: scanning git history for leaked keys'), cancellable: true },
      async (progress, token): Promise<GitScanResult | undefined> => {
        const controller = new AbortController();
        const sub = token.onCancellationRequested(() => controller.abort());
        try {
          return await scanHistory({
            cwd: root,
            gitPath: this.host.gitPath(),
            lenient: settings.lenient,
            maxFileBytes: settings.maxFileBytes,
            signal: controller.signal,
            onProgress: (p) => progress.report({
              message: vscode.l10n.t('{0} commits, {1} MB ({2} commits/s)', p.commits, (p.bytes / 1024 / 1024).toFixed(0), Math.round(p.commits / Math.max(p.elapsedMs / 1000, 0.001))),
            }),
          });
        } catch (err) {
          if (!(err instanceof GitError)) throw err;
          void showError(vscode.l10n.t('Retrac: cannot scan history: {0}', err.message));
          return undefined;
        } finally {
          sub.dispose();
        }
      },
    );
    if (!result) return undefined;
    const ignored = this.host.ignoredFingerprints();
    const findings = result.findings.filter((f) => !ignored.has(f.fingerprint));
    const historyOnly = findings.filter((f) => !f.inHead);
    const atHead = findings.filter((f) => f.inHead);
    await this.publishHeadFindings(root, atHead, settings);
    const summary: HistoryScanSummary = {
      repository: root, commits: result.commits, findings, historyOnly: historyOnly.length, inHead: atHead.length,
      skipped: result.skipped.length, shallow: result.shallow, cancelled: result.interrupted,
    };
    this.host.log.info(`History scan of ${root}: ${result.commits} commits, ${(result.bytes / 1024 / 1024).toFixed(1)} MB in ${(result.elapsedMs / 1000).toFixed(1)} s; ${findings.length} findings (${historyOnly.length} only in history)${result.interrupted ? ', cancelled' : ''}`);
    if (findings.length || result.skipped.length || result.interrupted) {
      const uri = this.writeReport(root, result, findings);
      summary.report = uri.toString();
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { preview: false });
    } else {
      void vscode.window.showInformationMessage(vscode.l10n.t('Retrac: no leaked key in {0} commits of {1}.', result.commits, path.basename(root)));
    }
    return summary;
  }

  /** Keys still in files at HEAD: Problems entries where they are now, in the work tree. */
  private async publishHeadFindings(root: string, atHead: readonly ReportedFinding[], settings: ReturnType<typeof readScanSettings>): Promise<void> {
    this.collection.clear();
    const byPrint = new Map(atHead.map((f) => [f.fingerprint, f]));
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    for (const file of new Set(atHead.map((f) => f.file))) {
      const uri = vscode.Uri.file(path.join(root, file));
      if (open.has(uri.toString())) continue;
      let text: string;
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        continue; // not in the work tree any more (deleted, renamed since HEAD)
      }
      const lineStarts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
      const diagnostics: vscode.Diagnostic[] = [];
      for (const f of scanText(text, { fileName: uri.fsPath })) {
        const origin = byPrint.get(f.fingerprint);
        const severity = diagnosticSeverity(f.rule, f.severity, settings);
        if (!origin || severity === undefined) continue;
        const range = new vscode.Range(f.line - 1, f.column - 1, f.endLine - 1, f.endColumn - 1);
        const d = new vscode.Diagnostic(range, `${f.message} ${committedText(origin)}`, severity);
        d.source = DIAGNOSTIC_SOURCE;
        d.code = { value: f.rule, target: vscode.Uri.parse(f.docUrl) };
        diagnostics.push(d);
      }
      if (diagnostics.length) this.collection.set(uri, diagnostics);
    }
  }

  private writeReport(root: string, result: GitScanResult, findings: readonly ReportedFinding[]): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${path.basename(root)}/history-leaks.txt`, query: String(Date.now()) });
    const lines: string[] = [];
    const links: vscode.DocumentLink[] = [];
    const t = vscode.l10n.t;
    lines.push(t('Retrac: leaked keys in the git history of {0}', root));
    lines.push(t('{0} commits scanned{1}{2}.', result.commits, result.shallow ? t(' (a shallow clone: older commits are not here)') : '', result.interrupted ? t(' (cancelled: partial results)') : ''));
    lines.push(t('Rotate every key below: removing it from a file, or rewriting history, does not un-leak it. Open an entry (Ctrl+click the location) to see the file as that commit had it.'));
    const section = (title: string, list: readonly ReportedFinding[]): void => {
      lines.push('', title);
      if (!list.length) lines.push('  ' + t('(none)'));
      for (const f of list) {
        const where = `${f.file}:${f.line}`;
        const prefix = `  ${f.commit!.slice(0, 7)}  ${(f.date ?? '').slice(0, 10)}  `;
        const lineNo = lines.length;
        lines.push(`${prefix}${where}  ${f.rule}  ${f.author ?? ''}`);
        lines.push(`      ${f.message}`);
        const link = new vscode.DocumentLink(new vscode.Range(lineNo, prefix.length, lineNo, prefix.length + where.length), GitTools.showUri(root, f.commit!, f.file, f.line));
        link.tooltip = t('Open {0} as of commit {1}', f.file, f.commit!.slice(0, 7));
        links.push(link);
      }
    };
    section(t('Only in history (no longer in any file at HEAD):'), findings.filter((f) => !f.inHead));
    section(t('Still at HEAD (also listed in Problems):'), findings.filter((f) => f.inHead));
    if (result.skipped.length) {
      lines.push('', t('Not scanned:'));
      for (const s of result.skipped) lines.push(`  ${s.path}  ${s.reason}${s.size ? ` (${(s.size / 1024 / 1024).toFixed(1)} MB)` : ''}${s.commit ? `  ${s.commit.slice(0, 7)}` : ''}`);
    }
    this.documents.set(uri.toString(), lines.join('\n') + '\n');
    this.links.set(uri.toString(), links);
    this.changed.fire(uri);
    return uri;
  }

  // ---- pre-commit hook ---------------------------------------------------------------------

  /** Where the hook of the chosen repository goes; undefined (after saying why) when there is none. */
  private async hookLocation(arg: unknown): Promise<Awaited<ReturnType<typeof locateHook>> | undefined> {
    if (this.refuseUntrusted()) return undefined;
    const folder = await this.repositoryFolder(arg);
    return folder ? this.locate(folder) : undefined;
  }

  async installPreCommitHook(arg?: unknown): Promise<string | undefined> {
    const loc = await this.hookLocation(arg);
    if (!loc) return undefined;
    const t = vscode.l10n.t;
    if (loc.existing === 'ours') {
      void vscode.window.showInformationMessage(t('Retrac: the pre-commit hook is already installed at {0}.', loc.hookPath));
      return undefined;
    }
    let chain = false;
    if (loc.existing === 'other') {
      const chainIt = t('Chain Retrac in Front of It');
      const picked = await vscode.window.showWarningMessage(
        t('A pre-commit hook already exists at {0}. Retrac does not overwrite it: it can run its scan first and then the existing hook (kept as {1}).', loc.hookPath, path.basename(loc.chainedPath)),
        { modal: true },
        chainIt,
      );
      if (picked !== chainIt) return undefined;
      chain = true;
    }
    const script = hookScript({ node: process.execPath, cli: path.join(this.host.extensionPath, 'dist', 'retrac-scan.js') }, chain);
    const preview = vscode.Uri.from({ scheme: REPORT_SCHEME, path: '/pre-commit', query: String(Date.now()) });
    this.documents.set(preview.toString(), script);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(preview), { preview: true });
    const where = loc.hooksPath ? t('{0} (core.hooksPath is {1})', loc.hookPath, loc.hooksPath) : loc.hookPath;
    const install = t('Install');
    const ok = await vscode.window.showInformationMessage(t('Install this pre-commit hook at {0}? It blocks commits that add a Retrac key.', where), { modal: true }, install);
    if (ok !== install) return undefined;
    installHook(loc, script, chain);
    this.host.log.info(`Pre-commit hook written to ${loc.hookPath}${chain ? ` (previous hook chained as ${loc.chainedPath})` : ''}`);
    void vscode.window.showInformationMessage(t('Retrac: pre-commit hook installed at {0}. "Retrac: Remove Pre-commit Hook" takes it back.', loc.hookPath));
    return loc.hookPath;
  }

  async removePreCommitHook(arg?: unknown): Promise<string | undefined> {
    const loc = await this.hookLocation(arg);
    if (!loc) return undefined;
    const t = vscode.l10n.t;
    const outcome = removeHook(loc);
    const text = {
      removed: t('Retrac: pre-commit hook removed from {0}.', loc.hookPath),
      restored: t('Retrac: pre-commit hook removed; the hook it was chained to is back at {0}.', loc.hookPath),
      none: t('Retrac: no pre-commit hook at {0}.', loc.hookPath),
      'not-ours': t('Retrac: the pre-commit hook at {0} is not Retrac\'s; left as it is.', loc.hookPath),
    }[outcome];
    this.host.log.info(text);
    void vscode.window.showInformationMessage(text);
    return outcome;
  }

  private async locate(folder: string): Promise<Awaited<ReturnType<typeof locateHook>> | undefined> {
    try {
      return await locateHook({ cwd: folder, gitPath: this.host.gitPath() });
    } catch (err) {
      void showError(vscode.l10n.t('Retrac: {0}', err instanceof Error ? err.message : String(err)));
      return undefined;
    }
  }

  override dispose(): void {
    super.dispose();
    this.documents.clear();
    this.links.clear();
  }
}

function committedText(f: ReportedFinding): string {
  return vscode.l10n.t(
    '— committed in {0} on {1} — rotate the key: removing it from the file does not remove it from history.',
    (f.commit ?? '').slice(0, 7),
    (f.date ?? '').slice(0, 10),
  );
}

/** The bundle's entry: dist/git-tools.js exports this. */
export function createGitTools(host: GitToolsHost): GitTools {
  return new GitTools(host);
}
