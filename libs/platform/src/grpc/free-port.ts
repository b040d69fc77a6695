import { createServer } from 'node:net';

/**
 * A port free on `host` right now. Nest's gRPC server does not report the port it bound when
 * asked for port 0, so hosts that need a loopback port per service pick one first.
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
