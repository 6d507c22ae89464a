// `retrac-scan --format sarif` against the SARIF 2.1.0 JSON schema (test/schemas/sarif-2.1.0.json,
// the OASIS schema as published by Microsoft's jest-sarif, MIT), for a work-tree scan and a
// history scan with skipped blobs; plus what GitHub code scanning reads from it.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { ruleTable } from '../../src/scan';
import { fullKey, restrictedKey } from './scanFixtures';

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'dist', 'retrac-scan.js');
const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'test', 'schemas', 'sarif-2.1.0.json'), 'utf8')) as object;

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; helpUri: string; help: { text: string; markdown: string }; fullDescription: { text: string } }[] } };
    results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; partialFingerprints: Record<string, string>; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; properties?: Record<string, unknown> }[];
    invocations: { toolExecutionNotifications?: { message: { text: string } }[] }[];
  }[];
}

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
}

describe('retrac-scan --format sarif', function () {
  this.timeout(30_000);
  // unicodeRegExp off: the schema's language pattern has a stray ']' that only non-unicode regexes accept.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(SCHEMA);
  let dir: string;
  const keys = [restrictedKey(), restrictedKey(), fullKey()];

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'retrac-sarif-'));
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'config', 'user.name', 'Grace Hopper');
    git(dir, 'config', 'user.email', 'grace@example.com');
    writeFileSync(join(dir, 'old key.js'), `const RETRAC_API_KEY = "${keys[0]}";\n`);
    writeFileSync(join(dir, 'blob.dat'), gzipSync(Buffer.from('retrac'))); // compressed: not searchable
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'one');
    writeFileSync(join(dir, 'old key.js'), 'const RETRAC_API_KEY = process.env.RETRAC_API_KEY;\n');
    writeFileSync(join(dir, 'app.py'), `import requests\nrequests.get("http://api.retrac.co/items", headers={"Authorization": "Bearer ${keys[2]}"})\nRETRAC_KEY = "${keys[1]}"\n`);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'two');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function sarif(args: string[]): { log: SarifLog; raw: string; code: number | null } {
    const r = spawnSync(process.execPath, [CLI, ...args, '--format', 'sarif'], { cwd: dir, encoding: 'utf8' });
    assert.ok(r.stdout, r.stderr);
    return { log: JSON.parse(r.stdout) as SarifLog, raw: r.stdout, code: r.status };
  }

  for (const [name, args] of [['history', ['--git']], ['work tree', ['.']]] as const) {
    it(`${name}: valid SARIF 2.1.0, keys redacted, exit status as in text mode`, () => {
      const { log, raw, code } = sarif([...args]);
      const ok = validate(log);
      assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
      assert.equal(code, 1);
      assert.equal(log.version, '2.1.0');
      for (const key of keys) assert.ok(!raw.includes(key), 'a key is in the SARIF log');
      const results = log.runs[0].results;
      assert.ok(results.length >= 3, raw);
      for (const r of results) {
        assert.match(r.partialFingerprints['retracFingerprint/v1'], /^[0-9a-f]{64}$/);
        assert.equal(log.runs[0].tool.driver.rules[r.ruleIndex].id, r.ruleId);
      }
    });
  }

  it('rules carry help text and a helpUri to the README rule anchors; history results carry commit, author, date, inHead', () => {
    const { log } = sarif(['--git']);
    const rules = log.runs[0].tool.driver.rules;
    assert.deepEqual(rules.map((r) => r.id), ruleTable.map((r) => r.id));
    for (const r of rules) {
      assert.equal(r.helpUri, `https://github.com/retrac-tools/retrac-vscode/blob/main/README.md#rule-${r.id.slice('retrac/'.length)}`);
      assert.ok(r.help.text.length > 40 && r.help.markdown.includes(r.helpUri));
    }
    const removed = log.runs[0].results.find((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'old%20key.js');
    assert.ok(removed, 'the removed key is not reported');
    assert.equal(removed.properties?.inHead, false);
    assert.equal(removed.properties?.author, 'Grace Hopper');
    assert.match(removed.message.text, /no longer in HEAD, but still in history: rotate the key/);
    const notes = log.runs[0].invocations[0].toolExecutionNotifications ?? [];
    assert.ok(notes.some((n) => /Not scanned: blob\.dat \(binary/.test(n.message.text)), JSON.stringify(notes));
  });

  it('the schema check can fail: a result without a message is rejected', () => {
    const { log } = sarif(['--git']);
    delete (log.runs[0].results[0] as { message?: unknown }).message;
    assert.equal(validate(log), false);
  });
});
