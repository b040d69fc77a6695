import { Root, type Type } from 'protobufjs';

/** The trailer gRPC's rich error model reads its `google.rpc.Status` from. */
export const STATUS_DETAILS_METADATA_KEY = 'grpc-status-details-bin';

// The three messages of the rich error model a RetryInfo needs, declared here: Zvonar's proto
// module does not vendor googleapis for one detail type.
const richErrors = Root.fromJSON({
  nested: {
    google: {
      nested: {
        protobuf: {
          nested: {
            Any: { fields: { typeUrl: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 } } },
            Duration: { fields: { seconds: { type: 'int64', id: 1 }, nanos: { type: 'int32', id: 2 } } },
          },
        },
        rpc: {
          nested: {
            Status: { fields: { code: { type: 'int32', id: 1 }, message: { type: 'string', id: 2 }, details: { rule: 'repeated', type: 'google.protobuf.Any', id: 3 } } },
            RetryInfo: { fields: { retryDelay: { type: 'google.protobuf.Duration', id: 1 } } },
          },
        },
      },
    },
  },
});

const type = (name: string): Type => richErrors.lookupType(name);

/**
 * `google.rpc.Status` carrying a `google.rpc.RetryInfo`: how gRPC clients in any language (grpc-go's
 * status.Details, grpc-java's StatusProto) learn when to retry a RESOURCE_EXHAUSTED, besides the
 * plain `retry-after` trailer Zvonar's services use.
 */
export function retryInfoStatusDetails(code: number, message: string, retryAfterSeconds: number): Buffer {
  const retryInfo = type('google.rpc.RetryInfo').encode({ retryDelay: { seconds: retryAfterSeconds, nanos: 0 } }).finish();
  const details = [{ typeUrl: 'type.googleapis.com/google.rpc.RetryInfo', value: retryInfo }];
  return Buffer.from(type('google.rpc.Status').encode({ code, message, details }).finish());
}

/** The retry delay in a `grpc-status-details-bin` value, in seconds; undefined when it holds none. */
export function retryDelaySecondsOf(statusDetails: Buffer): number | undefined {
  const status = type('google.rpc.Status').decode(statusDetails) as unknown as { details: { typeUrl: string; value: Uint8Array }[] };
  const detail = status.details.find(({ typeUrl }) => typeUrl.endsWith('/google.rpc.RetryInfo'));
  if (!detail) return undefined;
  const { retryDelay } = type('google.rpc.RetryInfo').decode(detail.value) as unknown as { retryDelay?: { seconds: number | { toNumber(): number } } };
  const seconds = retryDelay?.seconds;
  return typeof seconds === 'number' ? seconds : seconds?.toNumber();
}
