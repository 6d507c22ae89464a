// startSandbox(): load or seed the data, make the certificates, serve HTTPS on loopback.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { membership } from './auth';
import { errorBody } from './errors';
import { generateKeys } from './keys';
import { readState, StateWriter } from './persist';
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

/** Loads the state file (plus journal) or seeds a new store; a new or replayed state is saved whole. */
function loadStore(options: SandboxOptions): { store: Store; writer?: StateWriter } {
  const { statePath } = options;
  let loaded: ReturnType<typeof readState>;
  if (statePath) {
    try {
      loaded = readState(statePath);
    } catch (e) {
      throw new Error(`The sandbox state file ${statePath} cannot be read (${e instanceof Error ? e.message : String(e)}); move it away to start fresh.`);
    }
  }
  let store: Store;
  if (loaded) store = Store.fromState(loaded.state);
  else {
    store = new Store();
    seed(store, { seedItems: options.seedItems ?? DEFAULT_SEED_ITEMS, randomSeed: options.randomSeed ?? DEFAULT_RANDOM_SEED });
    generateKeys(store);
  }
  store.trackChanges();
  if (!statePath) return { store };
  const writer = new StateWriter(statePath, () => store.toState(), () => store.takeChanges());
  if (!loaded || loaded.journalEntries > 0) writer.compact();
  return { store, writer };
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
  const payload = JSON.stringify(result.body);
  res.writeHead(result.status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const log = options.log ?? (() => undefined);
  const { store, writer } = loadStore(options);
  const tls = await makeTls();
  const ownCertDir = options.certDir === undefined;
  const certDir = options.certDir ?? mkdtempSync(join(tmpdir(), 'retrac-sandbox-'));
  mkdirSync(certDir, { recursive: true });
  const caCertPath = join(certDir, 'retrac-sandbox-ca.pem');
  writeFileSync(caCertPath, tls.caCert);

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
    const fault = takeFault(method, url.pathname);
    if (fault?.mode === 'drop-before') {
      log(`${method} ${url.pathname} dropped before applying (injected fault)`);
      req.socket.destroy();
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
      req.socket.destroy();
      return;
    }
    send(res, out);
    if (out.headers.Connection === 'close') res.once('finish', () => req.socket.destroy());
    log(`${method} ${url.pathname} ${out.result.status} ${Date.now() - started}ms${out.keyName ? ` key=${out.keyName}` : ''}`);
  };

  const server = createServer({ key: tls.key, cert: tls.cert, keepAlive: true }, (req, res) => {
    handle(req, res).catch((e: unknown) => {
      log(`request handling failed: ${e instanceof Error ? e.message : String(e)}`);
      res.destroy();
    });
  });
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
