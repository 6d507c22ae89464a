// `retrac-scan --git`: every line each commit added, over a revision range. One `git log --raw`
// lists the blobs each commit changed (no diff text: git computes no line diffs), one
// `git cat-file --batch` streams their contents, and each unique blob is scanned once. A finding
// belongs to a commit when the commit's version of the file holds it more often than every
// parent's version: what the commit added, whatever the line numbers did.
import { spawnGit, classifyGitFailure, gitMissing, repositoryFacts, runGit, type GitRunOptions } from './gitProcess';
import { CatFileBatch } from './catFile';
import { addedFindings, BlobScans, isSkippedPath, type BlobScan, type BlobScanOptions } from './blobScans';
import { isScannableEntry, parseRawEntries, ZERO_OID, type RawEntry } from './rawDiff';
import { reported, type ReportedFinding, type ReportedSkip } from '../report/reported';
import { DEFAULT_MAX_FILE_BYTES } from '../skipRules';

export interface HistoryScanOptions extends GitRunOptions, BlobScanOptions {
  /** Revision arguments for `git log` (default `HEAD`; `--all` for every ref). */
  revisions?: string[];
  /** Stops the scan; what was found so far is returned with `interrupted: true`. */
  signal?: AbortSignal;
  onProgress?: (p: HistoryProgress) => void;
}

export interface HistoryProgress {
  /** Commits whose changed blobs are all scanned. */
  commits: number;
  /** Commits git listed so far. */
  listed: number;
  blobs: number;
  bytes: number;
  elapsedMs: number;
}

export interface GitScanResult {
  findings: ReportedFinding[];
  skipped: ReportedSkip[];
  /** Commits (history) or staged files looked at. */
  commits: number;
  files: number;
  blobs: number;
  /** Blobs the scan needed (more than `blobs` when interrupted). */
  blobsWanted?: number;
  bytes: number;
  shallow: boolean;
  interrupted: boolean;
  elapsedMs: number;
}

interface CommitInfo {
  index: number;
  sha: string;
  author: string;
  date: string;
}

const PROGRESS_EVERY_MS = 500;

export async function scanHistory(options: HistoryScanOptions): Promise<GitScanResult> {
  const started = performance.now();
  const facts = repositoryFacts(options);
  facts.catch(() => undefined); // awaited below; the log reports the same failure first
  const revisions = options.revisions?.length ? options.revisions : ['HEAD'];
  const batch = new CatFileBatch(options, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  const blobs = new BlobScans(batch, options);
  const findings: { order: number; finding: ReportedFinding }[] = [];
  const skipped: ReportedSkip[] = [];
  const skippedBlobs = new Set<string>();
  const work: Promise<void>[] = [];
  let commits = 0;
  let commitsDone = 0;
  let files = 0;
  let interrupted = false;

  // On a timer: git lists commits far faster than their blobs are read, so progress is what got scanned.
  const progressTimer = options.onProgress
    ? setInterval(() => {
      const now = performance.now();
      options.onProgress!({ commits: commitsDone, listed: commits, blobs: blobs.blobsRead, bytes: blobs.bytesScanned, elapsedMs: now - started });
    }, PROGRESS_EVERY_MS)
    : undefined;
  progressTimer?.unref();

  const entryDone = async (commit: CommitInfo, entry: RawEntry, now: BlobScan): Promise<void> => {
    if (now.skipped && now.skipped !== 'missing' && !skippedBlobs.has(entry.newOid)) {
      skippedBlobs.add(entry.newOid);
      skipped.push({ path: entry.path, reason: now.skipped, blob: entry.newOid, commit: commit.sha, size: now.size });
    }
    if (!now.findings.length) return;
    const oldPath = entry.fromPath ?? entry.path;
    const before = await Promise.all(entry.oldOids.filter((o) => !ZERO_OID.test(o)).map((o) => blobs.scan(o, oldPath)));
    for (const f of addedFindings(now.findings, before.map((b) => b.findings))) {
      findings.push({ order: commit.index, finding: reported(entry.path, f, { commit: commit.sha, author: commit.author, date: commit.date }) });
    }
  };

  const onRecord = (record: string): void => {
    const tokens = record.split('\0');
    const [sha, , author, date] = tokens;
    if (!sha) return;
    const commit: CommitInfo = { index: commits++, sha, author: author ?? '', date: date ?? '' };
    // A merge's combined entries follow an empty field instead of a newline.
    let first = 4;
    while (tokens[first] === '') first++;
    const { entries } = parseRawEntries(tokens, first);
    const scanned = entries.filter((e) => isScannableEntry(e) && !isSkippedPath(e.path));
    let remaining = scanned.length;
    if (!remaining) commitsDone++;
    for (const entry of scanned) {
      files++;
      work.push(blobs.scan(entry.newOid, entry.path).then((now) => entryDone(commit, entry, now)).finally(() => {
        if (--remaining === 0) commitsDone++;
      }));
    }
  };

  const abort = (): void => {
    interrupted = true;
    batch.kill();
  };
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    await streamLog(options, revisions, onRecord, options.signal);
    const settled = await Promise.allSettled(work);
    if (!interrupted) {
      const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failed) throw failed.reason;
    }
  } catch (err) {
    if (!interrupted) {
      batch.kill();
      throw err;
    }
  } finally {
    options.signal?.removeEventListener('abort', abort);
    if (progressTimer) clearInterval(progressTimer);
  }
  const { shallow } = await facts.catch(() => ({ shallow: false }));
  const result = findings.sort((a, b) => a.order - b.order || a.finding.file.localeCompare(b.finding.file) || a.finding.line - b.finding.line).map((f) => f.finding);
  if (result.length && !interrupted) await markInHead(options, result, blobs);
  batch.close();
  return {
    findings: result, skipped, commits, files, blobs: blobs.blobsRead, blobsWanted: blobs.blobsRequested, bytes: blobs.bytesScanned, shallow, interrupted,
    elapsedMs: performance.now() - started,
  };
}

