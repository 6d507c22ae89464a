// `retrac-scan`: scans files and folders for leaked Retrac keys and workspaceId misuse, for
// pre-commit hooks and CI. Exit 0: no error-severity finding; 1: at least one; 2: usage error;
// 3: with --strict, a file was not scanned (and no error finding).
// What is scanned comes from scanRun.ts, how it is printed from report.ts.
import { lstatSync } from 'node:fs';
import { startScanWorkerIfAsked } from './parallelScan';
import { exitCode, report, type OutputFormat } from './report';
import { scanInputsInParallel } from './scanRun';
import { DEFAULT_MAX_FILE_BYTES } from './skipRules';

const USAGE = `Usage: retrac-scan [--format json|text] [--strict] [--verbose] [--max-file-size SIZE] [--lenient] PATH...

Scans files and folders for hard-coded Retrac API keys, keys exposed to browser bundles,
plain-HTTP API URLs and workspaceId misuse. Folders are walked respecting .gitignore and
skipping node_modules and VCS folders. Every file is read: minified bundles, source maps
(with their sourcesContent), lock files, and large files (in chunks). Files that are not
scanned are counted on stderr: too large, binary (compressed archives, PDFs), unreadable,
special files (FIFOs, sockets, devices), paths too long, symlink loops.

Options:
  --format json|text    Output format (default text: file:line:col severity rule message).
                        json prints {"findings": [{file,line,column,endLine,endColumn,rule,
                        severity,message}], "skipped": [{path,reason}]}.
  --strict              Exit 3 when any file was not scanned (exit 1 for an error finding wins).
  -v, --verbose         List every file not scanned on stderr, not only the counts.
  --max-file-size SIZE  Larger files are not scanned (reported as too large). Bytes, or with
                        a K, M or G suffix (default 100M).
  --lenient             Also accept key-like tokens of 16-64 characters, not only 24.
  --jobs N              Worker threads for trees of 2,000 files or more (default 1: none).
                        The output does not depend on it.
  -h, --help            Show this help.

Exit status: 0 no error-severity finding, 1 at least one, 2 usage error,
3 (with --strict) no error finding but some file was not scanned.
Silence a line with a "retrac-ignore" comment, or the next one with "retrac-ignore-next-line".
`;

interface CliArgs {
  format: OutputFormat;
  lenient: boolean;
  strict: boolean;
  verbose: boolean;
  maxFileBytes: number;
  jobs: number;
  paths: string[];
  help: boolean;
}

class UsageError extends Error {}

/** `100M`, `5MB`, `1.5g`, `2048`, `64k` → bytes; undefined when it is not a size. */
export function parseSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  const bytes = Math.floor(Number(m[1]) * unit);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { format: 'text', lenient: false, strict: false, verbose: false, maxFileBytes: DEFAULT_MAX_FILE_BYTES, jobs: 1, paths: [], help: false };
  const valueOf = (a: string, name: string, i: number): string | undefined => (a === name ? argv[i + 1] : a.slice(name.length + 1));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.paths.push(...argv.slice(i + 1));
      break;
    } else if (a === '-h' || a === '--help') args.help = true;
    else if (a === '--lenient') args.lenient = true;
    else if (a === '--strict') args.strict = true;
    else if (a === '-v' || a === '--verbose') args.verbose = true;
    else if (a === '--format' || a.startsWith('--format=')) {
      const value = valueOf(a, '--format', i);
      if (a === '--format') i++;
      if (value !== 'json' && value !== 'text') throw new UsageError(`--format takes json or text, not ${value === undefined ? 'nothing' : `"${value}"`}.`);
      args.format = value;
    } else if (a === '--max-file-size' || a.startsWith('--max-file-size=')) {
      const value = valueOf(a, '--max-file-size', i);
      if (a === '--max-file-size') i++;
      const bytes = value === undefined ? undefined : parseSize(value);
      if (bytes === undefined) throw new UsageError(`--max-file-size takes a size such as 100M, 512K or 1048576, not ${value === undefined ? 'nothing' : `"${value}"`}.`);
      args.maxFileBytes = bytes;
    } else if (a === '--jobs' || a.startsWith('--jobs=')) {
      const value = valueOf(a, '--jobs', i);
      if (a === '--jobs') i++;
      const jobs = Number(value);
      if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new UsageError(`--jobs takes a whole number from 1 to 64, not ${value === undefined ? 'nothing' : `"${value}"`}.`);
      args.jobs = jobs;
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`Unknown option ${a}.`);
    else args.paths.push(a);
  }
  if (!args.help && args.paths.length === 0) throw new UsageError('No PATH given.');
  // lstat: a dangling link or a link loop exists as a PATH; the scan reports why it is not read.
  const missing = args.paths.filter((p) => !lstatSync(p, { throwIfNoEntry: false }));
  if (!args.help && missing.length) throw new UsageError(`No such file or folder: ${missing.join(', ')}.`);
  return args;
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
  const result = await scanInputsInParallel({ roots: args.paths }, { lenient: args.lenient, maxFileBytes: args.maxFileBytes, jobs: args.jobs, workerScript: __filename });
  const out = report(result, args.format, { verbose: args.verbose });
  process.stdout.write(out.stdout);
  if (out.stderr) process.stderr.write(out.stderr);
  return exitCode(result, args.strict);
}

if (!startScanWorkerIfAsked() && require.main === module) {
  void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
