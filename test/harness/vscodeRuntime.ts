// The parts every VS Code run shares (integration tests, UI tests, `npm start`): the machine-wide
// lock, a run folder under .vscode-test/runs/, the local sandbox, code-server in its own process
// group, the workbench URL with the extension-test payload, and a Chromium with its own profile.
// Nothing here writes to $HOME or /tmp: code-server's XDG folders and TMPDIR and Chromium's
// profile and config live in the run folder, which is deleted when the run ends.
// Loaded from out/test/harness/vscodeRuntime.js (so the .mjs scripts build before using it).
import { spawn, type ChildProcess } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { chromium, type BrowserContext } from 'playwright-core';
import type { RunningSandbox, SandboxInfo, SandboxOptions } from '../../src/sandbox/types';
import { fakeKey } from '../fakeKeys';

/** The repository root (this file runs from out/test/harness/). */
export const repoRoot = path.resolve(__dirname, '../../..');
export const testResultsDir = path.join(repoRoot, 'test-results');
export const extensionId = 'retrac-tools.retrac-vscode';
const vscodeTestDir = path.join(repoRoot, '.vscode-test');

export function codeServerBin(): string {
  const dir = process.env.RETRAC_CODE_SERVER_DIR ?? path.join(vscodeTestDir, 'code-server');
  const bin = path.join(dir, 'node_modules/.bin/code-server');
  if (!fs.existsSync(bin)) throw new Error(`code-server is not installed in ${dir}: run \`bash test/harness/install-code-server.sh\``);
  return bin;
}

export const chromiumPath = process.env.RETRAC_CHROMIUM ?? '/usr/bin/chromium';

// ---------------------------------------------------------------------------------------------
// Cleanup: everything a script starts is registered here and stopped in reverse order, on a
// normal end, on an exception, and on SIGINT/SIGTERM.

type Cleanup = () => Promise<void> | void;
const cleanups: Cleanup[] = [];
let signalsHooked = false;

export function onCleanup(fn: Cleanup): void {
  cleanups.push(fn);
  if (signalsHooked) return;
  signalsHooked = true;
  let stopping = false;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    // `on`, not `once`: Ctrl+C reaches a whole chain of scripts (test-all → run-e2e → mocha) and
    // the parents forward it too; a second signal must not kill us halfway through the cleanup.
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.error(`\n[harness] ${signal}: stopping everything`);
      void runCleanups().finally(() => process.exit(code));
    });
  }
}

let cleaning: Promise<void> | undefined;

/** Stops everything registered, newest first. Concurrent callers (a signal during the normal
 * end) share one pass, so nobody exits while the other is halfway. */
export function runCleanups(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const fn = cleanups.pop()!;
      try {
        await fn();
      } catch (err) {
        console.error('[harness] cleanup failed:', err instanceof Error ? err.message : err);
      }
    }
  })().finally(() => (cleaning = undefined));
  return cleaning;
}

// ---------------------------------------------------------------------------------------------
// The machine-wide lock: one VS Code run at a time (2 cores, 8 engineers). flock(1) holds the
// lock while its child `cat` waits on our stdin; when this process ends for any reason the pipe
// closes, `cat` exits and the lock is released, so a crashed run never leaves a stale lock.

export interface Lock {
  release(): void;
}

export async function acquireVsCodeLock(what: string): Promise<Lock> {
  if (process.env.RETRAC_VSCODE_LOCK_HELD) return { release: () => undefined }; // a parent script holds it
  // RETRAC_VSCODE_LOCK_FILE: share one lock between checkouts on the same machine.
  const lockFile = process.env.RETRAC_VSCODE_LOCK_FILE ?? path.join(vscodeTestDir, 'vscode-run.lock');
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  const holderFile = `${lockFile}.holder`;
  // detached: a Ctrl+C to our process group must not release the lock while we still clean up.
  const child = spawn('flock', ['--exclusive', lockFile, 'sh', '-c', 'echo locked; exec cat >/dev/null'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    detached: true,
  });
  const started = Date.now();
  const notice = setTimeout(() => {
    const holder = fs.existsSync(holderFile) ? fs.readFileSync(holderFile, 'utf8').trim() : 'another run';
    console.log(`[harness] waiting for the VS Code lock (${lockFile}), held by: ${holder}`);
  }, 1000);
  let haveFlock = true;
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.once('data', () => resolve());
      child.once('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') return reject(err);
        haveFlock = false; // e.g. macOS: no util-linux
        resolve();
      });
      child.once('exit', (code) => reject(new Error(`flock exited with ${code} before taking the lock`)));
    });
  } finally {
    clearTimeout(notice);
  }
  if (!haveFlock) {
    console.log('[harness] flock(1) not found: running without the machine-wide VS Code lock');
    return { release: () => undefined };
  }
  const waited = Date.now() - started;
  if (waited > 1000) console.log(`[harness] got the VS Code lock after ${(waited / 1000).toFixed(0)} s`);
  fs.writeFileSync(holderFile, `pid ${process.pid}, ${what}, since ${new Date().toISOString()}\n`);
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    child.stdin.end();
  };
  process.once('exit', release);
  return { release };
}

