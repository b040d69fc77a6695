import { Module } from '@nestjs/common';
import { startService, type RunningService } from '@zvonar/platform';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { proxyPublicApiTo } from './gateway-proxy';

@Module({})
class EmptyModule {}

type Seen = { method: string; url: string; headers: IncomingHttpHeaders; body: string };

/** A stand-in gateway that records what reached it and answers 201 with a problem-free JSON body. */
const startUpstream = async (): Promise<{ server: Server; url: string; seen: Seen[] }> => {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(201, { 'content-type': 'application/json', 'x-request-id': 'r-1' });
      response.end(JSON.stringify({ created: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
};

const hostEnv = { HTTP_HOST: '127.0.0.1', HTTP_PORT: '0', GRPC_HOST: '127.0.0.1', GRPC_PORT: '0', LOG_LEVEL: 'silent' };

describe('the all-in-one host forwards the public API to the gateway', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let host: RunningService;

  beforeAll(async () => {
    upstream = await startUpstream();
    host = await startService({ name: 'proxy-spec', module: EmptyModule, configureHttp: proxyPublicApiTo(upstream.url) }, hostEnv);
  });
  afterAll(async () => {
    await host?.shutdown();
    await new Promise((resolve) => upstream?.server.close(resolve));
  });

  it('given a CSV upload to /api/v1, when posted to the host, then the gateway receives it byte for byte and its answer comes back', async () => {
    const csv = 'phone;name\n+79161234567;Анна\n';
    const response = await fetch(`${host.httpUrl}/api/v1/projects/p-1/imports?dry=1`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv; charset=utf-8', 'idempotency-key': 'k-1' },
      body: csv,
    });

    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe('r-1');
    expect(await response.json()).toEqual({ created: true });
    const forwarded = upstream.seen.at(-1);
    expect(forwarded).toMatchObject({ method: 'POST', url: '/api/v1/projects/p-1/imports?dry=1', body: csv });
    expect(forwarded?.headers['idempotency-key']).toBe('k-1');
    expect(forwarded?.headers['x-forwarded-for']).toContain('127.0.0.1');
  });

  it('forwards the OpenAPI document and the docs page, and leaves the host own routes alone', async () => {
    expect((await fetch(`${host.httpUrl}/api/openapi.json`)).status).toBe(201);
    expect((await fetch(`${host.httpUrl}/api/docs`)).status).toBe(201);
    const before = upstream.seen.length;
    expect((await fetch(`${host.httpUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${host.httpUrl}/api/v1x`)).status).toBe(404);
    expect(upstream.seen.length).toBe(before);
  });

  it('answers 503 problem+json naming the gateway when it is down', async () => {
    const down = await startService({ name: 'proxy-spec-down', module: EmptyModule, configureHttp: proxyPublicApiTo('http://127.0.0.1:9') }, hostEnv);
    try {
      const response = await fetch(`${down.httpUrl}/api/v1/projects`);
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toMatchObject({ status: 503, detail: 'gateway is unavailable' });
    } finally {
      await down.shutdown();
    }
  });
});
