import { Metadata } from '@grpc/grpc-js';
import { createGrpcClient, type GrpcClient } from '@zvonar/platform';
import { principalMetadata, type Principal } from '@zvonar/project-access';
import { randomUUID } from 'node:crypto';
import { projectsV1, projectsV1Package } from '../src/project/api/projects.proto';

export type ProjectsClient = GrpcClient<projectsV1.ProjectsServiceClient>;

/** A real gRPC client of ProjectsService at `url` (what the gateway uses). */
export const projectsClient = (url: string): ProjectsClient =>
  createGrpcClient<projectsV1.ProjectsServiceClient>({
    url,
    grpcPackage: projectsV1Package,
    service: projectsV1.PROJECTS_SERVICE_NAME,
    deadlineMs: 10_000,
  });

/** A new user of a new account, with the email it signs in with. */
export const aUser = (name = 'user', roles: string[] = ['user']): Principal => {
  const id = randomUUID();
  return { accountId: `account-${id}`, userId: `user-${id}`, roles, email: `${name}-${id.slice(0, 8)}@example.com` };
};

/** The metadata the gateway sends for `principal`, optionally asking for English. */
export const as = (principal: Principal, language?: 'en'): Metadata => {
  const metadata = principalMetadata(principal);
  if (language) metadata.set('accept-language', 'en-US,en;q=0.9');
  return metadata;
};

/** Calls answered or failed, as every service's specs await them. */
export { call, failure } from '@zvonar/testing';
