// `retrac-scan`: scans files and folders, the staged changes or the git history for leaked Retrac
// keys and workspaceId misuse, for pre-commit hooks and CI. Exit 0: no error-severity finding;
// 1: at least one; 2: usage error (or git missing, not a repository, a bad range); 3: with
// --strict, something was not scanned (and no error finding); 130: interrupted (partial results).
// What is scanned comes from scanRun.ts and git/, how it is printed from report.ts.
import { existsSync, lstatSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { version } from '../../package.json';
import { BASELINE_FILE_NAME, baselineEntries, newFindings, parseBaseline, serializeBaseline, type BaselineEntry } from './baseline';
import { GitError } from './git/gitProcess';
import { scanHistory, type GitScanResult, type HistoryProgress } from './git/history';
import { scanStaged } from './git/staged';
import { startScanWorkerIfAsked } from './parallelScan';
import { mb, plural, render, type OutputFormat, type Report } from './report';
import { reported } from './report/reported';
import { scanInputsInParallel } from './scanRun';
import { DEFAULT_MAX_FILE_BYTES } from './skipRules';
import { displayPath } from './walk';

const USAGE = `Usage: retrac-scan [OPTIONS] PATH...
       retrac-scan [OPTIONS] --staged
       retrac-scan [OPTIONS] --git [REV-RANGE...] [--all]

Scans files and folders for hard-coded Retrac API keys, keys exposed to browser bundles,
plain-HTTP API URLs and workspaceId misuse. Folders are walked respecting .gitignore and
skipping node_modules and VCS folders. Every file is read: minified bundles, source maps
(with their sourcesContent), lock files, and large files (in chunks). Files that are not
scanned are counted on stderr: too large, binary (compressed archives, PDFs), unreadable,
special files (FIFOs, sockets, devices), paths too long, symlink loops.

Options:
  --format json|text|sarif  Output format (default text: file:line:col severity rule message).
                        json prints {"findings": [{file,line,column,endLine,endColumn,rule,
                        severity,message,fingerprint}], "skipped": [{path,reason}]}; sarif is
                        SARIF 2.1.0 for GitHub code scanning (keys redacted, fingerprints).
  --output FILE         Write the report to FILE instead of standard output.
  --strict              Exit 3 when anything was not scanned (exit 1 for an error finding wins).
  -v, --verbose         List every file not scanned on stderr, not only the counts.
  --max-file-size SIZE  Larger files are not scanned (reported as too large). Bytes, or with
                        a K, M or G suffix (default 100M).
  --lenient             Also accept key-like tokens of 16-64 characters, not only 24.
  --jobs N|auto         Threads that read and scan a tree of 2,000 files or more: this one and N-1
                        workers (default 1; auto: one per core, up to 4). The output does not depend on it.
  -h, --help            Show this help.

Git and CI:
  --staged              Scan what is about to be committed (the index), lines it adds: for pre-commit hooks.
  --git [REV-RANGE...]  Scan history: every line each commit added (default: all reachable from HEAD).
  --all                 With --git: every ref (branches, tags, stashes).
  --baseline FILE       Accept the findings recorded in FILE; fail only on new ones.
  --write-baseline FILE Record today's findings in FILE (exit 0).
  --no-baseline         With --staged or --git: do not read ./${BASELINE_FILE_NAME} (read by default
                        when present; the editor's "Ignore in this workspace" writes it).

Exit status: 0 no error-severity finding, 1 at least one, 2 usage error (also: git missing,
not a repository, a bad range), 3 (with --strict) no error finding but something was not
scanned, 130 after Ctrl-C (what was found so far is printed).
Silence a line with a "retrac-ignore" comment, or the next one with "retrac-ignore-next-line".
`;

interface CliArgs {
  mode: 'paths' | 'staged' | 'history';
  revisions: string[];
  format: OutputFormat;
  output?: string;
  baseline?: string;
  writeBaseline?: string;
  noBaseline: boolean;
  lenient: boolean;
  strict: boolean;
  verbose: boolean;
  maxFileBytes: number;
  jobs: number;
  paths: string[];
  help: boolean;
}

class UsageError extends Error {}

/** `--jobs auto`: one thread per core, up to 4 (each worker costs ~30 ms of CPU to start). */
function autoJobs(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** `100M`, `5MB`, `1.5g`, `2048`, `64k` → bytes; undefined when it is not a size. */
export function parseSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  const bytes = Math.floor(Number(m[1]) * unit);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

function describe(value: string | undefined): string {
  return value === undefined ? 'nothing' : `"${value}"`;
}

function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = {
    mode: 'paths', revisions: [], format: 'text', noBaseline: false, lenient: false, strict: false, verbose: false,
    maxFileBytes: DEFAULT_MAX_FILE_BYTES, jobs: 1, paths: [], help: false,
  };
  let inRevisions = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const inline = eq > 0 ? a.slice(eq + 1) : undefined;
    /** The option's value: `--name=value` or the next argument. */
    const take = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined || (v.startsWith('-') && v !== '-')) throw new UsageError(`${name} needs a value.`);
      return v;
    };
    if (a === '--') {
      (args.mode === 'history' ? args.revisions : args.paths).push(...argv.slice(i + 1));
      break;
    }
    if (a === '-h' || a === '--help') args.help = true;
    else if (a === '--lenient') args.lenient = true;
    else if (a === '--strict') args.strict = true;
    else if (a === '-v' || a === '--verbose') args.verbose = true;
    else if (a === '--staged') args.mode = 'staged';
    else if (a === '--git') {
      args.mode = 'history';
      inRevisions = true;
      continue;
    } else if (a === '--all') {
      args.mode = 'history';
      args.revisions.push('--all');
    } else if (name === '--format') {
      const f = inline ?? argv[++i];
      if (f !== 'json' && f !== 'text' && f !== 'sarif') throw new UsageError(`--format takes json, text or sarif, not ${describe(f)}.`);
      args.format = f;
    } else if (name === '--max-file-size') {
      const value = inline ?? argv[++i];
      const bytes = value === undefined ? undefined : parseSize(value);
      if (bytes === undefined) throw new UsageError(`--max-file-size takes a size such as 100M, 512K or 1048576, not ${describe(value)}.`);
      args.maxFileBytes = bytes;
    } else if (name === '--jobs') {
      const value = inline ?? argv[++i];
      const jobs = value === 'auto' ? autoJobs() : Number(value);
      if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new UsageError(`--jobs takes a whole number from 1 to 64 or auto, not ${describe(value)}.`);
      args.jobs = jobs;
    } else if (name === '--output' || name === '-o') args.output = take();
    else if (name === '--baseline') args.baseline = take();
    else if (name === '--write-baseline') args.writeBaseline = take();
    else if (a === '--no-baseline') args.noBaseline = true;
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`Unknown option ${a}.`);
    else if (inRevisions) {
      args.revisions.push(a);
      continue;
    } else args.paths.push(a);
    inRevisions = false;
  }
  if (args.help) return args;
  if (args.mode === 'staged' && args.revisions.length) throw new UsageError('--staged and --git cannot be combined.');
  if (args.mode !== 'paths' && args.paths.length) throw new UsageError(`--staged and --git scan the repository; no PATH (${args.paths.join(', ')}) may follow.`);
  if (args.mode === 'paths') {
    if (!args.paths.length) throw new UsageError('No PATH given (or use --staged or --git).');
    // lstat: a dangling link or a link loop exists as a PATH; the scan reports why it is not read.
    const missing = args.paths.filter((p) => !lstatSync(p, { throwIfNoEntry: false }));
    if (missing.length) throw new UsageError(`No such file or folder: ${missing.join(', ')}.`);
  }
  if (args.baseline && args.noBaseline) throw new UsageError('--baseline and --no-baseline cannot be combined.');
  // The hook and CI run at the repository root: the file the editor writes is found there.
  if (!args.baseline && !args.noBaseline && !args.writeBaseline && args.mode !== 'paths' && existsSync(BASELINE_FILE_NAME)) args.baseline = BASELINE_FILE_NAME;
  if (args.baseline && !existsSync(args.baseline)) throw new UsageError(`No such baseline file: ${args.baseline} (create one with --write-baseline).`);
  return args;
}

