import type { FastifyRequest } from 'fastify';
import { requestHeader } from '../http/gateway-request';

export type Credential = { readonly kind: 'access-token'; readonly token: string } | { readonly kind: 'api-key'; readonly key: string };

// API keys look like "zk_<prefix>_<secret>" (identity's api-key policy); partners who put one in
// the Authorization header instead of X-Api-Key are understood rather than refused.
const API_KEY_SHAPE = /^zk_/;

/** The credential a request presents: `Authorization: Bearer <token>` or `X-Api-Key: <key>`. */
export function credentialOf(request: FastifyRequest): Credential | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(requestHeader(request, 'authorization') ?? '')?.[1];
  if (bearer) return API_KEY_SHAPE.test(bearer) ? { kind: 'api-key', key: bearer } : { kind: 'access-token', token: bearer };
  const apiKey = requestHeader(request, 'x-api-key')?.trim();
  return apiKey ? { kind: 'api-key', key: apiKey } : undefined;
}
