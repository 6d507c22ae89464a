// One scan run over a list of inputs, as the CLI does it: walk, read, scan, and collect both the
// findings and every file that was not scanned. Output formats live in report.ts.
import { statSync } from 'node:fs';
import { PARALLEL_MIN_FILES, ScanThreads } from './parallelScan';
import { scanFile, type FileScanOptions, type FileScanResult } from './scanFiles';
import type { SkippedFile } from './skipped';
import type { Finding } from './types';
import { walk } from './walk';

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
  return collect(files.map((file) => scanFile(file, fileOptions)), skipped);
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
  if (threads && files.length >= PARALLEL_MIN_FILES) return collect(await threads.scan(files, fileOptions), skipped);
  threads?.stop();
  return collect(files.map((file) => scanFile(file, fileOptions)), skipped);
}

function collect(results: readonly FileScanResult[], skipped: ScanResult['skipped']): ScanResult {
  const findings: FileFinding[] = [];
  let filesScanned = 0;
  for (const result of results) {
    if (result.skipped) {
      skipped.push({ path: result.file.path, reason: result.skipped });
      continue;
    }
    filesScanned++;
    for (const finding of result.findings) findings.push({ path: result.file.path, finding });
  }
  return { findings, skipped, filesScanned };
}
