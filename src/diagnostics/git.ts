// What git knows about a file, asked asynchronously and cached: whether git ignores it, whether it
// is tracked, and whether a key on a line is already in a commit. Keys never go on a command line
// (other local users can read argv); where git must see one, it reads it from stdin.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Logger } from '../log';

const COMMITTED_TTL_MS = 5_000;

interface GitResult {
  code: number;
  stdout: string;
}

interface GitExtensionExports {
  getAPI(version: 1): { git: { path: string } };
}

export class GitFacts implements vscode.Disposable {
  private readonly ignoredCache = new Map<string, Promise<boolean>>();
  private readonly committedCache = new Map<string, { at: number; answer: Promise<boolean> }>();
  private gitPath: string | undefined;

  constructor(private readonly log: Logger) {}

  /** Forget cached answers (a .gitignore changed, a commit happened). */
  invalidate(): void {
    this.ignoredCache.clear();
    this.committedCache.clear();
  }

  /** True when git ignores the file. Outside a repository, without git or without trust: false. */
  isIgnored(fsPath: string): Promise<boolean> {
    let answer = this.ignoredCache.get(fsPath);
    if (!answer) {
      answer = this.run(path.dirname(fsPath), ['check-ignore', '-q', '--', fsPath]).then((r) => r?.code === 0);
      this.ignoredCache.set(fsPath, answer);
    }
    return answer;
  }

  /** True when the file is in git's index (not cached: `git add` sends no event). */
  async isTracked(fsPath: string): Promise<boolean> {
    const r = await this.run(path.dirname(fsPath), ['ls-files', '--error-unmatch', '--', fsPath]);
    return r?.code === 0;
  }

  /**
   * True when `secret` is already in a commit: the line (1-based) that holds it comes from a commit
   * (blame), or a file in HEAD contains it (`git grep` with the pattern on stdin).
   * Answers are kept for a few seconds only: code actions are asked for on every cursor move, and
   * a commit may happen at any time.
   */
  isCommitted(fsPath: string, line: number, secret: string): Promise<boolean> {
    const key = `${fsPath}\n${line}\n${secret}`;
    const now = Date.now();
    for (const [k, v] of this.committedCache) if (now - v.at > COMMITTED_TTL_MS) this.committedCache.delete(k);
    let entry = this.committedCache.get(key);
    if (!entry) {
      entry = { at: now, answer: this.askCommitted(fsPath, line, secret) };
      this.committedCache.set(key, entry);
    }
    return entry.answer;
  }

  private async askCommitted(fsPath: string, line: number, secret: string): Promise<boolean> {
    const dir = path.dirname(fsPath);
    const blame = await this.run(dir, ['blame', '--porcelain', '-L', `${line},${line}`, '--', fsPath]);
    if (blame?.code === 0) {
      const header = blame.stdout.split('\n', 1)[0] ?? '';
      const committed = !/^0{40}\b/.test(header);
      const content = blame.stdout.split('\n').find((l) => l.startsWith('\t')) ?? '';
      if (committed && content.includes(secret)) return true;
    }
    const grep = await this.run(dir, ['grep', '-q', '-F', '-f', '-', 'HEAD', '--'], secret + '\n');
    return grep?.code === 0;
  }

  private resolveGitPath(): string {
    if (this.gitPath) return this.gitPath;
    // Prefer the git the built-in git extension found (it honours `git.path`), when it is active.
    const ext = vscode.extensions.getExtension<GitExtensionExports>('vscode.git');
    try {
      if (ext?.isActive) this.gitPath = ext.exports.getAPI(1).git.path;
    } catch {
      // The git extension is disabled (git.enabled: false): fall back to git on PATH.
    }
    return this.gitPath ?? 'git';
  }

  /** Runs git; undefined when git cannot run here (no trust, not installed, not a repository). */
  private run(cwd: string, args: string[], stdin?: string): Promise<GitResult | undefined> {
    // A repository's config can make git run programs (core.fsmonitor): only in trusted workspaces.
    if (!vscode.workspace.isTrusted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const child = execFile(this.resolveGitPath(), args, { cwd, timeout: 10_000, maxBuffer: 1024 * 1024, windowsHide: true }, (err, stdout) => {
        if (err && typeof err.code !== 'number') {
          this.log.debug(`git ${args[0]} could not run: ${err.message}`);
          resolve(undefined);
          return;
        }
        const code = err ? Number(err.code) : 0;
        // 128: not a repository (or git failed); treat as "git knows nothing".
        resolve(code === 128 ? undefined : { code, stdout });
      });
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(stdin ?? '');
    });
  }

  dispose(): void {
    this.invalidate();
  }
}
