#!/usr/bin/env node
// The integration tests in desktop VS Code (Electron) through @vscode/test-electron, for machines
// with internet access (it downloads VS Code from update.code.visualstudio.com; that fails on the
// project's offline machines, where run-integration.mjs with code-server is used instead).
//
//   npm run test:electron -- [--grep PATTERN] [--files auth,tree] [--no-build] [--vscode 1.100.3]
//   (on Linux without a display: xvfb-run -a npm run test:electron)
//
// Same runner (out/test/integration), same environment variables (RETRAC_TEST_SANDBOX_INFO,
// RETRAC_TEST_GREP, RETRAC_TEST_FILES, RETRAC_TEST_REPORT), same fresh copy of the sample project.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { prepareIntegrationRun, repo, startRunner } from './runner.mjs';

const { opts, rt } = startRunner({
  report: 'test-results/integration-electron.json',
  options: { vscode: { type: 'string', default: process.env.RETRAC_VSCODE_VERSION ?? '1.100.3' } },
  build: ['esbuild.mjs', '--quiet'],
});
const report = path.resolve(opts.report);
rmSync(report, { force: true });

let exitCode = 1;
const lock = await rt.acquireVsCodeLock('integration tests (electron)');
const run = rt.createRunDir('el');
rt.onCleanup(() => run.remove());
rt.onCleanup(() => lock.release());
try {
  const { env, workspace } = await prepareIntegrationRun(rt, run.dir, opts, report);
  exitCode = await runTests({
    version: opts.vscode,
    extensionDevelopmentPath: repo,
    extensionTestsPath: path.join(repo, 'out/test/integration'),
    extensionTestsEnv: env,
    launchArgs: [
      workspace,
      '--disable-extensions', // other installed extensions stay out of the test
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      // VS Code's IPC socket lives in the user data dir: keep its path short.
      '--user-data-dir', rt.socketSafeTmpDir(path.join(run.dir, 'ud'), 40),
      '--extensions-dir', path.join(run.dir, 'exts'),
      // Linux: SecretStorage without a desktop keyring (gnome-keyring/kwallet are absent in CI).
      ...(process.platform === 'linux' ? ['--password-store=basic'] : []),
    ],
  });
} catch (err) {
  console.error('[harness]', err instanceof Error ? err.message : err);
} finally {
  await rt.runCleanups();
}
if (existsSync(report)) {
  const { stats } = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`[harness] integration (electron): ${stats.passed} passed, ${stats.failed} failed`);
}
process.exit(exitCode === 0 ? 0 : 1);
