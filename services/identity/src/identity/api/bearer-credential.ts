import type { Metadata } from '@grpc/grpc-js';

/** The access token of "authorization: Bearer <token>" call metadata; empty when there is none. */
export function bearerToken(metadata: Metadata | undefined): string {
  const [value] = metadata?.get('authorization') ?? [];
  const match = typeof value === 'string' ? /^Bearer\s+(\S+)$/i.exec(value.trim()) : null;
  return match?.[1] ?? '';
}
