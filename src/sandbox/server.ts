// startSandbox(): load or seed the data, make the certificates, serve HTTPS on loopback.
import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { membership } from './auth';
import { errorBody } from './errors';
import { generateKeys } from './keys';
import { journalPathOf, NotDurableError, readState, removeStaleTemps, resetState, StateFileError, StateWriter, type LoadedState } from './persist';
import { RateLimiter } from './rateLimit';
import { dispatch, type Dispatched } from './router';
import { seed } from './seed';
import { Store } from './store';
import { makeTls } from './tls';
import type { RunningSandbox, SandboxFault, SandboxInfo, SandboxOptions } from './types';

export const DEFAULT_PORT = 8787;
export const DEFAULT_SEED_ITEMS = 300;
export const DEFAULT_RATE_LIMIT = 600;
export const DEFAULT_RANDOM_SEED = 42;

/** Loads the state file (plus journal) or seeds a new store; a new, replayed or torn state is saved whole. */
function loadStore(options: SandboxOptions, log: (line: string) => void): { store: Store; writer?: StateWriter; broken: Broken } {
  const broken: Broken = {};
  const { statePath } = options;
  let loaded: LoadedState | undefined;
  if (statePath) {
    removeStaleTemps(statePath);
    if (options.reset) {
      const moved = resetState(statePath);
      if (moved.length > 0) log(`--reset: moved the old state to ${moved.join(', ')}`);
    }
    try {
      loaded = readState(statePath);
    } catch (e) {
      if (e instanceof StateFileError) throw e;
      throw new StateFileError(`The sandbox state file ${statePath} cannot be read (${e instanceof Error ? e.message : String(e)}). Move it away to start fresh, or start with --reset.`);
    }
    if (loaded?.tornBytes) log(`${journalPathOf(statePath)}: cut off a torn last line of ${loaded.tornBytes} bytes (a write that was never acknowledged)`);
  }
  let store: Store;
  if (loaded) store = Store.fromState(loaded.state);
  else {
    store = new Store();
    seed(store, { seedItems: options.seedItems ?? DEFAULT_SEED_ITEMS, randomSeed: options.randomSeed ?? DEFAULT_RANDOM_SEED, plan: options.plan });
    generateKeys(store);
  }
  store.trackChanges();
  if (!statePath) return { store, broken };
  // A write that could not be saved is undone by reloading what is on disk, before any request of
  // its group is answered; if even that fails, every later request is refused until a restart.
  const rollBack = (error: NotDurableError): void => {
    log(`${error.message} Rolling back to the saved state.`);
    try {
      const durable = readState(statePath);
      if (!durable) throw new Error(`${statePath} is gone`);
      store.replaceWith(durable.state);
    } catch (e) {
      broken.reason = `the sandbox could not restore its saved state after a failed write (${e instanceof Error ? e.message : String(e)}); restart it`;
      log(broken.reason);
    }
  };
  const writer = new StateWriter(statePath, () => store.toState(), () => store.takeChanges(), rollBack, log);
  if (!loaded || loaded.journalBytes > 0) writer.compact();
  return { store, writer, broken };
}

/** Set when the in-memory state can no longer be trusted; every request is then answered 503. */
interface Broken { reason?: string }

/**
 * The folder for the CA file when none is given: `<tmp>/retrac-sandbox-<user>/run-<pid>-…` (mode
 * 0700), removed on close; folders of sandboxes that were killed (their pid is gone) are removed
 * at the next start, so nothing piles up.
 */
function makeOwnCertDir(log: (line: string) => void): string {
  const user = process.getuid?.() ?? userInfo().username;
  const base = join(tmpdir(), `retrac-sandbox-${user}`);
  mkdirSync(base, { recursive: true, mode: 0o700 });
  const st = lstatSync(base);
  if (!st.isDirectory() || st.isSymbolicLink() || (process.getuid && st.uid !== process.getuid())) {
    throw new Error(`${base} is not a folder of this user; remove it or pass --cert-dir`);
  }
  chmodSync(base, 0o700);
  for (const name of readdirSync(base)) {
    const pid = /^run-(\d+)-/.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || isAlive(Number(pid))) continue;
    rmSync(join(base, name), { recursive: true, force: true });
    log(`removed ${join(base, name)}, left by a sandbox that is no longer running`);
  }
  return mkdtempSync(join(base, `run-${process.pid}-`));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function infoOf(store: Store, baseUrl: string, caCertPath: string): SandboxInfo {
  return {
    baseUrl,
    caCertPath,
    workspaces: [...store.workspaces.values()].map((ws) => ({ id: ws.rec.id, slug: ws.rec.slug, plan: ws.rec.plan })),
    keys: store.keys.map((k) => {
      const ws = store.workspaces.get(k.workspaceId);
      const role = (ws && membership(ws, k.userId)?.role) ?? 'member';
      return { name: k.name, key: k.key, type: k.type, role, scopes: [...k.scopes], workspaceId: k.workspaceId };
    }),
  };
}

