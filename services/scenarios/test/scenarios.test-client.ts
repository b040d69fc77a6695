import { Metadata } from '@grpc/grpc-js';
import { createGrpcClient, type GrpcClient } from '@zvonar/platform';
import { principalMetadata, type Principal } from '@zvonar/project-access';
import { scenariosV1, scenariosV1Package } from '../src/scenario/api/scenarios.proto';

export type ScenariosClient = GrpcClient<scenariosV1.ScenariosServiceClient>;

/** A real gRPC client of ScenariosService at `url` (what the gateway and other services use). */
export const scenariosClient = (url: string): ScenariosClient =>
  createGrpcClient<scenariosV1.ScenariosServiceClient>({
    url,
    grpcPackage: scenariosV1Package,
    service: scenariosV1.SCENARIOS_SERVICE_NAME,
    deadlineMs: 10_000,
  });

/**
 * The client with `principal`'s metadata on every call, as the gateway forwards it, added to the
 * metadata a call passes (accept-language).
 */
export const actingAs = (client: ScenariosClient['service'], principal: Principal): ScenariosClient['service'] =>
  new Proxy(client, {
    get(target, property, receiver) {
      const method: unknown = Reflect.get(target, property, receiver);
      if (typeof method !== 'function') return method;
      return (request: unknown, metadata: Metadata = new Metadata()) =>
        method.call(target, request, principalMetadata(principal, metadata.clone()));
    },
  });

/** Call metadata asking for English messages. */
export const inEnglish = (): Metadata => {
  const metadata = new Metadata();
  metadata.set('accept-language', 'en-US,en;q=0.9');
  return metadata;
};

/** Calls answered or failed, as every service's specs await them. */
export { call, failure } from '@zvonar/testing';
