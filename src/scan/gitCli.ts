// The parts of `retrac-scan` that issue 11 added: `--staged`, `--git [REV-RANGE]`, `--all`,
// `--format sarif`, `--output FILE`, `--baseline FILE` and `--write-baseline FILE`. cli.ts hands
// an invocation over when it uses any of them (see `handlesGitOrReport`).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { version } from '../../package.json';
import { BASELINE_FILE_NAME, baselineEntries, newFindings, parseBaseline, serializeBaseline, type BaselineEntry } from './baseline';
import { GitError } from './git/gitProcess';
import { scanHistory, type GitScanResult, type HistoryProgress } from './git/history';
import { scanStaged } from './git/staged';
import { reported, type ReportedFinding, type ReportedSkip } from './report/reported';
import { toSarif } from './report/sarif';
import { scanFile } from './scanFiles';
import { displayPath, walk } from './walk';

export const GIT_USAGE = `
Git and CI:
  --staged               Scan what is about to be committed (the index), lines it adds: for pre-commit hooks.
  --git [REV-RANGE...]   Scan history: every line each commit added (default: all reachable from HEAD).
  --all                  With --git: every ref (branches, tags, stashes).
  --format sarif         SARIF 2.1.0 for GitHub code scanning (keys redacted, fingerprints for dedup).
  --output FILE          Write the report to FILE instead of standard output.
  --baseline FILE        Accept the findings recorded in FILE; fail only on new ones.
  --write-baseline FILE  Record today's findings in FILE (exit 0).
  --no-baseline          With --staged or --git: do not read ./.retrac-baseline.json (read by default
                         when present; the editor's "Ignore in this workspace" writes it).
Exit status with git: 2 also when git is missing, this is not a repository or the range is bad;
130 after Ctrl-C (what was found so far is printed).
`;

class UsageError extends Error {}

interface GitCliArgs {
  mode: 'paths' | 'staged' | 'history';
  revisions: string[];
  format: 'json' | 'text' | 'sarif';
  output?: string;
  baseline?: string;
  writeBaseline?: string;
  noBaseline: boolean;
  lenient: boolean;
  paths: string[];
}

const OWN_OPTIONS = new Set(['--staged', '--git', '--all', '--output', '-o', '--baseline', '--write-baseline', '--no-baseline']);

/** True when the invocation uses an option this module owns (cli.ts runs everything else). */
export function handlesGitOrReport(argv: readonly string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return false;
    const name = a.split('=', 1)[0];
    if (OWN_OPTIONS.has(name)) return true;
    if (a === '--format=sarif' || (a === '--format' && argv[i + 1] === 'sarif')) return true;
  }
  return false;
}

function parseArgs(argv: readonly string[]): GitCliArgs {
  const args: GitCliArgs = { mode: 'paths', revisions: [], format: 'text', lenient: false, noBaseline: false, paths: [] };
  const value = (i: number, name: string): string => {
    const v = argv[i];
    if (v === undefined || (v.startsWith('-') && v !== '-')) throw new UsageError(`${name} needs a value.`);
    return v;
  };
  let inRevisions = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const inline = eq > 0 ? a.slice(eq + 1) : undefined;
    const take = (): string => inline ?? value(++i, name);
    if (a === '--') {
      (args.mode === 'history' ? args.revisions : args.paths).push(...argv.slice(i + 1));
      break;
    }
    if (name === '--staged') args.mode = 'staged';
    else if (name === '--git') {
      args.mode = 'history';
      inRevisions = true;
      continue;
    } else if (name === '--all') {
      args.mode = 'history';
      args.revisions.push('--all');
    } else if (name === '--format') {
      const f = take();
      if (f !== 'json' && f !== 'text' && f !== 'sarif') throw new UsageError(`--format takes json, text or sarif, not "${f}".`);
      args.format = f;
    } else if (name === '--output' || name === '-o') args.output = take();
    else if (name === '--baseline') args.baseline = take();
    else if (name === '--write-baseline') args.writeBaseline = take();
    else if (name === '--no-baseline') args.noBaseline = true;
    else if (name === '--lenient') args.lenient = true;
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`Unknown option ${a}.`);
    else if (inRevisions) {
      args.revisions.push(a);
      continue;
    } else args.paths.push(a);
    inRevisions = false;
  }
  if (args.mode === 'staged' && args.revisions.length) throw new UsageError('--staged and --git cannot be combined.');
  if (args.mode !== 'paths' && args.paths.length) throw new UsageError(`--staged and --git scan the repository; no PATH (${args.paths.join(', ')}) may follow.`);
  if (args.mode === 'paths') {
    if (!args.paths.length) throw new UsageError('No PATH given (or use --staged or --git).');
    const missing = args.paths.filter((p) => !existsSync(p));
    if (missing.length) throw new UsageError(`No such file or folder: ${missing.join(', ')}.`);
  }
  if (args.baseline && args.noBaseline) throw new UsageError('--baseline and --no-baseline cannot be combined.');
  // The hook and CI run at the repository root: the file the editor writes is found there.
  if (!args.baseline && !args.noBaseline && !args.writeBaseline && args.mode !== 'paths' && existsSync(BASELINE_FILE_NAME)) args.baseline = BASELINE_FILE_NAME;
  if (args.baseline && !existsSync(args.baseline)) throw new UsageError(`No such baseline file: ${args.baseline} (create one with --write-baseline).`);
  return args;
}

