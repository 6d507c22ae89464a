// Parses git's `--raw -z` diff entries, as printed by `git diff --cached --raw -z` and
// `git log --raw -z [-c]`: `:mode… oid… STATUS\0path\0` (two paths for renames and copies,
// one more colon, mode and oid per parent for a merge's combined entries).

export interface RawEntry {
  /** Blob ids of the file in each parent (all zeros: absent there). */
  oldOids: string[];
  newOid: string;
  newMode: string;
  /** First letter of the status: A, M, R, C, D, T, U… */
  status: string;
  path: string;
  /** The source path of a rename or copy. */
  fromPath?: string;
}

export const ZERO_OID = /^0+$/;

/**
 * Reads entries from `tokens` (NUL-separated fields) starting at `i`; stops at the first token that
 * does not start an entry. Returns the entries and the index after them.
 */
export function parseRawEntries(tokens: readonly string[], i: number): { entries: RawEntry[]; next: number } {
  const entries: RawEntry[] = [];
  while (i < tokens.length) {
    const head = tokens[i].replace(/^\n/, '');
    if (!head.startsWith(':')) break;
    let colons = 0;
    while (head[colons] === ':') colons++;
    const fields = head.slice(colons).split(' ');
    // colons parents: modes (parents + 1), oids (parents + 1), status.
    const parents = colons;
    const newMode = fields[parents];
    const oldOids = fields.slice(parents + 1, parents + 1 + parents);
    const newOid = fields[2 * parents + 1];
    const statusField = fields[2 * parents + 2] ?? '';
    const status = statusField.charAt(0);
    i++;
    if (parents === 1 && (status === 'R' || status === 'C')) {
      entries.push({ oldOids, newOid, newMode, status, fromPath: tokens[i], path: tokens[i + 1] });
      i += 2;
    } else {
      entries.push({ oldOids, newOid, newMode, status, path: tokens[i] });
      i += 1;
    }
  }
  return { entries, next: i };
}

/** An entry whose new side is a regular file's blob (not deleted, not a submodule or symlink). */
export function isScannableEntry(e: RawEntry): boolean {
  return e.status !== 'D' && !ZERO_OID.test(e.newOid) && (e.newMode === '100644' || e.newMode === '100755');
}
