// Diagnostics for open documents: a full scan on open, a debounced incremental rescan of the
// changed lines on edit, a rescan on save, cleared on close. Each run notes the document version
// it started from; a run that finishes after a newer edit (or after close) is dropped.
import * as vscode from 'vscode';
import { Disposable } from '../lifecycle';
import type { Logger } from '../log';
import { IncrementalScan, isEnvFileName, type Finding, type ScanOptions, type TextChange } from '../scan';
import type { EnvValues } from './envFiles';
import type { GitFacts } from './git';
import type { IgnoredFindings } from './ignoredFindings';
import { committedNote, type CommittedKeys } from './committedKeys';
import { diagnosticSeverity, isExcluded, readScanSettings, type ScanSettings } from './settings';

export const DIAGNOSTIC_SOURCE = 'Retrac';
const EDIT_DEBOUNCE_MS = 150;
/** Past this many queued edits a full scan is cheaper than replaying them. */
const MAX_PENDING_CHANGES = 500;
// `vscode-notebook-cell`: each cell of a notebook opened in the notebook editor is a document of
// its own, holding the cell's code (not the .ipynb JSON the CLI reads).
const SCANNED_SCHEMES = new Set(['file', 'untitled', 'vscode-vfs', 'vscode-remote', 'vscode-notebook-cell']);
/** Rules whose range is the key itself: the ones a commit can have leaked. */
const KEY_RANGE = /^(?:retrac_)?[A-Za-z0-9]{16,64}$/;

/** A finding as shown: the diagnostic and what a quick fix needs to know. */
export interface ShownFinding {
  finding: Finding;
  diagnostic: vscode.Diagnostic;
}

export interface DocumentScanResult {
  uri: vscode.Uri;
  /** The document version the findings belong to. */
  version?: number;
  shown: readonly ShownFinding[];
  /** When the last scan finished and how long its scanning part took. */
  scannedAt?: Date;
  durationMs?: number;
  /** From the first edit this scan covers to its diagnostics being published (debounce included). */
  editLatencyMs?: number;
  /** Why the document is not scanned (too large, excluded, turned off). */
  skipped?: string;
}

interface DocState {
  /** The scanner that saw the text the queued changes apply to; undefined → next run is full. */
  scan?: IncrementalScan;
  optionsKey?: string;
  pending: TextChange[];
  /** performance.now() of the oldest edit not yet published. */
  firstEditAt?: number;
  /** Everything the scanner found at the last run, before severity overrides. */
  findings: Finding[];
  timer?: NodeJS.Timeout;
  /** Increases with every run started; only the newest may publish. */
  run: number;
  result: DocumentScanResult;
  loggedSkip?: boolean;
}

export class DocumentScans extends Disposable {
  readonly collection = this.register(vscode.languages.createDiagnosticCollection('retrac'));
  private readonly states = new Map<string, DocState>();
  private readonly scanned = this.register(new vscode.EventEmitter<DocumentScanResult>());
  /** Fires after a document's diagnostics were published (or cleared). */
  readonly onDidScan = this.scanned.event;
  /** The env generation whose arrival already triggers a rescan (once, however many documents wait). */
  private rescanOnEnv: number | undefined;