/** Plain file and folder scan, reported in the shared shape. */
function scanPaths(paths: string[], lenient: boolean): { findings: ReportedFinding[]; skipped: ReportedSkip[]; files: number } {
  const { files, envValues } = walk(paths);
  const options = { lenient, envValues };
  const findings: ReportedFinding[] = [];
  const skipped: ReportedSkip[] = [];
  for (const file of files) {
    const r = scanFile(file, options);
    const shown = displayPath(file.path);
    if (r.skipped) skipped.push({ file: shown, reason: r.skipped });
    for (const f of r.findings) findings.push(reported(shown, f));
  }
  return { findings, skipped, files: files.length };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

function textReport(findings: readonly ReportedFinding[], summary: string): string {
  const lines = findings.map((f) => {
    let line = `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}`;
    if (f.commit) {
      const where = f.inHead === undefined ? '' : f.inHead ? ', still in HEAD' : ', no longer in HEAD: rotate the key, it stays in history';
      line += ` [commit ${f.commit.slice(0, 10)} by ${f.author ?? '?'} on ${(f.date ?? '').slice(0, 10)}${where}]`;
    }
    return line;
  });
  lines.push(summary);
  return lines.join('\n') + '\n';
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

export async function gitCliMain(argv: readonly string[]): Promise<number> {
  // Until a result is in: a run that ends without one (a bug, a lost promise) must not look clean.
  process.exitCode = 2;
  let args: GitCliArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`retrac-scan: ${err.message}\nRun retrac-scan --help for the options.\n`);
    return 2;
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

  let findings: ReportedFinding[];
  let skipped: ReportedSkip[];
  let summary: string;
  let interrupted = false;
  const notes: string[] = [];
  if (args.mode === 'paths') {
    const r = scanPaths(args.paths, args.lenient);
    findings = r.findings;
    skipped = r.skipped;
    summary = `in ${plural(r.files, 'file')}`;
  } else {
    let result: GitScanResult;
    const controller = new AbortController();
    const onSigint = (): void => controller.abort();
    const progress = progressReporter();
    process.on('SIGINT', onSigint);
    try {
      result = args.mode === 'staged'
        ? await scanStaged({ cwd: process.cwd(), lenient: args.lenient })
        : await scanHistory({ cwd: process.cwd(), lenient: args.lenient, revisions: args.revisions, signal: controller.signal, onProgress: progress.report });
    } catch (err) {
      if (!(err instanceof GitError)) throw err;
      process.stderr.write(`retrac-scan: ${err.message}\n`);
      return 2;
    } finally {
      progress.done();
      process.off('SIGINT', onSigint);
    }
    findings = result.findings;
    skipped = result.skipped;
    interrupted = result.interrupted;
    const seconds = result.elapsedMs / 1000;
    summary = args.mode === 'staged'
      ? `in ${plural(result.files, 'staged file')}`
      : `in ${plural(result.commits, 'commit')} (${plural(result.blobs, 'blob')}, ${mb(result.bytes)} MB scanned in ${seconds.toFixed(1)} s, ${(result.bytes / 1024 / 1024 / Math.max(seconds, 0.001)).toFixed(0)} MB/s)`;
    if (result.shallow) notes.push('This is a shallow clone: commits before its depth are not in it and were not scanned (git fetch --unshallow to scan them).');
    if (interrupted) notes.push(`Interrupted: partial results (${result.blobs} of ${plural(result.blobsWanted ?? result.blobs, 'blob')} read, ${plural(result.commits, 'commit')} listed).`);
  }

  if (args.writeBaseline) {
    writeFileSync(args.writeBaseline, serializeBaseline(baselineEntries(findings)));
    process.stderr.write(`retrac-scan: recorded ${plural(new Set(findings.map((f) => f.fingerprint)).size, 'finding')} in ${args.writeBaseline}.\n`);
  }
  const accepted = findings.length;
  if (args.baseline) findings = newFindings(findings, baseline);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const baselineNote = args.baseline ? `, ${accepted - findings.length} accepted by the baseline` : '';
  summary = `${plural(findings.length, 'finding')} (${plural(errors, 'error')}${baselineNote}) ${summary}.`;

  let out: string;
  if (args.format === 'sarif') out = JSON.stringify(toSarif(findings, skipped, { toolVersion: version, notes }), null, 2) + '\n';
  else if (args.format === 'json') out = JSON.stringify({ findings, skipped, ...(notes.length ? { notes } : {}) }, null, 2) + '\n';
  else out = textReport(findings, [summary, ...notes].join('\n'));
  if (args.format === 'text') for (const s of skipped) process.stderr.write(`retrac-scan: not scanned: ${s.file} (${s.reason}${s.size ? `, ${mb(s.size)} MB` : ''}${s.commit ? `, commit ${s.commit.slice(0, 10)}` : ''})\n`);
  else for (const n of notes) process.stderr.write(`retrac-scan: ${n}\n`);
  if (args.output) {
    writeFileSync(args.output, out);
    if (args.format !== 'text') process.stderr.write(`retrac-scan: ${summary}\n`);
  } else process.stdout.write(out);

  if (interrupted) return 130;
  if (args.writeBaseline) return 0;
  return errors ? 1 : 0;
}