/** Runs `git log --raw` and hands over one commit record at a time. */
function streamLog(options: GitRunOptions, revisions: string[], onRecord: (record: string) => void, signal?: AbortSignal): Promise<void> {
  const args = ['log', '-z', '--raw', '-c', '-M', '--no-abbrev', '--root', '--no-color', '--no-ext-diff', '--format=%x01%H%x00%P%x00%an%x00%aI', ...revisions, '--'];
  return new Promise((resolve, reject) => {
    const child = spawnGit(args, options);
    let pending = '';
    let stderr = '';
    const onAbort = (): void => {
      child.kill();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      const parts = (pending + chunk).split('\x01');
      pending = parts.pop() ?? '';
      for (const record of parts) if (record) onRecord(record);
    });
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? gitMissing(options.gitPath ?? 'git') : e));
    child.on('close', (code) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) return resolve();
      if (code !== 0) return reject(classifyGitFailure(args, stderr, code));
      if (pending) onRecord(pending);
      resolve();
    });
    child.stdin!.end();
  });
}

/** Sets `inHead` on each finding: whether its secret is anywhere in HEAD's tree (no HEAD: false). */
export async function markInHead(options: GitRunOptions & BlobScanOptions, findings: ReportedFinding[], cache?: BlobScans): Promise<void> {
  let tree: Buffer;
  try {
    tree = await runGit(['ls-tree', '-r', '-z', '--full-tree', 'HEAD'], options);
  } catch {
    for (const f of findings) f.inHead = false;
    return;
  }
  // The history's own cache when there is one: HEAD's blobs were mostly scanned already.
  const batch = cache ? undefined : new CatFileBatch(options, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  const blobs = cache ?? new BlobScans(batch!, options);
  const prints = new Set<string>();
  const scans: Promise<void>[] = [];
  for (const line of tree.toString('utf8').split('\0')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, oid] = line.slice(0, tab).split(' ');
    const path = line.slice(tab + 1);
    if (type !== 'blob' || (mode !== '100644' && mode !== '100755') || isSkippedPath(path)) continue;
    scans.push(blobs.scan(oid, path).then((s) => {
      for (const f of s.findings) prints.add(f.fingerprint);
    }));
  }
  batch?.close();
  await Promise.all(scans);
  for (const f of findings) f.inHead = prints.has(f.fingerprint);
}
