import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { request as httpRequest, type IncomingHttpHeaders, type ServerResponse } from 'node:http';

/** Paths the public REST API answers on: the console and partners use the host's one port. */
export const PUBLIC_API_PREFIXES = ['/api/v1/', '/api/docs', '/api/openapi.json'] as const;

const isPublicApi = (url: string): boolean => PUBLIC_API_PREFIXES.some((prefix) => url === prefix.replace(/\/$/, '') || url.startsWith(prefix));

// Hop-by-hop headers describe one connection, not the message (RFC 9110 §7.6.1).
const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);
const endToEnd = (headers: IncomingHttpHeaders): IncomingHttpHeaders =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !hopByHop.has(name)));

const unavailable = (response: ServerResponse, detail: string): void => {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(503, { 'content-type': 'application/problem+json' });
  response.end(JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail }));
};

/**
 * Forwards the public API from the all-in-one host's port to the hosted gateway, streaming both
 * ways. It runs as an onRequest hook, before Fastify reads the body, so uploads (CSV, XLSX) pass
 * through untouched and the gateway alone parses and limits them. The client's address goes along
 * as X-Forwarded-For: the gateway's per-IP rate limits see the real caller.
 */
export function proxyPublicApiTo(gatewayHttpUrl: string) {
  const upstream = new URL(gatewayHttpUrl);
  return (app: NestFastifyApplication): void => {
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onRequest', (request, reply, done) => {
        if (!isPublicApi(request.url)) {
          done();
          return;
        }
        reply.hijack();
        const forwardedFor = [request.headers['x-forwarded-for'], request.ip].filter(Boolean).join(', ');
        const outgoing = httpRequest(
          {
            host: upstream.hostname,
            port: upstream.port,
            method: request.method,
            path: request.url,
            headers: { ...endToEnd(request.headers), 'x-forwarded-for': forwardedFor, 'x-forwarded-host': request.headers.host ?? '' },
          },
          (response) => {
            reply.raw.writeHead(response.statusCode ?? 502, endToEnd(response.headers));
            response.pipe(reply.raw);
          },
        );
        outgoing.on('error', () => unavailable(reply.raw, 'gateway is unavailable'));
        request.raw.pipe(outgoing);
      });
  };
}
