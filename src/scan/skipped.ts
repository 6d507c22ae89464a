// Files a scan did not read, and why: the walk and the reader report them, the CLI, the worker
// and the editor show them. A scanner that skips a file without saying so lets a user believe
// the code is clean. Pure.

export type SkipReason = 'too-large' | 'binary' | 'unreadable' | 'special-file' | 'path-too-long' | 'symlink-loop';

export interface SkippedFile {
  /** Absolute path (a folder when a whole folder could not be read). */
  path: string;
  reason: SkipReason;
}

/** Order and wording of the summary. */
const LABELS: readonly [SkipReason, string][] = [
  ['unreadable', 'unreadable'],
  ['too-large', 'too large'],
  ['binary', 'binary'],
  ['special-file', 'special file'],
  ['path-too-long', 'path too long'],
  ['symlink-loop', 'symlink loop'],
];

export function reasonLabel(reason: SkipReason): string {
  return LABELS.find(([r]) => r === reason)?.[1] ?? reason;
}

/** The reason for a failed stat, open, read or readdir. */
export function reasonForError(err: unknown): SkipReason {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENAMETOOLONG') return 'path-too-long';
  if (code === 'ELOOP') return 'symlink-loop';
  return 'unreadable';
}

/** Counts per reason, most common first order fixed by LABELS, e.g. `2 unreadable, 1 too large`. */
export function countByReason(skipped: readonly SkippedFile[]): string {
  const counts = new Map<SkipReason, number>();
  for (const s of skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  return LABELS.filter(([r]) => counts.has(r))
    .map(([r, label]) => `${counts.get(r)} ${label}`)
    .join(', ');
}

/** `3 files not scanned: 2 unreadable, 1 too large`; empty when everything was scanned. */
export function skippedSummary(skipped: readonly SkippedFile[]): string {
  if (!skipped.length) return '';
  return `${skipped.length} file${skipped.length === 1 ? '' : 's'} not scanned: ${countByReason(skipped)}`;
}
