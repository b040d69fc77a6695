import { propagate, status as GrpcStatus, type CallOptions, type Client, type Metadata, type ServerUnaryCall, type ServerWritableStream, type StatusObject } from '@grpc/grpc-js';
import { UpstreamFailure } from '../upstream/upstream-failure';
import { serviceErrorOf } from './grpc-status';

/** Messages travel as the bytes the partner sent and the service answered: nothing is re-encoded. */
export const passBytes = (bytes: Buffer): Buffer => bytes;

/** A partner's call on the public port (it takes one request message). */
export type PartnerCall = ServerUnaryCall<Buffer, Buffer> | ServerWritableStream<Buffer, Buffer>;

/** Where and how one call is forwarded. */
export interface Forward {
  readonly client: Client;
  /** The service's name, for UpstreamFailure. */
  readonly upstream: string;
  readonly path: string;
  readonly request: Buffer;
  /** Built by the gateway: the principal, language and trace context, nothing of the partner's own. */
  readonly metadata: Metadata;
  /** The partner's call: its deadline and cancellation propagate to the service's call. */
  readonly parent: PartnerCall;
  /** The deadline when the partner set none (unary calls); absent: none (streams run as long as they need). */
  readonly defaultDeadlineMs?: number;
}

function callOptions({ parent, defaultDeadlineMs }: Forward): CallOptions {
  // grpc-js takes the earlier of this deadline and the parent's, and cancels with the parent.
  const own = parent.getDeadline();
  const noDeadline = own === Infinity;
  return {
    parent,
    propagate_flags: propagate.DEFAULTS,
    ...(noDeadline && defaultDeadlineMs !== undefined ? { deadline: Date.now() + defaultDeadlineMs } : {}),
  };
}

const failed = (forward: Forward, status: StatusObject) => new UpstreamFailure(forward.upstream, serviceErrorOf(status));

/** One unary call: the answer's bytes and trailers; a failure as UpstreamFailure carrying the service's status and trailers. */
export function forwardUnary(forward: Forward): Promise<{ readonly message: Buffer; readonly trailers: Metadata }> {
  return new Promise((resolve, reject) => {
    let answer: Buffer | undefined;
    const call = forward.client.makeUnaryRequest(forward.path, passBytes, passBytes, forward.request, forward.metadata, callOptions(forward), (_error, value) => {
      answer = value;
    });
    call.on('metadata', (headers: Metadata) => forward.parent.sendMetadata(headers));
    // The status carries the trailers either way; grpc-js emits it after the callback.
    call.on('status', (status: StatusObject) => {
      if (status.code === GrpcStatus.OK && answer !== undefined) resolve({ message: answer, trailers: status.metadata });
      else reject(failed(forward, status));
    });
  });
}

/**
 * One server stream, message by message into the partner's call, at the partner's pace (the
 * service's stream pauses while the partner's is full). Resolves with the trailers once the
 * service ended it well; rejects with the service's status otherwise.
 */
export function forwardServerStream(forward: Forward, into: ServerWritableStream<Buffer, Buffer>): Promise<Metadata> {
  return new Promise((resolve, reject) => {
    const call = forward.client.makeServerStreamRequest(forward.path, passBytes, passBytes, forward.request, forward.metadata, callOptions(forward));
    call.on('metadata', (headers: Metadata) => into.sendMetadata(headers));
    call.on('data', (message: Buffer) => {
      if (into.write(message)) return;
      call.pause();
      into.once('drain', () => call.resume());
    });
    // The same failure arrives as the status below, which also carries the trailers.
    call.on('error', () => undefined);
    call.on('status', (status: StatusObject) => (status.code === GrpcStatus.OK ? resolve(status.metadata) : reject(failed(forward, status))));
  });
}
