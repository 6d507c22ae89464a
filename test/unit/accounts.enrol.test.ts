// Enrolment, the one UI-free way a key becomes a profile (Accounts.addProfile and the Add API Key
// wizard both end in `enrol`), against a real sandbox over HTTPS: what is checked before anything
// is saved, what the saved profile says, and that the wizard's already-run stages are not repeated.
import * as assert from 'node:assert/strict';
import { RetracClient } from '../../src/api/client';
import { describeError } from '../../src/api/describeError';
import type { Profile } from '../../src/accounts/connection';
import { profileCan } from '../../src/accounts/keyInput';
import { checkNewKey, chooseWorkspace, enrol, type EnrolDeps } from '../../src/accounts/enrol';
import { startSandbox } from '../../src/sandbox/main';
import type { RunningSandbox, SandboxKeyInfo } from '../../src/sandbox/types';
import { fakeKey } from '../fakeKeys';

describe('accounts enrolment against the sandbox', function () {
  this.timeout(30_000);
  let sandbox: RunningSandbox;
  const key = (name: string): SandboxKeyInfo => {
    const k = sandbox.keys.find((x) => x.name === name);
    assert.ok(k, `no sandbox key ${name}`);
    return k;
  };

  /** Deps that record what enrolment did: clients made, keys handed to redaction, profiles saved. */
  function deps(confirmedHost = true) {
    const saved: { profile: Profile; key: string }[] = [];
    const redacted: string[] = [];
    let clients = 0;
    const d: EnrolDeps = {
      messages: {
        unconfirmedHost: (host) => `unconfirmed ${host}`,
        whichWorkspace: (count) => `which of ${count}`,
      },
      profileNames: () => saved.map((s) => s.profile.name),
      isHostConfirmed: () => confirmedHost,
      configuredCaPath: () => undefined,
      redactPending: (k) => redacted.push(k),
      makeProbingClient: (k, baseUrl) => {
        clients++;
        return Promise.resolve(new RetracClient({ apiKey: k, baseUrl, ca: sandbox.ca, maxGetRetries: 0 }));
      },
      explain: (e) => describeError(e),
      logScopes: () => undefined,
      save: (profile, k) => {
        saved.push({ profile, key: k });
        return Promise.resolve();
      },
    };
    return { d, saved, redacted, clients: () => clients };
  }

  before(async () => {
    sandbox = await startSandbox({ port: 0, seedItems: 3, randomSeed: 11 });
  });
  after(async () => {
    await sandbox?.close();
  });

  it('saves a restricted key with its workspace and scopes, handing the key to the log redaction first', async () => {
    const k = key('restricted-read');
    const { d, saved, redacted } = deps();
    const profile = await enrol(d, { key: `Bearer ${k.key}`, apiUrl: sandbox.baseUrl });
    assert.equal(saved.length, 1);
    assert.equal(saved[0].key, k.key, 'the pasted Bearer prefix is stripped');
    assert.deepEqual(redacted, [k.key]);
    assert.equal(profile.keyType, 'restricted');
    assert.equal(profile.workspaceId, k.workspaceId);
    assert.ok(profile.scopes.length > 0, 'the scopes found by the check are kept');
    for (const scope of profile.scopes) assert.ok(profileCan({ keyType: 'restricted', scopes: k.scopes, role: k.role }, scope), `${scope} was not granted`);
    assert.ok(!JSON.stringify(profile).includes(k.key), 'the profile metadata never holds the key');
  });

  it('refuses before any request: bad input, an unconfirmed host, a full key reaching several workspaces without a choice', async () => {
    const bad = deps();
    await assert.rejects(enrol(bad.d, { key: 'not a key', apiUrl: sandbox.baseUrl }), { name: 'AccountError' });
    const unconfirmed = deps(false);
    await assert.rejects(enrol(unconfirmed.d, { key: key('owner-full').key, apiUrl: sandbox.baseUrl }), { name: 'AccountError', message: /^unconfirmed / });
    assert.equal(bad.clients() + unconfirmed.clients(), 0, 'no client was made, so the key went nowhere');
    assert.equal(bad.saved.length + unconfirmed.saved.length, 0);

    // A full-access key that reaches two workspaces, and no workspace named: enrolment asks which one.
    const two = {
      key: key('owner-full').key, apiUrl: sandbox.baseUrl, client: { keyType: 'full' } as RetracClient,
      check: { workspaces: [{ id: 'ws_a', name: 'A', slug: 'a' }, { id: 'ws_b', name: 'B', slug: 'b' }], scopes: [], missingScopes: [] },
    } as unknown as Parameters<typeof chooseWorkspace>[1];
    await assert.rejects(chooseWorkspace(deps().d, two, undefined), { name: 'AccountError', message: 'which of 2' });
  });

  it('a wrong key is explained and nothing is saved', async () => {
    const { d, saved } = deps();
    await assert.rejects(enrol(d, { key: fakeKey('restricted'), apiUrl: sandbox.baseUrl }), (e: Error) => e.name === 'AccountError' && /not accepted/.test(e.message));
    assert.equal(saved.length, 0);
  });

  it('the wizard path: stages already run (key check, workspace) are reused, not repeated', async () => {
    const k = key('owner-full');
    const { d, saved, clients } = deps();
    const checked = await checkNewKey(d, k.key, sandbox.baseUrl, undefined);
    const workspace = await chooseWorkspace(d, checked, k.workspaceId);
    assert.equal(clients(), 1);
    const profile = await enrol(d, { key: k.key, apiUrl: sandbox.baseUrl, name: '  Mine  ' }, { checked, workspace });
    assert.equal(clients(), 1, 'no second key check');
    assert.equal(profile.name, 'Mine');
    assert.equal(profile.workspaceId, k.workspaceId);
    assert.equal(saved.length, 1);
  });
});
