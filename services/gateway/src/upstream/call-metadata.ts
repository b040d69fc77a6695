import { Metadata } from '@grpc/grpc-js';
import type { CallContext } from './call-context';

/**
 * The gRPC metadata keys the principal travels in. Services (through libs/project-access) read
 * exactly these; they trust them because only the gateway is reachable from outside.
 */
export const PRINCIPAL_METADATA = {
  accountId: 'x-zvonar-account-id',
  userId: 'x-zvonar-user-id',
  roles: 'x-zvonar-roles',
  email: 'x-zvonar-email',
} as const;

/**
 * Metadata of one upstream call: the principal, the caller's language (services localise their
 * messages by it) and the W3C trace context (so the service's spans join the request's trace
 * even where no instrumentation injected it).
 */
export function callMetadata(context: CallContext): Metadata {
  const metadata = new Metadata();
  const { caller } = context;
  if (caller) {
    metadata.set(PRINCIPAL_METADATA.accountId, caller.accountId);
    metadata.set(PRINCIPAL_METADATA.userId, caller.userId);
    metadata.set(PRINCIPAL_METADATA.roles, caller.roles.join(','));
    if (caller.email) metadata.set(PRINCIPAL_METADATA.email, caller.email.toLowerCase());
  }
  if (context.accessToken) metadata.set('authorization', `Bearer ${context.accessToken}`);
  if (context.acceptLanguage) metadata.set('accept-language', context.acceptLanguage);
  if (context.traceparent) metadata.set('traceparent', context.traceparent);
  if (context.tracestate) metadata.set('tracestate', context.tracestate);
  return metadata;
}
