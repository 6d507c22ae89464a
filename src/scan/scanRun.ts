// One scan run over a list of inputs, as the CLI does it: walk, read, scan, and collect both the
// findings and every file that was not scanned. Output formats live in report.ts.
import { scanFile, type FileScanOptions } from './scanFiles';
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

export function scanInputs(inputs: ScanInputs, options: ScanRunOptions = {}): ScanResult {
  const { files, skipped, envValues } = walk(inputs.roots);
  const fileOptions: FileScanOptions = { lenient: options.lenient, envValues, maxFileBytes: options.maxFileBytes };
  const findings: FileFinding[] = [];
  let filesScanned = 0;
  for (const file of files) {
    const result = scanFile(file, fileOptions);
    if (result.skipped) {
      skipped.push({ path: file.path, reason: result.skipped });
      continue;
    }
    filesScanned++;
    for (const finding of result.findings) findings.push({ path: file.path, finding });
  }
  return { findings, skipped, filesScanned };
}
