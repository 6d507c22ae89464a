#!/usr/bin/env node
// Runs the integration tests (test/integration/*.test.ts, mocha tdd) inside a real VS Code:
// code-server 4.100.3 + headless Chromium, the extension loaded from this folder.
//
//   node test/harness/run-integration.mjs [--grep PATTERN] [--files auth,tree] [--no-build]
//                                          [--timeout SECONDS] [--report FILE]
//
// It builds (unless --no-build), waits for the machine-wide VS Code lock, starts one sandbox
// (its SandboxInfo JSON path goes to the tests in $RETRAC_TEST_SANDBOX_INFO), opens a fresh copy
// of test/fixtures/sample-project, prints mocha's spec output from the extension host, writes
// test-results/integration.json, and exits 1 when a test fails, the runner fails to load, or the
// run times out. RETRAC_KEEP_RUN=1 keeps the run folder (.vscode-test/runs/...) for debugging.
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { prepareIntegrationRun, repo, startRunner } from './runner.mjs';

const { opts, rt } = startRunner({
  report: 'test-results/integration.json',
  options: { timeout: { type: 'string', default: '600' } },
  build: ['esbuild.mjs', '--quiet'],
});

const report = path.resolve(opts.report);
let exitCode = 1;
const t0 = Date.now();
const lock = await rt.acquireVsCodeLock(`integration tests (${opts.grep ?? opts.files ?? 'all'})`);
rmSync(report, { force: true }); // only now: a run holding the lock may still be writing it
const run = rt.createRunDir('it');
rt.onCleanup(() => run.remove());
rt.onCleanup(() => lock.release());
let server;
try {
  const { env, workspace } = await prepareIntegrationRun(rt, run.dir, opts, report);
  // The smoke test's activation peer: an extension that does nothing, activated by the same event
  // as ours, so VS Code's own cost of loading and activating an extension is measured in the same window.
  const peer = rt.installUnpackedExtension(path.join(run.dir, 'cs'), path.join(repo, 'test/fixtures/empty-extension'));
  env.RETRAC_TEST_PEER_EXTENSION = peer;
  server = await rt.startCodeServer({ stateDir: path.join(run.dir, 'cs'), env });
  const browser = await rt.launchBrowser(path.join(run.dir, 'browser'));
  const page = browser.pages()[0] ?? (await browser.newPage());
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  // In test mode the workbench sends every log line here, including the extension host's console.
  // Startup chatter goes only to test-results/integration-workbench.log; from the runner's first
  // line on (mocha's output), and warnings/errors at any time, it is printed too.
  mkdirSync(path.dirname(report), { recursive: true });
  const workbenchLog = createWriteStream(path.join(path.dirname(report), 'integration-workbench.log'));
  rt.onCleanup(() => new Promise((resolve) => workbenchLog.end(resolve)));
  let runnerStarted = false;
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const line = util.format(...(args ?? []));
    // The browser may still send a line while the cleanup closes this file: drop it rather than crash.
    if (!workbenchLog.writableEnded) workbenchLog.write(`${type}: ${line}\n`);
    runnerStarted ||= line.startsWith('[runner]');
    if (runnerStarted || type === 'error' || type === 'warn') console.log(line);
  });
  await page.exposeFunction('codeAutomationExit', (code) => finish(code));
  const url = rt.workbenchUrl(server, { folder: workspace, devPath: repo, testsPath: path.join(repo, 'out/test/integration') });
  console.log(`[harness] VS Code ready in ${((Date.now() - t0) / 1000).toFixed(1)} s; running the tests`);
  await page.goto(url);
  const timeoutMs = Number(opts.timeout) * 1000;
  const timer = setTimeout(() => finish('timeout'), timeoutMs);
  const code = await finished;
  clearTimeout(timer);
  if (code === 'timeout') console.error(`[harness] integration tests timed out after ${opts.timeout} s`);
  else console.log(`[harness] extension host exit code ${code}`);
  exitCode = code === 0 ? 0 : 1;
  if (exitCode !== 0 && !existsSync(report)) console.error('[harness] no report was written: the runner did not load or did not finish');
} catch (err) {
  console.error('[harness]', err instanceof Error ? err.message : err);
} finally {
  if (exitCode !== 0 && server) rt.keepServerLog(server, 'integration-code-server.log');
  await rt.runCleanups();
}
if (existsSync(report)) {
  const { stats } = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`[harness] integration: ${stats.passed} passed, ${stats.failed} failed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
process.exit(exitCode);
