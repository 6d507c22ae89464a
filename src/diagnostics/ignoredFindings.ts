// The workspace's "ignore in workspace" list: finding fingerprints (hashes of rule + secret, never
// the key itself). Kept in `.retrac-baseline.json` at the root of each workspace folder, the file
// `retrac-scan --staged/--git` reads, so the editor, the pre-commit hook and CI accept the same
// findings. Without a writable folder (no folder, untrusted workspace, read-only file system) the
// list lives in workspace state, as before. Both sources are read; both are cleared by a reset.
import * as vscode from 'vscode';
import { Disposable } from '../lifecycle';
import { BASELINE_FILE_NAME, mergeIntoBaseline, parseBaseline, serializeBaseline, type BaselineEntry } from '../scan/baseline';
import type { Logger } from '../log';

const STATE_KEY = 'retrac.scan.ignoredFingerprints';
const FINGERPRINT = /^[0-9a-f]{64}$/;

/** Where a finding was when it was ignored: hints written next to the fingerprint. */
export interface IgnoreHint {
  uri?: string;
  rule?: string;
  line?: number;
}

export class IgnoredFindings extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private cached: ReadonlySet<string> | undefined;
  /** Fingerprints of each folder's baseline file, by folder URI. */
  private readonly fromFiles = new Map<string, string[]>();
  private generationCounter = 0;

  constructor(
    private readonly state: vscode.Memento,
    private readonly log?: Logger,
  ) {
    super();
    const watcher = this.register(vscode.workspace.createFileSystemWatcher(`**/${BASELINE_FILE_NAME}`));
    const reload = (): void => void this.reload();
    this.register(watcher.onDidChange(reload));
    this.register(watcher.onDidCreate(reload));
    this.register(watcher.onDidDelete(reload));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(reload));
    // After activation: reading the files never delays it.
    const timer = setTimeout(reload, 0);
    this.register({ dispose: () => clearTimeout(timer) });
  }

  get generation(): number {
    return this.generationCounter;
  }

  fingerprints(): ReadonlySet<string> {
    this.cached ??= new Set([...this.state.get<string[]>(STATE_KEY, []), ...[...this.fromFiles.values()].flat()].filter((s) => FINGERPRINT.test(s)));
    return this.cached;
  }

  /** The baseline file of the folder that holds `uri` (else the first folder). */
  baselineUri(uri?: vscode.Uri): vscode.Uri | undefined {
    const folder = (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
    return folder ? vscode.Uri.joinPath(folder.uri, BASELINE_FILE_NAME) : undefined;
  }

  async add(fingerprint: string, hint: IgnoreHint = {}): Promise<void> {
    if (!FINGERPRINT.test(fingerprint) || this.fingerprints().has(fingerprint)) return;
    const uri = hint.uri ? vscode.Uri.parse(hint.uri) : undefined;
    const file = this.baselineUri(uri);
    if (file && vscode.workspace.isTrusted && vscode.workspace.fs.isWritableFileSystem(file.scheme) !== false) {
      const folder = vscode.workspace.getWorkspaceFolder(file)!;
      const rel = uri && vscode.workspace.getWorkspaceFolder(uri) === folder ? vscode.workspace.asRelativePath(uri, false) : undefined;
      const entry: BaselineEntry = { fingerprint, ...(hint.rule ? { rule: hint.rule } : {}), ...(rel ? { path: rel } : {}), ...(hint.line ? { line: hint.line } : {}) };
      const existing = await readText(file);
      // A broken file is not overwritten: the user hears why and the finding stays.
      const text = mergeIntoBaseline(existing, BASELINE_FILE_NAME, [entry]);
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
      this.fromFiles.set(folder.uri.toString(), [...(this.fromFiles.get(folder.uri.toString()) ?? []), fingerprint]);
      this.bump();
      return;
    }
    await this.state.update(STATE_KEY, [...this.state.get<string[]>(STATE_KEY, []), fingerprint]);
    this.bump();
  }

  /** Forgets every ignored finding (workspace state and the folders' baseline files); returns how many there were. */
  async clear(): Promise<number> {
    const count = this.fingerprints().size;
    if (!count) return 0;
    await this.state.update(STATE_KEY, []);
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (!this.fromFiles.get(folder.uri.toString())?.length) continue;
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder.uri, BASELINE_FILE_NAME), new TextEncoder().encode(serializeBaseline([])));
    }
    this.fromFiles.clear();
    this.bump();
    return count;
  }

  private async reload(): Promise<void> {
    const next = new Map<string, string[]>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const file = vscode.Uri.joinPath(folder.uri, BASELINE_FILE_NAME);
      const text = await readText(file);
      if (text === undefined) continue;
      try {
        next.set(folder.uri.toString(), parseBaseline(text, file.fsPath || file.toString()).map((e) => e.fingerprint));
      } catch (err) {
        this.log?.warn(`Ignoring ${file.fsPath}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    const before = [...this.fromFiles.values()].flat().sort().join();
    const after = [...next.values()].flat().sort().join();
    this.fromFiles.clear();
    for (const [k, v] of next) this.fromFiles.set(k, v);
    if (before !== after) this.bump();
  }

  private bump(): void {
    this.cached = undefined;
    this.generationCounter++;
    this.changed.fire();
  }
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
