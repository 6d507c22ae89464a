// Leak diagnostics in a real VS Code: documents on disk and untitled ones with freshly generated
// keys, diagnostics as the user sees them (rule code, severity, range, source, doc link), edits and
// close, settings, every quick fix applied the way the lightbulb applies it (the file content
// afterwards is what a user expects), the ignore paths, the workspace scan of unopened files, the
// language status, and a 1 MB document's edit-to-diagnostics latency.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { randomInt } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { WorkspaceScanSummary } from '../../src/diagnostics';
import type { RetracExtensionApi } from '../../src/extension';
import { fakeKey } from '../fakeKeys';
import { EXTENSION_ID, gitIn, withMessages } from './helpers';


const suffix = (): string => String(randomInt(100000, 999999));

/** Every key this suite generated: none may appear in a diagnostic message. */
const generatedKeys: string[] = [];
function remember(key: string): string {
  generatedKeys.push(key);
  return key;
}

function retracDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Retrac');
}

function ruleOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Resolves with the Retrac diagnostics of `uri` once `accept` holds (checked now and on every change). */
function waitForDiagnostics(uri: vscode.Uri, accept: (ds: vscode.Diagnostic[]) => boolean, timeoutMs = 10_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const ds = retracDiagnostics(uri);
      if (!accept(ds)) return false;
      clearTimeout(timer);
      sub.dispose();
      resolve(ds);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`diagnostics of ${uri.toString()} did not reach the expected state in ${timeoutMs} ms; now: ${JSON.stringify(retracDiagnostics(uri).map((d) => [ruleOf(d), d.range.start.line, d.range.start.character]))}`));
    }, timeoutMs);
    check();
  });
}

const hasRule = (rule: string) => (ds: vscode.Diagnostic[]): boolean => ds.some((d) => ruleOf(d) === rule);
const lacksRule = (rule: string) => (ds: vscode.Diagnostic[]): boolean => !ds.some((d) => ruleOf(d) === rule);

async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const all = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range);
  return all.filter((a): a is vscode.CodeAction => 'kind' in a || 'edit' in a || 'diagnostics' in a);
}

