// Lists the files a workspace scan reads, and reports every entry it cannot list. Pure Node (no
// vscode, no git process): `.gitignore` files (from the repository root down, plus
// `.git/info/exclude`) are matched by the linear-time globs of glob.ts, so the scan works the
// same inside and outside a git repository, costs no process per run, and no pattern can hang it.
// Ignored files are skipped, except `.env*` files: those are listed with `gitIgnored: true`,
// because their values feed `envValues` and client-exposed keys in them are still reported.
//
// Special files (FIFOs, sockets, devices) are never opened: the directory entry's type, or a
// stat for symlinks and roots, says what they are before anything reads them. Symlinks are
// followed; a set of real folder paths stops loops (reported as `symlink-loop`) and keeps a
// folder reached twice from being scanned twice.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Glob } from './glob';
import { reasonForError, type SkippedFile } from './skipped';
import { shouldSkipDirectory } from './skipRules';
import { isEnvFileName, mergeEnvFiles } from './syntax';

export interface WalkedFile {
  /** Absolute path. */
  path: string;
  gitIgnored: boolean;
}

export interface WalkResult {
  files: WalkedFile[];
  /** Entries that are not scanned: special files, unreadable folders, loops, too-long paths. */
  skipped: SkippedFile[];
  /** Merged values of every `.env*` file found (ignored ones included); never leaves the machine. */
  envValues: Map<string, string>;
}

export interface IgnoreRule {
  base: string; // absolute directory of the .gitignore, with a trailing separator
  negate: boolean;
  dirOnly: boolean;
  /** A pattern without a slash matches the name at any depth; else the path from `base`. */
  nameOnly: boolean;
  glob: Glob;
  /** Tests a path relative to `base`, with `/` separators. */
  matches(rel: string): boolean;
}

/** Turns one .gitignore line into a rule; undefined for blanks and comments. */
export function parseIgnoreLine(line: string, base: string): IgnoreRule | undefined {
  let p = line;
  // Trailing spaces are dropped unless escaped with a backslash (git).
  let end = p.length;
  while (end > 0 && (p[end - 1] === ' ' || p[end - 1] === '\t' || p[end - 1] === '\r') && p[end - 2] !== '\\') end--;
  p = p.slice(0, end);
  if (!p || p.startsWith('#')) return undefined;
  const negate = p.startsWith('!');
  if (negate) p = p.slice(1);
  const dirOnly = p.endsWith('/') && !p.endsWith('\\/');
  if (dirOnly) p = p.slice(0, -1);
  const nameOnly = !p.includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  if (!p) return undefined;
  const glob = new Glob(p);
  return {
    base,
    negate,
    dirOnly,
    nameOnly,
    glob,
    matches: (rel) => glob.matches(nameOnly ? rel.slice(rel.lastIndexOf('/') + 1) : rel),
  };
}

/** Reads a .gitignore; a missing or unreadable one adds no rule (git does the same). */
function readIgnoreFile(file: string, base: string): IgnoreRule[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const rules: IgnoreRule[] = [];
  for (const line of text.split('\n')) {
    const r = parseIgnoreLine(line, base);
    if (r) rules.push(r);
  }
  return rules;
}

function withSep(dir: string): string {
  return dir.endsWith(sep) ? dir : dir + sep;
}

