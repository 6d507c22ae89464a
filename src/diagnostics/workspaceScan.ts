// "Retrac: Scan Workspace for Leaked Keys": the scan worker (dist/scan-worker.js, a worker thread,
// so the extension host stays responsive) walks the workspace folders (it honours .gitignore,
// skips node_modules and VCS folders, and reads every other file, bundles and source maps
// included); files.exclude and retrac.scan.exclude are applied to its results here, with the
// linear-time globs of scan/glob.ts. Files that were not scanned are counted in the summary
// message, per reason, and listed in the Retrac log. Findings go to their own collection in the
// Problems panel; a file opened in an editor is covered by the live diagnostics instead.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { Disposable } from '../lifecycle';
import type { Logger } from '../log';
import type { Finding } from '../scan';
import { Glob } from '../scan/glob';
import { reasonLabel, skippedSummary, type SkippedFile } from '../scan/skipped';
import type { DoneMessage, WorkerMessage, WorkerRequest } from '../scan/workerProtocol';
import { DIAGNOSTIC_SOURCE } from './documentScans';
import type { IgnoredFindings } from './ignoredFindings';
import { showLogAction } from '../showError';
import { diagnosticSeverity, readScanSettings } from './settings';

/** What the command returns (the integration tests read it); never holds a key. */
export interface WorkspaceScanSummary {
  cancelled: boolean;
  filesScanned: number;
  filesSkipped: number;
  /** Files not scanned (outside the exclusions), with the reason; never holds file contents. */
  skipped: SkippedFile[];
  filesWithFindings: number;
  findings: number;
  durationMs: number;
}

export class WorkspaceScan extends Disposable {
  readonly collection = this.register(vscode.languages.createDiagnosticCollection('retrac-workspace'));
  private running: Promise<WorkspaceScanSummary | undefined> | undefined;
  private worker: Worker | undefined;

  constructor(
    private readonly extensionPath: string,
    private readonly ignored: IgnoredFindings,
    private readonly log: Logger,
  ) {
    super();
    // An open document has live diagnostics: drop its (possibly older) workspace-scan entry.
    this.register(vscode.workspace.onDidOpenTextDocument((d) => this.collection.delete(d.uri)));
  }

  /** Runs the scan with a cancellable progress notification; a second call joins the running one. */
  run(): Promise<WorkspaceScanSummary | undefined> {
    this.running ??= this.scan().finally(() => (this.running = undefined));
    return this.running;
  }

