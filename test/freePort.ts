// A loopback port nothing listens on, for "connection refused" cases.
import { createServer } from 'node:net';

/** Takes a real free port and frees it (fetch refuses "bad ports" such as 1). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
