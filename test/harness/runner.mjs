// What the test runners share: the options every one takes, the build before the run, the
// runtime helpers (out/test/harness/vscodeRuntime.js), and the extension host's test environment.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

export const repo = path.resolve(import.meta.dirname, '../..');

/**
 * Parses --grep, --files, --no-build, --report (default `report`) and the runner's own `options`;
 * runs `build` (a script and its arguments, run with node in the repository) unless --no-build,
 * exiting 1 when it fails; then loads the runtime helpers, which the build writes.
 */
export function startRunner({ report, options = {}, build }) {
  const { values: opts } = parseArgs({
    options: {
      grep: { type: 'string' },
      files: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      report: { type: 'string', default: path.join(repo, report) },
      ...options,
    },
  });
  if (!opts['no-build']) {
    const built = spawnSync(process.execPath, build, { cwd: repo, stdio: 'inherit' });
    if (built.status !== 0) process.exit(1);
  }
  const rt = createRequire(import.meta.url)(path.join(repo, 'out/test/harness/vscodeRuntime.js'));
  return { opts, rt };
}

/**
 * The extension host's test environment for the in-VS Code runner (out/test/integration): the
 * report path, --grep/--files, the sandbox's info file; and a fresh copy of the sample project.
 */
export async function prepareIntegrationRun(rt, runDir, opts, report) {
  const env = { RETRAC_TEST_REPORT: report };
  if (opts.grep) env.RETRAC_TEST_GREP = opts.grep;
  if (opts.files) env.RETRAC_TEST_FILES = opts.files;
  const sandbox = await rt.startSandbox(path.join(runDir, 'sandbox-info.json'));
  if (sandbox) env.RETRAC_TEST_SANDBOX_INFO = sandbox.infoFile;
  const workspace = rt.materializeSampleProject(path.join(runDir, 'sample-project'));
  return { env, workspace };
}
