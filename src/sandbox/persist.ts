// The state file and its journal. The state file is a whole snapshot, always replaced atomically
// (temp file + full write + fsync + rename + fsync of the folder), so a crash mid-write leaves the
// previous one. Between snapshots each group commit appends ONE journal line holding every row it
// changed (`{"op":"batch","changes":[…]}`), written fully and fsynced before any request of the
// group is answered. One line per commit makes a commit atomic: a crash mid-append leaves a torn
// last line without its newline, which the next start cuts off before anything is appended, so a
// request's rows (a movement and its balance) are replayed all or not at all. A write that cannot
// be made durable (disk full, short write, I/O error) is cut back out of the journal and the
// caller rolls its changes back in memory (server.ts). Writing only the changed rows keeps a write
// cheap at 100,000 items, where a snapshot is ~150 MB. Replaying is idempotent (whole rows by id)
// and a snapshot is only ever written from what the journal already holds, so a crash between a
// snapshot and the journal's truncation loses nothing and replays nothing stale.
import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { StateFile } from './model';
import { checkState } from './stateCheck';
import type { RowChange, RowKind } from './store';

/** Above this journal size the next commit also writes a snapshot and empties the journal. */
const COMPACT_AT_BYTES = 32 * 1024 * 1024;

/**
 * The file operations the writer uses, replaceable by tests to inject ENOSPC, short writes and
 * failing fsyncs (the fault suite); production uses node:fs.
 */
export const io = {
  writeSync: (fd: number, buffer: Buffer, offset: number, length: number): number => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: (fd: number): void => fs.fsyncSync(fd),
};

/** A write that did not reach the disk; the server answers it 503 and rolls it back. */
export class NotDurableError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'NotDurableError';
  }
}

/** The state file or journal cannot be used as it is; the message names the file and what to do. */
export class StateFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateFileError';
  }
}

export function journalPathOf(statePath: string): string {
  return `${statePath}.journal`;
}

function whatToDo(statePath: string): string {
  return `Move ${statePath} (and ${basename(journalPathOf(statePath))}) away to start with fresh demo data, or start with --reset (it keeps a .bak copy).`;
}

/** Writes all of `buffer` at the file's position; a write that makes no progress is disk full. */
export function writeFully(fd: number, buffer: Buffer): void {
  let offset = 0;
  while (offset < buffer.length) {
    const written = io.writeSync(fd, buffer, offset, buffer.length - offset);
    if (!(written > 0)) {
      throw Object.assign(new Error(`short write: ${offset} of ${buffer.length} bytes, then none (disk full?)`), { code: 'ENOSPC' });
    }
    offset += written;
  }
}

function fsyncFolder(path: string): void {
  let dir: number;
  try {
    dir = fs.openSync(dirname(path), 'r');
  } catch {
    return; // some platforms (Windows) cannot open a folder; the rename is still atomic there
  }
  try {
    io.fsyncSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EINVAL' && (e as NodeJS.ErrnoException).code !== 'EISDIR') throw e;
  } finally {
    fs.closeSync(dir);
  }
}

function tempPathOf(path: string): string {
  return `${path}.${process.pid}.tmp`;
}

export function writeStateAtomically(path: string, state: StateFile): void {
  const temp = tempPathOf(path);
  // 0600: the file holds the sandbox's keys.
  const fd = fs.openSync(temp, 'w', 0o600);
  try {
    writeFully(fd, Buffer.from(JSON.stringify(state)));
    io.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  fs.renameSync(temp, path);
  fsyncFolder(path);
}

/** Removes `<state>.<pid>.tmp` files a killed sandbox left behind (a snapshot it never renamed). */
export function removeStaleTemps(path: string): void {
  const prefix = `${basename(path)}.`;
  let names: string[];
  try {
    names = fs.readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith('.tmp') && /^\d+$/.test(name.slice(prefix.length, -4))) {
      fs.rmSync(join(dirname(path), name), { force: true });
    }
  }
}

type Row = { id: string };

const KINDS: readonly RowKind[] = ['workspace', 'item', 'tag', 'location', 'balance', 'movement', 'transfer'];

function isChange(value: unknown): value is RowChange {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  if (!KINDS.includes(c.kind as RowKind)) return false;
  if (c.op === 'put') return typeof c.row === 'object' && c.row !== null && typeof (c.row as Row).id === 'string';
  return c.op === 'del' && typeof c.id === 'string';
}

