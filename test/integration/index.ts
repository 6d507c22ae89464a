// The mocha runner VS Code loads in the extension host (`extensionTestsPath` = out/test/integration,
// the same module for code-server via the workbench payload and for @vscode/test-electron).
// Run it with `node test/harness/run-integration.mjs [--grep P] [--files auth,tree]`.
// Environment (set by the harness on the code-server/VS Code process, so it reaches this host):
//   RETRAC_TEST_GREP    mocha grep pattern
//   RETRAC_TEST_FILES   comma list of test file basenames (`accounts`, `accounts.test` or `accounts.test.ts`)
//   RETRAC_TEST_REPORT  where to write the JSON report (per-test title/state/duration/error)
// Order: smoke.test.js first (it checks what activation loaded before other suites load bundles),
// then the other files by name; root suites whose title ends with "(runs last)" run at the very end
// (the deactivation check, which disposes the extension's parts).
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import SpecJsonReporter from '../harness/specJsonReporter';

const FIRST = 'smoke.test.js';
export const RUNS_LAST = '(runs last)';

function selectedFiles(): string[] {
  const all = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  const wanted = (process.env.RETRAC_TEST_FILES ?? '')
    .split(',')
    .map((s) => s.trim().replace(/(\.test)?\.(ts|js)$/, ''))
    .filter(Boolean);
  const unknown = wanted.filter((w) => !all.includes(`${w}.test.js`));
  if (unknown.length) throw new Error(`RETRAC_TEST_FILES names no test file: ${unknown.join(', ')} (have: ${all.join(', ')})`);
  const files = wanted.length ? all.filter((f) => wanted.includes(f.replace(/\.test\.js$/, ''))) : all;
  return [...files.filter((f) => f === FIRST), ...files.filter((f) => f !== FIRST)];
}

export async function run(): Promise<void> {
  console.log(`[runner] VS Code ${vscode.version} (${vscode.env.appName}, appHost ${vscode.env.appHost}, uiKind ${vscode.env.uiKind}, remoteName ${vscode.env.remoteName ?? 'none'}), Node ${process.version}`);
  const grep = process.env.RETRAC_TEST_GREP || undefined;
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    timeout: 30_000,
    reporter: SpecJsonReporter,
    reporterOptions: { output: process.env.RETRAC_TEST_REPORT },
    ...(grep ? { grep } : {}),
  });
  const files = selectedFiles();
  console.log(`[runner] files: ${files.join(', ')}${grep ? `; grep: ${grep}` : ''}`);
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  await mocha.loadFilesAsync();
  const root = mocha.suite.suites;
  const last = root.filter((s) => s.title.endsWith(RUNS_LAST));
  mocha.suite.suites = [...root.filter((s) => !last.includes(s)), ...last];

  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, pending = 0 } = runner.stats ?? {};
      // The plain line people and CI logs look for.
      console.log(`[runner] ${passes} passed, ${failures} failed${pending ? `, ${pending} pending` : ''}`);
      if (failures) reject(new Error(`${failures} integration test(s) failed`));
      else if (passes === 0) reject(new Error('no integration test ran (check RETRAC_TEST_GREP / RETRAC_TEST_FILES)'));
      else resolve();
    });
  });
}
