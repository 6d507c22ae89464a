// Reads and scans the files of a walk: shared by the CLI and the worker.
import { closeSync, openSync, readSync } from 'node:fs';
import { mayHaveFindings, prepareOptions, scanWhole, sharedParts, type SharedParts } from './scanner';
import { DEFAULT_MAX_FILE_BYTES, hasVeryLongLines, isBinaryContent } from './skipRules';
import type { Finding } from './types';
import type { WalkedFile } from './walk';

export interface FileScanOptions {
  lenient?: boolean;
  envValues?: ReadonlyMap<string, string>;
  ignoredFingerprints?: ReadonlySet<string>;
  maxFileBytes?: number;
}

export type SkipReason = 'too-large' | 'binary' | 'minified' | 'unreadable';

export interface FileScanResult {
  file: WalkedFile;
  bytes: number;
  findings: Finding[];
  skipped?: SkipReason;
}

let readBuffer = Buffer.alloc(0);
/** Env-derived parts per options object: the CLI and the worker pass one object for a whole run. */
const shared = new WeakMap<FileScanOptions, SharedParts>();

/**
 * Reads one file into a buffer reused across files (no fstat: a read that fills the limit means
 * the file is too large) and scans it unless it is binary or minified.
 */
export function scanFile(file: WalkedFile, options: FileScanOptions): FileScanResult {
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (readBuffer.length < max + 1) readBuffer = Buffer.allocUnsafe(max + 1);
  let fd: number | undefined;
  let size = 0;
  try {
    fd = openSync(file.path, 'r');
    for (;;) {
      const n = readSync(fd, readBuffer, size, max + 1 - size, null);
      size += n;
      if (n === 0 || size > max) break;
    }
  } catch {
    return { file, bytes: 0, findings: [], skipped: 'unreadable' };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (size > max) return { file, bytes: 0, findings: [], skipped: 'too-large' };
  const bytes = readBuffer.subarray(0, size);
  let parts = shared.get(options);
  if (!parts) shared.set(options, (parts = sharedParts(options.envValues, !!options.lenient)));
  if (!mayHaveFindings(bytes, parts)) return { file, bytes: size, findings: [] };
  if (isBinaryContent(bytes)) return { file, bytes: 0, findings: [], skipped: 'binary' };
  if (hasVeryLongLines(bytes)) return { file, bytes: 0, findings: [], skipped: 'minified' };
  const prep = prepareOptions(
    { fileName: file.path, lenient: options.lenient, gitIgnored: file.gitIgnored, envValues: options.envValues, ignoredFingerprints: options.ignoredFingerprints },
    parts,
  );
  return { file, bytes: size, findings: scanWhole(bytes.toString('utf8'), prep) };
}
