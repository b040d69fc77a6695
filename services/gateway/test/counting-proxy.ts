import { startTcpProxy } from '@zvonar/testing';

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
  const proxy = await startTcpProxy(
    Number(port),
    {
      onClientData: (chunk) => {
        sent += chunk.length;
      },
    },
    host,
  );
  return { address: `127.0.0.1:${proxy.port}`, sentBytes: () => sent, stop: () => proxy.stop() };
}