function send(res: ServerResponse, { result, headers }: Dispatched): void {
  let payload: string | Buffer;
  let status = result.status;
  try {
    payload = result.json ?? JSON.stringify(result.body);
  } catch {
    // Never leave a request (maybe a committed write) without an answer.
    status = 500;
    payload = JSON.stringify(errorBody('internal_server_error', 'The sandbox could not build this answer; any change it made was applied. See its log.'));
  }
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

/** Node answers malformed requests (bad request line, headers too large, bad chunks) itself: answer them in our JSON. */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  const current = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || current?.headersSent) {
    socket.destroy();
    return;
  }
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const message = status === 431
    ? 'The request headers are larger than the sandbox accepts (16 KB).'
    : status === 408
      ? 'The request did not arrive in time.'
      : `Malformed HTTP request (${err.code ?? 'parse error'}): check the request line, headers and body encoding.`;
  const body = JSON.stringify(errorBody('bad_request', message));
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const log = options.log ?? (() => undefined);
  const { store, writer, broken } = loadStore(options, log);
  const tls = await makeTls();
  const ownCertDir = options.certDir === undefined;
  const certDir = options.certDir ?? makeOwnCertDir(log);
  mkdirSync(certDir, { recursive: true, mode: 0o700 });
  const caCertPath = join(certDir, 'retrac-sandbox-ca.pem');
  writeFileSync(caCertPath, tls.caCert, { mode: 0o600 });
  chmodSync(caCertPath, 0o600);

  const limiter = new RateLimiter(options.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT, options.rateLimitWindowMs ?? 60_000);
  const onWrite = (): Promise<void> => writer?.save() ?? Promise.resolve();
  const faults: SandboxFault[] = [];

  const takeFault = (method: string, path: string): SandboxFault | undefined => {
    const i = faults.findIndex((f) => f.method.toUpperCase() === method && f.path === path);
    return i < 0 ? undefined : faults.splice(i, 1)[0];
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'https://sandbox.invalid');
    } catch {
      send(res, { result: { status: 400, body: errorBody('bad_request', 'Malformed request URL.') }, headers: {}, wrote: false });
      return;
    }
    if (broken.reason) {
      send(res, { result: { status: 503, body: errorBody('internal_server_error', `Unavailable: ${broken.reason}.`) }, headers: {}, wrote: false });
      return;
    }
    const fault = takeFault(method, url.pathname);
    if (fault?.mode === 'drop-before') {
      log(`${method} ${url.pathname} dropped before applying (injected fault)`);
      req.socket?.destroy();
      return;
    }
    let out: Dispatched;
    try {
      out = await dispatch(store, limiter, req, method, url, onWrite);
    } catch (e) {
      log(`${method} ${url.pathname} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      out = { result: { status: 500, body: errorBody('internal_server_error', 'The sandbox hit an internal error; see its log.') }, headers: {}, wrote: false };
    }
    if (fault?.mode === 'drop-after') {
      log(`${method} ${url.pathname} ${out.result.status} applied, then dropped (injected fault)`);
      req.socket?.destroy();
      return;
    }
    send(res, out);
    log(`${method} ${url.pathname} ${out.result.status} ${Date.now() - started}ms${out.keyName ? ` key=${out.keyName}` : ''}`);
  };

  const server = createServer({ key: tls.key, cert: tls.cert, keepAlive: true }, (req, res) => {
    handle(req, res).catch((e: unknown) => {
      log(`request handling failed: ${e instanceof Error ? e.message : String(e)}`);
      res.destroy();
    });
  });
  server.on('clientError', answerClientError);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  const info = infoOf(store, `https://${urlHost}:${port}`, caCertPath);

  let closing: Promise<void> | undefined;
  return {
    ...info,
    ca: tls.caCert,
    injectFault: (fault) => {
      faults.push({ ...fault });
    },
    close: () => {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        if (writer) {
          await writer.save(); // the last grouped write, if one is pending
          writer.compact(); // so the next start reads one file
        }
        if (ownCertDir) rmSync(certDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}
