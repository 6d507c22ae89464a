// The workspace's "ignore in workspace" list: finding fingerprints (hashes of rule + secret, never
// the key itself) kept in workspace state.
import * as vscode from 'vscode';

const STATE_KEY = 'retrac.scan.ignoredFingerprints';

export class IgnoredFindings implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private cached: ReadonlySet<string> | undefined;
  private generationCounter = 0;

  constructor(private readonly state: vscode.Memento) {}

  get generation(): number {
    return this.generationCounter;
  }

  fingerprints(): ReadonlySet<string> {
    this.cached ??= new Set(this.state.get<string[]>(STATE_KEY, []).filter((s) => /^[0-9a-f]{64}$/.test(s)));
    return this.cached;
  }

  async add(fingerprint: string): Promise<void> {
    if (!/^[0-9a-f]{64}$/.test(fingerprint) || this.fingerprints().has(fingerprint)) return;
    await this.save([...this.fingerprints(), fingerprint]);
  }

  /** Forgets every ignored finding; returns how many there were. */
  async clear(): Promise<number> {
    const count = this.fingerprints().size;
    if (count) await this.save([]);
    return count;
  }

  private async save(list: string[]): Promise<void> {
    await this.state.update(STATE_KEY, list);
    this.cached = undefined;
    this.generationCounter++;
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
