// Accounts in a real VS Code: keys added through the real "Add API Key" steps (answered through
// the workbench), profiles switched, renamed, bound and removed, the Accounts-menu provider, cross-
// window sync through SecretStorage, the failure messages, the local sandbox, the diagnosis, and
// finally that no key was written to settings, global state, the log or any shown message.
import * as assert from 'assert';
import { readFileSync, writeFileSync } from 'fs';
import * as vscode from 'vscode';
import type { AddKeyOutcome } from '../../src/accounts';
import type { Profile } from '../../src/accounts/connection';
import type { DiagnoseReport } from '../../src/accounts/diagnose';
import { profileCan } from '../../src/accounts/keyInput';
import { isProfileSecret, ProfileStore, secretKeyFor } from '../../src/accounts/profileStore';
import type { RetracExtensionApi } from '../../src/extension';
import type { SandboxInfo, SandboxKeyInfo } from '../../src/sandbox/types';
import { fakeKey } from '../fakeKeys';
import { freePort } from '../freePort';
import { waitFor } from './helpers';
import { InputDriver } from './inputDriver';

const EXTENSION_ID = 'retrac-tools.retrac-vscode';
/** Every scope a probe can find, in the order the check reports them. */
const PROBED_SCOPES = [
  'workspaces.read', 'items.read', 'tags.read', 'locations.read', 'inventory.read', 'transfers.read',
  'items.write', 'tags.write', 'locations.write', 'inventory.write', 'transfers.write', 'workspaces.write',
];

type Shown = { kind: 'error' | 'warning' | 'info'; text: string };
type ShowFn = (message: string, ...rest: unknown[]) => Thenable<unknown>;

/** Records every message the extension shows (and lets it show), so the test can read them. */
function captureMessages(): { shown: Shown[]; restore: () => void } {
  const shown: Shown[] = [];
  const win = vscode.window as unknown as Record<string, ShowFn>;
  const originals: [string, ShowFn][] = [];
  for (const [name, kind] of [['showErrorMessage', 'error'], ['showWarningMessage', 'warning'], ['showInformationMessage', 'info']] as const) {
    const original = win[name];
    originals.push([name, original]);
    win[name] = (message: string, ...rest: unknown[]) => {
      shown.push({ kind, text: message });
      return original.call(vscode.window, message, ...rest);
    };
  }
  assert.notStrictEqual(win.showErrorMessage, originals[0][1], 'vscode.window.showErrorMessage could not be wrapped');
  return { shown, restore: () => originals.forEach(([name, fn]) => (win[name] = fn)) };
}

async function readText(uri: vscode.Uri): Promise<string> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return '';
  }
}

/** Every file under a folder (the extension's log folder), as text. */
async function readTree(uri: vscode.Uri): Promise<string[]> {
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(uri);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const [name, type] of entries) {
    const child = vscode.Uri.joinPath(uri, name);
    if (type === vscode.FileType.Directory) out.push(...(await readTree(child)));
    else out.push(await readText(child));
  }
  return out;
}

