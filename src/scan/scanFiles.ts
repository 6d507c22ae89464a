// Reads and scans the files of a walk: shared by the CLI and the worker.
//
// A file is opened without blocking (a FIFO that replaced a file since the walk cannot hang the
// scan). One that ends within the first read (1 MB) is scanned from it; a larger one, or one that
// reads empty or fails, is checked with fstat: not a regular file → `special-file`; over the size
// limit → `too-large`. Up to CHUNK_BYTES it is read whole into a buffer reused across files;
// a larger one is read in chunks that overlap by OVERLAP_BYTES on both sides, so a key across a
// chunk boundary, and the context the rules look at around it, are still seen. Each finding is
// kept by the one chunk that owns its start, so it is reported once, at its position in the file.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { gateBuffer } from './bytePrefilter';
import { countNewlines, moveFinding, type Origin } from './findingPosition';
import { mayHaveFindings, prepareOptions, sharedParts, type PreparedOptions, type SharedParts } from './prepare';
import { scanLongLines } from './longLines';
import { reasonForError, type SkipReason } from './skipped';
import { contentKind, DEFAULT_MAX_FILE_BYTES, type ContentKind } from './skipRules';
import { isSourceMapName, scanSourceMap } from './sourceMaps';
import type { Finding } from './types';
import type { WalkedFile } from './walk';

export interface FileScanOptions {
  lenient?: boolean;
  envValues?: ReadonlyMap<string, string>;
  ignoredFingerprints?: ReadonlySet<string>;
  maxFileBytes?: number;
  /** Files larger than this are read in chunks of this size (tests make it small). */
  chunkBytes?: number;
  /** Bytes of context read before and after each chunk. */
  overlapBytes?: number;
}

export interface FileScanResult {
  file: WalkedFile;
  /** Bytes read and searched. */
  bytes: number;
  findings: Finding[];
  skipped?: SkipReason;
}

export const CHUNK_BYTES = 8 * 1024 * 1024;
export const OVERLAP_BYTES = 256 * 1024;

/** Env-derived parts per options object: the CLI and the worker pass one object for a whole run. */
const shared = new WeakMap<FileScanOptions, SharedParts>();
// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * The read buffer, reused across files; where the byte gate's prefilter reads without a copy.
 * Growing it keeps its bytes.
 */
function buffer(size: number): Buffer {
  return gateBuffer(size);
}

/** Reads `length` bytes at `position` into `buf` from `at` on (fewer at the end of the file). */
function readAt(fd: number, buf: Buffer, length: number, position: number, at = 0): number {
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, at + got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got;
}

/**
 * Bytes of the first read. A file that ends within them (nearly all) is read without an fstat:
 * the walk's directory entry said it is a regular file, and reading on until `read` returns 0
 * proves its end. A longer one, or one that reads empty, is checked with fstat as before.
 */
const FIRST_READ_BYTES = 1024 * 1024;

