// Runs git for the history and staged scans. Pure Node: no vscode. Errors say what to do: git
// missing from PATH, not a repository, a bad revision (git's own words).
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

export type GitErrorKind = 'git-missing' | 'not-a-repository' | 'bad-revision' | 'failed';

export class GitError extends Error {
  constructor(
    readonly kind: GitErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export interface GitRunOptions {
  cwd: string;
  /** The git executable (default `git` on PATH; the editor passes the git extension's). */
  gitPath?: string;
}

/** Git's stderr turned into one of our errors. */
export function classifyGitFailure(args: readonly string[], stderr: string, code: number | null): GitError {
  const text = stderr.trim().split('\n').filter((l) => l.trim()).join(' ').replace(/\s+/g, ' ');
  if (/not a git repository/i.test(text)) return new GitError('not-a-repository', `this folder is not inside a git repository (git says: ${text}).`);
  if (/bad revision|unknown revision|ambiguous argument|invalid (?:symmetric difference|revision range)|bad default revision|does not have any commits yet|bad object/i.test(text)) {
    return new GitError('bad-revision', text);
  }
  return new GitError('failed', `git ${args[0] ?? ''} failed (exit ${code ?? 'signal'}): ${text || 'no message'}`);
}

export function gitMissing(gitPath: string): GitError {
  return new GitError('git-missing', `git was not found (looked for "${gitPath}" on PATH). Install git or put it on PATH.`);
}

/** Starts git with `args`; an ENOENT surfaces as an 'error' event the caller maps with `gitMissing`. */
export function spawnGit(args: readonly string[], options: GitRunOptions, extra: SpawnOptions = {}): ChildProcess {
  return spawn(options.gitPath ?? 'git', args, {
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
    // No pager, no prompts, no locale-dependent messages we could not classify.
    env: { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', LANG: 'C' },
    ...extra,
  });
}

/** Runs git to completion; rejects with a GitError on a non-zero exit. */
export function runGit(args: readonly string[], options: GitRunOptions, input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(args, options);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (c: Buffer) => out.push(c));
    child.stderr!.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? gitMissing(options.gitPath ?? 'git') : e));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(classifyGitFailure(args, Buffer.concat(err).toString('utf8'), code));
    });
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(input ?? '');
  });
}

export interface RepositoryFacts {
  /** Absolute path of the work tree's top level (empty in a bare repository). */
  topLevel: string;
  shallow: boolean;
}

/** Fails with a GitError when `cwd` is not inside a repository or git is missing. */
export async function repositoryFacts(options: GitRunOptions): Promise<RepositoryFacts> {
  const out = (await runGit(['rev-parse', '--is-shallow-repository', '--show-toplevel'], options)).toString('utf8').split('\n');
  return { shallow: out[0] === 'true', topLevel: out[1] ?? '' };
}
