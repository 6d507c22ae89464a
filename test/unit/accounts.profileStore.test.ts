import * as assert from 'node:assert/strict';
import type { Profile } from '../../src/accounts/connection';
import {
  isProfileSecret, metadataOf, PROFILES_STATE_KEY, ProfileStore, REVISION_SECRET, secretKeyFor, SecretStorageError,
  type MetadataStorage, type SecretBackend,
} from '../../src/accounts/profileStore';
import { fakeKey } from '../fakeKeys';


/** What VS Code's Memento and SecretStorage keep, in memory; `failStore` plays a missing keyring. */
class MemoryState implements MetadataStorage {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.parse(JSON.stringify(value)));
    return Promise.resolve();
  }
}
class MemorySecrets implements SecretBackend {
  readonly values = new Map<string, string>();
  failStore = false;
  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.values.get(key));
  }
  store(key: string, value: string): Promise<void> {
    if (this.failStore) return Promise.reject(new Error('Cannot create an item in a locked collection'));
    this.values.set(key, value);
    return Promise.resolve();
  }
  delete(key: string): Promise<void> {
    this.values.delete(key);
    return Promise.resolve();
  }
}

const profile = (id: string, extra: Partial<Profile> = {}): Profile => ({
  id, name: `P ${id}`, keyType: 'full', apiUrl: 'https://api.retrac.co', workspaceId: 'ws_1', scopes: [], keyHint: '…abcd', ...extra,
});

describe('auth profile store', () => {
  it('keeps metadata in state and the key only in secrets', async () => {
    const state = new MemoryState();
    const secrets = new MemorySecrets();
    const store = new ProfileStore(state, secrets);
    const key = fakeKey('full');
    await store.save(profile('a'), key);
    assert.equal(secrets.values.get(secretKeyFor('a')), key);
    assert.deepEqual((state.get<Profile[]>(PROFILES_STATE_KEY) ?? []).map((p) => p.id), ['a']);
    assert.ok(!JSON.stringify([...state.values]).includes(key));
    assert.equal(await store.getKey('a'), key);
  });

  it('writes only the declared metadata fields', async () => {
    const state = new MemoryState();
    const store = new ProfileStore(state, new MemorySecrets());
    const key = fakeKey('full');
    const sneaky = { ...profile('a'), apiKey: key, sessionOnly: false } as Profile;
    await store.save(sneaky, key);
    assert.ok(!JSON.stringify([...state.values]).includes(key));
    assert.deepEqual(metadataOf(sneaky), profile('a'));
  });

  it('a second store on the same storage sees saves, renames and removals after reload', async () => {
    const state = new MemoryState();
    const secrets = new MemorySecrets();
    const one = new ProfileStore(state, secrets);
    const two = new ProfileStore(state, secrets);
    const key = fakeKey('full');
    await one.save(profile('a'), key);
    assert.ok(secrets.values.has(REVISION_SECRET), 'a save pings other windows after the metadata is written');
    two.reload();
    assert.equal(two.get('a')?.name, 'P a');
    assert.equal(await two.getKey('a'), key);
    const revision = secrets.values.get(REVISION_SECRET);
    await one.update({ ...profile('a'), name: 'Renamed' });
    assert.notEqual(secrets.values.get(REVISION_SECRET), revision, 'a rename pings other windows through SecretStorage');
    two.reload();
    assert.equal(two.get('a')?.name, 'Renamed');
    await one.remove('a');
    two.reload();
    assert.equal(two.get('a'), undefined);
    assert.equal(await two.getKey('a'), undefined);
    assert.equal(secrets.values.has(secretKeyFor('a')), false);
  });

  it('turns a keyring failure into SecretStorageError and stores nothing', async () => {
    const state = new MemoryState();
    const secrets = new MemorySecrets();
    secrets.failStore = true;
    const store = new ProfileStore(state, secrets);
    await assert.rejects(store.save(profile('a'), fakeKey('full')), (e: unknown) => {
      assert.ok(e instanceof SecretStorageError);
      assert.match(e.message, /keyring refused to store the key \(Cannot create an item in a locked collection\)/);
      assert.match(e.message, /gnome-keyring or KWallet|password-store=basic/);
      return true;
    });
    assert.equal(store.list().length, 0);
    assert.equal(state.get(PROFILES_STATE_KEY), undefined);
  });

  it('keeps session-only profiles in memory only', async () => {
    const state = new MemoryState();
    const secrets = new MemorySecrets();
    secrets.failStore = true;
    const store = new ProfileStore(state, secrets);
    const key = fakeKey('full');
    await store.save(profile('s', { sessionOnly: true }), key);
    assert.equal(await store.getKey('s'), key);
    assert.equal(store.get('s')?.sessionOnly, true);
    assert.equal(state.values.size, 0);
    assert.equal(secrets.values.size, 0);
    await store.remove('s');
    assert.equal(store.list().length, 0);
  });

  it('recognises its own secret keys in change events', () => {
    assert.equal(isProfileSecret(secretKeyFor('x')), true);
    assert.equal(isProfileSecret(REVISION_SECRET), true);
    assert.equal(isProfileSecret('other.extension.token'), false);
  });
});