/** Last matching rule wins, deeper .gitignore files after shallower ones, as in git. */
function isIgnored(rules: readonly IgnoreRule[], path: string, name: string, isDir: boolean): boolean {
  let ignored = false;
  for (const r of rules) {
    if (r.dirOnly && !isDir) continue;
    if (ignored === !r.negate) continue; // cannot change the outcome
    if (r.nameOnly) {
      if (r.glob.matches(name)) ignored = !r.negate;
      continue;
    }
    if (!path.startsWith(r.base)) continue;
    const rel = sep === '/' ? path.slice(r.base.length) : path.slice(r.base.length).split(sep).join('/');
    if (r.glob.matches(rel)) ignored = !r.negate;
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

class Walker {
  readonly files: WalkedFile[] = [];
  readonly skipped: SkippedFile[] = [];
  /** Real paths of folders walked and of files listed: nothing is scanned twice, no loop runs forever. */
  private readonly realDirs = new Set<string>();
  private readonly realFiles = new Set<string>();

  root(root: string): void {
    let st: Stats;
    try {
      st = statSync(root); // follows a symlink: a PATH that links to a folder is scanned
    } catch (err) {
      this.skipped.push({ path: root, reason: reasonForError(err) });
      return;
    }
    if (st.isDirectory()) {
      const real = this.realPath(root);
      if (real === undefined || this.realDirs.has(real)) return;
      this.walkDir(root, real, ancestorRules(root));
    } else if (st.isFile()) {
      const real = this.realPath(root);
      if (real === undefined || this.realFiles.has(real)) return;
      this.realFiles.add(real);
      const dir = dirname(root);
      const rules = ancestorRules(dir).concat(readIgnoreFile(join(dir, '.gitignore'), withSep(dir)));
      this.files.push({ path: root, gitIgnored: isIgnored(rules, root, root.slice(dir.length + 1), false) });
    } else this.skipped.push({ path: root, reason: 'special-file' });
  }

  private realPath(path: string): string | undefined {
    try {
      return realpathSync(path);
    } catch (err) {
      this.skipped.push({ path, reason: reasonForError(err) });
      return undefined;
    }
  }

  private walkDir(dir: string, realDir: string, inherited: IgnoreRule[]): void {
    this.realDirs.add(realDir);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      this.skipped.push({ path: dir, reason: reasonForError(err) });
      return;
    }
    const rules = entries.some((e) => e.name === '.gitignore' && e.isFile())
      ? inherited.concat(readIgnoreFile(join(dir, '.gitignore'), withSep(dir)))
      : inherited;
    const prefix = dir.endsWith(sep) ? dir : dir + sep;
    const realPrefix = realDir.endsWith(sep) ? realDir : realDir + sep;
    for (const e of entries) {
      const name = e.name;
      const path = prefix + name; // join() normalizes: slower, same result here
      if (e.isDirectory()) {
        if (shouldSkipDirectory(name) || isIgnored(rules, path, name, true)) continue;
        const real = realPrefix + name;
        if (!this.realDirs.has(real)) this.walkDir(path, real, rules);
      } else if (e.isFile()) {
        this.addFile(path, realPrefix + name, name, rules);
      } else if (e.isSymbolicLink()) {
        this.followLink(path, name, realDir, rules);
      } else if (!isIgnored(rules, path, name, false)) {
        this.skipped.push({ path, reason: 'special-file' }); // FIFO, socket, device: never opened
      }
    }
  }

  private addFile(path: string, real: string, name: string, rules: readonly IgnoreRule[]): void {
    if (this.realFiles.has(real)) return;
    const gitIgnored = isIgnored(rules, path, name, false);
    if (gitIgnored && !isEnvFileName(name)) return;
    this.realFiles.add(real);
    this.files.push({ path, gitIgnored });
  }

  /** Git tracks a link as a file: a dir-only pattern does not ignore it, a name pattern does. */
  private followLink(path: string, name: string, realDir: string, rules: readonly IgnoreRule[]): void {
    if (isIgnored(rules, path, name, false) && !isEnvFileName(name)) return;
    let st: Stats;
    try {
      st = statSync(path);
    } catch (err) {
      this.skipped.push({ path, reason: reasonForError(err) }); // ELOOP, or a dangling link
      return;
    }
    const real = this.realPath(path);
    if (real === undefined) return;
    if (st.isDirectory()) {
      if (shouldSkipDirectory(name) || isIgnored(rules, path, name, true)) return;
      if (this.realDirs.has(real)) {
        // A link back to a folder on the way here is a loop; any other was walked already.
        if (realDir === real || realDir.startsWith(withSep(real))) this.skipped.push({ path, reason: 'symlink-loop' });
        return;
      }
      this.walkDir(path, real, rules.slice());
    } else if (st.isFile()) {
      this.addFile(path, real, name, rules);
    } else this.skipped.push({ path, reason: 'special-file' });
  }

  envValues(): Map<string, string> {
    const texts: [string, string][] = [];
    for (const f of this.files) {
      if (!isEnvFileName(f.path)) continue;
      try {
        texts.push([f.path, readFileSync(f.path, 'utf8')]);
      } catch {
        // unreadable: the scan itself reports the file when it fails to read it
      }
    }
    return mergeEnvFiles(texts);
  }
}

/**
 * Walks files and folders. A root that is a file is always listed (its ignore state still
 * computed); folders skip node_modules and VCS folders by name. Content checks (binary, size)
 * happen when a file is read (scanFiles.ts).
 */
export function walk(roots: readonly string[]): WalkResult {
  const walker = new Walker();
  for (const root of roots) walker.root(resolve(root));
  return { files: walker.files, skipped: walker.skipped, envValues: walker.envValues() };
}

/** Path as shown to people: relative to `cwd` when inside it. */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !rel.startsWith(sep) ? rel.split(sep).join('/') : path;
}
