// `retrac-scan --staged`: what is about to be committed. The index's blobs (not the work tree)
// of every added, modified, renamed or copied file, scanned whole; a finding is reported when the
// staged version holds it more often than HEAD's version of the file: the lines this commit adds,
// as the history scan counts them.
import { CatFileBatch } from './catFile';
import { addedFindings, BlobScans, isSkippedPath, type BlobScanOptions } from './blobScans';
import { repositoryFacts, runGit, type GitRunOptions } from './gitProcess';
import { isScannableEntry, parseRawEntries, ZERO_OID } from './rawDiff';
import type { GitScanResult } from './history';
import { reported, type ReportedFinding, type ReportedSkip } from '../report/reported';
import { DEFAULT_MAX_FILE_BYTES } from '../skipRules';

export type StagedScanOptions = GitRunOptions & BlobScanOptions;

export async function scanStaged(options: StagedScanOptions): Promise<GitScanResult> {
  const started = performance.now();
  // cat-file starts while git diff runs, so both start-ups overlap. (Shallowness does not matter
  // here: the index and HEAD are always there.)
  const batch = new CatFileBatch(options, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  let out: Buffer;
  try {
    out = await runGit(['diff', '--cached', '--raw', '-z', '--no-abbrev', '-M', '--no-color', '--no-ext-diff', '--ignore-submodules=all'], options);
  } catch (err) {
    batch.kill();
    // Outside a repository `git diff` falls back to --no-index and complains about --cached:
    // rev-parse (asked only now, one process less on the happy path) gives the clear reason.
    await repositoryFacts(options);
    throw err;
  }
  const { entries } = parseRawEntries(out.toString('utf8').split('\0'), 0);
  const files = entries.filter((e) => isScannableEntry(e) && !isSkippedPath(e.path));
  const findings: ReportedFinding[] = [];
  const skipped: ReportedSkip[] = [];
  const shallow = false;
  if (files.length) {
    const blobs = new BlobScans(batch, options);
    try {
      const perFile = await Promise.all(files.map(async (entry) => {
        const now = await blobs.scan(entry.newOid, entry.path);
        const skip: ReportedSkip | undefined = now.skipped && now.skipped !== 'missing' ? { path: entry.path, reason: now.skipped, blob: entry.newOid, size: now.size } : undefined;
        if (!now.findings.length) return { skip, found: [] };
        const before = await Promise.all(entry.oldOids.filter((o) => !ZERO_OID.test(o)).map((o) => blobs.scan(o, entry.fromPath ?? entry.path)));
        return { skip, found: addedFindings(now.findings, before.map((b) => b.findings)).map((f) => reported(entry.path, f)) };
      }));
      for (const { skip, found } of perFile) {
        if (skip) skipped.push(skip);
        findings.push(...found);
      }
    } finally {
      batch.close();
    }
    findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
    return { findings, skipped, commits: 0, files: files.length, blobs: blobs.blobsRead, bytes: blobs.bytesScanned, shallow, interrupted: false, elapsedMs: performance.now() - started };
  }
  batch.close();
  return { findings, skipped, commits: 0, files: 0, blobs: 0, bytes: 0, shallow, interrupted: false, elapsedMs: performance.now() - started };
}
