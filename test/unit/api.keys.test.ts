// Key type, the one displayable form of a key, and redaction of free text.
import * as assert from 'node:assert/strict';
import { keyType, redactKey, redactText, RESTRICTED_PREFIX } from '../../src/api/keys';
import { fakeKey, randomAlnum } from '../fakeKeys';

describe('keys', () => {
  it('decides the key type by the prefix alone', () => {
    assert.equal(keyType(fakeKey('restricted')), 'restricted');
    assert.equal(keyType(fakeKey('full')), 'full');
    assert.equal(keyType(RESTRICTED_PREFIX), 'restricted');
    assert.equal(keyType('Retrac' + '_' + randomAlnum(24)), 'full', 'the prefix is case-sensitive');
  });

  it('shows a key only as prefix and last 4', () => {
    const restricted = fakeKey('restricted');
    const full = fakeKey('full');
    assert.equal(redactKey(restricted), `retrac_…${restricted.slice(-4)}`);
    assert.equal(redactKey(full), `…${full.slice(-4)}`);
    assert.equal(redactKey('short'), '…');
    assert.equal(redactKey(RESTRICTED_PREFIX + 'abc'), 'retrac_…');
  });

  it('redacts restricted keys and Bearer credentials found in text', () => {
    const restricted = fakeKey('restricted');
    const full = fakeKey('full');
    const text = redactText(`key=${restricted}; header "Authorization: Bearer ${full}"`);
    assert.ok(!text.includes(restricted));
    assert.ok(!text.includes(full));
    assert.match(text, /key=retrac_…\w{4}; header "Authorization: Bearer …\w{4}"/);
  });

  it('redacts known full-access keys wherever they appear', () => {
    const full = fakeKey('full');
    const text = redactText(`oops ${full} and again:${full}.`, [full]);
    assert.equal(text, `oops …${full.slice(-4)} and again:…${full.slice(-4)}.`);
  });

  it('leaves text without keys unchanged', () => {
    const text = 'GET /items?page=2&workspaceId=ws_abc → 200 in 12 ms';
    assert.equal(redactText(text, [fakeKey('full')]), text);
  });
});
