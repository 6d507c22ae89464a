import * as assert from 'node:assert/strict';
import type { Profile } from '../../src/accounts/connection';
import {
  apiUrlProblem, defaultProfileName, describeProfile, isBuiltInTrustedHost, parseKeyInput, profileCan, profileNameProblem,
  profilesFromSandboxInfo, uniqueName, workspaceIdProblem,
} from '../../src/accounts/keyInput';
import type { SandboxInfo } from '../../src/sandbox/types';
import { fakeKey, randomAlnum } from '../fakeKeys';

// Built at run time: the repository holds no key-shaped string.

function messageOf(raw: string): string {
  const r = parseKeyInput(raw);
  assert.equal(r.ok, false, 'expected a refusal');
  return r.ok ? '' : r.message;
}

describe('auth key input', () => {
  it('accepts both key types and tells them apart by the prefix', () => {
    const f = fakeKey('full');
    const r = fakeKey('restricted');
    assert.deepEqual(parseKeyInput(f), { ok: true, key: f, keyType: 'full' });
    assert.deepEqual(parseKeyInput(r), { ok: true, key: r, keyType: 'restricted' });
  });

  it('strips what people paste along with a key', () => {
    const k = fakeKey('restricted');
    for (const pasted of [
      `  ${k}\n`,
      `Bearer ${k}`,
      `bearer   ${k}`,
      `"${k}"`,
      `'${k}'`,
      `\`${k}\``,
      `"Bearer ${k}"`,
      `Authorization: Bearer ${k}`,
      `RETRAC_API_KEY=${k}`,
      `export RETRAC_API_KEY="${k}"`,
    ]) {
      assert.deepEqual(parseKeyInput(pasted), { ok: true, key: k, keyType: 'restricted' }, JSON.stringify(pasted.replace(k, '<key>')));
    }
  });

  it('refuses an empty input', () => {
    assert.match(messageOf(''), /Paste a Retrac API key/);
    assert.match(messageOf('   '), /Paste a Retrac API key/);
    assert.match(messageOf('""'), /Paste a Retrac API key/);
    assert.match(messageOf('Bearer '), /Paste a Retrac API key/);
  });

  it('refuses whitespace inside the key', () => {
    const k = fakeKey('full');
    assert.match(messageOf(`${k.slice(0, 10)} ${k.slice(10)}`), /space or line break/);
    assert.match(messageOf(`${k.slice(0, 10)}\n${k.slice(10)}`), /space or line break/);
  });

  it('names the wrong length for each key type', () => {
    assert.match(messageOf(randomAlnum(23)), /full-access key is 24 letters and digits.*has 23/);
    assert.match(messageOf('retrac' + '_' + randomAlnum(30)), /“retrac_” followed by 24 .* has 30 after the prefix/);
  });

  it('names a character that does not belong', () => {
    assert.match(messageOf(randomAlnum(12) + '-' + randomAlnum(11)), /only letters and digits; this one contains “-”/);
    assert.match(messageOf('retrac' + '_' + randomAlnum(12) + '$' + randomAlnum(11)), /after “retrac_”; this one contains “\$”/);
  });

  it('points at a mistyped prefix', () => {
    assert.match(messageOf('Retrac' + '_' + randomAlnum(24)), /starts with “retrac_” in lower case/);
    assert.match(messageOf('retrac' + '-' + randomAlnum(24)), /starts with “retrac_” in lower case/);
  });

  it('never repeats the key in a message', () => {
    for (const bad of [randomAlnum(30), 'retrac' + '_' + randomAlnum(25), randomAlnum(12) + '!' + randomAlnum(11), `${randomAlnum(12)} ${randomAlnum(12)}`]) {
      const message = messageOf(bad);
      for (const part of bad.split(/[\s!]/)) if (part.length >= 8) assert.ok(!message.includes(part), message);
    }
  });
});