/** The changes of one journal line: a commit (`batch`) or, in journals of older versions, one change. */
function changesOf(value: unknown): RowChange[] | undefined {
  if (isChange(value)) return [value];
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { op?: unknown; changes?: unknown };
  if (v.op !== 'batch' || !Array.isArray(v.changes) || !v.changes.every(isChange)) return undefined;
  return v.changes;
}

export interface JournalReplay {
  /** Commits applied. */
  applied: number;
  /** Bytes of complete lines; anything after is a torn tail. */
  goodBytes: number;
  /** Length of the torn tail (a last line without its newline that is not a whole commit). */
  tornBytes: number;
}

/**
 * Applies journal lines to a snapshot. A last line without its newline is a torn append and is
 * ignored (unless it is a whole commit); any other unreadable line is corruption and throws.
 */
export function applyJournal(state: StateFile, text: string, journalPath = 'the journal'): JournalReplay {
  const lists: Record<RowKind, Row[]> = {
    workspace: state.workspaces, item: state.items, tag: state.tags, location: state.locations,
    balance: state.balances, movement: state.movements, transfer: state.transfers,
  };
  const positions = new Map<RowKind, Map<string, number>>();
  const positionsOf = (kind: RowKind): Map<string, number> => {
    let map = positions.get(kind);
    if (!map) {
      map = new Map(lists[kind].map((row, i) => [row.id, i]));
      positions.set(kind, map);
    }
    return map;
  };
  const removed = new Set<RowKind>();
  let applied = 0;
  let start = 0;
  let lineNo = 0;
  let goodBytes = 0;
  let tornBytes = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    const complete = end >= 0;
    const line = text.slice(start, complete ? end : text.length);
    lineNo++;
    if (complete && line.trim() === '') {
      goodBytes += Buffer.byteLength(line) + 1;
      start = end + 1;
      continue;
    }
    let changes: RowChange[] | undefined;
    try {
      changes = changesOf(JSON.parse(line));
    } catch {
      changes = undefined;
    }
    if (!changes) {
      if (complete) throw new StateFileError(`line ${lineNo} of ${journalPath} is not a journal entry (it is complete, so this is not a torn write).`);
      tornBytes = Buffer.byteLength(line);
      break;
    }
    for (const change of changes) {
      const list = lists[change.kind];
      const at = positionsOf(change.kind);
      if (change.op === 'put') {
        const i = at.get(change.row.id);
        if (i === undefined) {
          at.set(change.row.id, list.length);
          list.push(change.row);
        } else list[i] = change.row;
      } else {
        const i = at.get(change.id);
        if (i !== undefined) {
          (list as (Row | null)[])[i] = null;
          at.delete(change.id);
          removed.add(change.kind);
        }
      }
    }
    applied++;
    goodBytes += Buffer.byteLength(line) + (complete ? 1 : 0);
    if (!complete) break;
    start = end + 1;
  }
  for (const kind of removed) {
    const kept = lists[kind].filter((row) => row !== null);
    lists[kind].length = 0;
    lists[kind].push(...kept);
  }
  return { applied, goodBytes, tornBytes };
}

export interface LoadedState {
  state: StateFile;
  /** Commits replayed from the journal. */
  journalEntries: number;
  /** Bytes of the journal file (0 when absent); non-zero means a snapshot should be written. */
  journalBytes: number;
  /** Bytes of a torn last line cut off the journal. */
  tornBytes: number;
}

/**
 * Reads and checks the snapshot plus its journal; undefined when there is neither. Every problem is
 * a StateFileError naming the file and what to do.
 */