  constructor(
    private readonly log: Logger,
    private readonly git: GitFacts,
    private readonly env: EnvValues,
    private readonly ignored: IgnoredFindings,
    /** Whether a key is in a commit (cached; never awaited here). */
    private readonly committed?: CommittedKeys,
  ) {
    super();
    if (committed) {
      this.register(committed.onDidAnswer((uri) => {
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (doc) this.schedule(doc, 0);
      }));
    }
    this.register(vscode.workspace.onDidOpenTextDocument((d) => this.opened(d)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.changed(e)));
    this.register(vscode.workspace.onDidSaveTextDocument((d) => this.saved(d)));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.closed(d)));
    this.register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('retrac.scan')) this.rescanAll();
    }));
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => {
      this.git.invalidate();
      this.rescanAll();
    }));
    this.register(this.env.onDidChange(() => this.rescanAll()));
    this.register(this.ignored.onDidChange(() => this.rescanAll()));
  }

  /** Scans the documents already open, after activation has returned; starts the env file search. */
  start(): void {
    const timer = setTimeout(() => {
      void this.env.values();
      this.rescanAll();
      // With a document open (the usual activation) its own scan warms the scanner up.
      if (!vscode.workspace.textDocuments.some((d) => SCANNED_SCHEMES.has(d.uri.scheme))) this.warmUp();
    }, 0);
    this.register({ dispose: () => clearTimeout(timer) });
  }

  /** Rescans every open document from scratch (settings, env values or the ignore list changed). */
  rescanAll(): void {
    for (const doc of vscode.workspace.textDocuments) {
      const state = this.states.get(doc.uri.toString());
      if (state) state.scan = undefined;
      this.schedule(doc, 0);
    }
  }

  resultFor(uri: vscode.Uri): DocumentScanResult | undefined {
    return this.states.get(uri.toString())?.result;
  }

  /** Runs any queued rescan of the document now and resolves when its diagnostics are current. */
  async flush(document: vscode.TextDocument): Promise<DocumentScanResult | undefined> {
    const state = this.states.get(document.uri.toString());
    if (state?.timer) {
      clearTimeout(state.timer);
      state.timer = undefined;
    }
    await this.runScan(document);
    return this.resultFor(document.uri);
  }

  /**
   * A document opened is scanned in the same turn, not after a timer: opening the first file of a
   * language also activates that language's extensions in this extension host (the built-in
   * TypeScript one for JavaScript), which keeps the event loop busy for 0.4–1 s; a scan queued
   * behind it waited that long.
   */
  private opened(document: vscode.TextDocument): void {
    if (!SCANNED_SCHEMES.has(document.uri.scheme)) return;
    const state = this.stateOf(document);
    if (state.timer) {
      clearTimeout(state.timer);
      state.timer = undefined;
    }
    this.runScan(document).catch((err: unknown) => this.log.error(err instanceof Error ? err : String(err)));
  }

  /** Runs the scanner once on a small sample, so the first real file does not pay its warm-up. */
  private warmUp(): void {
    const started = performance.now();
    new IncrementalScan({ fileName: 'warm-up.js', languageId: 'javascript', lenient: false, gitIgnored: false, envValues: new Map(), ignoredFingerprints: new Set() })
      .full('const client = { headers: { Authorization: `Bearer ${process.env.RETRAC_API_KEY}` } };\nfetch("https://api.retrac.co/items?workspaceId=ws_1", client);\n');
    this.log.debug(`scanner warm-up ${(performance.now() - started).toFixed(1)} ms`);
  }

  private changed(e: vscode.TextDocumentChangeEvent): void {
    if (!e.contentChanges.length || !SCANNED_SCHEMES.has(e.document.uri.scheme)) return;
    const state = this.stateOf(e.document);
    state.firstEditAt ??= performance.now();
    if (state.scan) {
      for (const c of e.contentChanges) state.pending.push({ rangeOffset: c.rangeOffset, rangeLength: c.rangeLength, text: c.text });
      if (state.pending.length > MAX_PENDING_CHANGES) {
        state.scan = undefined;
        state.pending = [];
      }
    }
    this.schedule(e.document, EDIT_DEBOUNCE_MS);
  }

  private saved(document: vscode.TextDocument): void {
    const name = document.uri.path;
    if (isEnvFileName(name)) this.env.invalidate(); // rescans everything
    if (name.endsWith('/.gitignore')) {
      this.git.invalidate();
      this.rescanAll();
      return;
    }
    this.schedule(document, 0);
  }

  private closed(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const state = this.states.get(key);
    if (state?.timer) clearTimeout(state.timer);
    this.states.delete(key);
    this.collection.delete(document.uri);
    this.scanned.fire({ uri: document.uri, shown: [] });
  }

  private stateOf(document: vscode.TextDocument): DocState {
    const key = document.uri.toString();
    let state = this.states.get(key);
    if (!state) {
      state = { pending: [], findings: [], run: 0, result: { uri: document.uri, shown: [] } };
      this.states.set(key, state);
    }
    return state;
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    if (!SCANNED_SCHEMES.has(document.uri.scheme)) return;
    const state = this.stateOf(document);
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      this.runScan(document).catch((err: unknown) => this.log.error(err instanceof Error ? err : String(err)));
    }, delayMs);
  }

  private async runScan(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed) return;
    const state = this.stateOf(document);
    const run = ++state.run;
    const version = document.version;
    const settings = readScanSettings(document);
    const skipped = this.skipReason(document, settings, state);
    if (skipped) {
      state.scan = undefined;
      state.pending = [];
      state.findings = [];
      this.publish(document, state, { uri: document.uri, shown: [], skipped });
      return;
    }
    state.loggedSkip = false;
    const started = performance.now();
    const options = await this.optionsFor(document, settings);
    const optionsMs = performance.now() - started;
    // Stale: a newer edit, a newer run or a close happened while git and the env files were asked.
    if (document.isClosed || document.version !== version || state.run !== run || this.states.get(document.uri.toString()) !== state) return;

    const optionsKey = `${settings.lenient}|${options.gitIgnored}|${this.env.generation}|${this.ignored.generation}|${document.languageId}`;
    const text = document.getText();
    const t0 = performance.now();
    let findings: Finding[];
    if (!state.scan || state.optionsKey !== optionsKey) {
      state.scan = new IncrementalScan(options);
      state.optionsKey = optionsKey;
      findings = state.scan.full(text);
    } else if (state.pending.length) {
      findings = state.scan.update(text, state.pending);
    } else {
      findings = state.findings;
    }
    state.pending = [];
    state.findings = findings;
    const durationMs = performance.now() - t0;
    const shown: ShownFinding[] = [];
    for (const finding of findings) {
      const severity = diagnosticSeverity(finding.rule, finding.severity, settings);
      if (severity === undefined) continue;
      const range = new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end));
      const diagnostic = new vscode.Diagnostic(range, this.messageOf(document, finding, text), severity);
      diagnostic.source = DIAGNOSTIC_SOURCE;
      diagnostic.code = { value: finding.rule, target: vscode.Uri.parse(finding.docUrl) };
      shown.push({ finding, diagnostic });
    }
    const editLatencyMs = state.firstEditAt === undefined ? undefined : performance.now() - state.firstEditAt;
    this.log.debug(`scan ${document.uri.path.split('/').pop()} v${version} (${document.languageId}): options ${optionsMs.toFixed(1)} ms, scan ${durationMs.toFixed(1)} ms, ${shown.length} findings`);
    state.firstEditAt = undefined;
    this.publish(document, state, { uri: document.uri, version, shown, scannedAt: new Date(), durationMs, editLatencyMs });
  }

  /** The scanner's message, plus the commit that already holds the key when git knows one. */
  private messageOf(document: vscode.TextDocument, finding: Finding, text: string): string {
    if (!this.committed || finding.keyType === undefined) return finding.message;
    const secret = text.slice(finding.start, finding.end);
    if (!KEY_RANGE.test(secret)) return finding.message;
    const facts = this.committed.lookup(document.uri, finding, secret);
    return facts ? `${finding.message} ${committedNote(facts)}` : finding.message;
  }

  private skipReason(document: vscode.TextDocument, settings: ScanSettings, state: DocState): string | undefined {
    if (!settings.enabled) return vscode.l10n.t('leak scan turned off (retrac.scan.enabled)');
    if (isExcluded(document, settings)) return vscode.l10n.t('excluded by retrac.scan.exclude');
    // Length in UTF-16 units: close enough to bytes for a size guard, and free to read.
    const size = document.getText().length;
    if (size > settings.maxFileBytes) {
      const limitMb = settings.maxFileBytes / 1024 / 1024;
      if (!state.loggedSkip) {
        this.log.info(`Not scanning ${document.uri.fsPath || document.uri.toString()}: ${(size / 1024 / 1024).toFixed(1)} MB is over retrac.scan.maxFileSize (${limitMb} MB)`);
        state.loggedSkip = true;
      }
      return vscode.l10n.t('not scanned: larger than {0} MB (retrac.scan.maxFileSize)', limitMb);
    }
    return undefined;
  }

  private async optionsFor(document: vscode.TextDocument, settings: ScanSettings): Promise<ScanOptions> {
    const fileName = scannedFileName(document.uri);
    const envFile = isEnvFileName(fileName) || document.languageId === 'dotenv';
    // The first search of the workspace's env files takes 0.5–1 s (the search service starts): a
    // document opened meanwhile is scanned at once without env values and again when they arrive,
    // if there are any (they only matter for `process.env.X` holding a key).
    let envValues = this.env.current();
    if (!envValues) {
      envValues = new Map<string, string>();
      const generation = this.env.generation;
      if (this.rescanOnEnv !== generation) {
        this.rescanOnEnv = generation;
        void this.env.values().then((values) => {
          if (values.size && this.env.generation === generation) this.rescanAll();
        }, () => undefined);
      }
    }
    const gitIgnored = envFile && document.uri.scheme === 'file' ? await this.git.isIgnored(document.uri.fsPath) : false;
    return {
      fileName,
      languageId: document.languageId,
      lenient: settings.lenient,
      gitIgnored,
      envValues,
      ignoredFingerprints: this.ignored.fingerprints(),
    };
  }

  private publish(document: vscode.TextDocument, state: DocState, result: DocumentScanResult): void {
    state.result = result;
    this.collection.set(document.uri, result.shown.map((s) => s.diagnostic));
    this.scanned.fire(result);
  }

  override dispose(): void {
    for (const state of this.states.values()) if (state.timer) clearTimeout(state.timer);
    this.states.clear();
    super.dispose();
  }
}

/**
 * The name the scanner reads a document as. A notebook cell's URI has the notebook's path: read as
 * `….ipynb` its code would be taken for the notebook's JSON, so the cell gets a name of its own in
 * the same folder (its language comes from the document).
 */
function scannedFileName(uri: vscode.Uri): string {
  if (uri.scheme === 'vscode-notebook-cell') return `${uri.path}.cell`;
  return uri.scheme === 'file' ? uri.fsPath : uri.path;
}
