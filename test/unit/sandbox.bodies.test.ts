// The pieces that keep bad bodies and a bad disk from hurting the sandbox, on their own: the depth
// scan (brackets inside strings and escapes do not count), the bounded bulk-slot summary, and
// writeFully (short writes are completed; no progress is a disk-full error).
import * as assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, writeFully } from '../../src/sandbox/persist';
import { nestsDeeperThan } from '../../src/sandbox/router';
import { entrySummary } from '../../src/sandbox/routes/items';

describe('sandbox: body limits and full writes', () => {
  it('counts nesting of arrays and objects only outside strings', () => {
    assert.equal(nestsDeeperThan('{"a":[1,{"b":[]}]}', 4), false);
    assert.equal(nestsDeeperThan('{"a":[1,{"b":[]}]}', 3), true);
    assert.equal(nestsDeeperThan(JSON.stringify({ s: '[[[[[[[[{{{{{{' }), 1), false, 'brackets in a string');
    assert.equal(nestsDeeperThan(JSON.stringify({ s: 'quote \\" then [[[[[[' }), 1), false, 'an escaped quote does not end the string');
    assert.equal(nestsDeeperThan(JSON.stringify({ s: 'ends with a backslash \\' , t: [[[]]] }), 3), true, 'an escaped backslash ends before the quote');
    assert.equal(nestsDeeperThan(`${'['.repeat(33)}${']'.repeat(33)}`, 32), true);
    assert.equal(nestsDeeperThan(`${'['.repeat(32)}${']'.repeat(32)}`, 32), false);
    assert.equal(nestsDeeperThan(`[${'[],'.repeat(10_000)}[]]`, 2), false, 'width is not depth');
  });

  it('summarises a failed bulk entry within fixed bounds, whatever was sent', () => {
    const huge = 'z'.repeat(1_000_000);
    const summary = entrySummary({ sku: huge, description: 7, cost: { nested: [huge] }, tagNames: Array(10_000).fill(huge), tagIds: [1, [2], null], other: huge });
    assert.equal((summary.sku as string).length, 201);
    assert.equal(summary.description, 7);
    assert.equal(summary.cost, '(object)');
    assert.equal((summary.tagNames as string[]).length, 20);
    assert.ok((summary.tagNames as string[]).every((n) => n.length <= 101));
    assert.deepEqual(summary.tagIds, ['(number)', '(array)', '(object)']);
    assert.equal('other' in summary, false, 'only create fields');
    assert.ok(JSON.stringify(summary).length < 3_000);
    for (const notAnObject of [null, 5, 'text', [1, 2], true]) assert.deepEqual(entrySummary(notAnObject), {});
  });

  it('writeFully completes short writes and turns a write that makes no progress into ENOSPC', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-write-'));
    const realWrite = io.writeSync;
    try {
      const file = join(dir, 'out');
      const data = Buffer.from('x'.repeat(10_000));
      let calls = 0;
      io.writeSync = (fd, buffer, offset, length) => {
        calls++;
        return realWrite(fd, buffer, offset, Math.min(length, 777));
      };
      let fd = openSync(file, 'w');
      writeFully(fd, data);
      closeSync(fd);
      assert.equal(readFileSync(file, 'utf8'), data.toString());
      assert.equal(calls, Math.ceil(10_000 / 777));
      io.writeSync = (fd2, buffer, offset, length) => (offset === 0 ? realWrite(fd2, buffer, offset, Math.min(length, 100)) : 0);
      fd = openSync(file, 'w');
      assert.throws(() => writeFully(fd, data), (e: NodeJS.ErrnoException) => e.code === 'ENOSPC' && /100 of 10000 bytes/.test(e.message));
      closeSync(fd);
    } finally {
      io.writeSync = realWrite;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
