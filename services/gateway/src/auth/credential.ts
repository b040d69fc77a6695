import type { FastifyRequest } from 'fastify';
import { requestHeader } from '../http/gateway-request';

export type Credential = { readonly kind: 'access-token'; readonly token: string } | { readonly kind: 'api-key'; readonly key: string };

// API keys look like "zk_<prefix>_<secret>" (identity's api-key policy); partners who put one in
// the Authorization header instead of X-Api-Key are understood rather than refused.
const API_KEY_SHAPE = /^zk_/;

/**
 * The credential in an `authorization` (`Bearer <token>`) or `x-api-key` value: HTTP headers and
 * gRPC metadata carry it under the same names.
 */
export function credentialFrom(authorization: string | undefined, apiKeyValue: string | undefined): Credential | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (bearer) return API_KEY_SHAPE.test(bearer) ? { kind: 'api-key', key: bearer } : { kind: 'access-token', token: bearer };
  const apiKey = apiKeyValue?.trim();
  return apiKey ? { kind: 'api-key', key: apiKey } : undefined;
}

/** The credential a request presents: `Authorization: Bearer <token>` or `X-Api-Key: <key>`. */
export const credentialOf = (request: FastifyRequest): Credential | undefined =>
  credentialFrom(requestHeader(request, 'authorization'), requestHeader(request, 'x-api-key'));
