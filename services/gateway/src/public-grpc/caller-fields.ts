import { status as GrpcStatus } from '@grpc/grpc-js';
import type { Language } from '@zvonar/platform';
import type { Caller } from '../upstream/call-context';
import { GatewayGrpcStatus } from './grpc-status';
import type { PublicRpc } from './public-rpcs';

const malformed = { ru: 'Сообщение запроса не разобрано', en: 'The request message could not be decoded' };

/**
 * The request with its caller fields (the do-not-call list's `account_id`) set from the
 * authenticated caller, as the REST route fills them: a partner may leave them empty and can
 * never name another account in them. Requests without such fields pass as the bytes they are.
 */
export function withCallerFields(rpc: PublicRpc, request: Buffer, caller: Caller, language: Language): Buffer {
  if (rpc.callerFields.length === 0) return request;
  let message: Record<string, unknown>;
  try {
    message = rpc.requestType.decode(request) as unknown as Record<string, unknown>;
  } catch {
    throw new GatewayGrpcStatus(GrpcStatus.INVALID_ARGUMENT, malformed[language], 'MALFORMED_MESSAGE');
  }
  for (const [field, from] of rpc.callerFields) message[field] = caller[from];
  return Buffer.from(rpc.requestType.encode(message).finish());
}
