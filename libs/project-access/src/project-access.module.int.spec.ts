import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { Controller, Inject, Module, UseFilters } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { PostgresIntegrationBus } from '@zvonar/messaging-postgres';
import { createGrpcClient, createPool, envUrl, ERROR_CODE_METADATA_KEY, PostgresModule, startService, type GrpcClient, type RunningService } from '@zvonar/platform';
import { projectsV1, projectsV1Package } from '@zvonar/proto-ts';
import { createTestDatabase, describeWithPostgres, eventually } from '@zvonar/testing';
import type { Pool } from 'pg';
import { firstValueFrom } from 'rxjs';
import { z } from 'zod';
import { ProjectAccessGrpcFilter } from './access/project-access.grpc-filter';
import { PROJECT_ACCESS, type ProjectAccess } from './access/project-access.port';
import type { Principal } from './principal/principal';
import { principalFromMetadata, principalMetadata } from './principal/principal.metadata';
import { ProjectAccessModule } from './project-access.module';
import { projectAccessMigrations } from './read-model/project-access.migrations';
import { projectEvents } from './testing/project-event-messages';

// A stand-in for scenarios, campaigns, ...: a service wired exactly as the README says, serving
// one read verb (GetProject) and one write verb (UpdateProject) guarded by the access rule.
@Controller()
@UseFilters(ProjectAccessGrpcFilter)
class GuardedController {
  constructor(@Inject(PROJECT_ACCESS) private readonly access: ProjectAccess) {}

  @GrpcMethod('ProjectsService', 'GetProject')
  async getProject(request: projectsV1.GetProjectRequest, metadata: Metadata): Promise<projectsV1.GetProjectResponse> {
    await this.access.assertAccess(principalFromMetadata(metadata), request.projectId, 'read');
    return { project: { projectId: request.projectId } as projectsV1.Project };
  }

  @GrpcMethod('ProjectsService', 'UpdateProject')
  async updateProject(request: projectsV1.UpdateProjectRequest, metadata: Metadata): Promise<projectsV1.UpdateProjectResponse> {
    await this.access.assertAccess(principalFromMetadata(metadata), request.projectId, 'write');
    return { project: { projectId: request.projectId } as projectsV1.Project };
  }
}

@Module({
  imports: [
    PostgresModule.forService({ schema: 'guarded', migrations: projectAccessMigrations }),
    ProjectAccessModule.forService({ service: 'guarded', schema: 'guarded' }),
  ],
  controllers: [GuardedController],
})
class GuardedModule {}

const at = new Date('2026-03-01T10:00:00Z');
const projectOwner = { userId: 'owner', accountId: 'account-of-owner' };
const person = (userId: string, roles = ['user']): Principal => ({ accountId: `account-of-${userId}`, userId, roles, email: `${userId}@example.com` });

describeWithPostgres('ProjectAccessModule in a service: gRPC calls authorised from the read model', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let service: RunningService;
  let client: GrpcClient<projectsV1.ProjectsServiceClient>;
  let producerPool: Pool;
  let producer: PostgresIntegrationBus;

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'project_access_module');
    producerPool = createPool(database.url, { schema: 'projects', max: 2 });
    producer = await PostgresIntegrationBus.connect({ pool: producerPool, schema: 'projects' });
    service = await startService(
      {
        name: 'guarded',
        module: GuardedModule,
        configSchema: z.object({ DATABASE_URL: envUrl('postgres', 'postgresql'), BUS: z.enum(['embedded', 'kafka']).default('embedded') }),
        grpc: { packages: [projectsV1Package] },
      },
      { DATABASE_URL: database.url, HTTP_HOST: '127.0.0.1', HTTP_PORT: '0', GRPC_HOST: '127.0.0.1', GRPC_PORT: '0', LOG_LEVEL: 'warn' },
    );
    client = createGrpcClient<projectsV1.ProjectsServiceClient>({ url: service.grpcUrl, grpcPackage: projectsV1Package, service: projectsV1.PROJECTS_SERVICE_NAME, deadlineMs: 10_000 });
  });

  afterAll(async () => {
    client?.close();
    await service?.shutdown();
    await producer?.close();
    await producerPool?.end();
    await database?.drop();
  });

  const get = (metadata: Metadata, projectId = 'project-m') => firstValueFrom(client.service.getProject({ projectId }, metadata));
  const statusOf = (attempt: Promise<unknown>) =>
    attempt.then(
      () => ({ code: GrpcStatus.OK, details: '', errorCode: undefined as unknown }),
      (error: ServiceError) => ({ code: error.code, details: error.details, errorCode: error.metadata?.get(ERROR_CODE_METADATA_KEY)[0] }),
    );

  it('answers UNAUTHENTICATED, NOT_FOUND, PERMISSION_DENIED and FAILED_PRECONDITION with words in the caller language', async () => {
    await producer.publish([
      projectEvents.created('project-m', projectOwner, at, 'M'),
      projectEvents.granted('project-m', projectOwner, projectsV1.ProjectRole.PROJECT_ROLE_OWNER, at),
    ]);
    await eventually(async () => (await statusOf(get(principalMetadata(person('owner'))))).code === GrpcStatus.OK, { what: 'the owner reads the project' });

    expect(await statusOf(get(new Metadata()))).toEqual({ code: GrpcStatus.UNAUTHENTICATED, details: 'Требуется вход в систему', errorCode: 'UNAUTHENTICATED' });
    const english = principalMetadata(person('stranger'));
    english.set('accept-language', 'en');
    expect(await statusOf(get(english))).toEqual({ code: GrpcStatus.NOT_FOUND, details: 'Project not found', errorCode: 'PROJECT_NOT_FOUND' });
    // An unknown id is answered exactly like someone else's project.
    expect(await statusOf(get(english, 'no-such-project'))).toEqual({ code: GrpcStatus.NOT_FOUND, details: 'Project not found', errorCode: 'PROJECT_NOT_FOUND' });
    const support = principalMetadata(person('helper', ['user', 'support']));
    expect((await statusOf(get(support))).code).toBe(GrpcStatus.OK);
    expect(await statusOf(firstValueFrom(client.service.updateProject({ projectId: 'project-m' }, support)))).toMatchObject({ code: GrpcStatus.PERMISSION_DENIED, errorCode: 'PROJECT_ACCESS_DENIED' });

    await producer.publish([projectEvents.archived('project-m', at)]);
    const owner = principalMetadata(person('owner'));
    await eventually(async () => (await statusOf(firstValueFrom(client.service.updateProject({ projectId: 'project-m' }, owner)))).code === GrpcStatus.FAILED_PRECONDITION, {
      what: 'the archived project refuses writes',
    });
    expect((await statusOf(get(owner))).code).toBe(GrpcStatus.OK);
  });

  it('counts the consumer in the service readiness', async () => {
    const response = await fetch(`${service.httpUrl}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ready: true, checks: { 'project-access-consumer': { ok: true } } });
  });
});
