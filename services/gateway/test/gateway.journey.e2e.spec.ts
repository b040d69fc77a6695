import { createTestDatabase, describeWithPostgres } from '@zvonar/testing';
import { ConformingClient } from './conforming-client';
import { aDtmfScenarioGraph, aProject, aRegistration, emailedCode, once404Passes, signedUpUser } from './journey';
import { startPlatform, type PlatformUnderTest } from './platform-under-test';

/**
 * The marketer's first steps through the public REST API only, against real identity, projects and
 * scenarios services on PostgreSQL. Every answer is also checked against the gateway's OpenAPI document.
 */
describeWithPostgres('gateway: the journey from registration to a published scenario over REST', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let platform: PlatformUnderTest;
  let api: ConformingClient;

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'gateway_journey');
    platform = await startPlatform(database.url);
    api = await ConformingClient.of(platform.gateway.httpUrl);
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
    await database?.drop();
  });

  it('registers, confirms the email through the dev outbox, signs in, creates a project and publishes a scenario in it', async () => {
    const registration = aRegistration();
    expect((await api.post('/api/v1/auth/register', registration)).status).toBe(202);

    const code = await emailedCode(api, registration.email);
    expect((await api.post('/api/v1/auth/email/confirm', { email: registration.email, code })).status).toBe(204);

    const login = await api.post('/api/v1/auth/login', { email: registration.email, password: registration.password });
    expect(login.status).toBe(200);
    const user = api.with({ authorization: `Bearer ${login.body.accessToken}` });

    const profile = await user.get('/api/v1/profile');
    expect(profile.body).toMatchObject({ email: registration.email, emailConfirmed: true, roles: ['user'] });

    const projectId = await aProject(user, 'Первый обзвон');
    const created = await once404Passes(() => user.post(`/api/v1/projects/${projectId}/scenarios`, { name: 'Приветствие', graph: aDtmfScenarioGraph() }), 'scenarios to know the project');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ projectId, name: 'Приветствие', status: 'active', draftIssues: [], latestVersion: 0 });

    const published = await user.post(`/api/v1/scenarios/${created.body.scenarioId}/versions`, { expectedRevision: created.body.draftRevision });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ scenarioId: created.body.scenarioId, version: 1, graph: aDtmfScenarioGraph() });

    const listed = await user.get(`/api/v1/projects/${projectId}/scenarios?limit=10`);
    expect(listed.body).toMatchObject({ items: [{ scenarioId: created.body.scenarioId, latestVersion: 1 }], nextCursor: null });
    const versions = await user.get(`/api/v1/scenarios/${created.body.scenarioId}/versions`);
    expect(versions.body.items.map((version: { version: number }) => version.version)).toEqual([1]);
  });

  it('edits, publishes again, diffs, restores, copies, archives and simulates a scenario', async () => {
    const { client: user } = await signedUpUser(api);
    const projectId = await aProject(user);
    const created = await once404Passes(() => user.post(`/api/v1/projects/${projectId}/scenarios`, { name: 'Опрос', graph: aDtmfScenarioGraph() }), 'scenarios to know the project');
    const scenarioId = created.body.scenarioId as string;
    await user.post(`/api/v1/scenarios/${scenarioId}/versions`, {});

    const edited = aDtmfScenarioGraph();
    edited.nodes[3] = { id: 'bye', cards: [{ type: 'Play', id: 'bye-text', source: { kind: 'text', text: 'До свидания!' } }, { type: 'Hangup', id: 'bye-end' }] } as (typeof edited.nodes)[number];
    const saved = await user.put(`/api/v1/scenarios/${scenarioId}/draft`, { expectedRevision: created.body.draftRevision, graph: edited, name: 'Опрос 2' });
    expect(saved.body).toMatchObject({ name: 'Опрос 2', draftRevision: created.body.draftRevision + 1 });
    await user.post(`/api/v1/scenarios/${scenarioId}/versions`, {});

    const diff = await user.get(`/api/v1/scenarios/${scenarioId}/diff?from=1&to=2`);
    expect(diff.body.cardsAdded).toEqual([expect.objectContaining({ nodeId: 'bye', cardId: 'bye-text' })]);

    const restored = await user.post(`/api/v1/scenarios/${scenarioId}/versions/1/restore`, { expectedRevision: saved.body.draftRevision });
    expect(restored.body.draftGraph).toEqual(aDtmfScenarioGraph());

    const simulated = await user.post(`/api/v1/scenarios/${scenarioId}/simulate`, { version: 1, contact: { name: 'Анна' }, turns: [{ dtmf: '1' }] });
    expect(simulated.body.finished).toBe(true);
    expect(simulated.body.transcript.map((line: { type: string }) => line.type)).toEqual(expect.arrayContaining(['MarkGoal']));

    const copy = await user.post(`/api/v1/scenarios/${scenarioId}/copy`, {});
    expect(copy.status).toBe(201);
    expect(copy.body.scenarioId).not.toBe(scenarioId);

    const archived = await user.post(`/api/v1/scenarios/${scenarioId}/archive`);
    expect(archived.body.status).toBe('archived');
    const active = await user.get(`/api/v1/projects/${projectId}/scenarios`);
    expect(active.body.items.map((item: { scenarioId: string }) => item.scenarioId)).toEqual([copy.body.scenarioId]);
  });

  it('keeps the console session in an httpOnly cookie: refresh and logout work from the cookie alone', async () => {
    const registration = aRegistration();
    await api.post('/api/v1/auth/register', registration);
    await api.post('/api/v1/auth/email/confirm', { email: registration.email, code: await emailedCode(api, registration.email) });

    const login = await api.post('/api/v1/auth/login', { email: registration.email, password: registration.password, useCookie: true });
    expect(login.body.refreshToken).toBeUndefined();
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^zvonar_refresh=[^;]+; Path=\/api\/v1\/auth; HttpOnly; SameSite=Strict; Expires=/);
    expect(cookie).not.toContain('Secure');

    const sessionCookie = cookie.split(';')[0] ?? '';
    const refreshed = await api.post('/api/v1/auth/refresh', {}, { cookie: sessionCookie });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).toBeUndefined();
    const rotated = (refreshed.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(rotated).not.toBe(sessionCookie);

    // The cookie that was rotated away is reuse: identity ends the whole session.
    expect((await api.post('/api/v1/auth/refresh', {}, { cookie: sessionCookie })).status).toBe(401);
    expect((await api.post('/api/v1/auth/refresh', {}, { cookie: rotated })).status).toBe(401);

    const again = await api.post('/api/v1/auth/login', { email: registration.email, password: registration.password, useCookie: true });
    const logout = await api.post('/api/v1/auth/logout', {}, { cookie: (again.headers.get('set-cookie') ?? '').split(';')[0] ?? '' });
    expect(logout.status).toBe(204);
    expect(logout.headers.get('set-cookie')).toMatch(/^zvonar_refresh=; .*Max-Age=0/);
  });

  it('gives partners the refresh token in the body and lets them work with an API key', async () => {
    const { client: user, refreshToken } = await signedUpUser(api);
    const projectId = await aProject(user);
    const refreshed = await api.post('/api/v1/auth/refresh', { refreshToken });
    expect(refreshed.body.refreshToken).toEqual(expect.any(String));

    const created = await user.post('/api/v1/api-keys', { name: 'CRM', scopes: ['scenarios.read'] });
    expect(created.status).toBe(201);
    const partner = api.with({ 'x-api-key': created.body.secret });
    expect((await once404Passes(() => partner.get(`/api/v1/projects/${projectId}/scenarios`), 'scenarios to know the project')).status).toBe(200);
    const beyondScope = await partner.post(`/api/v1/projects/${projectId}/scenarios`, { name: 'Чужое право' }, { 'accept-language': 'en' });
    expect(beyondScope).toMatchObject({ status: 403, body: { code: 'SCOPE_MISSING', detail: 'The API key lacks the scope: scenarios.write' } });

    const keys = await user.get('/api/v1/api-keys');
    expect(keys.body.items).toEqual([expect.objectContaining({ apiKeyId: created.body.apiKey.apiKeyId, revokedAt: null })]);
    expect((await user.delete(`/api/v1/api-keys/${created.body.apiKey.apiKeyId}`)).status).toBe(204);
    expect((await partner.get(`/api/v1/projects/${projectId}/scenarios`)).status).toBe(401);
  });
});
