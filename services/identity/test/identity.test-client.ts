import { Metadata, type ServiceError } from '@grpc/grpc-js';
import { createGrpcClient, ERROR_CODE_METADATA_KEY, type GrpcClient } from '@zvonar/platform';
import { identityV1, identityV1Package } from '../src/identity/api/identity.proto';

export type IdentityClient = GrpcClient<identityV1.IdentityServiceClient>;

/** A real gRPC client of IdentityService at `url` (what the gateway uses). */
export const identityClient = (url: string): IdentityClient =>
  createGrpcClient<identityV1.IdentityServiceClient>({
    url,
    grpcPackage: identityV1Package,
    service: identityV1.IDENTITY_SERVICE_NAME,
    deadlineMs: 20_000,
  });

/** Call metadata: a bearer token and/or English messages. */
export const metadata = ({ bearer, english }: { bearer?: string; english?: boolean }): Metadata => {
  const value = new Metadata();
  if (bearer) value.set('authorization', `Bearer ${bearer}`);
  if (english) value.set('accept-language', 'en-US,en;q=0.9');
  return value;
};

/** Calls answered or failed, as every service's specs await them. */
export { call, failure } from '@zvonar/testing';

/** What a client can tell about a failure: status, stable code, message, retry-after. */
export const outcome = (error: ServiceError) => ({
  code: error.code,
  errorCode: error.metadata?.get(ERROR_CODE_METADATA_KEY)[0],
  details: error.details,
  retryAfter: error.metadata?.get('retry-after')[0],
});