suite('Retrac accounts', () => {
  let api: RetracExtensionApi;
  let info: SandboxInfo;
  let driver: InputDriver;
  let messages: ReturnType<typeof captureMessages>;
  /** Every key this suite handled: none may show up anywhere on disk or on screen. */
  const keysSeen = new Set<string>();
  const created: string[] = [];
  const retrac = () => vscode.workspace.getConfiguration('retrac');
  const keyNamed = (name: string): SandboxKeyInfo => {
    const k = info.keys.find((x) => x.name === name);
    assert.ok(k, `the sandbox has no key named ${name}`);
    return k;
  };

  /** Runs "Add API Key" and answers its steps: the key, the workspace (full keys), the name. */
  async function addThroughCommand(pasted: string, k: { type: 'full' | 'restricted'; workspaceId?: string }, name?: string): Promise<AddKeyOutcome> {
    const done = vscode.commands.executeCommand<AddKeyOutcome>('retrac.addApiKey');
    await driver.type(pasted);
    if (k.type === 'full') await driver.pick((item) => item.description === k.workspaceId);
    const nameBox = await driver.next('the name step');
    assert.ok(!('items' in nameBox), 'the last step is the name input');
    if (name !== undefined) nameBox.value = name;
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const outcome = await done;
    if (outcome.profile) created.push(outcome.profile.id);
    return outcome;
  }

  /** Runs "Add API Key" for a key that must be refused after the check; returns the message. */
  async function addFailing(pasted: string): Promise<string> {
    const before = messages.shown.length;
    const done = vscode.commands.executeCommand<AddKeyOutcome>('retrac.addApiKey');
    await driver.type(pasted);
    const outcome = await done;
    assert.strictEqual(outcome.profile, undefined, 'no profile is saved');
    assert.ok(outcome.message, 'the command says why');
    const shown = messages.shown.slice(before).find((m) => m.kind === 'error');
    assert.ok(shown, 'an error message was shown');
    assert.strictEqual(shown.text, outcome.message);
    return outcome.message;
  }

  suiteSetup(async function () {
    this.timeout(60_000);
    api = (await vscode.extensions.getExtension<RetracExtensionApi>(EXTENSION_ID)!.activate());
    const infoFile = process.env.RETRAC_TEST_SANDBOX_INFO;
    assert.ok(infoFile, 'RETRAC_TEST_SANDBOX_INFO is not set: run through test/harness/run-integration.mjs');
    info = JSON.parse(readFileSync(infoFile, 'utf8')) as SandboxInfo;
    for (const k of info.keys) keysSeen.add(k.key);
    messages = captureMessages();
    driver = new InputDriver(api.inputs);
    // The command reads the host and its CA from the (machine-scoped) settings, as for a user.
    await retrac().update('apiUrl', info.baseUrl, vscode.ConfigurationTarget.Global);
    await retrac().update('caCertificatePath', info.caCertPath, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    driver?.dispose();
    messages?.restore();
    for (const id of created) await api?.accounts.remove(id);
    await retrac().update('apiUrl', undefined, vscode.ConfigurationTarget.Global);
    await retrac().update('caCertificatePath', undefined, vscode.ConfigurationTarget.Global);
  });

  test('the key and workspace inputs refuse garbage with a message; a pasted Bearer prefix and quotes are stripped; Back works', async () => {
    const owner = keyNamed('owner-full');
    const done = vscode.commands.executeCommand<AddKeyOutcome>('retrac.addApiKey');
    const keyStep = await driver.peek('the key step');
    // True in the browser and in code-server too, where SecretStorage is not the OS keyring.
    assert.match((keyStep as vscode.InputBox).prompt ?? '', /kept in VS Code’s secret storage \(the OS keyring on desktop\)/);
    assert.match(await driver.typeRefused('   '), /Paste a Retrac API key/);
    assert.match(await driver.typeRefused(`${owner.key.slice(0, 12)} ${owner.key.slice(12)}`), /space or line break/);
    assert.match(await driver.typeRefused(owner.key.slice(0, 20)), /24 letters and digits.*has 20/);
    await driver.type(`"Bearer ${owner.key}"`);
    // The workspace typed by slug instead of picked; then Back from the name step to the list.
    const slug = info.workspaces.find((w) => w.id === owner.workspaceId)!.slug;
    await driver.pick(/Enter a workspace id or slug/);
    assert.match(await driver.typeRefused('Not A Slug!'), /looks like “ws_”/);
    await driver.type(slug);
    await driver.back();
    await driver.pick((item) => item.description === owner.workspaceId);
    const nameBox = await driver.next('the name step');
    assert.match(nameBox.value, / · full access$/, 'the default name is workspace + key type');
    nameBox.value = 'IT owner (pasted)';
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const outcome = await done;
    assert.ok(outcome.profile, outcome.message);
    created.push(outcome.profile.id);
    assert.strictEqual(outcome.profile.keyType, 'full');
    assert.strictEqual(outcome.profile.workspaceId, owner.workspaceId);
    assert.strictEqual(outcome.profile.role, 'owner');
    assert.strictEqual(await api.accounts.storage.secrets.get(secretKeyFor(outcome.profile.id)), owner.key, 'the stripped key is stored');
  });

  test('adds a key of each sandbox kind through "Add API Key"; each says what it can do', async function () {
    this.timeout(120_000);
    const kinds = info.keys.filter((k) => k.name !== 'free-plan-full');
    assert.ok(kinds.some((k) => k.type === 'full') && kinds.some((k) => k.type === 'restricted'), 'the sandbox has both key types');
    for (const k of kinds) {
      const outcome = await addThroughCommand(k.key, k, `IT ${k.name}`);
      const p = outcome.profile;
      assert.ok(p, `${k.name}: ${outcome.message}`);
      assert.strictEqual(p.name, `IT ${k.name}`);
      assert.strictEqual(p.keyType, k.type, `${k.name}: key type from the prefix`);
      assert.strictEqual(api.accounts.profile?.id, p.id, `${k.name}: the new profile is active`);
      assert.match(outcome.message ?? '', new RegExp(`^Added “IT ${k.name}”: ${k.type === 'full' ? 'full access' : 'restricted'} key`));
      if (k.type === 'full') {
        assert.strictEqual(p.workspaceId, k.workspaceId, k.name);
        assert.strictEqual(p.role, k.role, k.name);
        assert.deepStrictEqual(p.scopes, []);
      } else {
        // What the probes found must be what the sandbox granted: every scope, none more.
        const expected = PROBED_SCOPES.filter((s) => profileCan({ keyType: 'restricted', scopes: k.scopes, role: k.role }, s));
        assert.deepStrictEqual(p.scopes, expected, `${k.name} (granted ${k.scopes.join(' ')})`);
        assert.match(outcome.message ?? '', p.scopes.length ? new RegExp(`scopes: ${p.scopes[0].replace('.', '\\.')}`) : /no scopes found/);
        if (p.scopes.includes('workspaces.read')) assert.strictEqual(p.workspaceId, k.workspaceId, `${k.name}: bound workspace`);
      }
      assert.strictEqual(await api.accounts.storage.secrets.get(secretKeyFor(p.id)), k.key, `${k.name}: key in SecretStorage`);
    }
  });

  test('the active profile gives a working client and says what it may do', async () => {
    const profiles = api.accounts.profiles;
    const owner = profiles.find((p) => p.name === 'IT owner-full')!;
    const readOnly = profiles.find((p) => p.name === 'IT restricted-read')!;
    await api.accounts.activate(owner.id);
    const client = await api.accounts.getClient();
    assert.ok(client);
    assert.ok(Array.isArray(await client.listItems({ pageSize: 1 })));
    assert.strictEqual(api.accounts.can('items.write'), true);
    assert.strictEqual(api.accounts.can('locations.write'), true);
    await api.accounts.activate(readOnly.id);
    assert.strictEqual(api.accounts.can('items.read'), true);
    assert.strictEqual(api.accounts.can('items.write'), false);
    const readClient = await api.accounts.getClient();
    assert.ok(readClient && readClient !== client, 'switching gives the other key’s client');
    assert.ok(Array.isArray(await readClient.listTags()));
  });

  test('a wrong key, a free-plan key and an unreachable host each get their own message', async function () {
    this.timeout(60_000);
    const wrong = fakeKey('full');
    keysSeen.add(wrong);
    assert.match(await addFailing(wrong), /did not accept this key \(401\)/);
    assert.match(await addFailing(keyNamed('free-plan-full').key), /Business plan or above/);
    const closedPort = await freePort();
    await retrac().update('apiUrl', `https://127.0.0.1:${closedPort}`, vscode.ConfigurationTarget.Global);
    try {
      assert.match(await addFailing(keyNamed('owner-full').key), new RegExp(`Nothing answers at 127\\.0\\.0\\.1:${closedPort} \\(connection refused\\)`));
    } finally {
      await retrac().update('apiUrl', info.baseUrl, vscode.ConfigurationTarget.Global);
    }
    // addProfile (no UI) gives the same sentences.
    await assert.rejects(api.accounts.addProfile({ key: wrong, apiUrl: info.baseUrl, caCertPath: info.caCertPath }), /did not accept this key \(401\)/);
  });

  test('switch, rename and bind through the commands', async () => {
    const target = api.accounts.profiles.find((p) => p.name === 'IT member-full')!;
    const changes: (Profile | undefined)[] = [];
    const sub = api.accounts.onDidChangeProfile((p) => changes.push(p));
    try {
      const switched = vscode.commands.executeCommand<Profile>('retrac.switchProfile');
      await driver.pick((item) => item.label.endsWith('IT member-full'));
      assert.strictEqual((await switched)?.id, target.id);
      assert.strictEqual(api.accounts.profile?.id, target.id);
      await waitFor('the switch to be announced', () => messages.shown.some((m) => m.kind === 'info' && m.text.startsWith('Switched to “IT member-full”')));
      assert.ok(changes.some((p) => p?.id === target.id), 'onDidChangeProfile fired with the new profile');

      const renamed = vscode.commands.executeCommand<Profile>('retrac.renameProfile');
      await driver.pick((item) => item.label.endsWith('IT member-full'));
      await driver.type('IT member (renamed)');
      assert.strictEqual((await renamed)?.name, 'IT member (renamed)');
      assert.strictEqual(api.accounts.profile?.name, 'IT member (renamed)');
      await waitFor('the rename to be announced', () => messages.shown.some((m) => m.kind === 'info' && m.text === 'Renamed “IT member-full” to “IT member (renamed)”.'));

      const bound = vscode.commands.executeCommand<Profile>('retrac.bindProfile');
      await driver.pick((item) => item.label.endsWith('IT member (renamed)'));
      assert.strictEqual((await bound)?.id, target.id);
      assert.strictEqual(api.accounts.boundProfileId, target.id, 'stored in workspace state');
      await vscode.commands.executeCommand('retrac.unbindProfile');
      assert.strictEqual(api.accounts.boundProfileId, undefined);
    } finally {
      sub.dispose();
    }
  });

  test('the Accounts menu lists one session per profile, with the key as access token', async () => {
    const accounts = await vscode.authentication.getAccounts('retrac');
    const names = accounts.map((a) => a.label);
    for (const p of api.accounts.profiles) assert.ok(names.includes(p.name), `${p.name} missing from the Accounts menu: ${names.join(', ')}`);
    const sessions = await api.accounts.authProvider.getSessions(undefined, {});
    assert.deepStrictEqual(sessions.map((s) => s.id).sort(), api.accounts.profiles.map((p) => p.id).sort());
    const owner = api.accounts.profiles.find((p) => p.name === 'IT owner-full')!;
    assert.strictEqual(sessions.find((s) => s.id === owner.id)?.accessToken, keyNamed('owner-full').key);
    const writers = await api.accounts.authProvider.getSessions(['items.write'], {});
    assert.ok(!writers.some((s) => s.account.label === 'IT restricted-read'), 'a scope filter leaves out keys without it');
    assert.ok(writers.some((s) => s.id === owner.id));
  });

  test('a second SecretStorage listener (another window) sees adds, renames and removals', async function () {
    this.timeout(30_000);
    const { secrets, globalState } = api.accounts.storage;
    const otherWindow = new ProfileStore(globalState, secrets);
    const heard: string[] = [];
    const sub = secrets.onDidChange((e) => {
      if (isProfileSecret(e.key)) {
        heard.push(e.key);
        otherWindow.reload();
      }
    });
    try {
      // Start from a key no profile holds (the same key again would update its profile).
      const k = keyNamed('restricted-items-read');
      const earlier = api.accounts.profiles.find((p) => p.name === 'IT restricted-items-read');
      if (earlier) {
        await api.accounts.remove(earlier.id);
        await waitFor('the other window to see the first removal', () => !otherWindow.get(earlier.id));
      }
      const added = await api.accounts.addProfile({ key: k.key, name: 'IT second window', apiUrl: info.baseUrl, caCertPath: info.caCertPath });
      created.push(added.id);
      assert.notStrictEqual(added.id, earlier?.id);
      await waitFor('the other window to see the new profile', () => otherWindow.get(added.id));
      assert.strictEqual(await otherWindow.getKey(added.id), k.key);

      const renamed = vscode.commands.executeCommand<Profile>('retrac.renameProfile', added.id);
      await driver.type('IT second window (renamed)');
      await renamed;
      await waitFor('the other window to see the rename', () => otherWindow.get(added.id)?.name === 'IT second window (renamed)');

      await api.accounts.remove(added.id);
      await waitFor('the other window to see the removal', () => !otherWindow.get(added.id));
      assert.ok(heard.includes(secretKeyFor(added.id)));
    } finally {
      sub.dispose();
    }
  });

  test('"Remove API Key" asks with a modal warning, then deletes the profile and its secret', async () => {
    const victim = api.accounts.profiles.find((p) => p.name === 'IT restricted-read')!;
    const asked: { message: string; options: vscode.MessageOptions; buttons: string[] }[] = [];
    const original = api.accounts.confirmDestructive;
    let answer: string | undefined;
    // A modal cannot be answered from the extension host: the test stands in for the user.
    api.accounts.confirmDestructive = (message, options, ...buttons) => {
      asked.push({ message, options, buttons });
      assert.strictEqual(api.inputs.active, undefined, 'no quick pick is open while the modal asks (Enter twice cannot remove a key)');
      return Promise.resolve(answer);
    };
    try {
      answer = undefined; // Escape / Cancel
      const cancelled = vscode.commands.executeCommand<boolean>('retrac.removeApiKey');
      await driver.pick((item) => item.label.endsWith('IT restricted-read'));
      assert.strictEqual(await cancelled, false);
      assert.ok(api.accounts.profiles.some((p) => p.id === victim.id), 'Cancel keeps the profile');

      answer = 'Remove';
      const removed = vscode.commands.executeCommand<boolean>('retrac.removeApiKey');
      await driver.pick((item) => item.label.endsWith('IT restricted-read'));
      assert.strictEqual(await removed, true);
      assert.strictEqual(asked.length, 2);
      for (const a of asked) {
        assert.strictEqual(a.options.modal, true, 'a modal warning, as VS Code asks for destructive actions');
        assert.deepStrictEqual(a.buttons, ['Remove']);
        assert.match(a.message, /Remove “IT restricted-read” and delete its key \(retrac_[^)]*\)/);
        assert.match(a.options.detail ?? '', /revoke it in the dashboard/);
      }
    } finally {
      api.accounts.confirmDestructive = original;
    }
    assert.ok(!api.accounts.profiles.some((p) => p.id === victim.id));
    assert.strictEqual(await api.accounts.storage.secrets.get(secretKeyFor(victim.id)), undefined, 'the secret is deleted');
    const sessions = await api.accounts.authProvider.getSessions(undefined, {});
    assert.ok(!sessions.some((s) => s.id === victim.id), 'gone from the Accounts menu');
  });

  test('concurrent callers share one client: the key is read once, one client is built, no modal', async () => {
    const owner = api.accounts.profiles.find((p) => p.name === 'IT owner-full')!;
    await api.accounts.activate(owner.id); // drops the cached client
    const before = api.accounts.clientBuilds;
    const shownBefore = messages.shown.length;
    const clients = await Promise.all([1, 2, 3, 4, 5].map(() => api.accounts.getClient()));
    assert.strictEqual(api.accounts.clientBuilds, before + 1, 'one client for five callers');
    assert.ok(clients.every((c) => c === clients[0]));
    assert.strictEqual(messages.shown.length, shownBefore, 'a data accessor shows nothing');
  });

  test('changing the CA path or the API URL while a client exists: the next request uses the new CA; a profile keeps its host', async function () {
    this.timeout(60_000);
    const owner = api.accounts.profiles.find((p) => p.name === 'IT owner-full')!;
    assert.strictEqual(owner.caCertPath, undefined, 'this profile follows the setting');
    await api.accounts.activate(owner.id);
    const first = await api.accounts.getClient();
    assert.ok(first);
    // Another copy of the CA: a different path, same trust.
    const copy = vscode.Uri.joinPath(api.accounts.storage.globalStorageUri, `ca-copy-${Date.now()}.pem`);
    await vscode.workspace.fs.createDirectory(api.accounts.storage.globalStorageUri);
    await vscode.workspace.fs.writeFile(copy, await vscode.workspace.fs.readFile(vscode.Uri.file(info.caCertPath)));
    try {
      await retrac().update('caCertificatePath', copy.fsPath, vscode.ConfigurationTarget.Global);
      assert.strictEqual(api.accounts.connectionSettings().caCertPath, copy.fsPath);
      const second = await api.accounts.getClient();
      assert.ok(second && second !== first, 'a new CA path gives a new client');
      assert.ok(Array.isArray(await second.listTags()), 'and it works');
      // A CA path that cannot be read fails the next use with a sentence, never silently with the old CA.
      await retrac().update('caCertificatePath', `${copy.fsPath}.missing`, vscode.ConfigurationTarget.Global);
      await assert.rejects(api.accounts.getClient(), /Could not read the CA certificate .*\.missing/);
      await retrac().update('caCertificatePath', info.caCertPath, vscode.ConfigurationTarget.Global);
      assert.ok(Array.isArray(await (await api.accounts.getClient())!.listTags()));

      // The API URL applies to keys added from now on; the profile keeps the host it was checked with.
      const closedPort = await freePort();
      await retrac().update('apiUrl', `https://127.0.0.1:${closedPort}`, vscode.ConfigurationTarget.Global);
      const client = await api.accounts.getClient();
      assert.strictEqual(client?.baseUrl, owner.apiUrl);
      assert.ok(Array.isArray(await client.listTags()));
      assert.match(await addFailing(keyNamed('owner-full').key), new RegExp(`Nothing answers at 127\\.0\\.0\\.1:${closedPort}`), 'Add API Key uses the new URL at once');
    } finally {
      await retrac().update('apiUrl', info.baseUrl, vscode.ConfigurationTarget.Global);
      await retrac().update('caCertificatePath', info.caCertPath, vscode.ConfigurationTarget.Global);
      await vscode.workspace.fs.delete(copy);
    }
  });

  test('remote-window layout: a connection setting only in User settings is ignored every time, and the user is told where to set it', async function () {
    this.timeout(60_000);
    assert.ok(vscode.env.remoteName, 'code-server is a remote window');
    // <user data>/User/globalStorage/<extension id> → <user data>/User/settings.json (User tab);
    // machine-scoped settings written by the tests go to <user data>/Machine/settings.json (Remote tab).
    const userSettings = vscode.Uri.joinPath(api.accounts.storage.globalStorageUri, '..', '..', 'settings.json');
    const original = await readText(userSettings);
    assert.ok(original, `no User settings file at ${userSettings.fsPath}`);
    const userValue = 'https://user-only.retrac.invalid';
    await retrac().update('apiUrl', undefined, vscode.ConfigurationTarget.Global); // nothing in Remote
    await retrac().update('caCertificatePath', undefined, vscode.ConfigurationTarget.Global);
    const withUserValue = JSON.stringify({ ...(JSON.parse(original) as object), 'retrac.apiUrl': userValue, 'retrac.caCertificatePath': info.caCertPath }, null, 2);
    await vscode.workspace.fs.writeFile(userSettings, new TextEncoder().encode(withUserValue));
    try {
      // The same answer every time, whatever VS Code's own configuration shows at that moment.
      const raw = retrac().inspect<string>('apiUrl');
      console.log(`      VS Code's own view of a User-only retrac.apiUrl in this remote window: value ${String(retrac().get('apiUrl'))}, globalValue ${String(raw?.globalValue)}`);
      for (let i = 0; i < 7; i++) {
        const settings = api.accounts.connectionSettings();
        assert.strictEqual(settings.apiUrl, 'https://api.retrac.co', `read ${i}`);
        assert.strictEqual(settings.caCertPath, undefined, `read ${i}`);
        assert.deepStrictEqual(settings.ignoredUserSettings, ['apiUrl', 'caCertificatePath'], `read ${i}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const before = messages.shown.length;
      const done = vscode.commands.executeCommand<AddKeyOutcome>('retrac.addApiKey');
      const keyStep = (await driver.peek('the key step')) as vscode.InputBox;
      assert.match(keyStep.prompt ?? '', /checked with api\.retrac\.co/, 'the prompt names the host that is used');
      const warning = await waitFor('the ignored-setting warning', () => messages.shown.slice(before).find((m) => m.kind === 'warning'));
      assert.match(warning.text, /retrac\.apiUrl and retrac\.caCertificatePath are set in your User settings, which VS Code ignores .* remote window .*Remote tab/);
      await driver.cancel();
      assert.strictEqual((await done).cancelled, true);
      // With the values in the Remote settings as well, they are used.
      await retrac().update('apiUrl', info.baseUrl, vscode.ConfigurationTarget.Global);
      await retrac().update('caCertificatePath', info.caCertPath, vscode.ConfigurationTarget.Global);
      assert.deepStrictEqual(api.accounts.connectionSettings(), { apiUrl: info.baseUrl, caCertPath: info.caCertPath, ignoredUserSettings: [] });
    } finally {
      await vscode.workspace.fs.writeFile(userSettings, new TextEncoder().encode(original));
      await retrac().update('apiUrl', info.baseUrl, vscode.ConfigurationTarget.Global);
      await retrac().update('caCertificatePath', info.caCertPath, vscode.ConfigurationTarget.Global);
    }
  });

  test('an untrusted certificate says which setting to set and where (the Remote tab in this window)', async function () {
    this.timeout(30_000);
    await retrac().update('caCertificatePath', undefined, vscode.ConfigurationTarget.Global);
    try {
      const message = await addFailing(keyNamed('owner-full').key);
      assert.match(message, /retrac\.caCertificatePath/);
      assert.match(message, /Settings editor’s Remote \[[^\]]+\] tab/);
    } finally {
      await retrac().update('caCertificatePath', info.caCertPath, vscode.ConfigurationTarget.Global);
    }
  });

  test('the status bar item reads as plain text to a screen reader', () => {
    const status = api.accounts.statusBar;
    const label = status.accessibilityInformation?.label ?? '';
    assert.ok(label.includes(api.accounts.profile!.name), label);
    assert.doesNotMatch(label, /\*\*|\\[_*.\-()]|`/, 'no markdown in the label');
    assert.ok(typeof status.tooltip !== 'string', 'the tooltip stays markdown');
  });

  test('adding a restricted key logs the refused probes at debug level and one info line with the scopes', async function () {
    this.timeout(30_000);
    const k = keyNamed('restricted-read');
    const added = await api.accounts.addProfile({ key: k.key, name: 'IT probe log', apiUrl: info.baseUrl, caCertPath: info.caCertPath });
    created.push(added.id);
    api.log.logger('auth').info('end of the probe check');
    const logs = (await waitFor('the log file', async () => {
      const texts = await readTree(api.accounts.storage.logUri);
      return texts.some((t) => t.includes('end of the probe check')) && texts;
    })).join('\n');
    const section = logs.slice(logs.lastIndexOf('Saved profile “IT probe log”') - 4000);
    assert.doesNotMatch(section, /\[warning\].*failed: forbidden \(403\)/, 'expected refusals are not warnings');
    assert.match(section, /\[info\].*Scope check: \d+ found \(.*\); \d+ refused as expected/);
  });

  test('"Diagnose Connection" logs host, proxy, TLS, latency, key and rate limit', async function () {
    this.timeout(30_000);
    await api.accounts.activate(api.accounts.profiles.find((p) => p.name === 'IT owner-full')!.id);
    const report = await vscode.commands.executeCommand<DiagnoseReport>('retrac.diagnoseConnection');
    const text = report.lines.join('\n');
    assert.ok(report.ok, text);
    assert.match(text, new RegExp(`Effective API host: ${info.baseUrl.replace(/[.]/g, '\\.')}`));
    assert.match(text, /Proxy: http\.proxy=.*HTTPS_PROXY=/);
    assert.match(text, /TLS to 127\.0\.0\.1:\d+ \(direct\): ok/);
    assert.match(text, /API request: ok in \d+ ms/);
    // A sandbox profile pins its CA: the request took the client's own transport, and says which.
    assert.match(text, /Transport for API requests: undici with the pinned CA, (direct|through proxy)/);
    assert.match(text, /API request: ok in \d+ ms via undici with the pinned CA/);
    assert.match(text, /Rate limit: \d+ of \d+ left/);
    assert.match(text, /full access key …\w{4}/);
  });

  test('"Use Local Sandbox" starts a sandbox in the extension, adds its keys and survives a restart', async function () {
    this.timeout(120_000);
    const first = await vscode.commands.executeCommand<Profile | undefined>('retrac.useLocalSandbox');
    assert.ok(first, 'owner-full profile of the local sandbox');
    const running = api.accounts.runningSandbox;
    assert.ok(running);
    for (const k of running.keys) keysSeen.add(k.key);
    assert.strictEqual(first.name, 'Sandbox · owner-full');
    assert.strictEqual(api.accounts.profile?.id, first.id, 'owner-full is selected');
    const sandboxProfiles = api.accounts.profiles.filter((p) => p.sandbox && !p.sessionOnly);
    created.push(...sandboxProfiles.map((p) => p.id));
    assert.strictEqual(sandboxProfiles.length, running.keys.length);
    assert.ok((await (await api.accounts.getClient())!.listLocations()).length > 0);

    const firstUrl = running.baseUrl;
    await vscode.commands.executeCommand('retrac.stopLocalSandbox');
    assert.strictEqual(api.accounts.runningSandbox?.baseUrl, undefined);
    const again = await vscode.commands.executeCommand<Profile | undefined>('retrac.useLocalSandbox');
    assert.strictEqual(again?.id, first.id, 'the same profile, not a new one');
    assert.strictEqual(api.accounts.profiles.filter((p) => p.sandbox && !p.sessionOnly).length, sandboxProfiles.length);
    assert.strictEqual(api.accounts.profile?.apiUrl, api.accounts.runningSandbox?.baseUrl, 'apiUrl follows the new port');
    console.log(`    sandbox restarted: ${firstUrl} → ${api.accounts.runningSandbox?.baseUrl}`);
    assert.ok((await (await api.accounts.getClient())!.listLocations()).length > 0, 'the persisted keys still work');
    await vscode.commands.executeCommand('retrac.stopLocalSandbox');
  });

  test('Stop Local Sandbox and a crashed sandbox: the explorer shows the source is down with Restart and Switch Profile; a crash is logged and offered Restart', async function () {
    this.timeout(120_000);
    const provider = api.explorer.provider;
    const rows = () => provider.getChildren().map((n) => {
      const item = provider.getTreeItem(n);
      return { label: typeof item.label === 'string' ? item.label : item.label?.label ?? '', command: item.command?.command };
    });
    const runningNow = () => api.accounts.runningSandbox;
    const owner = await vscode.commands.executeCommand<Profile | undefined>('retrac.useLocalSandbox');
    assert.ok(owner && runningNow());
    await waitFor('the sections of the running sandbox', () => rows().some((r) => r.label.startsWith('Items')));

    await vscode.commands.executeCommand('retrac.stopLocalSandbox');
    assert.deepStrictEqual(rows(), [
      { label: 'The local Retrac sandbox was stopped.', command: undefined },
      { label: 'Restart Local Sandbox', command: 'retrac.useLocalSandbox' },
      { label: 'Switch Profile…', command: 'retrac.switchProfile' },
    ], 'no stale data of the stopped sandbox');

    // Restart from the tree's own row.
    await vscode.commands.executeCommand(rows()[1].command!);
    const running = runningNow();
    assert.ok(running?.pid, 'restarted in its own process');
    assert.notStrictEqual(running.pid, process.pid, 'not inside the extension host');
    await waitFor('the sections again', () => rows().some((r) => r.label.startsWith('Items')));

    // A crash: the process is killed from outside.
    const before = messages.shown.length;
    process.kill(running.pid, 'SIGKILL');
    await waitFor('the crashed-source row', () => rows()[0]?.label.startsWith('The local Retrac sandbox stopped unexpectedly'));
    assert.match(rows()[0].label, /killed by SIGKILL/);
    assert.deepStrictEqual(rows().slice(1).map((r) => r.command), ['retrac.useLocalSandbox', 'retrac.switchProfile']);
    assert.ok(messages.shown.slice(before).some((m) => m.kind === 'error' && /stopped unexpectedly \(killed by SIGKILL\)/.test(m.text)), 'a notification says so (with Restart)');
    assert.strictEqual(runningNow(), undefined);
    await waitFor('the crash in the Retrac log', async () => (await readTree(api.accounts.storage.logUri)).some((text) => /stopped unexpectedly \(killed by SIGKILL\)/.test(text)), 20_000);

    // Restart after the crash; then Stop leaves no process behind.
    await vscode.commands.executeCommand('retrac.useLocalSandbox');
    const again = runningNow();
    assert.ok(again?.pid);
    assert.ok((await (await api.accounts.getClient())!.listLocations()).length > 0, 'the restarted sandbox serves the same profiles');
    await vscode.commands.executeCommand('retrac.stopLocalSandbox');
    const pid = again.pid;
    assert.throws(() => process.kill(pid, 0), 'the sandbox process is gone after Stop');

    // A corrupt saved state: one message naming the file and what to do; "Start Fresh" keeps a .bak copy.
    const stateFile = vscode.Uri.joinPath(api.accounts.storage.globalStorageUri, 'sandbox', 'state.json').fsPath;
    writeFileSync(stateFile, '{"version":1,');
    const beforeFailure = messages.shown.length;
    assert.strictEqual(await vscode.commands.executeCommand('retrac.useLocalSandbox'), undefined);
    const refused = messages.shown.slice(beforeFailure).find((m) => m.kind === 'error');
    assert.ok(refused?.text.includes(stateFile) && /--reset/.test(refused.text), refused?.text);
    assert.ok(await api.accounts.useLocalSandboxCommand(true), 'Start Fresh starts it');
    for (const k of runningNow()?.keys ?? []) keysSeen.add(k.key);
    assert.strictEqual(readFileSync(`${stateFile}.bak`, 'utf8'), '{"version":1,');
    await vscode.commands.executeCommand('retrac.stopLocalSandbox');
  });

  test('no key reached settings, global state, the log or a shown message', async function () {
    this.timeout(30_000);
    const { globalState, globalStorageUri, logUri } = api.accounts.storage;
    // <user data>/User/globalStorage/<extension id> → <user data>/User/settings.json; a remote
    // window (code-server) writes machine-scoped settings to <user data>/Machine/settings.json.
    const userData = vscode.Uri.joinPath(globalStorageUri, '..', '..', '..');
    const settingsText = (
      await Promise.all(['User', 'Machine'].map((d) => readText(vscode.Uri.joinPath(userData, d, 'settings.json'))))
    ).join('\n');
    assert.match(settingsText, /"retrac\.apiUrl"/, `the settings files under ${userData.toString()} were not found`);
    const workspaceSettings = await Promise.all(
      (vscode.workspace.workspaceFolders ?? []).map((f) => readText(vscode.Uri.joinPath(f.uri, '.vscode', 'settings.json'))),
    );
    const state = JSON.stringify(globalState.keys().map((k) => [k, globalState.get(k)]));
    assert.match(state, /retrac\.profiles/, 'the profile metadata is in global state');
    // The redaction pass is an invariant of the log itself: even a careless message with a key
    // in it reaches the file redacted (restricted keys and Bearer credentials by shape, the
    // active profile's full-access key because it is registered).
    const careless = [fakeKey('restricted'), fakeKey('full')];
    for (const key of careless) keysSeen.add(key);
    const activeKey = (await api.accounts.authProvider.getSessions(undefined, {}))
      .find((s) => s.account.id === api.accounts.profile?.id)?.accessToken;
    assert.ok(activeKey, 'the active profile has a key');
    api.log.logger('auth').warn(`careless: ${careless[0]} / Authorization: Bearer ${careless[1]} / ${activeKey}`);
    api.log.logger('auth').info('end of the accounts suite');
    const logs = await waitFor('the log file', async () => {
      const texts = await readTree(logUri);
      return texts.some((t) => t.includes('end of the accounts suite')) && texts;
    });
    const shown = messages.shown.map((m) => m.text).join('\n');
    assert.ok(messages.shown.some((m) => m.kind === 'error'), 'the messages were captured');
    assert.ok(logs.some((t) => t.includes('careless: ')), 'the careless line reached the log file');
    for (const key of [...keysSeen, activeKey]) {
      const tail = key.slice(-12);
      for (const [where, text] of [['user settings', settingsText], ['workspace settings', workspaceSettings.join('\n')], ['global state', state], ['log', logs.join('\n')], ['shown messages', shown]] as const) {
        assert.ok(!text.includes(tail), `a key (…${key.slice(-4)}) appears in the ${where}`);
      }
    }
  });
});