export function readState(path: string): LoadedState | undefined {
  const journal = journalPathOf(path);
  const hasJournal = fs.existsSync(journal) && fs.statSync(journal).size > 0;
  if (!fs.existsSync(path)) {
    if (hasJournal) {
      throw new StateFileError(`The sandbox journal ${journal} exists but its state file ${path} is missing, so the journal cannot be replayed. Restore ${path}, or move the journal away, or start with --reset.`);
    }
    return undefined;
  }
  const fail = (what: string): never => {
    throw new StateFileError(`The sandbox state file ${path} ${what}. ${whatToDo(path)}`);
  };
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (e) {
    return fail(`cannot be read (${(e as Error).message})`);
  }
  if (text.trim() === '') fail('is empty');
  let state: StateFile;
  try {
    state = JSON.parse(text) as StateFile;
  } catch (e) {
    return fail(`is not valid JSON (${(e as Error).message})`);
  }
  const shape = checkState(state, true);
  if (shape) fail(`does not hold a sandbox state: ${shape}`);
  let replay: JournalReplay = { applied: 0, goodBytes: 0, tornBytes: 0 };
  let journalBytes = 0;
  if (hasJournal) {
    const journalText = fs.readFileSync(journal, 'utf8');
    journalBytes = Buffer.byteLength(journalText);
    try {
      replay = applyJournal(state, journalText, journal);
    } catch (e) {
      if (e instanceof StateFileError) fail(`cannot be brought up to date: ${e.message}`);
      throw e;
    }
  }
  const problem = checkState(state, false);
  if (problem) fail(`${hasJournal ? 'with its journal ' : ''}does not hold a valid sandbox state: ${problem}`);
  return { state, journalEntries: replay.applied, journalBytes, tornBytes: replay.tornBytes };
}

/** `--reset`: moves the state file and its journal to `.bak` copies so the next start seeds afresh. */
export function resetState(path: string): string[] {
  const moved: string[] = [];
  for (const file of [path, journalPathOf(path)]) {
    if (fs.existsSync(file)) {
      fs.renameSync(file, `${file}.bak`);
      moved.push(`${file}.bak`);
    }
  }
  return moved;
}

/**
 * Saves changes with group commit: callers await `save()`, which resolves once every change made
 * before the call is on disk (one fsynced journal line), and rejects with NotDurableError when it
 * could not be written; `onFailure` then runs first, so the caller can roll its memory back
 * before any request of the group is answered.
 */
export class StateWriter {
  private pending: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private scheduled = false;
  /** Length of the journal's complete, durable lines: a failed append is cut back to it. */
  private journalBytes = 0;
  /** The last append could not be cut back: cut the journal before the next one. */
  private torn = false;
  private readonly journalPath: string;

  constructor(
    private readonly path: string,
    private readonly snapshot: () => StateFile,
    private readonly takeChanges: () => RowChange[],
    private readonly onFailure: (e: NotDurableError) => void = () => undefined,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.journalPath = journalPathOf(path);
  }

  save(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /**
   * Writes a full snapshot and empties the journal (at start after a replay or a torn tail, on
   * close, when the journal grows). Only call it when every change is already in the journal or
   * in memory only by design (start): it takes the pending changes into the snapshot.
   */
  compact(): void {
    this.takeChanges(); // the snapshot holds them
    writeStateAtomically(this.path, this.snapshot());
    const fd = fs.openSync(this.journalPath, 'a', 0o600);
    try {
      fs.ftruncateSync(fd, 0);
      io.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    this.journalBytes = 0;
    this.torn = false;
  }

  private flush(): void {
    this.scheduled = false;
    const waiting = this.pending;
    this.pending = [];
    const changes = this.takeChanges();
    if (changes.length > 0) {
      try {
        this.append(changes);
      } catch (e) {
        const error = new NotDurableError(`The change could not be saved to ${this.journalPath} (${(e as Error).message}); it was not applied.`, e);
        this.onFailure(error);
        for (const w of waiting) w.reject(error);
        return;
      }
    }
    for (const w of waiting) w.resolve();
    if (this.journalBytes >= COMPACT_AT_BYTES) {
      try {
        this.compact();
      } catch (e) {
        // Everything is in the journal already; the next commit tries again.
        this.log(`snapshot of ${this.path} failed, the journal keeps the data: ${(e as Error).message}`);
      }
    }
  }

  private append(changes: RowChange[]): void {
    const line = Buffer.from(`${JSON.stringify({ op: 'batch', changes })}\n`);
    const fd = fs.openSync(this.journalPath, 'a', 0o600);
    try {
      if (this.torn) {
        fs.ftruncateSync(fd, this.journalBytes);
        this.torn = false;
      }
      try {
        writeFully(fd, line);
        io.fsyncSync(fd);
      } catch (e) {
        // Cut the partial line off, so that later lines are not appended after a fragment.
        try {
          fs.ftruncateSync(fd, this.journalBytes);
          io.fsyncSync(fd);
        } catch {
          this.torn = true;
        }
        throw e;
      }
    } finally {
      fs.closeSync(fd);
    }
    this.journalBytes += line.length;
  }
}