// ---------------------------------------------------------------------------------------------
// Run folders

export interface RunDir {
  dir: string;
  /** Deletes the folder unless RETRAC_KEEP_RUN is set (for debugging). */
  remove(): void;
}

export function createRunDir(label: string): RunDir {
  // Short names: unix sockets live below this folder and their paths are limited to 107 bytes.
  const dir = path.join(vscodeTestDir, 'runs', `${label}-${process.pid}-${crypto.randomBytes(2).toString('hex')}`);
  fs.mkdirSync(dir, { recursive: true });
  return {
    dir,
    remove: () => {
      if (process.env.RETRAC_KEEP_RUN) console.log(`[harness] kept the run folder ${dir}`);
      else fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A TMPDIR for a process that creates unix sockets in it (their paths are limited to 107 bytes):
 * `preferred` when short enough, else a fresh folder in /tmp, removed at cleanup.
 */
export function socketSafeTmpDir(preferred: string, room: number): string {
  if (preferred.length + room <= 107) {
    fs.mkdirSync(preferred, { recursive: true });
    return preferred;
  }
  // /tmp rather than os.tmpdir(): npm test points TMPDIR into the repository, which can be long.
  const dir = fs.mkdtempSync(path.join(fs.existsSync('/tmp') ? '/tmp' : os.tmpdir(), 'retrac-'));
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// ---------------------------------------------------------------------------------------------
// The sample project: templates with placeholders, filled with fresh random keys on every copy
// so that no key-shaped string is ever committed.

/** Copies test/fixtures/sample-project to `dest`, replacing {{RESTRICTED_KEY}} and {{FULL_KEY}}. */
export function materializeSampleProject(dest: string): string {
  const src = path.join(repoRoot, 'test/fixtures/sample-project');
  const values: Record<string, string> = {
    RESTRICTED_KEY: fakeKey('restricted'),
    FULL_KEY: fakeKey('full'),
  };
  const copy = (from: string, to: string): void => {
    fs.mkdirSync(to, { recursive: true });
    for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
      const a = path.join(from, entry.name);
      const b = path.join(to, entry.name);
      if (entry.isDirectory()) copy(a, b);
      else fs.writeFileSync(b, fs.readFileSync(a, 'utf8').replace(/\{\{([A-Z_]+)\}\}/g, (m, name: string) => values[name] ?? m));
    }
  };
  copy(src, dest);
  return dest;
}

// ---------------------------------------------------------------------------------------------
// The sandbox (dist/sandbox.js, bundled by esbuild.mjs)

export interface StartedSandbox {
  sandbox: RunningSandbox;
  infoFile: string;
}

/**
 * Starts the sandbox in this process and writes its SandboxInfo JSON to `infoFile`.
 * Returns undefined (with a message) while dist/sandbox.js does not export startSandbox yet.
 */
export async function startSandbox(infoFile: string, options: SandboxOptions = {}): Promise<StartedSandbox | undefined> {
  const bundle = path.join(repoRoot, 'dist/sandbox.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = (fs.existsSync(bundle) ? require(bundle) : {}) as { startSandbox?: (o: SandboxOptions) => Promise<RunningSandbox> };
  if (typeof mod.startSandbox !== 'function') {
    console.log('[harness] dist/sandbox.js has no startSandbox() yet: running without a sandbox');
    return undefined;
  }
  const sandbox = await mod.startSandbox({ port: 0, certDir: path.join(path.dirname(infoFile), 'sandbox-ca'), ...options });
  onCleanup(() => sandbox.close());
  const info: SandboxInfo = { baseUrl: sandbox.baseUrl, caCertPath: sandbox.caCertPath, workspaces: sandbox.workspaces, keys: sandbox.keys };
  fs.writeFileSync(infoFile, JSON.stringify(info, null, 2), { mode: 0o600 });
  console.log(`[harness] sandbox at ${sandbox.baseUrl} (${sandbox.keys.length} keys)`);
  return { sandbox, infoFile };
}

// ---------------------------------------------------------------------------------------------
// code-server

export interface CodeServer {
  /** http://127.0.0.1:<port>/ */
  url: string;
  host: string;
  logFile: string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  /** Folder for code-server's state (XDG, TMPDIR, user data, extensions, log). */
  stateDir: string;
  /** Extra environment for the server and so for the extension host. */
  env?: Record<string, string>;
  port?: number;
  settings?: Record<string, unknown>;
}

const defaultSettings = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'workbench.tips.enabled': false,
  'git.enabled': false,
};

function serverDirs(stateDir: string): Record<'ud' | 'exts' | 'xdgData' | 'xdgConfig' | 'xdgCache' | 'tmp' | 'config', string> {
  return {
    ud: path.join(stateDir, 'user-data'),
    exts: path.join(stateDir, 'extensions'),
    xdgData: path.join(stateDir, 'xdg-data'),
    xdgConfig: path.join(stateDir, 'xdg-config'),
    xdgCache: path.join(stateDir, 'xdg-cache'),
    tmp: path.join(stateDir, 'tmp'),
    config: path.join(stateDir, 'config.yaml'),
  };
}

function serverEnv(stateDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const d = serverDirs(stateDir);
  for (const dir of [path.join(d.ud, 'User'), d.exts, d.xdgData, d.xdgConfig, d.xdgCache]) fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(d.config)) fs.writeFileSync(d.config, ''); // else code-server writes ~/.config/code-server/config.yaml
  return {
    ...process.env,
    XDG_DATA_HOME: d.xdgData,
    XDG_CONFIG_HOME: d.xdgConfig,
    XDG_CACHE_HOME: d.xdgCache, // the telemetry device id (Microsoft/DeveloperTools/deviceid)
    TMPDIR: socketSafeTmpDir(d.tmp, 55), // /vscode-ipc-<uuid>.sock (53 bytes), /vscode-git-<hex>.sock
    EXTENSIONS_GALLERY: '{}', // no Open VSX lookups (no internet)
    ...extra,
  };
}

function commonArgs(stateDir: string): string[] {
  const d = serverDirs(stateDir);
  return ['--config', d.config, '--user-data-dir', d.ud, '--extensions-dir', d.exts];
}

/** `code-server --install-extension <vsix>` into the state folder's extensions dir. */
export async function installVsix(stateDir: string, vsix: string): Promise<void> {
  const child = spawn(codeServerBin(), [...commonArgs(stateDir), '--install-extension', vsix], {
    env: serverEnv(stateDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0 || !/successfully installed/i.test(output)) throw new Error(`installing ${vsix} failed (${code}):\n${output}`);
}

/**
 * Installs an unpacked extension folder (package.json + code, no VSIX) into the state folder's
 * extensions dir: a copy named `<publisher>.<name>-<version>` plus its entry in extensions.json,
 * the list VS Code reads the installed extensions from. Returns the extension's id.
 */
export function installUnpackedExtension(stateDir: string, folder: string): string {
  const d = serverDirs(stateDir);
  const pkg = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  const id = `${pkg.publisher}.${pkg.name}`;
  const relativeLocation = `${id}-${pkg.version}`;
  const dest = path.join(d.exts, relativeLocation);
  fs.mkdirSync(d.exts, { recursive: true });
  fs.cpSync(folder, dest, { recursive: true });
  const listFile = path.join(d.exts, 'extensions.json');
  const list = fs.existsSync(listFile) ? (JSON.parse(fs.readFileSync(listFile, 'utf8')) as { identifier: { id: string } }[]) : [];
  const entry = { identifier: { id }, version: pkg.version, location: { $mid: 1, scheme: 'file', path: dest }, relativeLocation };
  fs.writeFileSync(listFile, JSON.stringify([...list.filter((e) => e.identifier.id !== id), entry]));
  return id;
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => req.destroy());
  });
}

function processGroupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { stateDir } = options;
  const env = serverEnv(stateDir, options.env);
  const d = serverDirs(stateDir);
  const settingsFile = path.join(d.ud, 'User/settings.json');
  if (!fs.existsSync(settingsFile)) fs.writeFileSync(settingsFile, JSON.stringify({ ...defaultSettings, ...options.settings }, null, 2));
  const logFile = path.join(stateDir, 'code-server.log');
  const log = fs.openSync(logFile, 'w'); // fresh: the address is read from it
  const args = [
    ...commonArgs(stateDir),
    '--bind-addr', `127.0.0.1:${options.port ?? 0}`,
    '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
  ];
  // Its own process group (detached), so that stopping it also stops the extension hosts and
  // the file watcher it forks.
  const child: ChildProcess = spawn(codeServerBin(), args, { detached: true, stdio: ['ignore', log, log], env });
  fs.closeSync(log);
  const pid = child.pid!;
  let exited = false;
  child.once('exit', () => (exited = true));
  const killGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  const onExit = (): void => killGroup('SIGKILL');
  process.once('exit', onExit);
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    killGroup('SIGTERM');
    for (let i = 0; i < 50 && processGroupAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (processGroupAlive(pid)) killGroup('SIGKILL');
    process.removeListener('exit', onExit);
  };
  onCleanup(stop);

  // code-server prints the bound address ("HTTP server listening on http://127.0.0.1:<port>/").
  const started = Date.now();
  let url: string | undefined;
  while (!url) {
    const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(fs.readFileSync(logFile, 'utf8'));
    if (match) url = `${match[1]}/`;
    else if (exited || Date.now() - started > 60_000) {
      await stop();
      throw new Error(`code-server did not start; its log:\n${fs.readFileSync(logFile, 'utf8')}`);
    } else await new Promise((r) => setTimeout(r, 100));
  }
  while ((await httpStatus(`${url}healthz`)) !== 200) {
    if (exited || Date.now() - started > 60_000) {
      await stop();
      throw new Error(`code-server did not answer /healthz; its log:\n${fs.readFileSync(logFile, 'utf8')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, host: new URL(url).host, logFile, stop };
}

/**
 * The workbench URL. `devPath`/`testsPath` go into the payload (how VS Code's own browser
 * integration tests load an extension under development and its test runner).
 */
export function workbenchUrl(server: CodeServer, options: { folder?: string; devPath?: string; testsPath?: string }): string {
  const u = new URL(server.url);
  const remote = (p: string): string => `vscode-remote://${server.host}${path.resolve(p)}`;
  if (options.folder) u.searchParams.set('folder', path.resolve(options.folder));
  else u.searchParams.set('ew', 'true');
  const payload: [string, string][] = [];
  if (options.devPath) payload.push(['extensionDevelopmentPath', remote(options.devPath)]);
  if (options.testsPath) payload.push(['extensionTestsPath', remote(options.testsPath)]);
  if (payload.length) u.searchParams.set('payload', JSON.stringify([...payload, ['skipWelcome', 'true']]));
  return u.toString();
}

// ---------------------------------------------------------------------------------------------
// Chromium

/** A headless Chromium with a fresh profile and its own XDG/HOME folders inside `dir`. */
export async function launchBrowser(dir: string): Promise<BrowserContext> {
  const home = path.join(dir, 'home');
  for (const d of ['profile', 'home/.config', 'home/.cache', 'home/.local/share']) fs.mkdirSync(path.join(dir, d), { recursive: true });
  const context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    // Our own signal handlers stop everything in order (Playwright's would exit at once).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--password-store=basic'],
    // Chromium writes "Crash Reports" and an NSS db under HOME/XDG whatever the profile says.
    env: {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, '.config'),
      XDG_CACHE_HOME: path.join(home, '.cache'),
      XDG_DATA_HOME: path.join(home, '.local/share'),
      TMPDIR: socketSafeTmpDir(path.join(dir, 'tmp'), 47), // /org.chromium.Chromium.XXXXXX/SingletonSocket (45 bytes)
    },
  });
  onCleanup(() => context.close());
  return context;
}

/** Copies the code-server log next to the test results, for failed runs. */
export function keepServerLog(server: CodeServer, name: string): void {
  fs.mkdirSync(testResultsDir, { recursive: true });
  const dest = path.join(testResultsDir, name);
  fs.copyFileSync(server.logFile, dest);
  console.log(`[harness] code-server log kept in ${path.relative(process.cwd(), dest)}`);
}
