// One scan run over a list of inputs, as the CLI does it: walk, read, scan, and collect both the
// findings and every file that was not scanned. Output formats live in report.ts.
import { statSync } from 'node:fs';
import { PARALLEL_MIN_FILES, ScanThreads } from './parallelScan';
import { scanFile, type FileScanOptions, type FileScanResult } from './scanFiles';
import type { SkippedFile } from './skipped';
import type { Finding } from './types';
import { walk, type WalkedFile } from './walk';

/** What to scan: files and folders given on the command line. */
export interface ScanInputs {
  roots: readonly string[];
}

export interface ScanRunOptions {
  lenient?: boolean;
  maxFileBytes?: number;
  /** Threads for large trees: this one and `jobs - 1` workers (1: no worker). */
  jobs?: number;
  /** The script a worker runs (the CLI bundle); without it everything runs in this thread. */
  workerScript?: string;
}

export interface FileFinding {
  /** Absolute path. */
  path: string;
  finding: Finding;
}

export interface ScanResult {
  findings: FileFinding[];
  /** Every file or folder that was not scanned, and why. */
  skipped: SkippedFile[];
  filesScanned: number;
}

/** Scans in this thread. */
export function scanInputs(inputs: ScanInputs, options: ScanRunOptions = {}): ScanResult {
  const { files, skipped, envValues } = walk(inputs.roots);
  const fileOptions: FileScanOptions = { lenient: options.lenient, envValues, maxFileBytes: options.maxFileBytes };
  return scanHere(files, fileOptions, skipped);
}

/** Scans with worker threads when the tree is large and `jobs` > 1; the result is the same as scanInputs'. */
export async function scanInputsInParallel(inputs: ScanInputs, options: ScanRunOptions = {}): Promise<ScanResult> {
  const jobs = options.jobs ?? 1;
  // Workers start before the walk, which hides their start-up; only a folder can hold a large tree.
  const isFolder = (root: string): boolean => !!statSync(root, { throwIfNoEntry: false })?.isDirectory();
  const threads = jobs > 1 && options.workerScript && inputs.roots.some(isFolder) ? new ScanThreads(jobs, options.workerScript, options) : undefined;
  let walked: ReturnType<typeof walk>;
  try {
    walked = walk(inputs.roots);
  } catch (err) {
    threads?.stop();
    throw err;
  }
  const { files, skipped, envValues } = walked;
  const fileOptions: FileScanOptions = { lenient: options.lenient, envValues, maxFileBytes: options.maxFileBytes };
  if (threads && files.length >= PARALLEL_MIN_FILES) {
    const collected = new Collected(skipped);
    for (const result of await threads.scan(files, fileOptions)) collected.add(result);
    return collected.result();
  }
  threads?.stop();
  return scanHere(files, fileOptions, skipped);
}

/** Scans in this thread, keeping each result only as long as it takes to collect it (no array of 10,000 results). */
function scanHere(files: readonly WalkedFile[], options: FileScanOptions, skipped: SkippedFile[]): ScanResult {
  const collected = new Collected(skipped);
  for (const file of files) collected.add(scanFile(file, options));
  return collected.result();
}

/** Findings and skipped files of a run, collected file by file. */
class Collected {
  private readonly findings: FileFinding[] = [];
  private filesScanned = 0;

  constructor(private readonly skipped: SkippedFile[]) {}

  add(result: FileScanResult): void {
    if (result.skipped) {
      this.skipped.push({ path: result.file.path, reason: result.skipped });
      return;
    }
    this.filesScanned++;
    for (const finding of result.findings) this.findings.push({ path: result.file.path, finding });
  }

  result(): ScanResult {
    return { findings: this.findings, skipped: this.skipped, filesScanned: this.filesScanned };
  }
}
