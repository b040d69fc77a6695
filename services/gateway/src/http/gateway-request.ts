import type { FastifyRequest } from 'fastify';
import type { CallContext } from '../upstream/call-context';

/** A request as the gateway's guard leaves it: with the context every upstream call carries. */
export interface GatewayRequest extends FastifyRequest {
  gatewayContext?: CallContext;
}

/** A request header's first value. */
export const requestHeader = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * The client's IP: the socket's peer, or the first X-Forwarded-For hop when the gateway sits behind
 * an ingress it trusts (otherwise a client could pick its own rate-limit bucket).
 */
export function clientIpOf(request: FastifyRequest, trustProxy: boolean): string {
  const forwarded = trustProxy ? requestHeader(request, 'x-forwarded-for')?.split(',')[0]?.trim() : undefined;
  return forwarded || request.ip;
}

/** The parts of a request every upstream call carries, before authentication. */
export function anonymousContext(request: FastifyRequest, trustProxy: boolean): CallContext {
  return {
    clientIp: clientIpOf(request, trustProxy),
    acceptLanguage: requestHeader(request, 'accept-language'),
    traceparent: requestHeader(request, 'traceparent'),
    tracestate: requestHeader(request, 'tracestate'),
  };
}

/** Whether the client reached us over TLS (directly, or at a trusted ingress). */
export function isHttps(request: FastifyRequest, trustProxy: boolean): boolean {
  if (trustProxy && requestHeader(request, 'x-forwarded-proto')?.split(',')[0]?.trim() === 'https') return true;
  return request.protocol === 'https';
}
