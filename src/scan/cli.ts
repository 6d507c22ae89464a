// `retrac-scan`: scans files and folders for leaked Retrac keys and workspaceId misuse, for
// pre-commit hooks and CI. Exit 0: no error-severity finding; 1: at least one; 2: usage error.
import { existsSync } from 'node:fs';
import { scanFile } from './scanFiles';
import { displayPath, walk } from './walk';
import type { Finding } from './types';
import { GIT_USAGE, gitCliMain, handlesGitOrReport } from './gitCli'; // issue 11: git, SARIF, baselines

const USAGE = `Usage: retrac-scan [--format json|text] [--lenient] PATH...

Scans files and folders for hard-coded Retrac API keys, keys exposed to browser bundles,
plain-HTTP API URLs and workspaceId misuse. Folders are walked respecting .gitignore and
skipping node_modules, .git, lock files, binaries, minified bundles and files over 5 MB.

Options:
  --format json|text  Output format (default text: file:line:col severity rule message).
                      json prints one array of {file,line,column,endLine,endColumn,rule,severity,message}.
  --lenient           Also accept key-like tokens of 16-64 characters, not only 24.
  -h, --help          Show this help.

Exit status: 0 no error-severity finding, 1 at least one, 2 usage error.
Silence a line with a "retrac-ignore" comment, or the next one with "retrac-ignore-next-line".
` + GIT_USAGE;

interface CliArgs {
  format: 'json' | 'text';
  lenient: boolean;
  paths: string[];
  help: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { format: 'text', lenient: false, paths: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.paths.push(...argv.slice(i + 1));
      break;
    } else if (a === '-h' || a === '--help') args.help = true;
    else if (a === '--lenient') args.lenient = true;
    else if (a === '--format' || a.startsWith('--format=')) {
      const value = a === '--format' ? argv[++i] : a.slice('--format='.length);
      if (value !== 'json' && value !== 'text') throw new UsageError(`--format takes json or text, not ${value === undefined ? 'nothing' : `"${value}"`}.`);
      args.format = value;
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`Unknown option ${a}.`);
    else args.paths.push(a);
  }
  if (!args.help && args.paths.length === 0) throw new UsageError('No PATH given.');
  const missing = args.paths.filter((p) => !existsSync(p));
  if (!args.help && missing.length) throw new UsageError(`No such file or folder: ${missing.join(', ')}.`);
  return args;
}

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: string;
  message: string;
}

function toJson(file: string, f: Finding): JsonFinding {
  return { file, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, rule: f.rule, severity: f.severity, message: f.message };
}

export function main(argv: readonly string[]): number {
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
  const { files, envValues } = walk(args.paths);
  const results: JsonFinding[] = [];
  const options = { lenient: args.lenient, envValues };
  for (const file of files) {
    const { findings } = scanFile(file, options);
    if (!findings.length) continue;
    const shown = displayPath(file.path);
    for (const f of findings) results.push(toJson(shown, f));
  }
  if (args.format === 'json') process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  else {
    const lines = results.map((r) => `${r.file}:${r.line}:${r.column} ${r.severity} ${r.rule} ${r.message}`);
    const errors = results.filter((r) => r.severity === 'error').length;
    lines.push(`${results.length} finding${results.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}) in ${files.length} file${files.length === 1 ? '' : 's'}.`);
    process.stdout.write(lines.join('\n') + '\n');
  }
  return results.some((r) => r.severity === 'error') ? 1 : 0;
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  // Issue 11: --staged, --git, --all, --format sarif, --output, --baseline, --write-baseline (gitCli.ts).
  if (handlesGitOrReport(argv)) {
    gitCliMain(argv).then(
      (code) => (process.exitCode = code),
      (err: unknown) => {
        process.stderr.write(`retrac-scan: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exitCode = 2;
      },
    );
  } else process.exitCode = main(argv);
}