  private async scan(): Promise<WorkspaceScanSummary | undefined> {
    const folders = vscode.workspace.workspaceFolders?.filter((f) => f.uri.scheme === 'file') ?? [];
    if (!folders.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Retrac: open a folder to scan it for leaked keys.'));
      return undefined;
    }
    const settings = readScanSettings(folders[0].uri);
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Retrac: scanning the workspace for leaked keys'), cancellable: true },
      async (progress, token) => {
        const byFile = new Map<string, Finding[]>();
        let reported = 0;
        const done = await this.runWorker(
          {
            type: 'scan',
            id: 1,
            roots: folders.map((f) => f.uri.fsPath),
            lenient: settings.lenient,
            ignoredFingerprints: [...this.ignored.fingerprints()],
            maxFileBytes: settings.maxFileBytes,
          },
          token,
          (message) => {
            if (message.type === 'file') byFile.set(message.path, message.findings);
            else if (message.type === 'progress' && message.filesTotal > 0) {
              const pct = (message.filesDone / message.filesTotal) * 100;
              progress.report({ increment: pct - reported, message: vscode.l10n.t('{0} of {1} files', message.filesDone, message.filesTotal) });
              reported = pct;
            }
          },
        );
        if (done.cancelled) {
          this.log.info(`Workspace scan cancelled after ${done.filesScanned} files`);
          return { cancelled: true, filesScanned: done.filesScanned, filesSkipped: done.filesSkipped, skipped: [], filesWithFindings: 0, findings: 0, durationMs: done.durationMs };
        }
        const summary = this.publish(byFile, folders, done);
        this.log.info(`Workspace scan: ${summary.findings} findings in ${summary.filesWithFindings} files; ${done.filesScanned} files scanned, ${summary.filesSkipped} not scanned, ${(done.bytesScanned / 1024 / 1024).toFixed(1)} MB in ${done.durationMs} ms`);
        for (const s of summary.skipped) this.log.info(`Workspace scan: not scanned (${reasonLabel(s.reason)}): ${s.path}`);
        this.announce(summary);
        return summary;
      },
    );
  }

  private runWorker(request: WorkerRequest & { type: 'scan' }, token: vscode.CancellationToken, onMessage: (m: WorkerMessage) => void): Promise<DoneMessage> {
    return new Promise<DoneMessage>((resolve, reject) => {
      const worker = new Worker(path.join(this.extensionPath, 'dist', 'scan-worker.js'));
      this.worker = worker;
      const cancel = token.onCancellationRequested(() => worker.postMessage({ type: 'cancel', id: request.id } satisfies WorkerRequest));
      const finish = (): void => {
        cancel.dispose();
        this.worker = undefined;
        void worker.terminate();
      };
      worker.on('message', (message: WorkerMessage) => {
        if (message.id !== request.id) return;
        if (message.type === 'done') {
          finish();
          resolve(message);
        } else if (message.type === 'error') {
          finish();
          reject(new Error(message.message));
        } else onMessage(message);
      });
      worker.on('error', (err) => {
        finish();
        reject(err);
      });
      worker.on('exit', (code) => reject(new Error(`the scan worker stopped (exit code ${code})`)));
      worker.postMessage(request);
    });
  }

  private publish(byFile: Map<string, Finding[]>, folders: readonly vscode.WorkspaceFolder[], done: DoneMessage): WorkspaceScanSummary {
    const excluders = new Map<string, (fsPath: string) => boolean>();
    const isExcluded = (fsPath: string): boolean => {
      const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(fsPath)) ?? folders[0];
      const key = folder.uri.toString();
      if (!excluders.has(key)) excluders.set(key, excluderFor(folder));
      return excluders.get(key)!(fsPath);
    };
    const entries: [vscode.Uri, vscode.Diagnostic[]][] = [];
    let findings = 0;
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    for (const [fsPath, found] of byFile) {
      const uri = vscode.Uri.file(fsPath);
      if (isExcluded(fsPath)) continue;
      const settings = readScanSettings(uri);
      const diagnostics: vscode.Diagnostic[] = [];
      for (const f of found) {
        const severity = diagnosticSeverity(f.rule, f.severity, settings);
        if (severity === undefined) continue;
        const d = new vscode.Diagnostic(new vscode.Range(f.line - 1, f.column - 1, f.endLine - 1, f.endColumn - 1), f.message, severity);
        d.source = DIAGNOSTIC_SOURCE;
        d.code = { value: f.rule, target: vscode.Uri.parse(f.docUrl) };
        diagnostics.push(d);
      }
      if (!diagnostics.length) continue;
      findings += diagnostics.length;
      if (!open.has(uri.toString())) entries.push([uri, diagnostics]);
    }
    this.collection.clear();
    this.collection.set(entries);
    const skipped = done.skipped.filter((s) => !isExcluded(s.path));
    return {
      cancelled: false,
      filesScanned: done.filesScanned,
      filesSkipped: skipped.length,
      skipped,
      filesWithFindings: entries.length + [...byFile.keys()].filter((p) => open.has(vscode.Uri.file(p).toString())).length,
      findings,
      durationMs: done.durationMs,
    };
  }

  private announce(summary: WorkspaceScanSummary): void {
    const seconds = (summary.durationMs / 1000).toFixed(1);
    // Not scanned is never silent: the count per reason, and the log lists the files.
    const notScanned = summary.skipped.length ? ' ' + vscode.l10n.t('{0} (listed in the Retrac log).', skippedSummary(summary.skipped)) : '';
    const logAction = showLogAction();
    const showLog = logAction.title;
    const onLog = (choice: string | undefined): void => {
      if (choice === showLog) void logAction.run();
    };
    if (summary.findings === 0) {
      const text = vscode.l10n.t('Retrac: no leaked keys found ({0} files scanned in {1} s).', summary.filesScanned, seconds) + notScanned;
      if (summary.skipped.length) void vscode.window.showWarningMessage(text, showLog).then(onLog);
      else void vscode.window.showInformationMessage(text);
      return;
    }
    const show = vscode.l10n.t('Show Problems');
    const actions = summary.skipped.length ? [show, showLog] : [show];
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t('Retrac: {0} findings in {1} files ({2} files scanned in {3} s).', summary.findings, summary.filesWithFindings, summary.filesScanned, seconds) + notScanned,
        ...actions,
      )
      .then((choice) => {
        if (choice === show) void vscode.commands.executeCommand('workbench.actions.view.problems');
        else onLog(choice);
      });
  }

  override dispose(): void {
    void this.worker?.terminate();
    super.dispose();
  }
}

/** Matches files.exclude (true entries) and retrac.scan.exclude, relative to the folder, on the file and its parent folders. */
function excluderFor(folder: vscode.WorkspaceFolder): (fsPath: string) => boolean {
  const filesExclude = vscode.workspace.getConfiguration('files', folder.uri).get<Record<string, unknown>>('exclude') ?? {};
  const globs = [...Object.entries(filesExclude).filter(([, on]) => on === true).map(([g]) => g), ...readScanSettings(folder.uri).exclude];
  const base = folder.uri.fsPath.endsWith(path.sep) ? folder.uri.fsPath : folder.uri.fsPath + path.sep;
  // Braces are alternatives inside the automaton: no expansion, so `{a,b}{c,d}…` cannot blow up.
  const rules = globs.map((g) => new Glob(g.startsWith('/') ? g.slice(1) : g, { braces: true }));
  return (fsPath) => {
    if (!fsPath.startsWith(base)) return false;
    const parts = fsPath.slice(base.length).split(path.sep);
    for (let i = 1; i <= parts.length; i++) {
      const rel = parts.slice(0, i).join('/');
      if (rules.some((r) => r.matches(rel))) return true;
    }
    return false;
  };
}
