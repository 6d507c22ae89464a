// One long-lived `git cat-file --batch` process: object ids go in on stdin, contents come back in
// the same order on stdout. Requests are pipelined (written in batches, answered as they stream
// in), so reading 100,000 blobs costs one process, not 100,000.
import type { ChildProcess } from 'node:child_process';
import { GitError, gitMissing, spawnGit, type GitRunOptions } from './gitProcess';

export interface BlobContent {
  oid: string;
  size: number;
  /** The bytes; undefined when the object is missing, not a blob, or larger than `maxBytes`. */
  data?: Buffer;
  missing?: boolean;
  type?: string;
}

interface Pending {
  oid: string;
  resolve: (b: BlobContent) => void;
  reject: (e: Error) => void;
}

const NEWLINE = 10;

export class CatFileBatch {
  private readonly child: ChildProcess;
  private readonly queue: Pending[] = [];
  private head = 0;
  private outgoing = '';
  private flushScheduled = false;
  private failure: Error | undefined;
  private stderr = '';
  // Parser state: either reading a header line or the content of `current`.
  private leftover: Buffer | undefined;
  private current: { pending: Pending; size: number; type: string; parts: Buffer[]; got: number } | undefined;

  /** @param maxBytes contents larger than this are read past, not kept (the caller reports them as not scanned). */
  constructor(
    options: GitRunOptions,
    private readonly maxBytes: number,
  ) {
    this.child = spawnGit(['cat-file', '--batch'], options);
    this.child.stdout!.on('data', (c: Buffer) => this.onData(c));
    this.child.stderr!.on('data', (c: Buffer) => (this.stderr += c.toString('utf8')));
    this.child.stdin!.on('error', () => undefined); // reported through 'close'
    this.child.on('error', (e: NodeJS.ErrnoException) => this.fail(e.code === 'ENOENT' ? gitMissing(options.gitPath ?? 'git') : e));
    this.child.on('close', (code) => {
      if (this.head < this.queue.length) this.fail(new GitError('failed', `git cat-file stopped (exit ${code ?? 'signal'}): ${this.stderr.trim() || 'no message'}`));
    });
  }

  /** The object's content, in request order. */
  read(oid: string): Promise<BlobContent> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ oid, resolve, reject });
      this.outgoing += oid + '\n';
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Requests not answered yet. */
  get pending(): number {
    return this.queue.length - this.head;
  }

  close(): void {
    if (this.flushScheduled) this.flush();
    this.child.stdin!.end();
  }

  /** Stops git now; pending reads reject. */
  kill(): void {
    this.fail(new GitError('failed', 'interrupted'));
    this.child.kill();
  }

  private flush(): void {
    this.flushScheduled = false;
    if (!this.outgoing || this.failure) return;
    this.child.stdin!.write(this.outgoing);
    this.outgoing = '';
  }

  private fail(e: Error): void {
    if (this.failure) return;
    this.failure = e;
    this.current?.pending.reject(e); // the object being read when it failed
    for (let i = this.head; i < this.queue.length; i++) this.queue[i].reject(e);
    this.head = this.queue.length;
    this.current = undefined;
  }

  private onData(chunk: Buffer): void {
    let data = chunk;
    let pos = 0;
    if (this.leftover) {
      data = Buffer.concat([this.leftover, chunk]);
      this.leftover = undefined;
    }
    while (pos < data.length) {
      const cur = this.current;
      if (cur) {
        // Content plus its trailing newline.
        const need = cur.size + 1 - cur.got;
        const take = Math.min(need, data.length - pos);
        if (cur.size <= this.maxBytes) cur.parts.push(data.subarray(pos, pos + take));
        cur.got += take;
        pos += take;
        if (cur.got === cur.size + 1) {
          this.current = undefined;
          let body: Buffer | undefined;
          if (cur.size <= this.maxBytes) {
            const all = cur.parts.length === 1 ? cur.parts[0] : Buffer.concat(cur.parts);
            body = all.subarray(0, cur.size);
          }
          const blob = cur.type === 'blob';
          cur.pending.resolve({ oid: cur.pending.oid, size: cur.size, type: cur.type, ...(blob && body ? { data: body } : {}) });
        }
        continue;
      }
      const nl = data.indexOf(NEWLINE, pos);
      if (nl < 0) {
        this.leftover = Buffer.from(data.subarray(pos));
        return;
      }
      const header = data.toString('latin1', pos, nl);
      pos = nl + 1;
      const pending = this.queue[this.head++];
      if (!pending) continue; // answered after a failure
      if (this.head > 4096 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      const parts = header.split(' ');
      if (parts.length === 3) {
        this.current = { pending, type: parts[1], size: Number(parts[2]), parts: [], got: 0 };
      } else {
        pending.resolve({ oid: pending.oid, size: 0, missing: true });
      }
    }
  }
}