function progressReporter(): { report: (p: HistoryProgress) => void; done: () => void } {
  const tty = !!process.stderr.isTTY;
  let lastLine = 0;
  let shown = false;
  return {
    report(p) {
      if (p.elapsedMs < 1000) return;
      const text = `retrac-scan: ${p.commits} of ${p.listed} commits scanned (${Math.round(p.commits / (p.elapsedMs / 1000))} commits/s), ${mb(p.bytes)} MB of blobs`;
      if (tty) {
        process.stderr.write(`\r${text}\x1b[K`);
        shown = true;
      } else if (p.elapsedMs - lastLine >= 3000) {
        lastLine = p.elapsedMs;
        process.stderr.write(text + '\n');
      }
    },
    done() {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}

/** The work tree: files and folders given on the command line. */
async function scanPaths(args: CliArgs): Promise<Report> {
  const result = await scanInputsInParallel(
    { roots: args.paths },
    { lenient: args.lenient, maxFileBytes: args.maxFileBytes, jobs: args.jobs, workerScript: __filename },
  );
  return {
    findings: result.findings.map(({ path, finding }) => reported(displayPath(path), finding)),
    skipped: result.skipped.map((s) => ({ path: displayPath(s.path), reason: s.reason })),
    scope: `in ${plural(result.filesScanned, 'file')}`,
    notes: [],
    interrupted: false,
  };
}

/** The index or the history; Ctrl-C ends the walk and keeps what was found. */
async function scanGit(args: CliArgs): Promise<Report> {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  const progress = progressReporter();
  process.on('SIGINT', onSigint);
  let result: GitScanResult;
  try {
    const common = { cwd: process.cwd(), lenient: args.lenient, maxFileBytes: args.maxFileBytes };
    result = args.mode === 'staged'
      ? await scanStaged(common)
      : await scanHistory({ ...common, revisions: args.revisions, signal: controller.signal, onProgress: progress.report });
  } finally {
    progress.done();
    process.off('SIGINT', onSigint);
  }
  const seconds = result.elapsedMs / 1000;
  const notes: string[] = [];
  if (result.shallow) notes.push('This is a shallow clone: commits before its depth are not in it and were not scanned (git fetch --unshallow to scan them).');
  if (result.interrupted) notes.push(`Interrupted: partial results (${result.blobs} of ${plural(result.blobsWanted ?? result.blobs, 'blob')} read, ${plural(result.commits, 'commit')} listed).`);
  return {
    findings: result.findings,
    skipped: result.skipped,
    scope: args.mode === 'staged'
      ? `in ${plural(result.files, 'staged file')}`
      : `in ${plural(result.commits, 'commit')} (${plural(result.blobs, 'blob')}, ${mb(result.bytes)} MB scanned in ${seconds.toFixed(1)} s, ${(result.bytes / 1024 / 1024 / Math.max(seconds, 0.001)).toFixed(0)} MB/s)`,
    notes,
    interrupted: result.interrupted,
  };
}

export async function main(argv: readonly string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`retrac-scan: ${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  let baseline: BaselineEntry[] = [];
  if (args.baseline) {
    try {
      baseline = parseBaseline(readFileSync(args.baseline, 'utf8'), args.baseline);
    } catch (err) {
      process.stderr.write(`retrac-scan: ${err instanceof Error ? err.message : String(err)}\n`);
      return 2;
    }
  }
  let result: Report;
  try {
    result = args.mode === 'paths' ? await scanPaths(args) : await scanGit(args);
  } catch (err) {
    if (!(err instanceof GitError)) throw err;
    process.stderr.write(`retrac-scan: ${err.message}\n`);
    return 2;
  }

  if (args.writeBaseline) {
    writeFileSync(args.writeBaseline, serializeBaseline(baselineEntries(result.findings)));
    process.stderr.write(`retrac-scan: recorded ${plural(new Set(result.findings.map((f) => f.fingerprint)).size, 'finding')} in ${args.writeBaseline}.\n`);
  }
  if (args.baseline) {
    const before = result.findings.length;
    result.findings = newFindings(result.findings, baseline);
    result.accepted = before - result.findings.length;
  }
  const out = render(result, args.format, { verbose: args.verbose, toolVersion: version });
  if (args.output) {
    writeFileSync(args.output, out.stdout);
    process.stderr.write(`retrac-scan: ${out.summary}\n`);
  } else process.stdout.write(out.stdout);
  if (out.stderr) process.stderr.write(out.stderr);

  if (result.interrupted) return 130;
  if (args.writeBaseline) return 0;
  if (result.findings.some((f) => f.severity === 'error')) return 1;
  if (args.strict && result.skipped.length) return 3;
  return 0;
}

if (!startScanWorkerIfAsked() && require.main === module) {
  // Until a result is in: a run that ends without one (a bug, a lost promise) must not look clean.
  process.exitCode = 2;
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      process.stderr.write(`retrac-scan: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
