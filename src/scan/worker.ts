// The workspace scan worker: walks the roots, scans every file and posts progress and findings
// (protocol in workerProtocol.ts). It yields to its event loop between batches so a cancel
// message is read while a scan runs.
import { parentPort } from 'node:worker_threads';
import { scanFile } from './scanFiles';
import { walk } from './walk';
import type { ScanRequest, WorkerMessage, WorkerRequest } from './workerProtocol';

const BATCH_FILES = 50;
const PROGRESS_INTERVAL_MS = 100;

const cancelledIds = new Set<number>();
let running: number | undefined;

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r));

async function run(request: ScanRequest): Promise<void> {
  const started = Date.now();
  const { id } = request;
  running = id;
  let filesScanned = 0;
  let bytesScanned = 0;
  let findingsCount = 0;
  const isCancelled = (): boolean => cancelledIds.has(id) || running !== id;
  try {
    const { files, skipped, envValues } = walk(request.roots);
    const options = {
      lenient: request.lenient,
      envValues,
      ignoredFingerprints: new Set(request.ignoredFingerprints ?? []),
      maxFileBytes: request.maxFileBytes,
    };
    let lastProgress = 0;
    for (let i = 0; i < files.length; i++) {
      if (i % BATCH_FILES === 0) {
        await nextTurn();
        if (isCancelled()) break;
      }
      const result = scanFile(files[i], options);
      if (result.skipped) skipped.push({ path: result.file.path, reason: result.skipped });
      else filesScanned++;
      bytesScanned += result.bytes;
      if (result.findings.length) {
        findingsCount += result.findings.length;
        post({ type: 'file', id, path: result.file.path, gitIgnored: result.file.gitIgnored, findings: result.findings });
      }
      const now = Date.now();
      if (now - lastProgress >= PROGRESS_INTERVAL_MS || i === files.length - 1) {
        lastProgress = now;
        post({ type: 'progress', id, filesDone: i + 1, filesTotal: files.length, bytesScanned });
      }
    }
    post({ type: 'done', id, cancelled: isCancelled(), filesScanned, filesSkipped: skipped.length, skipped, bytesScanned, findingsCount, durationMs: Date.now() - started });
  } catch (err) {
    post({ type: 'error', id, message: err instanceof Error ? err.message : String(err) });
  } finally {
    cancelledIds.delete(id);
    if (running === id) running = undefined;
  }
}

parentPort?.on('message', (message: WorkerRequest) => {
  if (message.type === 'cancel') cancelledIds.add(message.id);
  else if (message.type === 'scan') {
    // A newer scan supersedes the running one: `running` moves on, so the old loop stops.
    void run(message);
  }
});