export function scanFile(file: WalkedFile, options: FileScanOptions): FileScanResult {
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let fd: number | undefined;
  try {
    fd = openSync(file.path, OPEN_FLAGS);
    let parts = shared.get(options);
    if (!parts) shared.set(options, (parts = sharedParts(options.envValues, !!options.lenient)));
    const chunk = options.chunkBytes ?? CHUNK_BYTES;
    // One byte over the limit and over one chunk: a first read that fills `first` says "larger".
    const first = Math.min(FIRST_READ_BYTES, max + 1, chunk + 1);
    const head = readAt(fd, buffer(first), first, 0);
    // Ended within the first read: whole, within the limit. An empty read may be a FIFO or a
    // device that replaced the file since the walk: fstat says.
    if (head < first && (head > 0 || fstatSync(fd).isFile())) return scanRead(file, head, options, parts);
    const st = fstatSync(fd);
    if (!st.isFile()) return { file, bytes: 0, findings: [], skipped: 'special-file' };
    if (st.size > max) return { file, bytes: 0, findings: [], skipped: 'too-large' };
    // A map's sourcesContent is parsed as a whole: maps are read whole up to the size limit.
    if (st.size <= chunk || isSourceMapName(file.path)) return scanWholeFile(fd, file, st.size, head, options, parts);
    return scanInChunks(fd, file, st.size, chunk, options, parts);
  } catch (err) {
    return { file, bytes: 0, findings: [], skipped: failedReason(fd, err) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Why a file could not be read: an open file that is not a regular one (a FIFO since the walk) is a special file. */
function failedReason(fd: number | undefined, err: unknown): SkipReason {
  if (fd !== undefined) {
    try {
      if (!fstatSync(fd).isFile()) return 'special-file';
    } catch {
      // the read's error says more
    }
  }
  return reasonForError(err);
}

function prepare(source: ContentSource, options: FileScanOptions, parts: SharedParts): PreparedOptions {
  return prepareOptions(
    { fileName: source.fileName, lenient: options.lenient, gitIgnored: source.gitIgnored, envValues: options.envValues, ignoredFingerprints: options.ignoredFingerprints },
    parts,
  );
}

function decode(bytes: Buffer, encoding: ContentKind['encoding']): string {
  if (encoding !== 'utf16be') return bytes.toString(encoding);
  const swapped = Buffer.from(bytes.subarray(0, bytes.length & ~1));
  return swapped.swap16().toString('utf16le');
}

/** `size` by fstat; the first `have` bytes are in the read buffer already. */
function scanWholeFile(fd: number, file: WalkedFile, size: number, have: number, options: FileScanOptions, parts: SharedParts): FileScanResult {
  // What fstat said, so one read call gets the rest (no second call to see the end). At the
  // limit, one byte more: a file that grew past the limit since is `too-large`.
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const want = Math.max(have, size < max ? size : max + 1);
  let n = have + readAt(fd, buffer(want), want - have, have, have);
  if (n > max) return { file, bytes: 0, findings: [], skipped: 'too-large' };
  if (n > Math.max(size, have)) n = Math.max(size, have); // grew: scan what fstat saw
  return scanRead(file, n, options, parts);
}

/** Scans the first `n` bytes of the read buffer, a whole file. */
function scanRead(file: WalkedFile, n: number, options: FileScanOptions, parts: SharedParts): FileScanResult {
  const scanned = scanContent(buffer(n).subarray(0, n), { fileName: file.path, gitIgnored: file.gitIgnored }, options, parts);
  return { file, bytes: scanned.skipped ? 0 : n, ...scanned };
}

/** Where content came from: the name decides the syntax (e.g. `.env`, a source map). */
export interface ContentSource {
  fileName: string;
  gitIgnored?: boolean;
}

/**
 * Scans content held in memory, as a file of that name: a work-tree file read whole, or a git blob.
 * Compressed content is `binary`; any other bytes are searched (minified bundles, source maps with
 * their sourcesContent, UTF-16, text with a stray NUL).
 */
export function scanContent(bytes: Buffer, source: ContentSource, options: FileScanOptions, parts: SharedParts): { findings: Finding[]; skipped?: SkipReason } {
  const kind = contentKind(bytes.subarray(0, 8192));
  if (kind.compressed) return { findings: [], skipped: 'binary' };
  const utf16 = kind.encoding === 'utf16le' || kind.encoding === 'utf16be';
  const sourceMap = isSourceMapName(source.fileName);
  if (!utf16 && !mayHaveFindings(bytes, parts, source.fileName, sourceMap)) return { findings: [] };
  const text = decode(bytes.subarray(kind.bom), kind.encoding);
  const prep = prepare(source, options, parts);
  const findings = sourceMap ? scanSourceMap(text, prep, options, parts) : scanLongLines(text, prep);
  return { findings };
}

/** Moves a byte offset forward to a character boundary (UTF-8 continuation bytes, UTF-16 pairs). */
function align(buf: Buffer, at: number, end: number, encoding: ContentKind['encoding'], base: number): number {
  if (encoding === 'utf16le' || encoding === 'utf16be') return Math.min(end, at + ((at - base) & 1));
  if (encoding !== 'utf8') return at;
  let i = at;
  while (i < end && i < at + 3 && (buf[i] & 0xc0) === 0x80) i++;
  return i;
}

/** Whether any chunk of the file, with `overlap` bytes either side, passes the byte gate. */
function someWindowMayHaveFindings(fd: number, buf: Buffer, size: number, chunk: number, overlap: number, bom: number, parts: SharedParts, path: string): boolean {
  for (let start = bom; start < size; start += chunk) {
    const readFrom = Math.max(bom, start - overlap);
    const n = readAt(fd, buf, Math.min(size, start + chunk + overlap) - readFrom, readFrom);
    if (mayHaveFindings(buf.subarray(0, n), parts, path)) return true;
  }
  return false;
}

function scanInChunks(fd: number, file: WalkedFile, size: number, chunk: number, options: FileScanOptions, parts: SharedParts): FileScanResult {
  const overlap = options.overlapBytes ?? OVERLAP_BYTES;
  const headBuf = Buffer.allocUnsafe(Math.min(8192, size));
  readAt(fd, headBuf, headBuf.length, 0);
  const kind = contentKind(headBuf);
  if (kind.compressed) return { file, bytes: 0, findings: [], skipped: 'binary' };
  const utf16 = kind.encoding === 'utf16le' || kind.encoding === 'utf16be';
  const buf = buffer(chunk + 2 * overlap + 8);
  // Most big files (compilers, bundles) hold no gate word: a first pass on the raw bytes says so
  // without decoding anything. Its windows reach `overlap` either side of each chunk, so a gate
  // word anywhere in the file is whole in one of them.
  if (!utf16 && !someWindowMayHaveFindings(fd, buf, size, chunk, overlap, kind.bom, parts, file.path)) return { file, bytes: size, findings: [] };
  const prep = prepare({ fileName: file.path, gitIgnored: file.gitIgnored }, options, parts);
  const findings: Finding[] = [];
  // Running position of the owned part's start: UTF-16 units, newlines and column before it.
  let ownedOffset = 0;
  let ownedLines = 0;
  let ownedColumn = 0;
  let start = kind.bom;
  while (start < size) {
    const readFrom = Math.max(kind.bom, start - overlap);
    const readTo = Math.min(size, start + chunk + overlap + 4);
    const n = readAt(fd, buf, readTo - readFrom, readFrom);
    const at = (pos: number): number => pos - readFrom;
    const ownedEndFile = Math.min(size, start + chunk);
    // Boundaries on character starts, the same for both chunks that share them.
    const ownedEnd = ownedEndFile >= readFrom + n ? n : align(buf, at(ownedEndFile), n, kind.encoding, at(kind.bom));
    const prefixStart = align(buf, 0, at(start), kind.encoding, at(kind.bom));
    const ownedStart = at(start);
    const suffixEnd = Math.min(n, at(ownedEndFile) + overlap);
    const prefix = decode(buf.subarray(prefixStart, ownedStart), kind.encoding);
    const owned = decode(buf.subarray(ownedStart, ownedEnd), kind.encoding);
    const window = buf.subarray(prefixStart, suffixEnd);
    if (utf16 || mayHaveFindings(window, parts, file.path)) {
      const text = prefix + owned + decode(buf.subarray(ownedEnd, suffixEnd), kind.encoding);
      const prefixLines = countNewlines(prefix);
      const origin: Origin = {
        offset: ownedOffset - prefix.length,
        lines: ownedLines - prefixLines,
        // Only findings on the text's first line need it, and then the prefix holds no newline.
        column: prefixLines ? 0 : ownedColumn - prefix.length,
      };
      for (const f of scanLongLines(text, prep)) {
        if (f.start >= prefix.length && f.start < prefix.length + owned.length) findings.push(moveFinding(f, origin));
      }
    }
    const ownedNewlines = countNewlines(owned);
    ownedOffset += owned.length;
    ownedLines += ownedNewlines;
    ownedColumn = ownedNewlines ? owned.length - owned.lastIndexOf('\n') - 1 : ownedColumn + owned.length;
    start = readFrom + ownedEnd;
    if (ownedEnd === 0) break; // cannot happen with chunk > 0; guards the loop
  }
  return { file, bytes: size, findings };
}
