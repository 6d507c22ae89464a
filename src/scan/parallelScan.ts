// A tree scan spread over worker threads: the walk runs once in the main thread, then each worker
// reads and scans an interleaved share of the files and posts one result per file; the main thread
// puts them back in walk order, so the output is the same as a scan in one thread. The worker is
// the CLI bundle itself (`startScanWorkerIfAsked` runs in it first). Results carry redacted
// findings only; the env values a worker needs are handed over at start, inside the process.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { scanFile, type FileScanOptions, type FileScanResult } from './scanFiles';
import type { WalkedFile } from './walk';

/** Fewer files than this are scanned in the main thread: starting a worker costs ~30 ms. */
export const PARALLEL_MIN_FILES = 2000;

interface SliceData {
  retracScanSlice: true;
  files: WalkedFile[];
  lenient?: boolean;
  maxFileBytes?: number;
  envValues: [string, string][];
}

/** Results of a batch of files (index in the slice, result), then `done`. Batches keep messages few. */
type SliceMessage = { done: false; results: [number, Omit<FileScanResult, 'file'>][] } | { done: true };
const BATCH = 256;

/** In a worker started by `scanFilesInParallel`: scans its slice and returns true. */
export function startScanWorkerIfAsked(): boolean {
  const data = workerData as SliceData | undefined;
  if (isMainThread || !parentPort || !data?.retracScanSlice) return false;
  const options: FileScanOptions = { lenient: data.lenient, maxFileBytes: data.maxFileBytes, envValues: new Map(data.envValues) };
  let batch: [number, Omit<FileScanResult, 'file'>][] = [];
  data.files.forEach((file, index) => {
    const { file: _file, ...result } = scanFile(file, options);
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
 * Scans `files` with `jobs` workers running `script` (a bundle that calls startScanWorkerIfAsked).
 * A worker that fails has its remaining files scanned here: nothing is dropped.
 */
export async function scanFilesInParallel(files: readonly WalkedFile[], options: FileScanOptions, jobs: number, script: string): Promise<FileScanResult[]> {
  const results = new Array<FileScanResult | undefined>(files.length);
  const slices = Array.from({ length: jobs }, (_, j) => files.map((_, i) => i).filter((i) => i % jobs === j));
  await Promise.all(
    slices.map(
      (indexes) =>
        new Promise<void>((resolve) => {
          const data: SliceData = {
            retracScanSlice: true,
            files: indexes.map((i) => files[i]),
            lenient: options.lenient,
            maxFileBytes: options.maxFileBytes,
            envValues: [...(options.envValues ?? [])],
          };
          let finished = false;
          const finish = (): void => {
            if (finished) return;
            finished = true;
            for (const i of indexes) results[i] ??= scanFile(files[i], options);
            resolve();
          };
          let worker: Worker;
          try {
            worker = new Worker(script, { workerData: data });
          } catch {
            finish();
            return;
          }
          worker.on('message', (m: SliceMessage) => {
            if (m.done) {
              finish();
              void worker.terminate();
            } else for (const [k, result] of m.results) results[indexes[k]] = { file: files[indexes[k]], ...result };
          });
          worker.on('error', finish);
          worker.on('exit', finish);
        }),
    ),
  );
  return results.map((r, i) => r ?? scanFile(files[i], options));
}
