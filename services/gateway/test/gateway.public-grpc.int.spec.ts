import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import { audiencesService } from '@zvonar/audiences';
import { fieldViolationsOf, FIELD_VIOLATIONS_METADATA_KEY, TestClock, type RunningService } from '@zvonar/platform';
import { principalMetadata } from '@zvonar/project-access';
import { audiencesV1, audiencesV1Package, projectsV1, projectsV1Package, scenariosV1, scenariosV1Package } from '@zvonar/proto-ts';
import { call, createTestDatabase, describeWithPostgres, eventually, failure } from '@zvonar/testing';
import { lastValueFrom, toArray } from 'rxjs';
import { retryDelaySecondsOf, STATUS_DETAILS_METADATA_KEY } from '../src/public-grpc/retry-info';
import { ConformingClient } from './conforming-client';
import { signedUpUser } from './journey';
import { startPlatform, type PlatformUnderTest } from './platform-under-test';
import { anApiKey, partnerMetadata, publicClient, publicGrpcAddress, rawUnary, startStandInProjects, startUnary } from './public-grpc';

// Each test signs partners up over REST and may wait for a service to learn a new project from
// its event (bounded polling up to 20 s): on a loaded machine that is more than jest's 5 s.
jest.setTimeout(60_000);

/** ListProjects of the caller's own projects. */
const myProjects: projectsV1.ListProjectsRequest = { list: projectsV1.ProjectList.PROJECT_LIST_MINE, sort: projectsV1.ProjectSort.PROJECT_SORT_UNSPECIFIED, reverse: false, page: undefined };

const EVERY_SCOPE = ['projects.read', 'projects.write', 'scenarios.read', 'scenarios.write', 'audiences.read', 'audiences.write'];

/** A partner: a signed-up account, its API key, and its generated clients on the public gRPC port. */
interface Partner {
  readonly accountId: string;
  readonly userId: string;
  readonly key: string;
  /** The signed-in user's access token (the console's credential; it works over gRPC too). */
  readonly accessToken: string;
  readonly as: (extra?: Record<string, string>) => Metadata;
}

/**
 * The public gRPC API: partners call the services' own RPCs on the gateway's public port with an
 * API key in metadata; the gateway authenticates and limits like REST, sets the principal itself
 * and forwards the bytes to identity, projects, scenarios and audiences hosted as in the all-in-one mode.
 */
