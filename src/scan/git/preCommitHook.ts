// The plain git pre-commit hook that "Retrac: Install Pre-commit Hook" writes and "Remove" takes
// back. Pure Node (tested without VS Code). Where: `git rev-parse --git-path hooks`, which honours
// core.hooksPath (husky's `.husky/_` means husky's own `.husky/pre-commit`). An existing hook is
// never overwritten: it is chained (renamed next to ours, which runs it after the scan) or left.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runGit, type GitRunOptions } from './gitProcess';

export const HOOK_MARKER = '# retrac-scan pre-commit hook';
export const CHAINED_SUFFIX = '.retrac-chained';

export interface HookLocation {
  /** The file git (or husky) runs before a commit. */
  hookPath: string;
  /** Where a pre-existing hook goes when ours is chained in front of it. */
  chainedPath: string;
  /** What is there now. */
  existing: 'none' | 'ours' | 'other';
  /** Set when core.hooksPath points somewhere else than .git/hooks. */
  hooksPath?: string;
  husky: boolean;
}

export async function locateHook(options: GitRunOptions): Promise<HookLocation> {
  const out = (await runGit(['rev-parse', '--git-path', 'hooks'], options)).toString('utf8').trim();
  const hooksDir = resolve(options.cwd, out);
  const custom = (await runGit(['config', '--get', 'core.hooksPath'], options).catch(() => Buffer.from(''))).toString('utf8').trim();
  const husky = /(^|[\\/])\.husky[\\/]_$/.test(hooksDir);
  const hookPath = husky ? join(hooksDir, '..', 'pre-commit') : join(hooksDir, 'pre-commit');
  let existing: HookLocation['existing'] = 'none';
  if (existsSync(hookPath)) existing = readFileSync(hookPath, 'utf8').includes(HOOK_MARKER) ? 'ours' : 'other';
  return { hookPath, chainedPath: hookPath + CHAINED_SUFFIX, existing, husky, ...(custom ? { hooksPath: custom } : {}) };
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface HookCommand {
  /** A Node binary and the bundled CLI: used when `retrac-scan` is not on PATH. */
  node: string;
  cli: string;
}

/** The hook's text. `chained`: a previous hook was moved next to it and runs after the scan passes. */
export function hookScript(fallback: HookCommand, chained: boolean): string {
  const lines = [
    '#!/bin/sh',
    `${HOOK_MARKER} (written by VS Code's "Retrac: Install Pre-commit Hook"; "Retrac: Remove Pre-commit Hook" takes it back).`,
    '# Blocks a commit that adds a Retrac API key. Accepted findings: .retrac-baseline.json. Skip once: git commit --no-verify',
    'if command -v retrac-scan >/dev/null 2>&1; then',
    '  retrac-scan --staged || exit $?',
    `elif [ -f ${shellQuote(fallback.cli)} ]; then`,
    `  ELECTRON_RUN_AS_NODE=1 ${shellQuote(fallback.node)} ${shellQuote(fallback.cli)} --staged || exit $?`,
    'else',
    `  echo "retrac-scan: not found (the Retrac extension moved?). Run \\"Retrac: Install Pre-commit Hook\\" again, or install retrac-scan on PATH." >&2`,
    '  exit 1',
    'fi',
  ];
  if (chained) {
    lines.push(
      '# The hook that was here before, chained:',
      `chained="$0${CHAINED_SUFFIX}"`,
      'if [ -x "$chained" ]; then exec "$chained" "$@"; else exec sh "$chained" "$@"; fi',
    );
  }
  return lines.join('\n') + '\n';
}

/** Writes the hook; with an existing foreign hook, only when `chain` (it is moved aside and run after ours). */
export function installHook(loc: HookLocation, script: string, chain: boolean): void {
  if (loc.existing === 'other') {
    if (!chain) throw new Error(`${loc.hookPath} exists; not overwritten.`);
    if (existsSync(loc.chainedPath)) throw new Error(`${loc.chainedPath} exists already; not overwritten.`);
    renameSync(loc.hookPath, loc.chainedPath);
  }
  mkdirSync(join(loc.hookPath, '..'), { recursive: true });
  writeFileSync(loc.hookPath, script);
  chmodSync(loc.hookPath, 0o755);
}

/** Removes our hook and puts a chained one back. Returns what happened. */
export function removeHook(loc: HookLocation): 'removed' | 'restored' | 'none' | 'not-ours' {
  if (loc.existing === 'none') return 'none';
  if (loc.existing === 'other') return 'not-ours';
  rmSync(loc.hookPath);
  if (existsSync(loc.chainedPath)) {
    renameSync(loc.chainedPath, loc.hookPath);
    return 'restored';
  }
  return 'removed';
}