describe('auth names, hosts and workspace ids', () => {
  it('validates profile names', () => {
    assert.match(profileNameProblem('  ', []) ?? '', /Give the profile a name/);
    assert.match(profileNameProblem('Acme', ['acme']) ?? '', /exists already/);
    assert.match(profileNameProblem('x'.repeat(61), []) ?? '', /under 60/);
    assert.match(profileNameProblem(fakeKey('full'), []) ?? '', /looks like a key/);
    assert.equal(profileNameProblem('Acme · staging', ['Acme']), undefined);
  });

  it('makes default names unique', () => {
    assert.equal(defaultProfileName({ workspaceName: 'Acme', keyType: 'full', keyHint: '…abcd' }), 'Acme · full access');
    assert.equal(defaultProfileName({ workspaceSlug: 'acme', keyType: 'restricted', keyHint: 'retrac_…abcd' }), 'acme · restricted');
    assert.equal(defaultProfileName({ keyType: 'restricted', keyHint: 'retrac_…abcd' }), 'Retrac restricted key retrac_…abcd');
    assert.equal(uniqueName('Acme', ['acme', 'Acme (2)']), 'Acme (3)');
    assert.equal(uniqueName('Other', ['Acme']), 'Other');
  });

  it('accepts ws_ ids and slugs only', () => {
    assert.equal(workspaceIdProblem('ws_abc123'), undefined);
    assert.equal(workspaceIdProblem('acme-inc'), undefined);
    assert.match(workspaceIdProblem('') ?? '', /Type a workspace id/);
    assert.match(workspaceIdProblem('ws_ab-c!') ?? '', /looks like “ws_”/);
  });

  it('refuses non-HTTPS API URLs and credentials in them', () => {
    assert.equal(apiUrlProblem('https://api.retrac.co'), undefined);
    assert.match(apiUrlProblem('http://retrac.internal.example') ?? '', /HTTPS only/);
    assert.match(apiUrlProblem('api.retrac.co') ?? '', /is not a URL/);
    assert.match(apiUrlProblem('https://u:p@api.retrac.co') ?? '', /user name or password/);
  });

  it('trusts only api.retrac.co and loopback without asking', () => {
    assert.equal(isBuiltInTrustedHost('https://api.retrac.co'), true);
    assert.equal(isBuiltInTrustedHost('https://API.retrac.co/'), true);
    assert.equal(isBuiltInTrustedHost('https://127.0.0.1:8787'), true);
    assert.equal(isBuiltInTrustedHost('https://localhost:9999'), true);
    assert.equal(isBuiltInTrustedHost('https://[::1]:9999'), true);
    assert.equal(isBuiltInTrustedHost('https://api.retrac.co.evil.example'), false);
    assert.equal(isBuiltInTrustedHost('https://retrac.internal.example'), false);
    assert.equal(isBuiltInTrustedHost('https://api.retrac.co:8443'), false);
  });
});

describe('auth profile rights', () => {
  const restricted = (scopes: string[], role?: 'owner' | 'member') => ({ keyType: 'restricted' as const, scopes, role });
  it('gives full-access keys their role’s rights', () => {
    assert.equal(profileCan({ keyType: 'full', scopes: [], role: 'owner' }, 'locations.write'), true);
    assert.equal(profileCan({ keyType: 'full', scopes: [], role: 'member' }, 'items.write'), true);
    assert.equal(profileCan({ keyType: 'full', scopes: [], role: 'member' }, 'locations.write'), false);
    assert.equal(profileCan({ keyType: 'full', scopes: [], role: 'member' }, 'transfers.revert'), false);
  });
  it('gives restricted keys their scopes, presets expanded, never beyond the role', () => {
    assert.equal(profileCan(restricted(['items.read']), 'items.read'), true);
    assert.equal(profileCan(restricted(['items.read']), 'items.write'), false);
    assert.equal(profileCan(restricted(['items.write']), 'items.read'), true, 'a write scope includes reading');
    assert.equal(profileCan(restricted(['items.write']), 'tags.read'), false);
    assert.equal(profileCan(restricted(['apis.read']), 'tags.read'), true);
    assert.equal(profileCan(restricted(['apis.read']), 'tags.write'), false);
    assert.equal(profileCan(restricted(['apis.all']), 'inventory.write'), true);
    assert.equal(profileCan(restricted(['transfers.write'], 'owner'), 'transfers.revert'), true);
    assert.equal(profileCan(restricted(['transfers.write'], 'member'), 'transfers.revert'), false);
    assert.equal(profileCan(restricted(['apis.all'], 'member'), 'locations.write'), false);
  });
  it('says what a key can do in one line', () => {
    const p: Profile = {
      id: '1', name: 'x', keyType: 'restricted', apiUrl: 'https://api.retrac.co', workspaceId: 'ws_1', workspaceName: 'Acme',
      plan: 'business', role: 'member', scopes: ['items.read', 'tags.read'], keyHint: 'retrac_…abcd',
    };
    assert.equal(describeProfile(p), 'restricted key retrac_…abcd · member in Acme (ws_1) · business plan · scopes: items.read, tags.read');
    assert.equal(describeProfile({ ...p, scopes: [] }).endsWith('no scopes found'), true);
  });
});

