import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface CountingProxy {
  /** `host:port` to hand a client instead of the target's. */
  readonly address: string;
  /** Bytes the clients sent through so far: how much they asked of the target. */
  sentBytes(): number;
  stop(): Promise<void>;
}

/** A TCP proxy on loopback to `target` (`host:port`) that counts what clients send through it. */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const [host, port] = target.split(':') as [string, string];
  let sent = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(port), host);
    sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => {
      sent += chunk.length;
    });
    client.pipe(upstream).pipe(client);
    const close = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    sentBytes: () => sent,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
