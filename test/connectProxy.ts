// A real HTTP CONNECT proxy for tests (node:http `connect`): it tunnels to the target and records
// each tunnel; it can demand Basic credentials (407 without them) or refuse everything (403).
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TestProxy {
  url: string;
  port: number;
  /** `host:port` of every CONNECT that was let through, and the Proxy-Authorization it carried. */
  tunnels: { target: string; auth: string | undefined }[];
  /** `host:port` of every CONNECT, let through or refused. */
  attempts: string[];
  refused: number;
  close(): Promise<void>;
}

/** A CONNECT proxy; with `credentials` it answers 407 without them, with `refuse` it answers 403 to everything. */
export async function startProxy(opts: { credentials?: string; refuse?: boolean; tls?: { cert: string; key: string } } = {}): Promise<TestProxy> {
  const tunnels: TestProxy['tunnels'] = [];
  const attempts: string[] = [];
  const sockets = new Set<net.Socket>();
  const state = { refused: 0 };
  const refuseOrdinary = (_req: http.IncomingMessage, res: http.ServerResponse): void => { res.writeHead(405); res.end(); };
  // With `tls`, an https:// proxy: the client speaks TLS to the proxy, then TLS to the target inside the tunnel.
  const server = opts.tls ? https.createServer(opts.tls, refuseOrdinary) : http.createServer(refuseOrdinary);
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    sockets.add(client);
    attempts.push(req.url ?? '');
    const auth = req.headers['proxy-authorization'];
    const expected = opts.credentials ? `Basic ${Buffer.from(opts.credentials).toString('base64')}` : undefined;
    if (opts.refuse || (expected && auth !== expected)) {
      state.refused++;
      const status = opts.refuse ? '403 Forbidden' : '407 Proxy Authentication Required';
      client.end(`HTTP/1.1 ${status}\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    tunnels.push({ target: req.url ?? '', auth });
    const [host, port] = (req.url ?? '').split(':');
    let connected = false;
    const upstream = net.connect(Number(port), host, () => {
      connected = true;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    // Before the tunnel is up, a failed upstream is the proxy's 502, as real proxies answer.
    upstream.on('error', () => (connected ? client.destroy() : client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n')));
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    tunnels,
    attempts,
    get refused() { return state.refused; },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
