// Lists the files a workspace scan reads. Pure Node (no vscode, no git process): `.gitignore`
// files (from the repository root down, plus `.git/info/exclude`) are read by a small matcher
// covering the common patterns (`*`, `**`, `?`, `[...]`, `!`, leading and trailing `/`), so the
// scan works the same inside and outside a git repository and costs no process per run.
// Ignored files are skipped, except `.env*` files: those are listed with `gitIgnored: true`,
// because their values feed `envValues` and client-exposed keys in them are still reported.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { shouldSkipDirectory, shouldSkipFileName } from './skipRules';
import { isEnvFileName, parseEnvFile } from './syntax';

export interface WalkedFile {
  /** Absolute path. */
  path: string;
  gitIgnored: boolean;
}

export interface WalkResult {
  files: WalkedFile[];
  /** Merged values of every `.env*` file found (ignored ones included); never leaves the machine. */
  envValues: Map<string, string>;
}

interface IgnoreRule {
  base: string; // absolute directory of the .gitignore, with a trailing separator
  negate: boolean;
  dirOnly: boolean;
  regex: RegExp;
}

/** Turns one .gitignore line into a rule; undefined for blanks and comments. */
export function parseIgnoreLine(line: string, base: string): IgnoreRule | undefined {
  let p = line.replace(/(?<!\\)\s+$/, '');
  if (!p || p.startsWith('#')) return undefined;
  const negate = p.startsWith('!');
  if (negate) p = p.slice(1);
  if (p.startsWith('\\')) p = p.slice(1);
  const dirOnly = p.endsWith('/');
  if (dirOnly) p = p.slice(0, -1);
  const anchored = p.includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  if (!p) return undefined;
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*' && p[i + 1] === '*') {
      if (p[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = p.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        re += '[' + p.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  const regex = new RegExp(`^${anchored ? '' : '(?:.*/)?'}${re}$`);
  return { base, negate, dirOnly, regex };
}

function readIgnoreFile(file: string, base: string): IgnoreRule[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const rules: IgnoreRule[] = [];
  for (const line of text.split(/\r?\n/)) {
    const r = parseIgnoreLine(line, base);
    if (r) rules.push(r);
  }
  return rules;
}

function withSep(dir: string): string {
  return dir.endsWith(sep) ? dir : dir + sep;
}

/** Last matching rule wins, deeper .gitignore files after shallower ones, as in git. */
function isIgnored(rules: readonly IgnoreRule[], path: string, isDir: boolean): boolean {
  let ignored = false;
  for (const r of rules) {
    if (r.dirOnly && !isDir) continue;
    if (!path.startsWith(r.base)) continue;
    const rel = path.slice(r.base.length).split(sep).join('/');
    if (r.regex.test(rel)) ignored = !r.negate;
  }
  return ignored;
}

function findGitRoot(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

/** Rules that apply inside `dir` from its ancestors up to the repository root. */
function ancestorRules(dir: string): IgnoreRule[] {
  const root = findGitRoot(dir);
  if (!root) return [];
  const rules = readIgnoreFile(join(root, '.git', 'info', 'exclude'), withSep(root));
  // From the root down to the parent of `dir`: the walk reads `dir`'s own .gitignore.
  const dirs: string[] = [];
  for (let d = dir; d !== root && dirname(d) !== d; d = dirname(d)) dirs.unshift(d);
  dirs.unshift(root);
  dirs.pop();
  for (const d of dirs) rules.push(...readIgnoreFile(join(d, '.gitignore'), withSep(d)));
  return rules;
}

/**
 * Walks files and folders. A root that is a file is always listed (its ignore state still
 * computed); folders skip node_modules, .git, lock files, minified bundles and known binaries
 * by name. Content checks (NUL bytes, long lines, size) happen when a file is read.
 */
export function walk(roots: readonly string[]): WalkResult {
  const files: WalkedFile[] = [];
  const seen = new Set<string>();
  for (const root of roots.map((r) => resolve(r))) {
    if (statSync(root).isDirectory()) {
      walkDir(root, ancestorRules(root), files, seen);
    } else if (!seen.has(root)) {
      seen.add(root);
      const dir = dirname(root);
      const rules = ancestorRules(dir).concat(readIgnoreFile(join(dir, '.gitignore'), withSep(dir)));
      files.push({ path: root, gitIgnored: isIgnored(rules, root, false) });
    }
  }
  const envValues = new Map<string, string>();
  for (const f of files) {
    if (!isEnvFileName(f.path)) continue;
    try {
      for (const [k, v] of parseEnvFile(readFileSync(f.path, 'utf8'))) envValues.set(k, v);
    } catch {
      // unreadable: the scan reports nothing for it either
    }
  }
  return { files, envValues };
}

function walkDir(dir: string, inherited: IgnoreRule[], out: WalkedFile[], seen: Set<string>): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  const rules = entries.some((e) => e.name === '.gitignore' && e.isFile())
    ? inherited.concat(readIgnoreFile(join(dir, '.gitignore'), withSep(dir)))
    : inherited;
  for (const e of entries) {
    if (e.isSymbolicLink()) continue; // no loops, no files outside the roots
    const path = dir.endsWith(sep) ? dir + e.name : dir + sep + e.name; // join() normalizes: slower, same result here
    if (e.isDirectory()) {
      if (shouldSkipDirectory(e.name) || isIgnored(rules, path, true)) continue;
      walkDir(path, rules, out, seen);
    } else if (e.isFile()) {
      if (seen.has(path) || shouldSkipFileName(e.name)) continue;
      const gitIgnored = isIgnored(rules, path, false);
      if (gitIgnored && !isEnvFileName(e.name)) continue;
      seen.add(path);
      out.push({ path, gitIgnored });
    }
  }
}

/** Path as shown to people: relative to `cwd` when inside it. */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !rel.startsWith(sep) ? rel.split(sep).join('/') : path;
}
