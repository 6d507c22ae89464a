#!/usr/bin/env node
// Runs the UI tests (test/e2e/*.e2e.ts, mocha bdd in Node) against the packaged extension:
//
//   node test/harness/run-e2e.mjs [--grep PATTERN] [--files smoke,tree] [--no-build] [--vsix FILE]
//
// It packages the VSIX and rebuilds out/ (unless --no-build), takes the machine-wide VS Code lock
// for the whole run, and runs mocha over out/test/e2e/*.e2e.js; each file's useWorkbench() starts
// code-server + sandbox + Chromium (see test/e2e/helpers.ts). Spec output on the console, JSON
// report in test-results/e2e.json, screenshots in test-results/screenshots/ (always on failure).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { repo, startRunner } from './runner.mjs';

const { opts, rt } = startRunner({
  report: 'test-results/e2e.json',
  options: { vsix: { type: 'string', default: path.join(repo, 'retrac-vscode.vsix') } },
  build: ['test/harness/package.mjs'],
});
const e2eDir = path.join(repo, 'out/test/e2e');
const all = existsSync(e2eDir) ? readdirSync(e2eDir).filter((f) => f.endsWith('.e2e.js')).sort() : [];
const wanted = (opts.files ?? '').split(',').map((s) => s.trim().replace(/(\.e2e)?\.(ts|js)$/, '')).filter(Boolean);
const unknown = wanted.filter((w) => !all.includes(`${w}.e2e.js`));
if (unknown.length || !all.length) {
  console.error(`no UI test file for: ${unknown.join(', ') || '(none built)'} (have: ${all.join(', ')})`);
  process.exit(1);
}
const files = (wanted.length ? all.filter((f) => wanted.includes(f.replace(/\.e2e\.js$/, ''))) : all).map((f) => path.join(e2eDir, f));
const lock = await rt.acquireVsCodeLock('UI tests');
rmSync(opts.report, { force: true }); // only now: a run holding the lock may still be writing it
const args = [
  path.join(repo, 'node_modules/mocha/bin/mocha.js'), '--ui', 'bdd', '--timeout', '120000', '--no-config',
  '--reporter', path.join(repo, 'out/test/harness/specJsonReporter.js'), '--reporter-option', `output=${opts.report}`,
  ...(opts.grep ? ['--grep', opts.grep] : []),
  ...files,
];
const child = spawn(process.execPath, args, {
  cwd: repo,
  stdio: 'inherit',
  env: { ...process.env, RETRAC_VSCODE_LOCK_HELD: '1', RETRAC_E2E_VSIX: path.resolve(opts.vsix) },
});
// Ctrl+C reaches the child through the terminal; a SIGTERM (CI) is forwarded. The child's
// helpers stop code-server, the sandbox and Chromium on either.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
const code = await new Promise((resolve) => child.once('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
lock.release();
process.exit(code === 0 ? 0 : 1);