describe('auth sandbox profiles', () => {
  it('turns SandboxInfo keys into sandbox profiles without the key in the metadata', () => {
    const ownerKey = fakeKey('full');
    const readKey = fakeKey('restricted');
    const info: SandboxInfo = {
      baseUrl: 'https://127.0.0.1:4567',
      caCertPath: '/tmp/ca.pem',
      workspaces: [{ id: 'ws_1', slug: 'acme', plan: 'business' }],
      keys: [
        { name: 'owner-full', key: ownerKey, type: 'full', role: 'owner', scopes: [], workspaceId: 'ws_1' },
        { name: 'restricted-read', key: readKey, type: 'restricted', role: 'owner', scopes: ['apis.read'], workspaceId: 'ws_1' },
      ],
    };
    const out = profilesFromSandboxInfo(info, (k) => `id-${k.name}`, { sessionOnly: true });
    assert.deepEqual(out.map((o) => [o.profile.id, o.profile.name, o.profile.keyType, o.key]), [
      ['id-owner-full', 'Sandbox · owner-full', 'full', ownerKey],
      ['id-restricted-read', 'Sandbox · restricted-read', 'restricted', readKey],
    ]);
    const owner = out[0].profile;
    assert.equal(owner.sandbox, true);
    assert.equal(owner.sessionOnly, true);
    assert.equal(owner.caCertPath, '/tmp/ca.pem');
    assert.equal(owner.workspaceSlug, 'acme');
    assert.equal(owner.plan, 'business');
    assert.ok(!JSON.stringify(out.map((o) => o.profile)).includes(ownerKey));
    assert.ok(!JSON.stringify(out.map((o) => o.profile)).includes(readKey.slice(7)));
  });
});

describe('auth key input: every sentence is translatable', () => {
  // A translator that marks what it translated: a sentence built without `t` has no mark.
  const marked = (message: string, ...args: (string | number | boolean)[]) =>
    `«${message.replace(/\{(\d+)\}/g, (_w, i: string) => String(args[Number(i)]))}»`;
  const key = fakeKey('full');
  const profile: Profile = {
    id: 'p', name: 'P', keyType: 'restricted', apiUrl: 'https://api.retrac.co', workspaceId: 'ws_1', workspaceName: 'Acme',
    role: 'member', plan: 'business', scopes: [], keyHint: '…abcd',
  };

  it('key, workspace, name and URL problems, and the profile description, go through the caller’s t', () => {
    const refusals = ['', '  ', 'abc def', `RETRAC_${key}`, `${key.slice(0, 23)}!`, key.slice(0, 20), `retrac_${key.slice(0, 10)}`];
    for (const raw of refusals) {
      const r = parseKeyInput(raw, marked);
      assert.ok(!r.ok && /^«.*»$/.test(r.message), `${JSON.stringify(raw)} → ${r.ok ? 'ok' : r.message}`);
    }
    for (const problem of [workspaceIdProblem('', marked), workspaceIdProblem('WS 1', marked), profileNameProblem('', [], marked),
      profileNameProblem('x'.repeat(61), [], marked), profileNameProblem('P', ['p'], marked), profileNameProblem(key, [], marked),
      apiUrlProblem('not a url', marked), apiUrlProblem('http://api.retrac.co', marked), apiUrlProblem('https://u:p@api.retrac.co', marked)]) {
      assert.match(problem ?? '', /^«.*»$/);
    }
    const described = describeProfile(profile, marked);
    for (const part of described.split(' · ')) assert.match(part, /«/, `“${part}” of “${described}”`);
    assert.ok(!described.includes(key));
  });
});
