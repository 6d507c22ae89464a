#!/usr/bin/env node
// `npm start`: try the extension in a real VS Code in your browser, connected to a local sandbox.
//
//   node test/harness/start.mjs [--port 8080] [--reset] [--no-watch]
//   node test/harness/start.mjs --desktop        # `npm run start:desktop`: desktop VS Code (`code`) instead
//   node test/harness/start.mjs --sandbox-only   # only the sandbox (for F5 in VS Code, see .vscode/launch.json)
//
// Builds, starts the sandbox with persistent state in .retrac-dev/ (ignored by git), copies
// test/fixtures/sample-project to .retrac-dev/sample-project with freshly generated fake keys
// (once; --reset makes a new copy and a new sandbox state), starts code-server on 127.0.0.1 with
// the extension loaded from this folder and $RETRAC_DEV_SANDBOX_INFO set (the extension selects
// the sandbox's owner-full key by itself), rebuilds on change (esbuild --watch; reload the window
// to pick changes up), and prints the URL to open. Ctrl+C stops everything.
// It does not take the test lock: it idles while you click around.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const repo = path.resolve(import.meta.dirname, '../..');
const devDir = path.join(repo, '.retrac-dev');
const { values: opts } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.RETRAC_DEV_PORT ?? '0' },
    reset: { type: 'boolean', default: false },
    watch: { type: 'boolean', default: true },
    'no-watch': { type: 'boolean', default: false },
    desktop: { type: 'boolean', default: false },
    'sandbox-only': { type: 'boolean', default: false },
  },
});

// On a fresh machine `npm ci && npm start` must be enough: install code-server (from the npm
// registry, once; the script returns at once when it is there).
if (!opts.desktop && !opts['sandbox-only']) {
  const install = spawnSync('bash', [path.join(repo, 'test/harness/install-code-server.sh')], { cwd: repo, stdio: 'inherit' });
  if (install.status !== 0) process.exit(1);
}
const build = spawnSync(process.execPath, ['esbuild.mjs', '--quiet'], { cwd: repo, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
const rt = createRequire(import.meta.url)(path.join(repo, 'out/test/harness/vscodeRuntime.js'));

const workspace = path.join(devDir, 'sample-project');
if (opts.reset) {
  rmSync(workspace, { recursive: true, force: true });
  rmSync(path.join(devDir, 'sandbox-state.json'), { force: true });
  rmSync(path.join(devDir, 'sandbox-state.json.journal'), { force: true });
}
mkdirSync(devDir, { recursive: true });
if (!existsSync(workspace)) {
  rt.materializeSampleProject(workspace);
  console.log(`[start] sample project (with fresh fake keys) in ${path.relative(process.cwd(), workspace)}`);
}

const sandbox = await rt.startSandbox(path.join(devDir, 'sandbox-info.json'), { statePath: path.join(devDir, 'sandbox-state.json') });
const env = sandbox ? { RETRAC_DEV_SANDBOX_INFO: sandbox.infoFile } : {};
if (sandbox) console.log(`[start] sandbox info (keys, CA): ${path.relative(process.cwd(), sandbox.infoFile)}`);

if (opts.watch && !opts['no-watch'] && !opts['sandbox-only']) {
  const watcher = spawn(process.execPath, ['esbuild.mjs', '--watch'], { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'] });
  rt.onCleanup(() => watcher.kill());
}

if (opts['sandbox-only']) {
  console.log('[start] sandbox running; Ctrl+C stops it');
} else if (opts.desktop) {
  // `code --wait` stays until the window closes, so Ctrl+C here also ends the session.
  const code = spawn('code', ['--new-window', '--wait', `--extensionDevelopmentPath=${repo}`, workspace], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  code.once('error', (err) => {
    console.error(`[start] cannot run \`code\` (${err.message}): install VS Code and its \`code\` command, or use \`npm start\``);
    void rt.runCleanups().then(() => process.exit(1));
  });
  code.once('exit', () => void rt.runCleanups().then(() => process.exit(0)));
  rt.onCleanup(() => code.kill());
} else {
  const server = await rt.startCodeServer({ stateDir: path.join(devDir, 'code-server'), env, port: Number(opts.port) });
  const url = rt.workbenchUrl(server, { folder: workspace, devPath: repo });
  console.log(`\n[start] Retrac for VS Code is running. Open in your browser:\n\n  ${url}\n\n[start] Ctrl+C stops code-server, the sandbox and the watcher.`);
}
// Stay alive until Ctrl+C / SIGTERM; the cleanup handlers stop everything and exit.
setInterval(() => undefined, 1 << 30);
