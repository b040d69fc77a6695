import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import type { OnApplicationShutdown, Provider } from '@nestjs/common';
import { createGrpcClient, grpcUrlVariable, SERVICE_CONFIG, type GrpcClient, type PlatformConfig } from '@zvonar/platform';
import type { GrpcPackage } from '@zvonar/proto-ts';
import { firstValueFrom, type Observable } from 'rxjs';
import { callMetadata } from './call-metadata';
import type { CallContext } from './call-context';
import { UpstreamFailure } from './upstream-failure';

/** A service's gRPC client as the routes use it; absent when the service's URL is not configured. */
export class Upstream<T extends object> implements OnApplicationShutdown {
  constructor(
    /** The service's name (`campaigns`), used in 503 details. */
    readonly name: string,
    private readonly client: GrpcClient<T> | undefined,
  ) {}

  /**
   * One call with the request's metadata. A gRPC failure becomes an UpstreamFailure naming this
   * service; a service that is not configured fails the same way as one that is down (UNAVAILABLE).
   */
  async call<R>(context: CallContext, invoke: (service: T, metadata: Metadata) => Observable<R>): Promise<R> {
    if (!this.client) throw new UpstreamFailure(this.name, notConfigured(this.name));
    try {
      return await firstValueFrom(invoke(this.client.service, callMetadata(context)));
    } catch (error) {
      if (isServiceError(error)) throw new UpstreamFailure(this.name, error);
      throw error;
    }
  }

  onApplicationShutdown(): void {
    this.client?.close();
  }
}

const isServiceError = (error: unknown): error is ServiceError =>
  error instanceof Error && typeof (error as Partial<ServiceError>).code === 'number';

const notConfigured = (name: string): ServiceError =>
  Object.assign(new Error(`${grpcUrlVariable(name)} is not set`), {
    code: GrpcStatus.UNAVAILABLE,
    details: `${grpcUrlVariable(name)} is not set`,
    metadata: new Metadata(),
  });

export interface UpstreamSpec {
  /** Service folder name: `call-control`. */
  readonly name: string;
  readonly grpcPackage: GrpcPackage;
  /** The generated `..._SERVICE_NAME` constant. */
  readonly service: string;
}

/** The upstream at `<NAME>_GRPC_URL` of `config`, or an unconfigured one that answers 503. */
export function connectUpstream<T extends object>(spec: UpstreamSpec, config: Record<string, unknown>, deadlineMs: number): Upstream<T> {
  const url = config[grpcUrlVariable(spec.name)];
  const client =
    typeof url === 'string' ? createGrpcClient<T>({ url, grpcPackage: spec.grpcPackage, service: spec.service, deadlineMs }) : undefined;
  return new Upstream<T>(spec.name, client);
}

/** A Nest provider of the upstream `spec` under `token`, with the platform's call deadline. */
export const upstreamProvider = (token: symbol, spec: UpstreamSpec): Provider => ({
  provide: token,
  inject: [SERVICE_CONFIG],
  useFactory: (config: PlatformConfig) => connectUpstream(spec, config as unknown as Record<string, unknown>, config.GRPC_CLIENT_DEADLINE_MS),
});
