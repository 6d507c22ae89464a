// "Retrac: Scan Git History", "Retrac: Install Pre-commit Hook" and "Retrac: Remove Pre-commit
// Hook" in a real VS Code, on real repositories made here: the history report (a read-only
// content-provider document: commit, path, line,
// each entry opening the file as that commit had it), Problems entries for keys still at HEAD, the
// hook shown before it is written, chained onto an existing one, blocking a real commit, removed.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { RetracExtensionApi } from '../../src/extension';
import type { HistoryScanSummary } from '../../src/diagnostics/gitTools';
import { fakeKey } from '../fakeKeys';
import { answeringModals, EXTENSION_ID, gitIn } from './helpers';




suite('Git history and pre-commit hook commands', () => {
  let api: RetracExtensionApi;
  const dirs: string[] = [];
  const keys: string[] = [];
  const newRepo = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retrac-it-git-'));
    dirs.push(dir);
    gitIn(dir, 'init', '-q', '-b', 'main');
    gitIn(dir, 'config', 'core.hooksPath', '.git/hooks');
    return dir;
  };

  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<RetracExtensionApi>(EXTENSION_ID)!.activate();
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  test('Scan Git History: history-only leaks in a read-only report that opens each commit\'s file; keys still at HEAD in Problems', async function () {
    this.timeout(60_000);
    const repo = newRepo();
    const gone = fakeKey('restricted');
    const kept = fakeKey('restricted');
    keys.push(gone, kept);
    fs.writeFileSync(path.join(repo, 'client.js'), `// client\nconst RETRAC_API_KEY = '${gone}';\n`);
    gitIn(repo, 'add', '-A');
    gitIn(repo, 'commit', '-q', '-m', 'add client');
    const leakSha = gitIn(repo, 'rev-parse', 'HEAD').trim();
    fs.writeFileSync(path.join(repo, 'client.js'), '// client\nconst RETRAC_API_KEY = process.env.RETRAC_API_KEY;\n');
    fs.writeFileSync(path.join(repo, 'settings.py'), `import os\n\nRETRAC_KEY = "${kept}"\n`);
    gitIn(repo, 'add', '-A');
    gitIn(repo, 'commit', '-q', '-m', 'env, and a new leak');
    const keptSha = gitIn(repo, 'rev-parse', 'HEAD').trim();

    const { value: summary } = await answeringModals(() => undefined, () => vscode.commands.executeCommand<HistoryScanSummary | undefined>('retrac.scanGitHistory', repo));
    assert.ok(summary, 'no summary');
    assert.deepStrictEqual([summary.commits, summary.historyOnly, summary.inHead, summary.cancelled], [2, 1, 1, false]);

    // The report: read-only, commit + path:line, never the key.
    const report = vscode.window.activeTextEditor?.document;
    assert.ok(report && report.uri.scheme === 'retrac-history', `active editor: ${report?.uri.toString()}`);
    const text = report.getText();
    for (const k of keys) assert.ok(!text.includes(k), 'a key is in the report');
    assert.match(text, new RegExp(`Only in history[^\\n]*\\n  ${leakSha.slice(0, 7)}  \\d{4}-\\d{2}-\\d{2}  client\\.js:2  retrac/restricted-key`));
    assert.match(text, new RegExp(`Still at HEAD[^\\n]*\\n  ${keptSha.slice(0, 7)}  \\d{4}-\\d{2}-\\d{2}  settings\\.py:3`));

    // Each entry opens the file as that commit had it, at the line.
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', report.uri);
    const link = links.find((l) => report.getText(l.range) === 'client.js:2');
    assert.ok(link?.target, `links: ${links.map((l) => report.getText(l.range)).join(', ')}`);
    const old = await vscode.workspace.openTextDocument(link.target);
    assert.ok(old.lineAt(1).text.includes(gone), 'the linked version is not the leaking commit\'s');
    assert.strictEqual(link.target.fragment, 'L2');

    // The key still at HEAD: a Problems entry where it is now, with the commit.
    const settings = vscode.Uri.file(path.join(repo, 'settings.py'));
    const problems = vscode.languages.getDiagnostics(settings).filter((d) => d.source === 'Retrac');
    assert.strictEqual(problems.length, 1, JSON.stringify(problems.map((d) => d.message)));
    assert.strictEqual(problems[0].range.start.line, 2);
    assert.match(problems[0].message, new RegExp(`— committed in ${keptSha.slice(0, 7)} on \\d{4}-\\d{2}-\\d{2} — rotate the key`));
  });

  test('Scan Git History outside a repository says so and changes nothing', async () => {
    // Not os.tmpdir(): the harness may put it inside this repository's work tree.
    const plain = fs.mkdtempSync(path.join(fs.existsSync('/tmp') ? '/tmp' : os.tmpdir(), 'retrac-it-nogit-'));
    dirs.push(plain);
    const { value, messages } = await answeringModals(() => undefined, () => vscode.commands.executeCommand('retrac.scanGitHistory', plain));
    assert.strictEqual(value, undefined);
    assert.ok(messages.some((m) => /cannot scan history: .*not inside a git repository/.test(m)), messages.join(' | '));
  });

  test('Install Pre-commit Hook: shown first, chained onto an existing hook only when asked, blocks a real commit, removed by Remove', async function () {
    this.timeout(60_000);
    const repo = newRepo();
    fs.writeFileSync(path.join(repo, 'README.md'), 'hi\n');
    gitIn(repo, 'add', '-A');
    gitIn(repo, 'commit', '-q', '-m', 'init');
    const hook = path.join(repo, '.git', 'hooks', 'pre-commit');
    const theirs = '#!/bin/sh\necho theirs >> "$(git rev-parse --git-dir)/theirs.log"\n';
    fs.mkdirSync(path.dirname(hook), { recursive: true });
    fs.writeFileSync(hook, theirs, { mode: 0o755 });

    // Declining the chain question leaves their hook as it is.
    const declined = await answeringModals(() => undefined, () => vscode.commands.executeCommand('retrac.installPreCommitHook', repo));
    assert.strictEqual(declined.value, undefined);
    assert.ok(declined.messages.some((m) => /already exists.*does not overwrite it/.test(m)), declined.messages.join(' | '));
    assert.strictEqual(fs.readFileSync(hook, 'utf8'), theirs);

    // Chain, then the preview is shown before the confirmation.
    let previewShown = '';
    const { value, messages } = await answeringModals((message, items) => {
      if (/already exists/.test(message)) return items.find((i) => /Chain/.test(i));
      previewShown = vscode.window.activeTextEditor?.document.getText() ?? '';
      return items.find((i) => i === 'Install');
    }, () => vscode.commands.executeCommand<string | undefined>('retrac.installPreCommitHook', repo));
    assert.strictEqual(value, hook, messages.join(' | '));
    assert.match(previewShown, /retrac-scan --staged/);
    assert.strictEqual(fs.readFileSync(hook, 'utf8'), previewShown, 'what was written is not what was shown');
    assert.strictEqual(fs.readFileSync(hook + '.retrac-chained', 'utf8'), theirs);

    const leak = fakeKey('restricted');
    keys.push(leak);
    fs.writeFileSync(path.join(repo, 'app.js'), `const RETRAC_API_KEY = '${leak}';\n`);
    gitIn(repo, 'add', 'app.js');
    const blocked = spawnSync('git', ['-C', repo, '-c', 'user.name=T', '-c', 'user.email=t@example.invalid', 'commit', '-m', 'leak'], { encoding: 'utf8' });
    assert.notStrictEqual(blocked.status, 0, 'the hook let the key through');
    assert.match(blocked.stdout + blocked.stderr, /app\.js:1:\d+ error retrac\/restricted-key/);
    gitIn(repo, 'rm', '-q', '--cached', 'app.js');
    fs.writeFileSync(path.join(repo, 'ok.txt'), 'ok\n');
    gitIn(repo, 'add', 'ok.txt');
    gitIn(repo, 'commit', '-q', '-m', 'clean');
    assert.strictEqual(fs.readFileSync(path.join(repo, '.git', 'theirs.log'), 'utf8'), 'theirs\n', 'the chained hook did not run');

    const removed = await answeringModals(() => undefined, () => vscode.commands.executeCommand<string | undefined>('retrac.removePreCommitHook', repo));
    assert.strictEqual(removed.value, 'restored');
    assert.strictEqual(fs.readFileSync(hook, 'utf8'), theirs);
    assert.ok(!fs.existsSync(hook + '.retrac-chained'));
    assert.ok(api.diagnostics, 'extension api');
  });
});
