// Suppression comments, fingerprints and redaction.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { fingerprint, scanText, type RuleId } from '../../src/scan';
import { assignmentCarriers, fullKey, requestCarriers, restrictedKey } from './scanFixtures';

const MARKERS_SAME_LINE = ['retrac-ignore', 'gitleaks:allow', 'trufflehog:ignore', 'pragma: allowlist secret', 'secretlint-disable-line'];
const MARKERS_NEXT_LINE = ['retrac-ignore-next-line', 'secretlint-disable-next-line'];
const COMMENTS: [string, string, string][] = [
  ['a.ts', '// ', ''], ['a.py', '# ', ''], ['a.sql', '-- ', ''], ['a.html', '<!-- ', ' -->'], ['a.css', '/* ', ' */'], ['a.ini', '; ', ''], ['a.bat', 'REM ', ''],
];

describe('scan suppression, fingerprints and redaction', () => {
  for (const [file, open, close] of COMMENTS) {
    for (const marker of MARKERS_SAME_LINE) {
      it(`"${marker}" on the line in ${file}`, () => {
        const key = restrictedKey();
        assert.equal(scanText(`x = "${key}"`, { fileName: file }).length, 1);
        assert.deepEqual(scanText(`x = "${key}" ${open}${marker}${close}`, { fileName: file }), []);
      });
    }
    for (const marker of MARKERS_NEXT_LINE) {
      it(`"${marker}" on the line above in ${file}, and only for that line`, () => {
        const key = restrictedKey();
        const text = `${open}${marker}${close}\nx = "${key}"\ny = "${key}"`;
        const findings = scanText(text, { fileName: file });
        assert.deepEqual(findings.map((f) => f.line), [3]);
      });
    }
  }

  it('a next-line marker does not silence its own line', () => {
    const key = restrictedKey();
    assert.equal(scanText(`x = "${key}" // retrac-ignore-next-line`, { fileName: 'a.ts' }).length, 1);
  });

  it('fingerprint is the hex SHA-256 of rule and secret, and the ignore list drops exactly those findings', () => {
    const a = restrictedKey();
    const b = restrictedKey();
    const text = `const a = "${a}";\nconst b = "${b}";`;
    const all = scanText(text, { fileName: 'a.ts' });
    assert.equal(all.length, 2);
    const rule: RuleId = 'retrac/restricted-key';
    assert.equal(all[0].fingerprint, createHash('sha256').update(`${rule}:${a}`).digest('hex'));
    assert.equal(all[0].fingerprint, fingerprint(rule, a));
    assert.notEqual(all[0].fingerprint, all[1].fingerprint);
    const kept = scanText(text, { fileName: 'a.ts', ignoredFingerprints: new Set([fingerprint(rule, a)]) });
    assert.deepEqual(kept.map((f) => f.line), [2]);
    // The same secret in another file has the same fingerprint: the ignore list is per secret.
    assert.equal(scanText(`k: ${a}`, { fileName: 'b.yml' })[0].fingerprint, all[0].fingerprint);
  });

  it('no message, doc link or env name of any finding contains a key', () => {
    let checked = 0;
    for (const c of [...assignmentCarriers]) {
      for (const key of [restrictedKey(), fullKey()]) {
        for (const f of scanText(c.make(key), { fileName: c.fileName })) {
          checked++;
          for (const field of [f.message, f.docUrl, f.envName ?? '', f.fingerprint]) assert.ok(!field.includes(key) && !field.includes(key.slice(-12)), field);
        }
      }
    }
    for (const c of requestCarriers) {
      const key = restrictedKey();
      for (const f of scanText(c.make('https://api.retrac.co/items?workspaceId=ws_acme', `Bearer ${key}`), { fileName: c.fileName })) {
        checked++;
        assert.ok(!f.message.includes(key.slice(7)), f.message);
        assert.ok(f.message.length < 400);
      }
    }
    assert.ok(checked > 80, String(checked));
  });

  it('messages show at most the prefix and the last 4 characters', () => {
    const key = restrictedKey();
    const [f] = scanText(`k = "${key}"`, { fileName: 'a.py' });
    assert.ok(f.message.includes(`retrac_…${key.slice(-4)}`), f.message);
    assert.ok(!f.message.includes(key.slice(-5)), f.message);
  });
});
