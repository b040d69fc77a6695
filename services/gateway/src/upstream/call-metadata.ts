import { Metadata } from '@grpc/grpc-js';
import { principalMetadata } from '@zvonar/project-access';
import type { CallContext } from './call-context';

/**
 * Metadata of one upstream call: the principal, the caller's language (services localise their
 * messages by it) and the W3C trace context (so the service's spans join the request's trace
 * even where no instrumentation injected it).
 */
export function callMetadata(context: CallContext): Metadata {
  const metadata = new Metadata();
  // The keys services read the principal from (libs/project-access); they trust them because
  // only the gateway is reachable from outside.
  if (context.caller) principalMetadata(context.caller, metadata);
  if (context.accessToken) metadata.set('authorization', `Bearer ${context.accessToken}`);
  if (context.acceptLanguage) metadata.set('accept-language', context.acceptLanguage);
  if (context.traceparent) metadata.set('traceparent', context.traceparent);
  if (context.tracestate) metadata.set('tracestate', context.tracestate);
  return metadata;
}
