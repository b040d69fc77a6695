import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface TcpProxyHooks {
  /** Sees every chunk a client sends on its way to the target. */
  onClientData?(chunk: Buffer): void;
  /** Asked once per new connection: false swallows the target's answers on it (the client waits forever). */
  answersConnection?(): boolean;
}

export interface TcpProxy {
  /** The loopback port clients connect to instead of the target's. */
  readonly port: number;
  /** Ends every connection and stops listening. */
  stop(): Promise<void>;
}

/** A TCP proxy on 127.0.0.1 to `targetHost:targetPort`, for specs that watch or break what passes. */
export async function startTcpProxy(targetPort: number, hooks: TcpProxyHooks = {}, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, targetHost);
    sockets.add(client).add(upstream);
    if (hooks.onClientData) client.on('data', hooks.onClientData);
    client.pipe(upstream);
    if (hooks.answersConnection?.() ?? true) upstream.pipe(client);
    else upstream.resume();
    const close = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
