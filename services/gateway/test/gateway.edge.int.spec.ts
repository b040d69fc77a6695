import { freePort, TestClock } from '@zvonar/platform';
import { createTestDatabase, describeWithPostgres } from '@zvonar/testing';
import { Pool } from 'pg';
import { PostgresIdempotencyStore } from '../src/idempotency/idempotency.store';
import { requestFingerprint } from '../src/idempotency/request-fingerprint';
import { ConformingClient } from './conforming-client';
import { openApiProblems } from './openapi-conformance';
import { aDtmfScenarioGraph, aProject, once404Passes, signedUpUser } from './journey';
import { startPlatform, type PlatformUnderTest } from './platform-under-test';
import { RestClient } from './rest-client';

const english = { 'accept-language': 'en-US,en;q=0.9' };

/** What the gateway does at the edge: errors, authentication, idempotency, limits, dependencies, docs. */
describeWithPostgres('gateway: the edge of the REST API', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let platform: PlatformUnderTest;
  let api: ConformingClient;
  let user: ConformingClient;
  /** The scenarios of a project of `user`, known to scenarios before the specs run. */
  let scenarios: string;

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'gateway_edge');
    platform = await startPlatform(database.url);
    api = await ConformingClient.of(platform.gateway.httpUrl);
    ({ client: user } = await signedUpUser(api));
    scenarios = `/api/v1/projects/${await aProject(user)}/scenarios`;
    await once404Passes(() => user.get(scenarios), 'scenarios to know the project');
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
    await database?.drop();
  });

  describe('errors are application/problem+json', () => {
    it('lists every invalid and unknown body field the gateway itself refuses, in the language asked for', async () => {
      const answer = await user.post('/api/v1/projects/p-1/scenarios', { name: '', graph: 'not an object', colour: 'red' }, english);

      expect(answer.status).toBe(422);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body).toMatchObject({ type: 'urn:zvonar:problem:invalid', title: 'The request data is invalid', status: 422, code: 'INVALID_REQUEST', instance: '/api/v1/projects/p-1/scenarios' });
      expect(answer.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'name', code: 'TOO_SMALL', message: 'Too short' },
          { field: 'graph', code: 'INVALID_TYPE', message: 'Wrong type of value' },
          { field: 'colour', code: 'UNKNOWN_FIELD', message: 'Unknown field' },
        ]),
      );
    });

    it('speaks Russian by default', async () => {
      const answer = await user.post('/api/v1/projects/p-1/scenarios', {});
      expect(answer.body).toMatchObject({ title: 'Некорректные данные запроса', errors: [{ field: 'name', code: 'REQUIRED', message: 'Обязательное поле' }] });
      expect(answer.headers.get('content-language')).toBe('ru');
    });

    it("passes on a service's field violations (publishing a graph that breaks rules)", async () => {
      const broken = { startNodeId: 'answer', nodes: [{ id: 'answer', cards: [{ type: 'Play', id: 'p', source: { kind: 'text', text: 'Алло' } }] }] };
      const created = await user.post(scenarios, { name: 'Без конца', graph: broken });

      const answer = await user.post(`/api/v1/scenarios/${created.body.scenarioId}/versions`, {}, english);

      expect(answer.status).toBe(422);
      expect(answer.body.errors.length).toBeGreaterThan(0);
      expect(answer.body.errors[0]).toEqual({ field: expect.stringMatching(/^graph\.nodes\[answer\]/), code: expect.any(String), message: expect.any(String) });
    });

    it('maps a stale revision to 409 and an unknown id to 404', async () => {
      const created = await user.post(scenarios, { name: 'Версии', graph: aDtmfScenarioGraph() });
      const stale = await user.put(`/api/v1/scenarios/${created.body.scenarioId}/draft`, { expectedRevision: created.body.draftRevision + 5, name: 'x' });
      expect(stale).toMatchObject({ status: 409, body: { status: 409, code: expect.any(String) } });

      const unknown = await user.get('/api/v1/scenarios/00000000-0000-7000-8000-000000000000');
      expect(unknown).toMatchObject({ status: 404, body: { type: 'urn:zvonar:problem:not-found', status: 404 } });
    });

    it('answers an unknown route and an unparsable body with problems too', async () => {
      const rest = new RestClient(platform.gateway.httpUrl);
      const missing = await rest.get('/api/v1/no-such-route');
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toContain('application/problem+json');

      const malformed = await rest.post('/api/v1/auth/login', '{"email": ', {});
      expect(malformed.status).toBe(400);
      expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    });
  });

  describe('authentication', () => {
    it('answers 401 without a credential, and with a forged one', async () => {
      const none = await api.get('/api/v1/profile', english);
      expect(none).toMatchObject({ status: 401, body: { status: 401, code: 'CREDENTIAL_REQUIRED', title: 'Authentication required' } });
      expect(none.headers.get('www-authenticate')).toBe('Bearer');

      const forged = await api.get('/api/v1/profile', { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.forged' });
      expect(forged).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS' } });
      const unknownKey = await api.get('/api/v1/profile', { 'x-api-key': 'zk_abcdef_unknown' });
      expect(unknownKey.status).toBe(401);
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first answer to a retry instead of running it again', async () => {
      const key = { 'idempotency-key': `create-${Date.now()}` };
      const first = await user.post(scenarios, { name: 'Один раз' }, key);
      const retry = await user.post(scenarios, { name: 'Один раз' }, key);

      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      const listed = await user.get(scenarios);
      expect(listed.body.items.filter((item: { name: string }) => item.name === 'Один раз')).toHaveLength(1);
    });

    it('refuses the same key with a different body (422)', async () => {
      const key = { 'idempotency-key': `mismatch-${Date.now()}` };
      await user.post(scenarios, { name: 'Первый' }, key);
      const other = await user.post(scenarios, { name: 'Другой' }, key);
      expect(other).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    });

    it('answers 409 while the first request with the key is still running (on another replica)', async () => {
      const key = `in-flight-${Date.now()}`;
      const body = { name: 'Долгий' };
      const accountId = (await user.get('/api/v1/profile')).body.accountId as string;
      const pool = new Pool({ connectionString: database.url, options: '-c search_path=gateway' });
      try {
        await new PostgresIdempotencyStore(pool).claim(
          { accountId, key, fingerprint: requestFingerprint('POST', scenarios, body) },
          { now: new Date(), ttlMs: 86_400_000, inFlightTimeoutMs: 60_000 },
        );
      } finally {
        await pool.end();
      }

      const answer = await user.post(scenarios, body, { 'idempotency-key': key });
      expect(answer).toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_KEY_IN_FLIGHT' } });
    });

    it('scopes keys per account: another account with the same key and request runs its own', async () => {
      const key = { 'idempotency-key': `shared-${Date.now()}` };
      const request = { name: 'CRM', scopes: ['campaigns.read'] };
      const mine = await user.post('/api/v1/api-keys', request, key);
      const { client: stranger } = await signedUpUser(api);
      const theirs = await stranger.post('/api/v1/api-keys', request, key);

      expect(theirs.status).toBe(201);
      expect(theirs.headers.get('idempotent-replayed')).toBeNull();
      expect(theirs.body.apiKey.apiKeyId).not.toBe(mine.body.apiKey.apiKeyId);
    });

    it('releases the key of a request that failed, so the corrected retry runs', async () => {
      const key = { 'idempotency-key': `failed-${Date.now()}` };
      const created = await user.post(scenarios, { name: 'Ревизия', graph: aDtmfScenarioGraph() });
      const path = `/api/v1/scenarios/${created.body.scenarioId}/versions`;
      expect((await user.post(path, { expectedRevision: 99 }, key)).status).toBe(409);
      expect((await user.post(path, { expectedRevision: 99 }, key)).status).toBe(409);
      expect((await user.post(path, { expectedRevision: created.body.draftRevision }, { 'idempotency-key': `${key['idempotency-key']}-fixed` })).status).toBe(201);
    });
  });

  describe('rate limits', () => {
    it('answers 429 with Retry-After once an IP spends its burst', async () => {
      const limited = await platform.startGateway({ RATE_LIMIT_PER_IP_PER_MINUTE: '3' });
      const rest = new RestClient(limited.httpUrl, english);
      const statuses = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await rest.get('/api/v1/dev/outbox?limit=1')).status);

      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await rest.get('/api/v1/dev/outbox?limit=1');
      expect(refused.body).toMatchObject({ status: 429, code: 'RATE_LIMITED', title: 'Too many requests' });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    });

    it('limits each account on its own, and lets it go on once its bucket refilled', async () => {
      const { accessToken } = await signedUpUser(api);
      const { accessToken: otherToken } = await signedUpUser(api);
      const clock = new TestClock();
      const limited = await platform.startGateway({ RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: '2' }, clock);
      const rest = new RestClient(limited.httpUrl);
      const profile = async (token: string) => (await rest.get('/api/v1/profile', { authorization: `Bearer ${token}` })).status;

      expect([await profile(accessToken), await profile(accessToken), await profile(accessToken)]).toEqual([200, 200, 429]);
      expect(await profile(otherToken)).toBe(200);

      clock.advance(30_000); // two a minute: one token back every 30 s
      expect([await profile(accessToken), await profile(accessToken)]).toEqual([200, 429]);
    });
  });

  describe('a dependency that is down', () => {
    it('answers 503 naming it, while the routes of the others work', async () => {
      const closedPort = await freePort();
      const degraded = await platform.startGateway({ SCENARIOS_GRPC_URL: `127.0.0.1:${closedPort}` });
      const rest = new RestClient(degraded.httpUrl, english);
      const { accessToken } = await signedUpUser(api);
      const signedIn = rest.with({ authorization: `Bearer ${accessToken}` });

      const answer = await signedIn.get('/api/v1/projects/p-1/scenarios');
      expect(answer).toMatchObject({ status: 503, body: { status: 503, detail: 'scenarios is unavailable', dependency: 'scenarios', code: 'DEPENDENCY_UNAVAILABLE' } });
      expect((await signedIn.get('/api/v1/profile')).status).toBe(200);
    });

    it('answers 503 naming a service whose URL is not configured', async () => {
      const withoutScenarios = await platform.startGateway({ SCENARIOS_GRPC_URL: '' });
      const { accessToken } = await signedUpUser(api);
      const answer = await new RestClient(withoutScenarios.httpUrl).get('/api/v1/scenarios/any', { authorization: `Bearer ${accessToken}` });
      expect(answer).toMatchObject({ status: 503, body: { detail: 'Сервис scenarios недоступен', dependency: 'scenarios' } });
    });
  });

  describe('the OpenAPI document', () => {
    it('is a valid OpenAPI 3.1 document in which every operation has its answer and its problems', async () => {
      const document = (await new RestClient(platform.gateway.httpUrl).get('/api/openapi.json')).body;
      expect(openApiProblems(document)).toEqual([]);
      expect(openApiProblems({ ...document, paths: { '/broken': { get: { responses: { '200': {} } } } } })).not.toEqual([]);

      const operations = Object.entries(document.paths as Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
      );
      expect(operations.length).toBeGreaterThanOrEqual(30);
      for (const { operation } of operations) {
        const statuses = Object.keys(operation.responses);
        expect(statuses.some((status) => status.startsWith('2'))).toBe(true);
        expect(statuses).toEqual(expect.arrayContaining(['429', '500', '503']));
      }
      expect(new Set(operations.map(({ operation }) => operation.operationId)).size).toBe(operations.length);
      expect(document.paths['/api/v1/scenarios/{scenarioId}/versions'].post.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]));
    });

    it('is served with a docs page that loads nothing from elsewhere', async () => {
      const rest = new RestClient(platform.gateway.httpUrl);
      const page = await rest.get('/api/docs');
      expect(page.status).toBe(200);
      expect(page.body).toContain('/api/docs/swagger-ui-bundle.js');
      expect(page.body).not.toMatch(/https?:\/\//);
      const bundle = await fetch(`${platform.gateway.httpUrl}/api/docs/swagger-ui-bundle.js`);
      expect(bundle.status).toBe(200);
      expect(bundle.headers.get('content-type')).toContain('javascript');
      expect((await rest.get('/api/docs/..%2Fpackage.json')).status).toBe(404);
    });

    it('leaves the dev outbox out of a distributed deployment', async () => {
      const distributed = await platform.startGateway({ DEPLOYMENT: 'distributed' });
      const rest = new RestClient(distributed.httpUrl);
      expect((await rest.get('/api/openapi.json')).body.paths['/api/v1/dev/outbox']).toBeUndefined();
      expect((await rest.get('/api/v1/dev/outbox')).status).toBe(404);
    });
  });
});