describeWithPostgres('gateway: the public gRPC API', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let platform: PlatformUnderTest;
  let api: ConformingClient;
  let gateway: RunningService;
  let address: string;
  let projects: projectsV1.ProjectsServiceClient;
  let scenarios: scenariosV1.ScenariosServiceClient;
  let audiences: audiencesV1.AudiencesServiceClient;

  const aPartner = async (scopes: readonly string[] = EVERY_SCOPE): Promise<Partner> => {
    const { client, accessToken } = await signedUpUser(api);
    const profile = await client.get('/api/v1/profile');
    const key = await anApiKey(client, scopes);
    return { accountId: profile.body.accountId, userId: profile.body.userId, key, accessToken, as: (extra = {}) => partnerMetadata({ 'x-api-key': key, ...extra }) };
  };

  const aProjectOf = async (partner: Partner, name = 'Партнёрский проект'): Promise<string> => {
    const { project } = await call(projects.createProject({ name, description: '', customFields: [], tags: [] }, partner.as()));
    return project!.projectId;
  };

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'gateway_public_grpc');
    platform = await startPlatform(database.url, [audiencesService]);
    api = await ConformingClient.of(platform.gateway.httpUrl);
    gateway = await platform.startGateway({ PUBLIC_GRPC_PORT: '0' });
    address = publicGrpcAddress(gateway);
    projects = publicClient(address, projectsV1Package, projectsV1.PROJECTS_SERVICE_NAME);
    scenarios = publicClient(address, scenariosV1Package, scenariosV1.SCENARIOS_SERVICE_NAME);
    audiences = publicClient(address, audiencesV1Package, audiencesV1.AUDIENCES_SERVICE_NAME);
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await database?.drop();
  });

  it('listens on loopback on the port it was given (0: an ephemeral one)', () => {
    expect(address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(address).not.toBe('127.0.0.1:0');
  });

  it('lets a partner with an API key create and read a project and a scenario through the generated clients', async () => {
    const partner = await aPartner();
    const projectId = await aProjectOf(partner, 'Обзвон партнёра');
    const { project } = await call(projects.getProject({ projectId }, partner.as()));
    expect(project).toMatchObject({ projectId, name: 'Обзвон партнёра', ownerAccountId: partner.accountId });
    const withToken = await call(projects.getProject({ projectId }, partnerMetadata({ authorization: `Bearer ${partner.accessToken}` })));
    expect(withToken.project?.projectId).toBe(projectId);

    const created = await eventually(
      () => call(scenarios.createScenario({ projectId, name: 'Приветствие', graphJson: '' }, partner.as())).catch(() => false as const),
      { timeoutMs: 20_000, what: 'scenarios to accept the new project' },
    );
    const { scenario } = await call(scenarios.getScenario({ scenarioId: created.scenario!.scenarioId }, partner.as()));
    expect(scenario).toMatchObject({ projectId, name: 'Приветствие' });
  });

  it('refuses a call without a credential, or with an unknown key, as UNAUTHENTICATED in the caller\'s language', async () => {
    const none = await failure(projects.listProjects(myProjects, partnerMetadata({ 'accept-language': 'en' })));
    expect(none.code).toBe(GrpcStatus.UNAUTHENTICATED);
    expect(none.details).toBe('An access token (Authorization: Bearer …) or an API key (X-Api-Key) is required');
    expect(none.metadata.get('zvonar-error-code')).toEqual(['CREDENTIAL_REQUIRED']);
    const russian = await failure(projects.getProject({ projectId: 'any' }, partnerMetadata()));
    expect(russian.details).toMatch(/^Нужен токен доступа/);

    const unknownKey = await failure(projects.getProject({ projectId: 'any' }, partnerMetadata({ 'x-api-key': 'zk_nobody_000000000000000000000000' })));
    expect(unknownKey.code).toBe(GrpcStatus.UNAUTHENTICATED);
    const asBearer = await failure(projects.getProject({ projectId: 'any' }, partnerMetadata({ authorization: 'Bearer zk_nobody_000000000000000000000000' })));
    expect(asBearer.code).toBe(GrpcStatus.UNAUTHENTICATED);
  });

  it('takes the principal from the credential only: spoofed x-zvonar-* metadata neither reaches another account nor passes for a credential', async () => {
    const victim = await aPartner();
    const victimProject = await aProjectOf(victim, 'Чужой проект');
    const attacker = await aPartner();
    const spoof = { 'x-zvonar-account-id': victim.accountId, 'x-zvonar-user-id': victim.userId, 'x-zvonar-roles': 'admin', 'x-zvonar-email': 'boss@example.test' };

    expect((await failure(projects.getProject({ projectId: victimProject }, attacker.as(spoof)))).code).toBe(GrpcStatus.NOT_FOUND);
    const { project } = await call(projects.createProject({ name: 'Под чужим именем', description: '', customFields: [], tags: [] }, attacker.as(spoof)));
    expect(project!.ownerAccountId).toBe(attacker.accountId);
    const victimList = await call(projects.listProjects(myProjects, victim.as()));
    expect(victimList.projects.map(({ projectId }) => projectId)).toEqual([victimProject]);

    // Without a credential the principal keys are no way in either (services take a call without
    // a principal for an internal one, so the gateway must never let such a call through).
    const bare = await failure(projects.getProject({ projectId: victimProject }, partnerMetadata(spoof)));
    expect(bare.code).toBe(GrpcStatus.UNAUTHENTICATED);
  });

  it('fills the caller fields from the credential: a do-not-call entry lands in the caller\'s account whatever account_id says', async () => {
    const victim = await aPartner();
    const attacker = await aPartner();
    const added = await call(audiences.addToDoNotCall({ accountId: victim.accountId, phones: ['+79161112233'], defaultCountry: 'RU' }, attacker.as()));
    expect(added.added.map(({ phone }) => phone)).toEqual(['+79161112233']);
    const mine = await call(audiences.listDoNotCall({ accountId: '', page: undefined }, attacker.as()));
    expect(mine.entries.map(({ phone }) => phone)).toEqual(['+79161112233']);
    expect((await call(audiences.listDoNotCall({ accountId: '', page: undefined }, victim.as()))).entries).toEqual([]);
  });

  it('serves only the RPCs behind the REST routes: internal ones answer UNIMPLEMENTED, even to a signed-in partner', async () => {
    const partner = await aPartner();
    for (const path of [
      '/zvonar.projects.v1.ProjectsService/CheckProjectAccess',
      '/zvonar.projects.v1.ProjectsService/GetProjectFields',
      '/zvonar.identity.v1.IdentityService/Authenticate',
      '/zvonar.identity.v1.IdentityService/Login',
      '/zvonar.platform.v1.StatusService/GetStatus',
      '/zvonar.callcontrol.v1.CallsService/NoSuchMethod',
    ]) {
      const answer = await rawUnary(address, path, new Uint8Array(), partner.as());
      expect({ path, code: answer.status.code }).toEqual({ path, code: GrpcStatus.UNIMPLEMENTED });
    }
  });

  it('passes a validation error on unchanged: the status, its details and the field violations bytes the service sent', async () => {
    const partner = await aPartner();
    const request = projectsV1.CreateProjectRequest.encode({ name: '', description: '', customFields: [], tags: [] }).finish();
    const viaGateway = await rawUnary(address, '/zvonar.projects.v1.ProjectsService/CreateProject', request, partner.as({ 'accept-language': 'en' }));
    const projectsAddress = platform.services.get('projects')!.grpcUrl;
    const direct = await rawUnary(
      projectsAddress,
      '/zvonar.projects.v1.ProjectsService/CreateProject',
      request,
      principalMetadata({ accountId: partner.accountId, userId: partner.userId, roles: ['user'], email: '' }, partnerMetadata({ 'accept-language': 'en' })),
    );
    expect(viaGateway.status.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(viaGateway.status.details).toBe(direct.status.details);
    expect(viaGateway.status.metadata.get(FIELD_VIOLATIONS_METADATA_KEY)).toEqual(direct.status.metadata.get(FIELD_VIOLATIONS_METADATA_KEY));
    expect(fieldViolationsOf(viaGateway.status.metadata)).toEqual([expect.objectContaining({ field: 'name' })]);
  });

  it('streams a segment\'s contacts to its owner, and to nobody else', async () => {
    const owner = await aPartner();
    const projectId = await aProjectOf(owner);
    const { segment } = await eventually(
      () =>
        call(
          audiences.createSegment(
            { projectId, name: 'База', kind: audiencesV1.SegmentKind.SEGMENT_KIND_AUDIENCE, pastedList: '+79161234567\n+79161234568\n+79161234569', defaultCountry: 'RU' },
            owner.as(),
          ),
        ).catch(() => false as const),
      { timeoutMs: 20_000, what: 'audiences to accept the new project' },
    );
    const streamed = await lastValueFrom(audiences.streamSegmentContacts({ projectId, segmentId: segment!.segmentId }, owner.as()).pipe(toArray()));
    expect(streamed.map(({ contact }) => contact!.phone)).toEqual(['+79161234567', '+79161234568', '+79161234569']);

    const stranger = await aPartner();
    const refused = await failure(audiences.streamSegmentContacts({ projectId, segmentId: segment!.segmentId }, stranger.as()));
    expect(refused.code).toBe(GrpcStatus.NOT_FOUND);
  });

  it('keeps every account to its own resources: another account\'s key gets NOT_FOUND, as on REST', async () => {
    const owner = await aPartner();
    const projectId = await aProjectOf(owner);
    const { scenario } = await eventually(
      () => call(scenarios.createScenario({ projectId, name: 'Свой', graphJson: '' }, owner.as())).catch(() => false as const),
      { timeoutMs: 20_000, what: 'scenarios to accept the new project' },
    );
    const stranger = await aPartner();
    for (const attempt of [
      projects.getProject({ projectId }, stranger.as()),
      projects.archiveProject({ projectId }, stranger.as()),
      scenarios.getScenario({ scenarioId: scenario!.scenarioId }, stranger.as()),
      scenarios.listScenarios({ projectId, includeArchived: true, page: undefined }, stranger.as()),
    ])
      expect([GrpcStatus.NOT_FOUND, GrpcStatus.PERMISSION_DENIED]).toContain((await failure(attempt)).code);
    expect((await call(projects.getProject({ projectId }, owner.as()))).project!.status).toBe(projectsV1.ProjectStatus.PROJECT_STATUS_ACTIVE);
  });

  it('holds an API key to its scopes, as the REST route of the same RPC does', async () => {
    const reader = await aPartner(['projects.read']);
    const refused = await failure(projects.createProject({ name: 'Нельзя', description: '', customFields: [], tags: [] }, reader.as({ 'accept-language': 'en' })));
    expect(refused.code).toBe(GrpcStatus.PERMISSION_DENIED);
    expect(refused.details).toBe('The API key lacks the scope: projects.write');
    expect((await call(projects.listProjects(myProjects, reader.as()))).projects).toEqual([]);
  });

  it('replays a mutating call retried with the same idempotency-key, and refuses the key with another request', async () => {
    const partner = await aPartner();
    const path = '/zvonar.projects.v1.ProjectsService/CreateProject';
    const request = projectsV1.CreateProjectRequest.encode({ name: 'Один раз', description: '', customFields: [], tags: [] }).finish();
    const first = await rawUnary(address, path, request, partner.as({ 'idempotency-key': 'create-once-1' }));
    const retry = await rawUnary(address, path, request, partner.as({ 'idempotency-key': 'create-once-1' }));
    expect(first.status.code).toBe(GrpcStatus.OK);
    expect(retry.status.code).toBe(GrpcStatus.OK);
    expect(retry.message).toEqual(first.message);
    expect(retry.status.metadata.get('idempotent-replayed')).toEqual(['true']);
    expect((await call(projects.listProjects(myProjects, partner.as()))).projects).toHaveLength(1);

    const other = projectsV1.CreateProjectRequest.encode({ name: 'Другой', description: '', customFields: [], tags: [] }).finish();
    const reused = await rawUnary(address, path, other, partner.as({ 'idempotency-key': 'create-once-1' }));
    expect(reused.status.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(reused.status.metadata.get('zvonar-error-code')).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    const invalid = await rawUnary(address, path, other, partner.as({ 'idempotency-key': 'with space' }));
    expect(fieldViolationsOf(invalid.status.metadata)).toEqual([expect.objectContaining({ field: 'idempotency-key', code: 'INVALID_FORMAT' })]);
  });

  it('limits calls per account and per IP with the REST buckets: RESOURCE_EXHAUSTED with retry-after, then refilled', async () => {
    const clock = new TestClock(new Date());
    const limited = await platform.startGateway({ PUBLIC_GRPC_PORT: '0', RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: '2' }, clock);
    const limitedProjects = publicClient<projectsV1.ProjectsServiceClient>(publicGrpcAddress(limited), projectsV1Package, projectsV1.PROJECTS_SERVICE_NAME);
    const partner = await aPartner();
    const list = () => limitedProjects.listProjects(myProjects, partner.as({ 'accept-language': 'en' }));
    await call(list());
    await call(list());
    const refused = await failure(list());
    expect(refused.code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
    expect(refused.details).toBe('Too many requests, retry later');
    expect(refused.metadata.get('retry-after')).toEqual(['30']);
    const [statusDetails] = refused.metadata.get(STATUS_DETAILS_METADATA_KEY);
    expect(retryDelaySecondsOf(statusDetails as Buffer)).toBe(30);
    clock.advance(30_000); // two a minute: one token back every 30 s
    await call(list());

    const perIp = await platform.startGateway({ PUBLIC_GRPC_PORT: '0', RATE_LIMIT_PER_IP_PER_MINUTE: '2' });
    const ipProjects = publicClient<projectsV1.ProjectsServiceClient>(publicGrpcAddress(perIp), projectsV1Package, projectsV1.PROJECTS_SERVICE_NAME);
    const anonymous = () => ipProjects.getProject({ projectId: 'any' }, partnerMetadata());
    expect((await failure(anonymous())).code).toBe(GrpcStatus.UNAUTHENTICATED);
    expect((await failure(anonymous())).code).toBe(GrpcStatus.UNAUTHENTICATED);
    expect((await failure(anonymous())).code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
  });

  it('hands the partner\'s deadline and cancellation on to the service', async () => {
    const upstream = await startStandInProjects();
    try {
      const proxied = await platform.startGateway({ PUBLIC_GRPC_PORT: '0', PROJECTS_GRPC_URL: upstream.address });
      const proxiedAddress = publicGrpcAddress(proxied);
      const partner = await aPartner();
      const request = projectsV1.GetProjectRequest.encode({ projectId: 'never-answers' }).finish();
      const deadline = Date.now() + 3_000;
      const late = await rawUnary(proxiedAddress, '/zvonar.projects.v1.ProjectsService/GetProject', request, partner.as(), { deadline });
      expect(late.status.code).toBe(GrpcStatus.DEADLINE_EXCEEDED);
      const [seen] = upstream.calls;
      // grpc-timeout travels relative to each hop's clock: the service's deadline is the partner's, less transit.
      expect(Math.abs(seen!.deadline - deadline)).toBeLessThan(500);
      expect(seen!.principal).toBe(partner.accountId);
      await eventually(() => seen!.cancelled, { what: 'the service call to end with the partner\'s' });

      const cancelled = startUnary(proxiedAddress, '/zvonar.projects.v1.ProjectsService/GetProject', request, partner.as());
      const second = await eventually(() => upstream.calls[1], { what: 'the second call to reach the service' });
      // The partner set none: the gateway's own upstream deadline (GRPC_CLIENT_DEADLINE_MS, 5 s) applies.
      expect(second.deadline - second.receivedAt).toBeGreaterThan(4_000);
      expect(second.deadline - second.receivedAt).toBeLessThanOrEqual(5_000);
      cancelled.cancel();
      await eventually(() => second.cancelled, { what: 'the partner\'s cancellation to reach the service' });
    } finally {
      upstream.stop();
    }
  });

  it('passes a service\'s response headers and trailers through, and words its internal error as REST does', async () => {
    const upstream = await startStandInProjects();
    try {
      const proxied = await platform.startGateway({ PUBLIC_GRPC_PORT: '0', PROJECTS_GRPC_URL: upstream.address });
      const proxiedAddress = publicGrpcAddress(proxied);
      const partner = await aPartner();
      const path = '/zvonar.projects.v1.ProjectsService/GetProject';
      const answered = await rawUnary(proxiedAddress, path, projectsV1.GetProjectRequest.encode({ projectId: 'with-trailers' }).finish(), partner.as());
      expect(answered.status.code).toBe(GrpcStatus.OK);
      expect(answered.headers?.get('x-served-by')).toEqual(['projects-7']);
      expect(answered.status.metadata.get('x-cost-units')).toEqual(['3']);

      const broken = await rawUnary(proxiedAddress, path, projectsV1.GetProjectRequest.encode({ projectId: 'internal' }).finish(), partner.as({ 'accept-language': 'en' }));
      expect(broken.status.code).toBe(GrpcStatus.INTERNAL);
      expect(broken.status.details).toBe('projects failed (error id err-7)');
      expect(broken.status.metadata.get('zvonar-error-id')).toEqual(['err-7']);
    } finally {
      upstream.stop();
    }
  });

  it('refuses new calls UNAVAILABLE once the gateway drains, so a retrying partner lands on another instance', async () => {
    const draining = await platform.startGateway({ PUBLIC_GRPC_PORT: '0' });
    const drainingProjects = publicClient<projectsV1.ProjectsServiceClient>(publicGrpcAddress(draining), projectsV1Package, projectsV1.PROJECTS_SERVICE_NAME);
    const partner = await aPartner();
    await call(drainingProjects.listProjects(myProjects, partner.as()));
    draining.inFlight.stopAccepting();
    const refused = await failure(drainingProjects.listProjects(myProjects, partner.as({ 'accept-language': 'en' })));
    expect(refused.code).toBe(GrpcStatus.UNAVAILABLE);
    expect(refused.details).toBe('gateway is unavailable');
    expect(refused.metadata.get('zvonar-error-code')).toEqual(['SERVICE_DRAINING']);
  });
});
