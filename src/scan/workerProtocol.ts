// Messages between the extension and the workspace scan worker (`dist/scan-worker.js`, a
// `worker_threads` Worker). Start it with `new Worker(path.join(extensionPath, 'dist', 'scan-worker.js'))`.
//
// extension → worker: `ScanRequest` to start a scan (one at a time; a new request supersedes the
// running one, which ends with `done` and `cancelled: true`), `CancelRequest` to stop it. The file
// walk itself runs in one go before scanning starts; a cancel is honoured between batches of
// 50 files.
// worker → extension, for a request id: `progress` at most every 100 ms, `file` for each file with
// findings (files without findings send nothing, so the extension replaces its previous result
// set when `done` arrives), then exactly one `done` (also after a cancel, with `cancelled: true`)
// or `error`. Findings carry offsets, 1-based lines/columns and redacted
// messages only; the secret itself never crosses the thread boundary.
import type { SkippedFile } from './skipped';
import type { Finding } from './types';

export interface ScanRequest {
  type: 'scan';
  id: number;
  /** Absolute folders or files. */
  roots: string[];
  lenient?: boolean;
  /** Fingerprints from the workspace ignore list. */
  ignoredFingerprints?: string[];
  /** Larger files are reported as too large; defaults to 100 MB. */
  maxFileBytes?: number;
}

export interface CancelRequest {
  type: 'cancel';
  id: number;
}

export type WorkerRequest = ScanRequest | CancelRequest;

export interface ProgressMessage {
  type: 'progress';
  id: number;
  /** Files handled so far, scanned or not, out of `filesTotal`. */
  filesDone: number;
  filesTotal: number;
  bytesScanned: number;
}

export interface FileFindingsMessage {
  type: 'file';
  id: number;
  /** Absolute path. */
  path: string;
  gitIgnored: boolean;
  findings: Finding[];
}

export interface DoneMessage {
  type: 'done';
  id: number;
  cancelled: boolean;
  /** Files read and scanned; `filesSkipped` were not (`skipped` says which and why). */
  filesScanned: number;
  filesSkipped: number;
  /** Every file or folder not scanned: too large, binary, unreadable, special file, path too long, symlink loop. */
  skipped: SkippedFile[];
  bytesScanned: number;
  findingsCount: number;
  durationMs: number;
}

export interface ErrorMessage {
  type: 'error';
  id: number;
  message: string;
}

export type WorkerMessage = ProgressMessage | FileFindingsMessage | DoneMessage | ErrorMessage;
