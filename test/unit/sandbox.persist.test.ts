// The sandbox's state file and journal: replay rules, torn lines, and a restart that sees every
// acknowledged change (in process; the SIGKILL case is in sandbox.cli.test.ts).
/* eslint-disable @typescript-eslint/no-unsafe-call -- the tests read JSON answers loosely (Reply.body) */
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StateFile } from '../../src/sandbox/model';
import { applyJournal, journalPathOf } from '../../src/sandbox/persist';
import { acme, withSandbox } from './sandboxHttp';

function emptyState(): StateFile {
  return { version: 1, workspaces: [], users: [], keys: [], items: [], tags: [], locations: [], balances: [], movements: [], transfers: [] };
}

describe('sandbox: state journal', () => {
  it('replays puts in order, replaces rows by id, removes deleted rows, and is idempotent', () => {
    const lines = [
      { op: 'put', kind: 'tag', row: { id: 't1', name: 'a' } },
      { op: 'put', kind: 'tag', row: { id: 't2', name: 'b' } },
      { op: 'put', kind: 'tag', row: { id: 't1', name: 'a2' } },
      { op: 'del', kind: 'tag', id: 't2' },
      { op: 'put', kind: 'tag', row: { id: 't3', name: 'c' } },
    ].map((l) => JSON.stringify(l)).join('\n') + '\n';
    const once = emptyState();
    assert.equal(applyJournal(once, lines).applied, 5);
    assert.deepEqual(once.tags, [{ id: 't1', name: 'a2' }, { id: 't3', name: 'c' }]);
    const twice = emptyState();
    applyJournal(twice, lines);
    applyJournal(twice, lines);
    assert.deepEqual(twice.tags, once.tags);
  });

  it('stops at a torn last line', () => {
    const state = emptyState();
    const text = `${JSON.stringify({ op: 'put', kind: 'tag', row: { id: 't1', name: 'a' } })}\n{"op":"put","kind":"tag","row":{"id":"t2","na`;
    assert.equal(applyJournal(state, text).applied, 1);
    assert.deepEqual(state.tags.map((t) => t.id), ['t1']);
  });

  it('journals writes instead of rewriting the snapshot, and a restart serves them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-journal-'));
    const statePath = join(dir, 'state.json');
    try {
      const sb = await withSandbox({ statePath });
      const snapshotAt = statSync(statePath).mtimeMs;
      const created = await acme(sb, 'POST', '/items', { body: { sku: 'JOURNAL-1', description: 'kept', cost: 1 } });
      const tag = await acme(sb, 'POST', '/tags', { body: { name: 'journal' } });
      await acme(sb, 'PATCH', `/items/${created.body.id}`, { body: { tagIds: [tag.body.id] } });
      await acme(sb, 'DELETE', `/tags/${tag.body.id}`);
      assert.equal(statSync(statePath).mtimeMs, snapshotAt, 'writes go to the journal');
      const journal = readFileSync(journalPathOf(statePath), 'utf8').trim().split('\n');
      assert.ok(journal.length >= 4);
      // A second sandbox on the same files, as after a crash (the first is closed afterwards).
      const restarted = await withSandbox({ statePath });
      try {
        const item = await acme(restarted, 'GET', '/items', { query: { sku: 'JOURNAL-1', withTags: true } });
        assert.equal(item.body.length, 1);
        assert.deepEqual(item.body[0].tags, []);
        assert.equal((await acme(restarted, 'GET', '/tags')).body.some((t: { name: string }) => t.name === 'journal'), false);
        assert.equal(readFileSync(journalPathOf(statePath), 'utf8'), '', 'a replayed journal is folded into a new snapshot');
      } finally {
        await restarted.close();
        await sb.close();
      }
      assert.ok(existsSync(statePath));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
