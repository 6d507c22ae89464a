// A tree scan spread over threads: the walk runs once in the main thread, then the main thread and
// `jobs - 1` workers take files from one shared counter, a batch at a time (so a thread that
// started late or drew big files simply takes fewer), and each worker posts its results by file
// index; the main thread puts them back in walk order, so the output is the same as a scan in one
// thread. The worker is the CLI bundle itself (`startScanWorkerIfAsked` runs in it first). Results
// carry redacted findings only; the env values a worker needs are handed over at start, inside the
// process.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { scanFile, type FileScanOptions, type FileScanResult } from './scanFiles';
import type { WalkedFile } from './walk';

/** Fewer files than this are scanned in the main thread: starting a worker costs ~30 ms. */
export const PARALLEL_MIN_FILES = 2000;
/** Files a thread takes from the counter at a time. */
const TAKE = 32;

interface SliceData {
  retracScanSlice: true;
  files: WalkedFile[];
  /** One Int32: the index of the next file nobody has taken. */
  next: SharedArrayBuffer;
  lenient?: boolean;
  maxFileBytes?: number;
  envValues: [string, string][];
}

/** Results of a batch of files (index in `files`, result), then `done`. Batches keep messages few. */
type SliceMessage = { done: false; results: [number, Omit<FileScanResult, 'file'>][] } | { done: true };
const BATCH = 256;

/** Takes files from the shared counter until none are left, calling `scan` on each index. */
function takeFiles(next: Int32Array, count: number, scan: (index: number) => void): void {
  for (;;) {
    const start = Atomics.add(next, 0, TAKE);
    if (start >= count) return;
    const end = Math.min(count, start + TAKE);
    for (let i = start; i < end; i++) scan(i);
  }
}

/** In a worker started by `scanFilesInParallel`: scans the files it takes and returns true. */
export function startScanWorkerIfAsked(): boolean {
  const data = workerData as SliceData | undefined;
  if (isMainThread || !parentPort || !data?.retracScanSlice) return false;
  const options: FileScanOptions = { lenient: data.lenient, maxFileBytes: data.maxFileBytes, envValues: new Map(data.envValues) };
  let batch: [number, Omit<FileScanResult, 'file'>][] = [];
  takeFiles(new Int32Array(data.next), data.files.length, (index) => {
    const { file: _file, ...result } = scanFile(data.files[index], options);
    batch.push([index, result]);
    if (batch.length === BATCH) {
      parentPort!.postMessage({ done: false, results: batch } satisfies SliceMessage);
      batch = [];
    }
  });
  parentPort.postMessage({ done: false, results: batch } satisfies SliceMessage);
  parentPort.postMessage({ done: true } satisfies SliceMessage);
  return true;
}

/**
 * Scans `files` in this thread and `jobs - 1` workers running `script` (a bundle that calls
 * startScanWorkerIfAsked). A file a failed worker took and did not report is scanned here:
 * nothing is dropped.
 */
export async function scanFilesInParallel(files: readonly WalkedFile[], options: FileScanOptions, jobs: number, script: string): Promise<FileScanResult[]> {
  const results = new Array<FileScanResult | undefined>(files.length);
  const next = new SharedArrayBuffer(4);
  const data: SliceData = {
    retracScanSlice: true,
    files: [...files],
    next,
    lenient: options.lenient,
    maxFileBytes: options.maxFileBytes,
    envValues: [...(options.envValues ?? [])],
  };
  const workers = Array.from(
    { length: jobs - 1 },
    () =>
      new Promise<void>((resolve) => {
        let worker: Worker;
        try {
          worker = new Worker(script, { workerData: data });
        } catch {
          resolve();
          return;
        }
        worker.on('message', (m: SliceMessage) => {
          if (m.done) {
            resolve();
            void worker.terminate();
          } else for (const [k, result] of m.results) results[k] = { file: files[k], ...result };
        });
        worker.on('error', () => resolve());
        worker.on('exit', () => resolve());
      }),
  );
  // This thread takes its share while the workers start: their start-up is not waited for.
  takeFiles(new Int32Array(next), files.length, (i) => (results[i] = scanFile(files[i], options)));
  await Promise.all(workers);
  // Array.from, not map: map skips the holes, which are exactly the files a failed worker took.
  return Array.from(results, (r, i) => r ?? scanFile(files[i], options));
}
