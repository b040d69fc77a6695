import { Metadata, type ServiceError } from '@grpc/grpc-js';
import { principalMetadata, type Principal } from '@zvonar/project-access';
import { createGrpcClient, startService, type GrpcClient, type RunningService } from '@zvonar/platform';
import { firstValueFrom, lastValueFrom, toArray, type Observable } from 'rxjs';
import { audiencesService } from '../src/audiences.service';
import { audiencesV1, audiencesV1Package } from '../src/segment/api/audiences.proto';

export type AudiencesClient = GrpcClient<audiencesV1.AudiencesServiceClient>;

/** A real gRPC client of AudiencesService at `url` (what the gateway and campaigns use). */
export const audiencesClient = (url: string): AudiencesClient =>
  createGrpcClient<audiencesV1.AudiencesServiceClient>({ url, grpcPackage: audiencesV1Package, service: audiencesV1.AUDIENCES_SERVICE_NAME, deadlineMs: 20_000 });

/** The audiences service on loopback ports, in this process, with a client; for int specs. */
export async function startAudiences(env: Record<string, string>): Promise<{ service: RunningService; client: AudiencesClient; stop(): Promise<void> }> {
  const service = await startService(audiencesService, { HTTP_HOST: '127.0.0.1', HTTP_PORT: '0', GRPC_HOST: '127.0.0.1', GRPC_PORT: '0', LOG_LEVEL: 'warn', ...env });
  const client = audiencesClient(service.grpcUrl);
  return {
    service,
    client,
    stop: async () => {
      client.close();
      await service.shutdown();
    },
  };
}

export const inEnglish = (): Metadata => {
  const metadata = new Metadata();
  metadata.set('accept-language', 'en-US,en;q=0.9');
  return metadata;
};

export const aUser = (name: string, accountId = `account-of-${name}`): Principal => ({ accountId, userId: `user-${name}`, roles: ['user'], email: `${name}@example.com` });

/**
 * The client as `principal` calls it through the gateway: every call carries the principal's
 * metadata, merged into the metadata a call passes (its language).
 */
export function as<T extends object>(service: T, principal: Principal): T {
  return new Proxy(service, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (request: unknown, metadata?: Metadata) => (value as (request: unknown, metadata: Metadata) => unknown).call(target, request, principalMetadata(principal, metadata ?? new Metadata()));
    },
  });
}

export const call = <T>(observable: Observable<T>): Promise<T> => firstValueFrom(observable);
export const all = <T>(observable: Observable<T>): Promise<T[]> => lastValueFrom(observable.pipe(toArray()));

/** The status of a call that must fail; a success fails the test. */
export const failure = (observable: Observable<unknown>): Promise<ServiceError> =>
  firstValueFrom(observable).then(
    () => Promise.reject(new Error('expected the call to fail')),
    (error: ServiceError) => error,
  );
