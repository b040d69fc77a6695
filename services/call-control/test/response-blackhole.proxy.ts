import { startTcpProxy } from '@zvonar/testing';

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
  let swallowedCount = 0;
  const proxy = await startTcpProxy(targetPort, {
    answersConnection: () => {
      if (swallowedCount >= swallow) return true;
      swallowedCount += 1;
      return false;
    },
  });
  return { baseUrl: `http://127.0.0.1:${proxy.port}`, swallowed: () => swallowedCount, stop: () => proxy.stop() };
}
