import type { Metadata } from '@grpc/grpc-js';
import { credentialFrom, type Credential } from '../auth/credential';
import type { CallContext } from '../upstream/call-context';

/** A metadata key's first text value. */
export const metadataText = (metadata: Metadata, key: string): string | undefined => {
  const [value] = metadata.get(key);
  return typeof value === 'string' ? value : undefined;
};

/**
 * The IP of a gRPC peer as grpc-js names it (`127.0.0.1:5000`, `[::1]:5000`, `ipv4:…`,
 * `unix:…`): the address without its port, the whole name when it has none.
 */
export function peerIp(peer: string): string {
  const address = peer.replace(/^ipv[46]:/, '');
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed?.[1]) return bracketed[1];
  const hostAndPort = /^([^:]+):\d+$/.exec(address);
  return hostAndPort?.[1] ?? address;
}

/**
 * What a public gRPC call brings before authentication: the client's IP (the first
 * `x-forwarded-for` hop only behind a trusted ingress, as on REST), language and trace context.
 * Nothing else of the partner's metadata travels on: the principal keys (`x-zvonar-*`) are set
 * by the gateway from the credential, never taken from the caller.
 */
export function anonymousGrpcContext(metadata: Metadata, peer: string, trustProxy: boolean): CallContext {
  const forwarded = trustProxy ? metadataText(metadata, 'x-forwarded-for')?.split(',')[0]?.trim() : undefined;
  return {
    clientIp: forwarded || peerIp(peer),
    acceptLanguage: metadataText(metadata, 'accept-language'),
    traceparent: metadataText(metadata, 'traceparent'),
    tracestate: metadataText(metadata, 'tracestate'),
  };
}

/** `authorization: Bearer <token>` or `x-api-key: zk_…`, as on REST. */
export const grpcCredentialOf = (metadata: Metadata): Credential | undefined =>
  credentialFrom(metadataText(metadata, 'authorization'), metadataText(metadata, 'x-api-key'));
