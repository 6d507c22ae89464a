// Scans git blobs, each (blob, syntax) pair once: a blob that stays the same over a thousand
// commits, or moves to another path, is read and scanned a single time.
import { scanContent, type FileScanOptions } from '../scanFiles';
import { sharedParts, type SharedParts } from '../prepare';
import type { SkipReason } from '../skipped';
import { DEFAULT_MAX_FILE_BYTES, shouldSkipDirectory } from '../skipRules';
import { isEnvFileName, languageIdFor } from '../syntax';
import type { Finding } from '../types';
import type { CatFileBatch } from './catFile';

export type BlobSkipReason = SkipReason | 'missing';

export interface BlobScan {
  findings: readonly Finding[];
  /** Bytes read from git (0 when skipped). */
  bytes: number;
  skipped?: BlobSkipReason;
  size: number;
}

export interface BlobScanOptions {
  lenient?: boolean;
  maxFileBytes?: number;
}

const NOTHING: readonly Finding[] = Object.freeze([]);

/** Folders the work-tree walk never enters (node_modules, VCS folders): skipped in git too. Files are all read. */
export function isSkippedPath(path: string): boolean {
  const parts = path.split('/');
  for (let i = 0; i < parts.length - 1; i++) if (shouldSkipDirectory(parts[i])) return true;
  return false;
}

export class BlobScans {
  private readonly cache = new Map<string, Promise<BlobScan>>();
  private readonly parts: SharedParts;
  private readonly fileOptions: FileScanOptions;
  readonly maxFileBytes: number;
  /** Bytes of blob content read and scanned so far. */
  bytesScanned = 0;
  blobsRead = 0;

  constructor(
    private readonly batch: CatFileBatch,
    options: BlobScanOptions = {},
  ) {
    this.parts = sharedParts(undefined, !!options.lenient);
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.fileOptions = { lenient: options.lenient, maxFileBytes: this.maxFileBytes };
  }

  /** Blob reads asked for so far (read or still queued). */
  get blobsRequested(): number {
    return this.cache.size;
  }

  /** The scan of blob `oid` read as a file named `path` (the name decides the syntax, e.g. `.env`). */
  scan(oid: string, path: string): Promise<BlobScan> {
    const syntax = isEnvFileName(path) ? 'env' : languageIdFor(path);
    const key = `${oid}:${syntax}`;
    let result = this.cache.get(key);
    if (!result) {
      result = this.batch.read(oid).then((blob) => {
        this.blobsRead++;
        if (blob.missing || (blob.type !== undefined && blob.type !== 'blob')) return { findings: NOTHING, bytes: 0, size: 0, skipped: 'missing' as const };
        if (!blob.data) return { findings: NOTHING, bytes: 0, size: blob.size, skipped: 'too-large' as const };
        this.bytesScanned += blob.size;
        return this.scanBytes(blob.data, path);
      });
      this.cache.set(key, result);
    }
    return result;
  }

  /** The same reading as a work-tree file (scanFiles.ts): only compressed content is not searched. */
  private scanBytes(bytes: Buffer, path: string): BlobScan {
    const size = bytes.length;
    const { findings, skipped } = scanContent(bytes, { fileName: path, gitIgnored: false }, this.fileOptions, this.parts);
    if (skipped) return { findings: NOTHING, bytes: 0, size, skipped };
    return { findings: findings.length ? findings : NOTHING, bytes: size, size };
  }
}

/**
 * The findings of `now` that the change added: a fingerprint counts as added only as many times as
 * it occurs more often than in every `before` version (a merge's parents, or none for a new file).
 * A key moved within a file is not added; a second copy of it is. Of several occurrences, those on
 * lines the old version had none on are taken first.
 */
export function addedFindings(now: readonly Finding[], before: readonly (readonly Finding[])[]): Finding[] {
  if (!now.length) return [];
  if (!before.length) return [...now];
  const allowance = new Map<string, number>();
  const oldLines = new Map<string, Set<number>>();
  for (const version of before) {
    const counts = new Map<string, number>();
    for (const f of version) {
      counts.set(f.fingerprint, (counts.get(f.fingerprint) ?? 0) + 1);
      let lines = oldLines.get(f.fingerprint);
      if (!lines) oldLines.set(f.fingerprint, (lines = new Set()));
      lines.add(f.line);
    }
    for (const [fp, n] of counts) allowance.set(fp, Math.max(allowance.get(fp) ?? 0, n));
  }
  const byPrint = new Map<string, Finding[]>();
  for (const f of now) {
    let list = byPrint.get(f.fingerprint);
    if (!list) byPrint.set(f.fingerprint, (list = []));
    list.push(f);
  }
  const added = new Set<Finding>();
  for (const [fp, list] of byPrint) {
    let extra = list.length - (allowance.get(fp) ?? 0);
    if (extra <= 0) continue;
    const lines = oldLines.get(fp);
    const ordered = lines ? [...list.filter((f) => !lines.has(f.line)), ...list.filter((f) => lines.has(f.line))] : list;
    for (const f of ordered) {
      if (extra-- <= 0) break;
      added.add(f);
    }
  }
  return now.filter((f) => added.has(f));
}
