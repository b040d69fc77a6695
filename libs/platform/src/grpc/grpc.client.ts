import { Metadata, type CallOptions } from '@grpc/grpc-js';
import { ClientGrpcProxy } from '@nestjs/microservices';
import type { GrpcPackage } from '@zvonar/proto-ts';
import { grpcTransportOptions } from './grpc.options';

export interface GrpcClientOptions {
  /** `host:port` of the server. */
  readonly url: string;
  /** The proto package that declares the service. */
  readonly grpcPackage: GrpcPackage;
  /** Service name inside the package (the generated `..._SERVICE_NAME` constant). */
  readonly service: string;
  /** Applied to every call that does not pass its own CallOptions. */
  readonly deadlineMs: number;
}

export interface GrpcClient<T> {
  readonly service: T;
  close(): void;
}

/**
 * A client for a generated ts-proto `...ServiceClient` interface whose every call carries a
 * deadline. Without one, a call to a hung server waits forever and holds its caller's work
 * (and the caller's shutdown) with it.
 *
 * @example
 * const status = createGrpcClient<platformV1.StatusServiceClient>({ url, grpcPackage: platformV1Package,
 *   service: platformV1.STATUS_SERVICE_NAME, deadlineMs: 2_000 });
 * const answer = await firstValueFrom(status.service.getStatus({ probe: 'hello' }));
 */
export function createGrpcClient<T extends object>({
  url,
  grpcPackage,
  service,
  deadlineMs,
}: GrpcClientOptions): GrpcClient<T> {
  const proxy = new ClientGrpcProxy(grpcTransportOptions(url, [grpcPackage]).options);
  const raw = proxy.getService<T>(service);
  const withDeadlines = new Proxy(raw, {
    get(target, property, receiver) {
      const method: unknown = Reflect.get(target, property, receiver);
      if (typeof method !== 'function') return method;
      // Nest passes every argument through to grpc-js: (request, metadata, options, callback).
      return (request: unknown, metadata: Metadata = new Metadata(), options?: CallOptions) =>
        method.call(target, request, metadata, options ?? { deadline: Date.now() + deadlineMs });
    },
  });
  return { service: withDeadlines, close: () => proxy.close() };
}
