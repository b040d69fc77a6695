import { startOnLoopback } from './loopback-service';

describe('startOnLoopback', () => {
  const given = () => {
    const calls: string[] = [];
    const started: { env?: Record<string, string> } = {};
    const start = async (env: Record<string, string>) => {
      started.env = env;
      return { grpcUrl: '127.0.0.1:5001', shutdown: async () => void calls.push('service shut down') };
    };
    const clientAt = (url: string) => ({ url, close: () => void calls.push('client closed') });
    return { calls, started, start, clientAt };
  };

  it('starts the service on loopback ports the OS picks, the spec’s env over the defaults', async () => {
    const { started, start, clientAt } = given();
    await startOnLoopback(start, clientAt, { DATABASE_URL: 'postgres://db', LOG_LEVEL: 'error' });
    expect(started.env).toEqual({
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: '0',
      GRPC_HOST: '127.0.0.1',
      GRPC_PORT: '0',
      LOG_LEVEL: 'error',
      DATABASE_URL: 'postgres://db',
    });
  });

  it('opens the client at the service’s gRPC address and closes it before the service stops', async () => {
    const { calls, start, clientAt } = given();
    const underTest = await startOnLoopback(start, clientAt, {});
    expect(underTest.client.url).toBe('127.0.0.1:5001');
    await underTest.stop();
    expect(calls).toEqual(['client closed', 'service shut down']);
  });
});
