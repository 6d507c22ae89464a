// Which keys in open files are already in a git commit, answered from a cache so that nothing on
// the keystroke path waits for git: diagnostics and code actions read `lookup` (synchronous);
// a miss starts one git lookup in the background, and when its answer changes what a document
// shows, that document is re-published. Answers are kept a while and refreshed after that while
// the old one is still shown (a commit can happen at any time; the message must not flicker).
import * as vscode from 'vscode';
import { Disposable } from '../lifecycle';
import type { Finding } from '../scan';
import type { CommitFacts, GitFacts } from './git';

const FRESH_MS = 15_000;
const MAX_ENTRIES = 2_000;

interface Entry {
  at: number;
  facts: CommitFacts | null | undefined; // undefined: first lookup still running
  running: boolean;
}

export class CommittedKeys extends Disposable {
  private readonly cache = new Map<string, Entry>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly answered = this.register(new vscode.EventEmitter<vscode.Uri>());
  /** Fires with a document whose answer changed (its diagnostics should be re-published). */
  readonly onDidAnswer = this.answered.event;

  constructor(private readonly git: GitFacts) {
    super();
  }

  /**
   * The commit holding the key of `finding` in the file `uri` (a file on disk), null when none,
   * undefined while unknown. `secret` is the key as written in the document.
   */
  lookup(uri: vscode.Uri, finding: Finding, secret: string): CommitFacts | null | undefined {
    if (uri.scheme !== 'file' || !vscode.workspace.isTrusted) return null;
    const key = `${uri.fsPath}\n${finding.line}\n${finding.fingerprint}`;
    let entry = this.cache.get(key);
    if (!entry) {
      if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
      entry = { at: 0, facts: undefined, running: false };
      this.cache.set(key, entry);
    }
    if (!entry.running && performance.now() - entry.at > FRESH_MS) this.refresh(uri, finding.line, secret, entry);
    return entry.facts;
  }

  /** Forget everything (a commit happened, trust changed). */
  invalidate(): void {
    for (const e of this.cache.values()) e.at = 0;
  }

  private refresh(uri: vscode.Uri, line: number, secret: string, entry: Entry): void {
    entry.running = true;
    const before = entry.facts;
    const lookup = this.git.commitOf(uri.fsPath, line, secret).then(
      (facts) => {
        entry.facts = facts ?? null;
        entry.at = performance.now();
        entry.running = false;
        if (before === undefined ? entry.facts !== null : (before?.sha ?? null) !== (entry.facts?.sha ?? null)) this.answered.fire(uri);
      },
      () => {
        entry.facts ??= null;
        entry.at = performance.now();
        entry.running = false;
      },
    );
    this.inFlight.add(lookup);
    void lookup.finally(() => this.inFlight.delete(lookup));
  }

  /** Resolves when no lookup is running (tests wait for it before asserting an absence). */
  async whenIdle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  override dispose(): void {
    super.dispose();
    this.cache.clear();
  }
}

/** The sentence a diagnostic gets when its key is in a commit. */
export function committedNote(facts: CommitFacts): string {
  return vscode.l10n.t(
    '— committed in {0} on {1} — rotate the key: removing it from the file does not remove it from history.',
    facts.sha.slice(0, 7),
    facts.date.slice(0, 10),
  );
}
