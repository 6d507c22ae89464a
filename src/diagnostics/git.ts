// What git knows about a file, asked asynchronously and cached: whether git ignores it, whether it
// is tracked, and whether a key on a line is already in a commit. Keys never go on a command line
// (other local users can read argv); where git must see one, it reads it from stdin.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Logger } from '../log';

interface GitResult {
  code: number;
  stdout: string;
}

/** A commit that holds a key: its id and author date (ISO 8601). */
export interface CommitFacts {
  sha: string;
  date: string;
}

/** Blame's porcelain answer for one line: its commit, unless the line is not committed or lacks the key. */
function parseBlame(out: string, secret: string): CommitFacts | undefined {
  const lines = out.split('\n');
  const sha = /^([0-9a-f]{40,64}) /.exec(lines[0] ?? '')?.[1];
  if (!sha || /^0+$/.test(sha)) return undefined;
  const content = lines.find((l) => l.startsWith('\t')) ?? '';
  if (!content.includes(secret)) return undefined;
  const time = Number(lines.find((l) => l.startsWith('author-time '))?.slice('author-time '.length));
  return { sha, date: Number.isFinite(time) ? new Date(time * 1000).toISOString() : '' };
}

interface GitExtensionExports {
  getAPI(version: 1): { git: { path: string } };
}

export class GitFacts implements vscode.Disposable {
  private readonly ignoredCache = new Map<string, Promise<boolean>>();
  private gitPath: string | undefined;

  constructor(private readonly log: Logger) {}

  /** Forget cached answers (a .gitignore changed, a commit happened). */
  invalidate(): void {
    this.ignoredCache.clear();
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
   * The commit that holds `secret`: the one that last touched its line (1-based) per blame, or,
   * when that line is not committed as it is (moved, edited), the commit of a line in HEAD that
   * holds it (`git grep` with the key on stdin, never on the command line). Undefined: the key is in
   * no commit (or git cannot tell). Not cached here: CommittedKeys keeps the answers.
   */
  async commitOf(fsPath: string, line: number, secret: string): Promise<CommitFacts | undefined> {
    const dir = path.dirname(fsPath);
    const blame = await this.run(dir, ['blame', '--porcelain', '-L', `${line},${line}`, '--', fsPath]);
    const fromBlame = blame?.code === 0 ? parseBlame(blame.stdout, secret) : undefined;
    if (fromBlame) return fromBlame;
    const grep = await this.run(dir, ['grep', '-n', '-z', '--full-name', '-F', '-f', '-', 'HEAD', '--'], secret + '\n');
    if (grep?.code !== 0) return undefined;
    // `HEAD:path\0line\0text`
    const [where, lineNo] = grep.stdout.split('\n', 1)[0].split('\0');
    const file = where?.slice('HEAD:'.length);
    if (!file || !lineNo) return undefined;
    const top = await this.run(dir, ['rev-parse', '--show-toplevel']);
    if (top?.code !== 0) return undefined;
    const headBlame = await this.run(top.stdout.trim(), ['blame', '--porcelain', '-L', `${lineNo},${lineNo}`, 'HEAD', '--', file]);
    return headBlame?.code === 0 ? parseBlame(headBlame.stdout, secret) : undefined;
  }

  /** The git executable: the git extension's (it honours `git.path`) when active, else `git` on PATH. */
  gitExecutable(): string {
    return this.resolveGitPath();
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
