// The key check against a real sandbox over HTTPS (no VS Code): what each kind of key is found to
// be able to do, and the sentence each failure turns into.
import * as assert from 'node:assert/strict';
import { RetracClient } from '../../src/api/client';
import { describeError } from '../../src/api/describeError';
import { RetracError } from '../../src/api/errors';
import { adviceForNetworkCode, checkKey, checkWorkspace, explainCheckFailure, networkCode } from '../../src/accounts/keyCheck';
import { profileCan } from '../../src/accounts/keyInput';
import { startSandbox } from '../../src/sandbox/main';
import type { RunningSandbox, SandboxKeyInfo } from '../../src/sandbox/types';
import { fakeKey } from '../fakeKeys';
import { freePort } from '../freePort';

const PROBED_SCOPES = [
  'workspaces.read', 'items.read', 'tags.read', 'locations.read', 'inventory.read', 'transfers.read',
  'items.write', 'tags.write', 'locations.write', 'inventory.write', 'transfers.write', 'workspaces.write',
];

describe('auth key check against the sandbox', function () {
  this.timeout(30_000);
  let sandbox: RunningSandbox;
  const client = (key: string, baseUrl = sandbox.baseUrl) => new RetracClient({ apiKey: key, baseUrl, ca: sandbox.ca, maxGetRetries: 0 });
  const key = (name: string): SandboxKeyInfo => {
    const k = sandbox.keys.find((x) => x.name === name);
    assert.ok(k, `no sandbox key ${name}`);
    return k;
  };

  before(async () => {
    sandbox = await startSandbox({ port: 0, seedItems: 5, randomSeed: 7 });
  });
  after(async () => {
    await sandbox?.close();
  });

  it('finds exactly the scopes each restricted key was granted, and changes no data', async () => {
    const countsBefore = await client(key('owner-full').key).withWorkspace(key('owner-full').workspaceId).countItems();
    for (const k of sandbox.keys.filter((x) => x.type === 'restricted')) {
      const result = await checkKey(client(k.key));
      const expected = PROBED_SCOPES.filter((s) => profileCan({ keyType: 'restricted', scopes: k.scopes, role: k.role }, s));
      assert.deepEqual(result.scopes, expected, `${k.name} (granted: ${k.scopes.join(' ')})`);
      assert.deepEqual([...result.scopes, ...result.missingScopes].sort(), [...PROBED_SCOPES].sort(), `${k.name}: every probe decided`);
      if (result.scopes.includes('workspaces.read')) assert.equal(result.workspaces[0]?.id, k.workspaceId);
    }
    const owner = client(key('owner-full').key).withWorkspace(key('owner-full').workspaceId);
    assert.equal(await owner.countItems(), countsBefore, 'the write probes created nothing');
    assert.equal((await owner.listTags()).filter((t) => t.name.includes('probe')).length, 0);
  });

  it('lists the workspaces of a full-access key and checks the chosen one', async () => {
    const k = key('owner-full');
    const result = await checkKey(client(k.key));
    assert.ok(result.workspaces.some((w) => w.id === k.workspaceId));
    const ws = await checkWorkspace(client(k.key), k.workspaceId);
    assert.equal(ws.id, k.workspaceId);
    assert.equal(ws.users?.[0]?.role, 'owner');
    const member = await checkWorkspace(client(key('member-full').key), key('member-full').workspaceId);
    assert.equal(member.users?.[0]?.role, 'member');
  });

  it('explains a wrong key, a free plan, a wrong workspace and an unreachable host', async () => {
    const explain = (e: unknown, url = sandbox.baseUrl) => explainCheckFailure(e, url, describeError);
    const wrong = await checkKey(client(fakeKey('full'))).then(() => undefined, (e: unknown) => e);
    assert.ok(wrong instanceof RetracError);
    assert.match(explain(wrong), /did not accept this key \(401\)/);

    const free = key('free-plan-full');
    const planFailure = await checkKey(client(free.key))
      .then(() => checkWorkspace(client(free.key), free.workspaceId))
      .then(() => undefined, (e: unknown) => e);
    assert.ok(planFailure instanceof RetracError, 'a free-plan key is refused');
    assert.match(explain(planFailure), /Business plan or above/);

    const missing = await checkWorkspace(client(key('owner-full').key), 'ws_doesnotexist').then(() => undefined, (e: unknown) => e);
    assert.match(explain(missing), /no such workspace for this key \(404\)/);

    const port = await freePort();
    const closed = `https://127.0.0.1:${port}`;
    const unreachable = await checkKey(client(fakeKey('full'), closed)).then(() => undefined, (e: unknown) => e);
    assert.equal(networkCode(unreachable), 'ECONNREFUSED');
    assert.match(explain(unreachable, closed), new RegExp(`Nothing answers at 127\\.0\\.0\\.1:${port} \\(connection refused\\)`));
  });

  it('turns Node network codes into advice', () => {
    assert.match(adviceForNetworkCode('ENOTFOUND', 'x.example') ?? '', /could not be resolved \(DNS\)/);
    assert.match(adviceForNetworkCode('SELF_SIGNED_CERT_IN_CHAIN', 'x.example') ?? '', /retrac\.caCertificatePath/);
    assert.match(adviceForNetworkCode('ERR_TLS_CERT_ALTNAME_INVALID', 'x.example') ?? '', /another host name/);
    assert.match(adviceForNetworkCode('ECONNRESET', 'x.example') ?? '', /proxy/);
    assert.equal(adviceForNetworkCode('EWHATEVER', 'x.example'), undefined);
  });
});
