// Plain `https.request` against a sandbox (real TLS, trusting only its CA), for the sandbox suites.
import type { IncomingHttpHeaders } from 'node:http';
import * as https from 'node:https';
import { startSandbox } from '../../src/sandbox/server';
import type { RunningSandbox, SandboxKeyInfo, SandboxOptions } from '../../src/sandbox/types';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** Parsed JSON body (tests read fields freely). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface CallOptions {
  /** A seeded key name or a literal key; omit for no Authorization header. */
  key?: string;
  /** Sends `workspaceId` (id or slug). */
  workspaceId?: string;
  query?: Record<string, string | number | boolean | string[]>;
  body?: unknown;
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
}

export function keyInfo(sb: RunningSandbox, name: string): SandboxKeyInfo {
  const key = sb.keys.find((k) => k.name === name);
  if (!key) throw new Error(`no seeded key ${name}`);
  return key;
}

/** `workspaceId` query value for full keys of the seeded business workspace. */
export function acmeId(sb: RunningSandbox): string {
  return keyInfo(sb, 'owner-full').workspaceId;
}

export function call(sb: RunningSandbox, method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  const url = new URL(path, sb.baseUrl);
  for (const [name, value] of Object.entries(options.query ?? {})) {
    if (Array.isArray(value)) for (const v of value) url.searchParams.append(name, v);
    else url.searchParams.set(name, String(value));
  }
  if (options.workspaceId !== undefined) url.searchParams.set('workspaceId', options.workspaceId);
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.key !== undefined) {
    const known = sb.keys.find((k) => k.name === options.key);
    headers.authorization = `Bearer ${known ? known.key : options.key}`;
  }
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (payload !== undefined) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, headers, ca: sb.ca, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          body = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** Calls with a full key of the business workspace (owner-full unless named). */
export function acme(sb: RunningSandbox, method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  return call(sb, method, path, { key: 'owner-full', workspaceId: acmeId(sb), ...options });
}

export async function withSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ port: 0, seedItems: 60, randomSeed: 7, ...options });
}

