import type { RunningService } from '@zvonar/platform';
import { createTestDatabase, describeWithPostgres, eventually } from '@zvonar/testing';
import { ConformingClient } from './conforming-client';
import { startCountingProxy, type CountingProxy } from './counting-proxy';
import { aProject, signedUpUser } from './journey';
import { startPlatform, type PlatformUnderTest } from './platform-under-test';

/**
 * The gateway's principal cache, seen from outside: a second gateway reaches identity through a
 * proxy that counts what it asks, so "served from the cache" is bytes that did not go to identity,
 * and its cache outlives the spec (a ttl of 10 minutes): whatever ends a principal here does so
 * through identity's CredentialsChanged events or the gateway's own calls, never by expiry.
 */
describeWithPostgres('gateway: principals cached at the edge, forgotten on identity\'s word', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let platform: PlatformUnderTest;
  let proxy: CountingProxy;
  let cached: RunningService;
  /** Clients of the gateway under test and of another replica beside it. */
  let here: ConformingClient;
  let elsewhere: ConformingClient;

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'gateway_principal_cache');
    platform = await startPlatform(database.url);
    proxy = await startCountingProxy(platform.identity.grpcUrl);
    cached = await platform.startGateway({ IDENTITY_GRPC_URL: proxy.address, AUTH_CACHE_TTL_MS: '600000' });
    here = await ConformingClient.of(cached.httpUrl);
    elsewhere = await ConformingClient.of(platform.gateway.httpUrl);
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
    await proxy?.stop();
    await database?.drop();
  });

  /** Waits until `client`'s GETs no longer reach identity: the gateway heard the bus and cached the principal. */
  async function servedFromCache(client: ConformingClient): Promise<void> {
    await eventually(
      async () => {
        const before = proxy.sentBytes();
        for (let request = 0; request < 3; request += 1) expect((await client.get('/api/v1/projects')).status).toBe(200);
        return proxy.sentBytes() === before;
      },
      { timeoutMs: 20_000, intervalMs: 50, what: 'the gateway to serve the principal from its cache' },
    );
  }

  it('asks identity once for a run of requests with one credential', async () => {
    const { accessToken } = await signedUpUser(elsewhere);
    const user = here.with({ authorization: `Bearer ${accessToken}` });
    await servedFromCache(user);

    const before = proxy.sentBytes();
    for (let request = 0; request < 20; request += 1) expect((await user.get('/api/v1/projects')).status).toBe(200);
    expect(proxy.sentBytes()).toBe(before);
  }, 30_000);

  it('refuses a token at once when its sessions ended through another gateway', async () => {
    const { accessToken } = await signedUpUser(elsewhere);
    const user = here.with({ authorization: `Bearer ${accessToken}` });
    await servedFromCache(user);

    expect((await elsewhere.with({ authorization: `Bearer ${accessToken}` }).post('/api/v1/auth/logout-everywhere', {})).status).toBe(200);

    await eventually(async () => (await user.get('/api/v1/projects')).status === 401, { timeoutMs: 10_000, what: 'the event to end the cached session' });
  }, 30_000);

  it('refuses a revoked API key on the next request through the gateway that revoked it; the owner\'s other key works on', async () => {
    const { client: owner, accessToken } = await signedUpUser(elsewhere);
    const projectId = await aProject(owner);
    const keyOf = async (name: string) => (await owner.post('/api/v1/api-keys', { name, scopes: ['projects.read'] })).body as { secret: string; apiKey: { apiKeyId: string } };
    const [revoked, kept] = [await keyOf('CRM'), await keyOf('BI')];
    const partner = here.with({ 'x-api-key': revoked.secret });
    const sameOwner = here.with({ 'x-api-key': kept.secret });
    await servedFromCache(sameOwner);
    expect((await partner.get(`/api/v1/projects/${projectId}`)).status).toBe(200);

    const ownerHere = here.with({ authorization: `Bearer ${accessToken}` });
    expect((await ownerHere.delete(`/api/v1/api-keys/${revoked.apiKey.apiKeyId}`)).status).toBe(204);

    expect((await partner.get(`/api/v1/projects/${projectId}`)).status).toBe(401);
    expect((await sameOwner.get('/api/v1/projects')).status).toBe(200);
  }, 30_000);
});
