#!/usr/bin/env node
// `npm test`: every check, in order, each phase's output shown as it runs:
//   lint (eslint .) · typecheck (tsc --noEmit) · build (esbuild) · package (VSIX) ·
//   unit (mocha in Node) · integration (mocha in VS Code) · UI (Playwright + VS Code)
// Test counts come from the JSON reports in test-results/ (unit.json, integration.json, e2e.json).
// A failed lint/typecheck/build/package phase counts as 1 failed; a test phase that fails without
// a failing test (crash, timeout, no report) counts 1 failed too. Ends with a table of the phases
// and, as the very last line, `N passed, N failed`. Exit code 1 when anything failed.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '../..');
const results = path.join(repo, 'test-results');
const bin = (name) => path.join(repo, 'node_modules/.bin', name);
const node = process.execPath;

const phases = [
  { name: 'lint', cmd: [bin('eslint'), '.'] },
  { name: 'typecheck', cmd: [bin('tsc'), '--noEmit', '-p', '.'] },
  { name: 'build', cmd: [node, 'esbuild.mjs'] },
  { name: 'package', cmd: [node, 'test/harness/package.mjs'], needs: ['build'] },
  {
    name: 'unit',
    needs: ['build'],
    report: 'unit.json',
    cmd: [node, 'node_modules/mocha/bin/mocha.js', '--config', '.mocharc.json',
      '--reporter', 'out/test/harness/specJsonReporter.js', '--reporter-option', `output=${path.join(results, 'unit.json')}`],
  },
  { name: 'integration', needs: ['build'], report: 'integration.json', cmd: [node, 'test/harness/run-integration.mjs', '--no-build'] },
  { name: 'ui', needs: ['build', 'package'], report: 'e2e.json', cmd: [node, 'test/harness/run-e2e.mjs', '--no-build'] },
];

let current;
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    interrupted = true;
    current?.kill(signal); // the phase stops what it started (code-server, sandbox, Chromium)
  });
}

// Every phase gets a TMPDIR of its own, deleted at the end, so that nothing the tests forget (temp
// folders of sandboxes, browsers, scans) is left behind. Outside the repository: a test folder
// inside this work tree would be inside its git repository (the scan and git tests need folders
// that are not, and this repository's .gitignore would apply to them).
const runDir = mkdtempSync(path.join(os.tmpdir(), `retrac-npm-test-${process.pid}-`));
chmodSync(runDir, 0o755); // as /tmp's own folders: the EACCES test runs the CLI as another user in here
const tmpDir = path.join(runDir, 'tmp');
mkdirSync(tmpDir, { recursive: true });
// Artifacts of this run only: a screenshot or report left by an earlier run would mislead.
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

function runPhase(cmd) {
  return new Promise((resolve) => {
    current = spawn(cmd[0], cmd.slice(1), { cwd: repo, stdio: 'inherit', env: { ...process.env, TMPDIR: tmpDir } });
    current.once('error', (err) => {
      console.error(err.message);
      resolve(1);
    });
    current.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const rows = [];
const failedPhases = new Set();
/** Failed and skipped tests of every phase, printed again next to the table: CI keeps only the end of the log. */
const failures = [];
const started = Date.now();
rmSync(path.join(repo, 'retrac-vscode.vsix'), { force: true }); // never test a stale package
for (const phase of phases) {
  const row = { name: phase.name, passed: 0, failed: 0, pending: 0, seconds: 0, note: '' };
  rows.push(row);
  const missing = (phase.needs ?? []).filter((n) => failedPhases.has(n));
  if (interrupted || missing.length) {
    row.failed = 1;
    row.note = interrupted ? 'not run: interrupted' : `not run: ${missing.join(', ')} failed`;
    failedPhases.add(phase.name);
    continue;
  }
  console.log(`\n━━━ ${phase.name}: ${phase.cmd.map((c) => (c === node ? 'node' : path.relative(repo, c) || c)).join(' ')}`);
  const reportFile = phase.report && path.join(results, phase.report);
  if (reportFile) rmSync(reportFile, { force: true });
  const t0 = Date.now();
  const code = await runPhase(phase.cmd);
  row.seconds = (Date.now() - t0) / 1000;
  if (reportFile && existsSync(reportFile)) {
    const { stats, tests } = JSON.parse(readFileSync(reportFile, 'utf8'));
    Object.assign(row, { passed: stats.passed, failed: stats.failed, pending: stats.pending });
    for (const t of tests) if (t.state !== 'passed') failures.push({ phase: phase.name, ...t });
    if (code !== 0 && stats.failed === 0) {
      row.failed = 1;
      row.note = `exit code ${code} without a failing test`;
    }
  } else if (reportFile) {
    row.failed = 1;
    row.note = code === 0 ? 'no report written' : `exit code ${code}, no report`;
  } else if (code !== 0) {
    row.failed = 1;
    row.note = `exit code ${code}`;
  }
  if (row.pending) row.note = `${row.pending} pending (skipped tests are not allowed)`.concat(row.note ? `; ${row.note}` : '');
  if (code !== 0 || row.failed) failedPhases.add(phase.name);
  console.log(`━━━ ${phase.name}: ${code === 0 && !row.failed ? 'ok' : 'FAILED'} in ${row.seconds.toFixed(1)} s`);
}

const leftovers = readdirSync(tmpDir);
if (leftovers.length) console.log(`\nLeft in TMPDIR by the tests (now removed): ${leftovers.join(', ')}`);
rmSync(runDir, { recursive: true, force: true });

if (failures.length) {
  console.log(`\nNot passed (${failures.length}):`);
  for (const f of failures) {
    console.log(`  [${f.phase}] ${f.state}: ${f.fullTitle}${f.file ? ` (${path.relative(repo, f.file)})` : ''}`);
    // The message's first lines say what was expected; the stack is above, in the phase's own output.
    if (f.error) for (const line of f.error.message.split('\n').slice(0, 6)) console.log(`      ${line.slice(0, 300)}`);
  }
}
const passed = rows.reduce((n, r) => n + r.passed, 0);
const failed = rows.reduce((n, r) => n + r.failed, 0) + rows.reduce((n, r) => n + r.pending, 0);
const pad = (s, n) => String(s).padEnd(n);
console.log(`\n${pad('phase', 12)} ${pad('result', 7)} ${pad('passed', 7)} ${pad('failed', 7)} ${pad('time', 8)} note`);
for (const r of rows) {
  const ok = !failedPhases.has(r.name);
  console.log(`${pad(r.name, 12)} ${pad(ok ? 'ok' : 'FAILED', 7)} ${pad(r.passed, 7)} ${pad(r.failed, 7)} ${pad(r.seconds ? `${r.seconds.toFixed(1)} s` : '-', 8)} ${r.note}`);
}
console.log(`${pad('total', 12)} ${pad('', 7)} ${pad(passed, 7)} ${pad(failed, 7)} ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed || failedPhases.size ? 1 : 0);