async function action(uri: vscode.Uri, diagnostic: vscode.Diagnostic, title: RegExp): Promise<vscode.CodeAction> {
  const actions = await codeActions(uri, diagnostic.range);
  const found = actions.find((a) => title.test(a.title));
  assert.ok(found, `no action matching ${String(title)}; got: ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(found.kind && vscode.CodeActionKind.QuickFix.contains(found.kind), `${found.title} is not a quick fix`);
  return found;
}

/**
 * Applies a code action as the lightbulb does: its edit (as a refactoring, so that
 * `files.refactoring.autoSave` saves the files it touched in the background), then its command.
 */
async function apply(a: vscode.CodeAction): Promise<unknown> {
  if (a.edit) assert.ok(await vscode.workspace.applyEdit(a.edit, { isRefactoring: true }), `applyEdit failed for ${a.title}`);
  if (a.command) return vscode.commands.executeCommand(a.command.command, ...((a.command.arguments ?? []) as unknown[]));
  return undefined;
}



suite('Leak diagnostics', () => {
  let api: RetracExtensionApi;
  let root: vscode.Uri;
  let dir: string;
  const saved = new Map<string, string | undefined>();
  let createdRepo = false;

  function file(name: string, content: string): vscode.Uri {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
    return vscode.Uri.file(p);
  }

  async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    return doc;
  }

  suiteSetup(async () => {
    api = (await vscode.extensions.getExtension<RetracExtensionApi>(EXTENSION_ID)!.activate());
    root = vscode.workspace.workspaceFolders![0].uri;
    dir = path.join(root.fsPath, `leak-it-${suffix()}`);
    fs.mkdirSync(dir, { recursive: true });
    // The move-to-env fix writes the folder's .env and .gitignore: put them back afterwards.
    // A repository of its own, so what git ignores does not depend on where the run folder lives.
    createdRepo = !fs.existsSync(path.join(root.fsPath, '.git'));
    if (createdRepo) gitIn(root.fsPath, 'init', '-q');
    for (const name of ['.env', '.gitignore', '.retrac-baseline.json']) {
      const p = path.join(root.fsPath, name);
      saved.set(p, fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined);
    }
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const [p, content] of saved) {
      if (content === undefined) fs.rmSync(p, { force: true });
      else fs.writeFileSync(p, content);
    }
    fs.rmSync(dir, { recursive: true, force: true });
    if (createdRepo) fs.rmSync(path.join(root.fsPath, '.git'), { recursive: true, force: true });
    const config = vscode.workspace.getConfiguration('retrac.scan');
    for (const key of ['severity', 'maxFileSizeMB', 'maxFileSize', 'exclude', 'lenient']) await config.update(key, undefined, vscode.ConfigurationTarget.Workspace);
  });

  // First in the suite on purpose: the first JavaScript file of the window (issue 16 item 15).
  test('the first JavaScript file opened gets its diagnostic within 300 ms of reaching the extension', async () => {
    const key = remember(fakeKey('restricted'));
    const uri = file('first-open.js', `const RETRAC_API_KEY = '${key}';\n`);
    // The moment the diagnostics are handed to VS Code (the scan's own publish event), listened
    // to before the open: opening the first JavaScript file also activates the built-in
    // TypeScript extension in this extension host, which delays what runs after it.
    let publishedAt: number | undefined;
    let openEventAt: number | undefined;
    const subs = [
      api.diagnostics.scans.onDidScan((r) => {
        if (r.uri.toString() === uri.toString() && r.shown.some((x) => x.finding.rule === 'retrac/restricted-key')) publishedAt ??= performance.now();
      }),
      // When the document reached this extension host (VS Code's own load of the file comes before).
      vscode.workspace.onDidOpenTextDocument((d) => {
        if (d.uri.toString() === uri.toString()) openEventAt ??= performance.now();
      }),
    ];
    try {
      const t0 = performance.now();
      const doc = await vscode.workspace.openTextDocument(uri);
      const openedAt = performance.now();
      await waitForDiagnostics(uri, hasRule('retrac/restricted-key'));
      const seenAt = performance.now();
      assert.ok(publishedAt !== undefined && openEventAt !== undefined, 'the scan published');
      const ours = publishedAt - Math.min(openEventAt, publishedAt);
      console.log(`    first JavaScript file: diagnostic published ${(publishedAt - t0).toFixed(0)} ms after the open call, ${ours.toFixed(0)} ms after the document reached the extension host (${(openEventAt - t0).toFixed(0)} ms); openTextDocument resolved after ${(openedAt - t0).toFixed(0)} ms, the test saw it after ${(seenAt - t0).toFixed(0)} ms`);
      // Our own work: from the document's arrival to the diagnostics handed to VS Code.
      assert.ok(ours <= 300, `the first file's diagnostic took ${ours.toFixed(0)} ms after the document arrived`);
      assert.strictEqual(doc.languageId, 'javascript');
    } finally {
      for (const sub of subs) sub.dispose();
    }
  });

  test('a key in a file on disk: rule, severity, range, source and doc link; no key in the message', async () => {
    const key = remember(fakeKey('restricted'));
    const uri = file('client.js', `// Shop client\nconst RETRAC_API_KEY = '${key}';\n`);
    await open(uri);
    const [d] = await waitForDiagnostics(uri, hasRule('retrac/restricted-key'));
    assert.strictEqual(d.source, 'Retrac');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    const col = `const RETRAC_API_KEY = '`.length;
    assert.ok(d.range.isEqual(new vscode.Range(1, col, 1, col + key.length)), `range ${JSON.stringify(d.range)}`);
    assert.ok(typeof d.code === 'object' && d.code.target.toString().includes('#rule-restricted-key'), `code ${JSON.stringify(d.code)}`);
    assert.ok(!d.message.includes(key), 'the message holds the key');
    assert.ok(d.message.includes(key.slice(-4)), 'the message names the key by its last 4 characters');
    assert.strictEqual(api.diagnostics.status.text, 'Retrac: 1 leak');
    assert.match(api.diagnostics.status.detail ?? '', /scanned at .* in [\d.]+ ms/);
  });

  test('untitled document: found on open, follows edits, cleared when the key goes and on close', async () => {
    const key = remember(fakeKey('restricted'));
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: `import requests\n\nRETRAC_TOKEN = "${key}"\n` });
    await vscode.window.showTextDocument(doc);
    let ds = await waitForDiagnostics(doc.uri, hasRule('retrac/restricted-key'));
    assert.strictEqual(ds[0].range.start.line, 2);

    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(1, 0), '# one\n# two\n');
    await vscode.workspace.applyEdit(edit);
    ds = await waitForDiagnostics(doc.uri, (all) => all.some((d) => d.range.start.line === 4));
    assert.strictEqual(ds.length, 1);

    const keyStart = doc.getText().indexOf(key);
    const remove = new vscode.WorkspaceEdit();
    remove.replace(doc.uri, new vscode.Range(doc.positionAt(keyStart), doc.positionAt(keyStart + key.length)), 'see-vault');
    await vscode.workspace.applyEdit(remove);
    await waitForDiagnostics(doc.uri, (all) => all.length === 0);

    const again = new vscode.WorkspaceEdit();
    again.insert(doc.uri, new vscode.Position(0, 0), `OTHER_RETRAC_KEY = "${remember(fakeKey('restricted'))}"\n`);
    await vscode.workspace.applyEdit(again);
    await waitForDiagnostics(doc.uri, hasRule('retrac/restricted-key'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitForDiagnostics(doc.uri, (all) => all.length === 0);
  });

  test('closing a file clears its diagnostics', async () => {
    const uri = file('closing.ts', `export const retracApiKey = '${remember(fakeKey('restricted'))}';\n`);
    // Opened as a user opens it: a document the extension opened itself stays loaded for minutes.
    await vscode.commands.executeCommand('vscode.open', uri);
    await waitForDiagnostics(uri, hasRule('retrac/restricted-key'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitForDiagnostics(uri, (all) => all.length === 0, 15_000);
  });

  test('severity overrides and "off" from retrac.scan.severity', async () => {
    const uri = file('severity.js', `const RETRAC_API_KEY = '${remember(fakeKey('restricted'))}';\n`);
    await open(uri);
    await waitForDiagnostics(uri, (ds) => ds.some((d) => d.severity === vscode.DiagnosticSeverity.Error));
    const config = vscode.workspace.getConfiguration('retrac.scan');
    await config.update('severity', { 'retrac/restricted-key': 'warning' }, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, (ds) => ds.length === 1 && ds[0].severity === vscode.DiagnosticSeverity.Warning);
    await config.update('severity', { 'retrac/restricted-key': 'off' }, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, (ds) => ds.length === 0);
    await config.update('severity', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, (ds) => ds.length === 1 && ds[0].severity === vscode.DiagnosticSeverity.Error);
  });

  test('retrac.scan.exclude skips matching files; retrac.scan.lenient flags keys of other lengths', async () => {
    const config = vscode.workspace.getConfiguration('retrac.scan');
    const excluded = file('fixtures-excluded/client.js', `const RETRAC_API_KEY = '${remember(fakeKey('restricted'))}';\n`);
    await open(excluded);
    await waitForDiagnostics(excluded, hasRule('retrac/restricted-key'));
    // The first pattern backtracks exponentially as a regex on a long name of a's: matching stays linear.
    await config.update('exclude', ['*a*a*a*a*a*a*a*a*a*a*b', '**/fixtures-excluded/**'], vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(excluded, (ds) => ds.length === 0);
    assert.match(api.diagnostics.status.detail ?? '', /excluded/);
    const longName = file(`${'a'.repeat(60)}.js`, `const RETRAC_API_KEY = '${remember(fakeKey('restricted'))}';\n`);
    const started = performance.now();
    await open(longName);
    await waitForDiagnostics(longName, hasRule('retrac/restricted-key'));
    assert.ok(performance.now() - started < 10_000, `diagnostics took ${(performance.now() - started).toFixed(0)} ms`);
    await config.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(excluded, hasRule('retrac/restricted-key'));

    const shortKey = remember(fakeKey('restricted').slice(0, -4)); // "retrac_" and 20 characters
    const uri = file('lenient.js', `const RETRAC_API_KEY = '${shortKey}';\n`);
    await open(uri);
    await new Promise((r) => setTimeout(r, 400));
    assert.deepStrictEqual(retracDiagnostics(uri), [], 'a 20-character key is flagged without lenient mode');
    await config.update('lenient', true, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, hasRule('retrac/restricted-key'));
    await config.update('lenient', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, (ds) => ds.length === 0);
  });

  test('quick fix "move to environment variable" (JS): process.env in place, key in .env, .env in .gitignore', async () => {
    const key = remember(fakeKey('restricted'));
    const name = `RETRAC_SHOP_KEY_${suffix()}`;
    const uri = file('move.js', `const ${name} = '${key}';\nfetch('https://api.retrac.co/items', { headers: { Authorization: \`Bearer \${${name}}\` } });\n`);
    await open(uri);
    const [d] = await waitForDiagnostics(uri, hasRule('retrac/restricted-key'));
    const fix = await action(uri, d, /Move the key to environment variable/);
    assert.strictEqual(fix.isPreferred, true);
    const { messages } = await withMessages(() => apply(fix));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(doc.lineAt(0).text, `const ${name} = process.env.${name};`);
    assert.ok(!doc.getText().includes(key), 'the key is still in the file');
    const envUri = vscode.Uri.joinPath(root, '.env');
    const envText = (await vscode.workspace.openTextDocument(envUri)).getText();
    assert.ok(envText.split('\n').includes(`${name}=${key}`), '.env does not hold the key');
    const gitignore = (await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root, '.gitignore'))).getText();
    assert.ok(gitignore.split(/\r?\n/).includes('.env'), `.gitignore: ${gitignore}`);
    await waitForDiagnostics(uri, lacksRule('retrac/restricted-key'));
    assert.ok(messages.some((m) => m.includes(name) && m.includes('.env')), `messages: ${messages.join(' | ')}`);
    assert.ok(messages.every((m) => !m.includes(key)), 'a message shows the key');
    await vscode.workspace.saveAll(false);
  });

  test('a fix offered before the file changed is not applied: it says so and writes nothing', async () => {
    const key = remember(fakeKey('restricted'));
    const name = `RETRAC_STALE_KEY_${suffix()}`;
    const uri = file('stale.js', `const ${name} = '${key}';\nfetch('https://api.retrac.co/items', { headers: { Authorization: \`Bearer \${${name}}\` } });\n`);
    const doc = await open(uri);
    const [d] = await waitForDiagnostics(uri, hasRule('retrac/restricted-key'));
    const fix = await action(uri, d, /Move the key to environment variable/);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), '// edited after the light bulb was opened\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const before = doc.getText();
    const { messages } = await withMessages(() => apply(fix));
    assert.ok(messages.some((m) => m.includes('the file changed since this fix was offered')), `messages: ${messages.join(' | ')}`);
    assert.strictEqual(doc.getText(), before, 'the stale fix changed the file');
    const envPath = path.join(root.fsPath, '.env');
    assert.ok(!fs.existsSync(envPath) || !fs.readFileSync(envPath, 'utf8').includes(key), '.env got the key of a fix that was not applied');
    await vscode.workspace.saveAll(false);
  });

  test('quick fix "move to environment variable" (Python): os.environ and import os', async () => {
    const key = remember(fakeKey('restricted'));
    const name = `RETRAC_TOKEN_${suffix()}`;
    const uri = file('sync.py', `"""Sync."""\nimport requests\n\n${name} = "${key}"\nrequests.get("https://api.retrac.co/tags", headers={"Authorization": "Bearer " + ${name}})\n`);
    await open(uri);
    const [d] = await waitForDiagnostics(uri, hasRule('retrac/restricted-key'));
    // .env is in git's index now: the fix still works and says that the key would be committed.
    await vscode.workspace.saveAll(false);
    gitIn(root.fsPath, 'add', '-f', '.env');
    const { messages } = await withMessages(async () => apply(await action(uri, d, /Move the key to environment variable/)));
    assert.ok(messages.some((m) => m.includes('tracked by git') && m.includes('git rm --cached .env')), messages.join(' | '));
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    assert.ok(text.includes(`${name} = os.environ["${name}"]\n`), text);
    assert.ok(/^import os$/m.test(text), text);
    assert.ok(!text.includes(key));
    const envText = (await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root, '.env'))).getText();
    assert.ok(envText.includes(`${name}=${key}`));
    await vscode.workspace.saveAll(false);
  });

  test('a notebook opened in the notebook editor: each code cell is scanned as code, and the key moves to .env', async () => {
    const key = remember(fakeKey('full'));
    const restricted = remember(fakeKey('restricted'));
    const name = `RETRAC_API_KEY_${suffix()}`;
    const cell = (source: string[]) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source });
    const notebook = {
      cells: [
        { cell_type: 'markdown', metadata: {}, source: ['# Stock report'] },
        cell(['import requests\n', '\n', `${name} = "${key}"\n`]),
        cell(['# a second cell: its own line numbers\n', `headers = {"Authorization": "Bearer ${restricted}"}\n`, 'requests.get("https://api.retrac.co/items", headers=headers)']),
      ],
      metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    const uri = file('report.ipynb', JSON.stringify(notebook, null, 1));
    const nb = await vscode.workspace.openNotebookDocument(uri);
    await vscode.window.showNotebookDocument(nb);
    const [, first, second] = nb.getCells();
    assert.equal(first.document.uri.scheme, 'vscode-notebook-cell');
    const [d1] = await waitForDiagnostics(first.document.uri, hasRule('retrac/full-access-key'));
    assert.equal(d1.range.start.line, 2);
    assert.equal(first.document.getText(d1.range), key);
    const [d2] = await waitForDiagnostics(second.document.uri, hasRule('retrac/restricted-key'));
    assert.equal(d2.range.start.line, 1);
    assert.equal(second.document.getText(d2.range), restricted);
    // Nothing is reported against the .ipynb file's own URI while it is open as a notebook.
    assert.deepEqual(retracDiagnostics(uri), []);

    await apply(await action(first.document.uri, d1, /Move the key to environment variable/));
    const text = first.document.getText();
    assert.ok(text.includes(`${name} = os.environ["${name}"]`), text);
    assert.ok(!text.includes(key), text);
    const envText = (await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root, '.env'))).getText();
    assert.ok(envText.includes(`${name}=${key}`), envText);
    await waitForDiagnostics(first.document.uri, lacksRule('retrac/full-access-key'));
    await vscode.workspace.saveAll(false);
  });

  test('quick fix for a key in a .env file git does not ignore: add the file to .gitignore', async () => {
    const uri = file('deploy/.env.staging', `RETRAC_API_KEY=${remember(fakeKey('restricted'))}\n`);
    await open(uri);
    const [d] = await waitForDiagnostics(uri, hasRule('retrac/restricted-key'));
    const fix = await action(uri, d, /Add \.env\.staging to \.gitignore/);
    assert.strictEqual(fix.isPreferred, true);
    await apply(fix);
    const gitignore = fs.readFileSync(path.join(root.fsPath, '.gitignore'), 'utf8');
    assert.ok(gitignore.split('\n').includes('.env.staging'), gitignore);
    // Now git ignores it: a key in an ignored .env file is where keys belong.
    await waitForDiagnostics(uri, (ds) => ds.length === 0);
  });

  test('quick fix "switch to https://"', async () => {
    const uri = file('endpoints.json', `{\n  "retrac": "http://api.retrac.co/items",\n  "timeoutMs": 5000\n}\n`);
    await open(uri);
    const [d] = await waitForDiagnostics(uri, hasRule('retrac/insecure-http'));
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    const fix = await action(uri, d, /https/);
    assert.strictEqual(fix.isPreferred, true);
    await apply(fix);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(doc.lineAt(1).text, '  "retrac": "https://api.retrac.co/items",');
    await waitForDiagnostics(uri, (ds) => ds.length === 0);
  });

  test('quick fix "switch to https://" on a scheme written apart from the host', async () => {
    const uri = file('endpoint.js', `const u = new URL('https://example.invalid');\nu.protocol = 'http:';\nu.host = 'api.retrac.co';\n`);
    await open(uri);
    const [d] = await waitForDiagnostics(uri, hasRule('retrac/insecure-http'));
    await apply(await action(uri, d, /https/));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(doc.lineAt(1).text, "u.protocol = 'https:';");
    await waitForDiagnostics(uri, (ds) => ds.length === 0);
  });

  test('quick fix "remove workspaceId" with a restricted key', async () => {
    const uri = file('stock.py', [
      'import requests',
      `KEY = "${remember(fakeKey('restricted'))}"  # retrac-ignore`,
      'def sync(qty):',
      '    requests.put(',
      '        "https://api.retrac.co/inventory/balances",',
      '        params={"workspaceId": "ws_demo", "page": 1},',
      '        headers={"Authorization": f"Bearer {KEY}"},',
      '    )',
      '',
    ].join('\n'));
    await open(uri);
    const ds = await waitForDiagnostics(uri, hasRule('retrac/workspace-id-with-restricted-key'));
    const d = ds.find((x) => ruleOf(x) === 'retrac/workspace-id-with-restricted-key')!;
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
    await apply(await action(uri, d, /Remove workspaceId/));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(doc.lineAt(5).text, '        params={"page": 1},');
    await waitForDiagnostics(uri, lacksRule('retrac/workspace-id-with-restricted-key'));
  });

  test('quick fix "add workspaceId from an environment variable" with a full-access key', async () => {
    const uri = file('full.js', [
      `const RETRAC_API_KEY = '${remember(fakeKey('full'))}'; // retrac-ignore`,
      `const res = await fetch('https://api.retrac.co/items', { headers: { Authorization: 'Bearer ' + RETRAC_API_KEY } });`,
      '',
    ].join('\n'));
    await open(uri);
    const ds = await waitForDiagnostics(uri, hasRule('retrac/missing-workspace-id'));
    const d = ds.find((x) => ruleOf(x) === 'retrac/missing-workspace-id')!;
    await apply(await action(uri, d, /Add workspaceId/));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.ok(doc.lineAt(1).text.includes('fetch(`https://api.retrac.co/items?workspaceId=${process.env.RETRAC_WORKSPACE_ID}`'), doc.lineAt(1).text);
    await waitForDiagnostics(uri, lacksRule('retrac/missing-workspace-id'));
  });

  test('quick fix "rename the public env name" across .env* files and code', async () => {
    const publicName = `VITE_RETRAC_KEY_${suffix()}`;
    const serverName = publicName.replace(/^VITE_/, '');
    const envUri = file('web/.env.local', `# web app\n${publicName}=${remember(fakeKey('restricted'))}\n`);
    const codeUri = file('web/src/api.ts', `export const key = import.meta.env.${publicName};\nexport const other = import.meta.env.${publicName}_OLD;\n`);
    await open(envUri);
    const [d] = await waitForDiagnostics(envUri, hasRule('retrac/client-exposed-key'));
    const fix = await action(envUri, d, new RegExp(`Rename ${publicName} to ${serverName}`));
    const { value } = await withMessages(() => apply(fix));
    assert.deepStrictEqual(value, { files: 2, occurrences: 2 });
    const envText = (await vscode.workspace.openTextDocument(envUri)).getText();
    assert.ok(envText.includes(`\n${serverName}=`) && !envText.includes(publicName), envText);
    const code = (await vscode.workspace.openTextDocument(codeUri)).getText();
    assert.ok(code.includes(`import.meta.env.${serverName};`), code);
    assert.ok(code.includes(`import.meta.env.${publicName}_OLD;`), 'a longer name was renamed too');
    await waitForDiagnostics(envUri, lacksRule('retrac/client-exposed-key'));
    await vscode.workspace.saveAll(false);
  });

  test('quick fix "ignore this line" adds a retrac-ignore comment and the finding goes', async () => {
    const uri = file('ignored.rb', `RETRAC_API_KEY = "${remember(fakeKey('restricted'))}"\nputs RETRAC_API_KEY\n`);
    await open(uri);
    const [d] = await waitForDiagnostics(uri, hasRule('retrac/restricted-key'));
    await apply(await action(uri, d, /Ignore this finding on this line/));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.match(doc.lineAt(0).text, /" # retrac-ignore$/);
    await waitForDiagnostics(uri, (ds) => ds.length === 0);
  });

  test('"ignore in workspace" hides the finding everywhere until reset; only its fingerprint is stored', async () => {
    const key = remember(fakeKey('restricted'));
    const uri = file('ignored-ws.go', `package main\n\nconst retracAPIKey = "${key}"\n`);
    await open(uri);
    const [d] = await waitForDiagnostics(uri, hasRule('retrac/restricted-key'));
    await apply(await action(uri, d, /Ignore this finding in this workspace/));
    await waitForDiagnostics(uri, (ds) => ds.length === 0);
    const stored = [...api.diagnostics.ignored.fingerprints()];
    assert.strictEqual(stored.length, 1);
    assert.match(stored[0], /^[0-9a-f]{64}$/);
    assert.ok(!stored[0].includes(key));
    // Stored in the file the pre-commit hook and CI read (retrac-scan --baseline), with hints, never the key.
    const baselineFile = path.join(root.fsPath, '.retrac-baseline.json');
    const baseline = fs.readFileSync(baselineFile, 'utf8');
    assert.ok(!baseline.includes(key), 'the key is in .retrac-baseline.json');
    const entries = (JSON.parse(baseline) as { findings: { fingerprint: string; rule: string; path: string; line: number }[] }).findings;
    assert.deepStrictEqual(entries.map((e) => [e.fingerprint, e.rule, e.path, e.line]), [[stored[0], 'retrac/restricted-key', vscode.workspace.asRelativePath(uri, false), 3]]);
    // The same key in another file is the same finding.
    const other = file('ignored-ws2.go', `package main\n\nconst retracAPIKey = "${key}"\n`);
    await open(other);
    await new Promise((r) => setTimeout(r, 500));
    assert.deepStrictEqual(retracDiagnostics(other), []);
    await withMessages(() => Promise.resolve(vscode.commands.executeCommand('retrac.resetIgnoredFindings')));
    await waitForDiagnostics(other, hasRule('retrac/restricted-key'));
    assert.deepStrictEqual((JSON.parse(fs.readFileSync(baselineFile, 'utf8')) as { findings: unknown[] }).findings, []);
  });

  test('"rotate this key" is offered only for a key already in a git commit', async function () {
    this.timeout(30_000);
    const key = remember(fakeKey('restricted'));
    const repo = path.join(dir, 'repo');
    fs.mkdirSync(repo, { recursive: true });
    const git = (...args: string[]): string => gitIn(repo, ...args);
    git('init', '-q');
    fs.writeFileSync(path.join(repo, 'committed.js'), `const RETRAC_API_KEY = '${key}';\n`);
    git('add', 'committed.js');
    git('commit', '-q', '-m', 'add client');
    const fresh = file('repo/fresh.js', `const RETRAC_API_KEY = '${remember(fakeKey('restricted'))}';\n`);

    const committed = vscode.Uri.file(path.join(repo, 'committed.js'));
    await open(committed);
    // The git lookup runs after the scan, off the code-action path; the diagnostic says so when it is back.
    const sha = git('rev-parse', 'HEAD').trim();
    const [d] = await waitForDiagnostics(committed, (ds) => ds.some((x) => ruleOf(x) === 'retrac/restricted-key' && x.message.includes('committed in')));
    assert.match(d.message, new RegExp(`— committed in ${sha.slice(0, 7)} on \\d{4}-\\d{2}-\\d{2} — rotate the key: removing it from the file does not remove it from history\\.$`));
    assert.ok(!d.message.includes(key));
    const rotate = await action(committed, d, /Rotate this key/);
    assert.strictEqual(rotate.command?.command, 'retrac.rotateLeakedKey');
    assert.strictEqual(api.diagnostics.apiKeysPageUrl(), 'https://app.retrac.co/settings/api-keys');

    await open(fresh);
    const [f] = await waitForDiagnostics(fresh, hasRule('retrac/restricted-key'));
    await api.diagnostics.committed.whenIdle();
    assert.ok(!retracDiagnostics(fresh).some((x) => x.message.includes('committed in')), 'an uncommitted key is said to be committed');
    const titles = (await codeActions(fresh, f.range)).map((a) => a.title);
    assert.ok(titles.some((t) => /Move the key/.test(t)), titles.join(' | '));
    assert.ok(!titles.some((t) => /Rotate/.test(t)), `an uncommitted key offers rotation: ${titles.join(' | ')}`);
  });

  test('"Scan Workspace for Leaked Keys" finds leaks in unopened files, skips node_modules and git-ignored files', async function () {
    this.timeout(60_000);
    const unopened = file('unopened/settings.py', `RETRAC_API_KEY = "${remember(fakeKey('restricted'))}"\n`);
    const vendored = file('node_modules/pkg/index.js', `const RETRAC_API_KEY = '${remember(fakeKey('restricted'))}';\n`);
    const repo = path.join(dir, 'scanrepo');
    fs.mkdirSync(repo, { recursive: true });
    gitIn(repo, 'init', '-q');
    fs.writeFileSync(path.join(repo, '.gitignore'), 'generated/\n');
    const ignored = file('scanrepo/generated/client.js', `const RETRAC_API_KEY = '${remember(fakeKey('restricted'))}';\n`);
    // A minified bundle is scanned; a FIFO is never opened, and the summary says it was not scanned.
    const bundle = file('public/app.min.js', 'var a=function(b){return b+1};'.repeat(20000) + `var k="${remember(fakeKey('restricted'))}";`);
    const fifo = path.join(dir, 'scan-pipe');
    execFileSync('mkfifo', [fifo]);
    const { value: summary, messages } = await withMessages(async () => vscode.commands.executeCommand<WorkspaceScanSummary>('retrac.scanWorkspace')).finally(() => fs.rmSync(fifo, { force: true }));
    assert.ok(summary && !summary.cancelled, JSON.stringify(summary));
    assert.ok(summary.filesScanned >= 5, JSON.stringify(summary));
    const found = retracDiagnostics(unopened);
    assert.deepStrictEqual(found.map(ruleOf), ['retrac/restricted-key']);
    assert.strictEqual(found[0].range.start.line, 0);
    assert.deepStrictEqual(retracDiagnostics(vendored), []);
    assert.deepStrictEqual(retracDiagnostics(ignored), []);
    assert.ok(messages.some((m) => /Retrac: \d+ findings in \d+ files/.test(m)), messages.join(' | '));
    assert.deepStrictEqual(retracDiagnostics(bundle).map(ruleOf), ['retrac/restricted-key']);
    assert.deepStrictEqual(summary.skipped.filter((s) => s.path.startsWith(dir)), [{ path: fifo, reason: 'special-file' }]);
    assert.strictEqual(summary.filesSkipped, summary.skipped.length);
    assert.ok(messages.some((m) => /\d+ files? not scanned: .*\b\d+ special file.* \(listed in the Retrac log\)/.test(m)), messages.join(' | '));
    console.log(`    workspace scan: ${summary.filesScanned} files, ${summary.findings} findings in ${summary.durationMs} ms`);
  });

  test('no generated key appears in any diagnostic message', () => {
    const all = vscode.languages.getDiagnostics().flatMap(([, ds]) => ds.filter((d) => d.source === 'Retrac'));
    assert.ok(all.length > 0);
    for (const d of all) for (const key of generatedKeys) assert.ok(!d.message.includes(key), `a diagnostic shows a key: ${ruleOf(d)}`);
  });

  test('1 MB document: diagnostics after an edit in the middle arrive quickly; over maxFileSizeMB it is skipped', async function () {
    this.timeout(60_000);
    const filler = 'export function f(x) { return x * 2 + Math.round(x / 3); } // filler line of ordinary code\n';
    const lines = Math.ceil((1024 * 1024) / filler.length);
    const first = remember(fakeKey('restricted'));
    const content = `const RETRAC_API_KEY = '${first}';\n` + filler.repeat(lines);
    const t0 = performance.now();
    const doc = await vscode.workspace.openTextDocument({ language: 'javascript', content });
    await vscode.window.showTextDocument(doc);
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 1);
    const openMs = performance.now() - t0;

    const timings: number[] = [];
    const applied: number[] = [];
    const inExtension: number[] = [];
    for (let i = 0; i < 5; i++) {
      const line = Math.floor(lines / 2) + i * 7;
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(line, 0), `const RETRAC_API_KEY_${i} = '${remember(fakeKey('restricted'))}';\n`);
      const started = performance.now();
      await vscode.workspace.applyEdit(edit);
      applied.push(performance.now() - started);
      await waitForDiagnostics(doc.uri, (ds) => ds.length === i + 2);
      timings.push(performance.now() - started);
      inExtension.push(api.diagnostics.scans.resultFor(doc.uri)!.editLatencyMs!);
    }
    const result = api.diagnostics.scans.resultFor(doc.uri)!;
    const median = [...timings].sort((a, b) => a - b)[2];
    console.log(`    1 MB document (${doc.lineCount} lines): first diagnostics ${openMs.toFixed(0)} ms after open; edit → diagnostics ${timings.map((t) => t.toFixed(0)).join(', ')} ms (median ${median.toFixed(0)} ms, 150 ms debounce included; applyEdit alone ${applied.map((t) => t.toFixed(0)).join(', ')} ms); in the extension, change event → diagnostics published ${inExtension.map((t) => t.toFixed(0)).join(', ')} ms; last incremental scan ${result.durationMs!.toFixed(1)} ms`);
    // applyEdit's round trip through the workbench varies with machine load; what the extension adds is
    // the 150 ms debounce plus the rescan of the changed lines.
    assert.ok(inExtension.every((t) => t >= 150 && t < 1000), `change → publish ${inExtension.join(', ')} ms`);

    await vscode.workspace.getConfiguration('retrac.scan').update('maxFileSizeMB', 0.5, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 0);
    assert.strictEqual(api.diagnostics.status.text, 'Retrac: not scanned');
    assert.match(api.diagnostics.status.detail ?? '', /larger than 0.5 MB/);
    await vscode.workspace.getConfiguration('retrac.scan').update('maxFileSizeMB', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 6);
    // The new setting: it applies, and where both are set it wins over the deprecated one.
    const scanConfig = vscode.workspace.getConfiguration('retrac.scan');
    await scanConfig.update('maxFileSize', 0.5, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 0);
    assert.match(api.diagnostics.status.detail ?? '', /larger than 0.5 MB \(retrac.scan.maxFileSize\)/);
    await scanConfig.update('maxFileSizeMB', 0.5, vscode.ConfigurationTarget.Workspace);
    await scanConfig.update('maxFileSize', 2, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 6);
    await scanConfig.update('maxFileSize', undefined, vscode.ConfigurationTarget.Workspace);
    await scanConfig.update('maxFileSizeMB', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 6);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
