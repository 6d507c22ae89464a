// A tree scan spread over threads: the workers start first and the walk runs once in the main
// thread meanwhile; then the main thread and `jobs - 1` workers take files from one shared
// counter, a batch at a time (so a thread that started late or drew big files simply takes
// fewer), and each worker posts its results by file index; the main thread puts them back in walk
// order, so the output is the same as a scan in one thread. The worker is the CLI bundle itself
// (`startScanWorkerIfAsked` runs in it first). Results carry redacted findings only; the env
// values a worker needs are handed over with the files, inside the process.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { scanFile, type FileScanOptions, type FileScanResult } from './scanFiles';
import type { WalkedFile } from './walk';

/** Fewer files than this are scanned in the main thread: a worker costs ~30 ms of CPU to start. */
export const PARALLEL_MIN_FILES = 2000;
/** Files a thread takes from the counter at a time. */
const TAKE = 32;

/** What a worker is started with, before the walk: it then waits for its work. */
interface SliceStart {
  retracScanSlice: true;
  lenient?: boolean;
  maxFileBytes?: number;
}

/** The work, posted once the walk is done. */
interface SliceWork {
  files: WalkedFile[];
  /** One Int32: the index of the next file nobody has taken. */
  next: SharedArrayBuffer;
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

/** In a worker started by `ScanThreads`: waits for the work, scans the files it takes, and returns true. */
export function startScanWorkerIfAsked(): boolean {
  const data = workerData as SliceStart | undefined;
  if (isMainThread || !parentPort || !data?.retracScanSlice) return false;
  const port = parentPort;
  port.once('message', (work: SliceWork) => {
    const options: FileScanOptions = { lenient: data.lenient, maxFileBytes: data.maxFileBytes, envValues: new Map(work.envValues) };
    let batch: [number, Omit<FileScanResult, 'file'>][] = [];
    takeFiles(new Int32Array(work.next), work.files.length, (index) => {
      const { file: _file, ...result } = scanFile(work.files[index], options);
      batch.push([index, result]);
      if (batch.length === BATCH) {
        port.postMessage({ done: false, results: batch } satisfies SliceMessage);
        batch = [];
      }
    });
    port.postMessage({ done: false, results: batch } satisfies SliceMessage);
    port.postMessage({ done: true } satisfies SliceMessage);
  });
  return true;
}

/**
 * `jobs - 1` workers running `script` (a bundle that calls startScanWorkerIfAsked), started
 * before the walk so that they are ready when it ends: starting one costs ~30 ms, which the walk
 * hides. `scan` then spreads the files over them and this thread.
 */
export class ScanThreads {
  private readonly workers: Worker[] = [];
  /** Per worker: settles when it is done, failed or gone. */
  private readonly ended: Promise<void>[] = [];
  private onMessage: ((m: SliceMessage) => void) | undefined;

  constructor(jobs: number, script: string, options: Pick<FileScanOptions, 'lenient' | 'maxFileBytes'>) {
    const data: SliceStart = { retracScanSlice: true, lenient: options.lenient, maxFileBytes: options.maxFileBytes };
    for (let k = 1; k < jobs; k++) {
      let worker: Worker;
      try {
        worker = new Worker(script, { workerData: data });
      } catch {
        continue; // this thread scans what the worker would have
      }
      worker.unref(); // until it has work: a walk that throws must not leave the process waiting
      this.workers.push(worker);
      this.ended.push(
        new Promise<void>((resolve) => {
          worker.on('message', (m: SliceMessage) => {
            this.onMessage?.(m);
            if (m.done) {
              resolve();
              void worker.terminate();
            }
          });
          worker.on('error', () => resolve());
          worker.on('exit', () => resolve());
        }),
      );
    }
  }

  /**
   * Scans `files` here and in the workers; a file a failed worker took and did not report is
   * scanned here: nothing is dropped.
   */
  async scan(files: readonly WalkedFile[], options: FileScanOptions): Promise<FileScanResult[]> {
    const results = new Array<FileScanResult | undefined>(files.length);
    const next = new SharedArrayBuffer(4);
    this.onMessage = (m) => {
      if (!m.done) for (const [k, result] of m.results) results[k] = { file: files[k], ...result };
    };
    const work: SliceWork = { files: [...files], next, envValues: [...(options.envValues ?? [])] };
    for (const worker of this.workers) {
      try {
        worker.ref();
        worker.postMessage(work);
      } catch {
        void worker.terminate(); // gone already: its `ended` settles
      }
    }
    // This thread takes its share while the workers finish starting: their start-up is not waited for.
    takeFiles(new Int32Array(next), files.length, (i) => (results[i] = scanFile(files[i], options)));
    await Promise.all(this.ended);
    // Array.from, not map: map skips the holes, which are exactly the files a failed worker took.
    return Array.from(results, (r, i) => r ?? scanFile(files[i], options));
  }

  /** Ends the workers without work (a tree too small to share). */
  stop(): void {
    for (const worker of this.workers) void worker.terminate();
  }
}

/** Scans `files` in this thread and `jobs - 1` workers running `script`; the result is the same as one thread's. */
export async function scanFilesInParallel(files: readonly WalkedFile[], options: FileScanOptions, jobs: number, script: string): Promise<FileScanResult[]> {
  return new ScanThreads(jobs, script, options).scan(files, options);
}
