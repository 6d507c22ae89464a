// Values from the workspace's local `.env*` files, so the scanner can tell that
// `process.env.NEXT_PUBLIC_X` holds a Retrac key. The values stay in this process: never logged,
// shown or sent anywhere.
import * as vscode from 'vscode';
import { Disposable } from '../lifecycle';
import { isEnvFileName, mergeEnvFiles } from '../scan';

const ENV_GLOB = '**/{.env,.env.*,*.env,.envrc}';
const SKIP_GLOB = '**/{node_modules,.git,.venv,vendor,dist,out,build}/**';
/** A workspace with more env files than this is a monorepo of fixtures: the nearest 200 do. */
const MAX_ENV_FILES = 200;
const MAX_ENV_FILE_BYTES = 256 * 1024;

export class EnvValues extends Disposable {
  private cache: Promise<ReadonlyMap<string, string>> | undefined;
  /** The values once `cache` has settled (a scan need not wait for the file search). */
  private settled: { cache: Promise<ReadonlyMap<string, string>>; values: ReadonlyMap<string, string> } | undefined;
  /** Bumped on every change, so scans can tell their options changed. */
  private generationCounter = 0;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    const watcher = this.register(vscode.workspace.createFileSystemWatcher(ENV_GLOB));
    const bump = (): void => this.invalidate();
    this.register(watcher.onDidChange(bump));
    this.register(watcher.onDidCreate(bump));
    this.register(watcher.onDidDelete(bump));
  }

  get generation(): number {
    return this.generationCounter;
  }

  invalidate(): void {
    this.cache = undefined;
    this.generationCounter++;
    this.changed.fire();
  }

  /** All values, merged over the workspace's env files (a later file wins on a clash). */
  values(): Promise<ReadonlyMap<string, string>> {
    if (!this.cache) {
      const cache = (this.cache = this.read());
      void cache.then((values) => {
        if (this.cache === cache) this.settled = { cache, values };
      }, () => undefined);
    }
    return this.cache;
  }

  /** The values if they are known now; undefined while the first search of the env files runs. */
  current(): ReadonlyMap<string, string> | undefined {
    return this.settled && this.settled.cache === this.cache ? this.settled.values : undefined;
  }

  private async read(): Promise<ReadonlyMap<string, string>> {
    const texts: [string, string][] = [];
    if (!vscode.workspace.workspaceFolders?.length) return new Map();
    const uris = await vscode.workspace.findFiles(ENV_GLOB, SKIP_GLOB, MAX_ENV_FILES);
    uris.sort((a, b) => a.path.length - b.path.length); // shallow files first: nearer ones win
    for (const uri of uris) {
      if (!isEnvFileName(uri.path)) continue;
      try {
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        let text: string;
        if (open) text = open.getText();
        else {
          const stat = await vscode.workspace.fs.stat(uri);
          if (stat.size > MAX_ENV_FILE_BYTES) continue;
          text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        }
        texts.push([uri.path, text]);
      } catch {
        // Deleted or unreadable meanwhile: its values are simply not known.
      }
    }
    return mergeEnvFiles(texts);
  }

  override dispose(): void {
    super.dispose();
    this.cache = undefined;
  }
}
