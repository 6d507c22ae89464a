// Shared by the client tests: small bare HTTPS servers on port 0 with
// certificates from `selfsigned`, so the client is tested over real TLS and real HTTP.
import * as assert from 'node:assert/strict';
import * as https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as selfsigned from 'selfsigned';
import { RetracError } from '../../src/api/errors';

/**
 * `failure(p)`: runs `p`, expects a RetracError, adds it to `errorsSeen` (the suite checks those
 * texts for keys at the end) and returns it.
 */
export function failureRecorder(errorsSeen: unknown[]): (p: Promise<unknown>) => Promise<RetracError> {
  return async (p) => {
    try {
      await p;
    } catch (e) {
      errorsSeen.push(e);
      assert.ok(e instanceof RetracError, `expected a RetracError, got ${String(e)}`);
      return e;
    }
    assert.fail('expected the call to fail');
  };
}

export interface Pem { cert: string; key: string }

/** A self-signed certificate that is its own CA, for 127.0.0.1 and localhost unless told otherwise. */
export async function makeCert(opts: { notBefore?: Date; notAfter?: Date; hosts?: { dns?: string[]; ip?: string[] } } = {}): Promise<Pem> {
  const dns = opts.hosts?.dns ?? ['localhost'];
  const ip = opts.hosts?.ip ?? ['127.0.0.1'];
  const pems = await selfsigned.generate([{ name: 'commonName', value: dns[0] ?? 'retrac-test' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: opts.notBefore ?? new Date(Date.now() - 60_000),
    notAfterDate: opts.notAfter ?? new Date(Date.now() + 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'subjectAltName', altNames: [...dns.map((value) => ({ type: 2 as const, value })), ...ip.map((v) => ({ type: 7 as const, ip: v }))] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

export interface Recorded { method: string; url: URL; headers: IncomingMessage['headers']; body: string }

export interface TestServer {
  baseUrl: string;
  ca: string;
  requests: Recorded[];
  close(): Promise<void>;
}

export type Handler = (req: Recorded, res: ServerResponse, n: number) => void;

let defaultCert: Promise<Pem> | undefined;

/** A bare HTTPS server on 127.0.0.1:0 that records every request and answers with `handler`. */
export async function startServer(handler: Handler, pem?: Pem): Promise<TestServer> {
  const { cert, key } = pem ?? await (defaultCert ??= makeCert());
  const requests: Recorded[] = [];
  const server = https.createServer({ cert, key }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec: Recorded = { method: req.method ?? '', url: new URL(req.url ?? '/', 'https://x'), headers: req.headers, body: Buffer.concat(chunks).toString() };
      requests.push(rec);
      handler(rec, res, requests.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `https://127.0.0.1:${port}`,
    ca: cert,
    requests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export function retracError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  json(res, status, { error: { code, message, doc_url: `https://docs.retrac.co/api-reference/errors#${code}` } }, headers);
}

/** Every text a user or a log could see from an error: message, stack and the whole cause chain. */
export function errorTexts(e: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  for (let x: unknown = e; x && !seen.has(x); x = (x as { cause?: unknown }).cause) {
    seen.add(x);
    if (x instanceof Error) parts.push(x.message, x.stack ?? '', String(x));
    else if (typeof x === 'string') parts.push(x);
    try { parts.push(JSON.stringify(x)); } catch { /* circular: the fields above already cover it */ }
  }
  return parts.join('\n');
}

export const ITEM = {
  id: 'itm_1', sku: 'SKU-1', description: 'Widget', cost: 2.5, sellPrice: 4, supplierId: null,
  userId: 'usr_1', workspaceId: 'ws_1', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
};
