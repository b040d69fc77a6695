import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface BlackholeProxy {
  baseUrl: string;
  /** How many connections had their answers swallowed. */
  swallowed(): number;
  stop(): Promise<void>;
}

/**
 * A TCP proxy in front of the simulator whose first `swallow` connections deliver the request
 * but never the answer: the client times out although Asterisk acted on it.
 */
export async function startBlackholeProxy(targetPort: number, swallow: number): Promise<BlackholeProxy> {
  let remaining = swallow;
  let swallowedCount = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const blackhole = remaining > 0;
    if (blackhole) {
      remaining -= 1;
      swallowedCount += 1;
    }
    client.pipe(upstream);
    if (!blackhole) upstream.pipe(client);
    else upstream.resume();
    const close = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    swallowed: () => swallowedCount,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
