import { status as GrpcStatus } from '@grpc/grpc-js';
import { fieldViolationsOf } from '@zvonar/platform';
import { createTestDatabase, describeWithPostgres } from '@zvonar/testing';
import { identityV1 } from '../src/identity/api/identity.proto';
import { aSignedInUser } from './identity.flows';
import { call, failure, metadata, outcome, type IdentityClient } from './identity.test-client';
import { anEmail, anIp } from './mothers/user.mother';
import { startIdentity } from './start-identity';

// Brute-force lockout (3 failures per email, 5 per IP in these specs) and partner API keys,
// through a real gRPC client against the service on real PostgreSQL.
describeWithPostgres('IdentityService: lockout and API keys', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let started: Awaited<ReturnType<typeof startIdentity>>;
  let client: IdentityClient['service'];

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'identity_guards');
    started = await startIdentity({ DATABASE_URL: database.url, LOGIN_LOCK_MS: String(15 * 60_000) });
    client = started.client.service;
  });

  afterAll(async () => {
    await started?.stop();
    await database?.drop();
  });

  const attempt = async (email: string, password: string, clientIp: string, english = false) =>
    outcome(await failure(client.login({ email, password, clientIp }, metadata({ english }))));

  describe('lockout per email', () => {
    it('locks an email after 3 failures, answering an unknown email exactly the same at every step', async () => {
      const user = await aSignedInUser(client);
      const unknown = anEmail();
      for (let failureNumber = 1; failureNumber <= 3; failureNumber += 1) {
        const known = await attempt(user.email, 'wrong password 1', anIp());
        expect(known).toEqual({ code: GrpcStatus.UNAUTHENTICATED, errorCode: 'INVALID_CREDENTIALS', details: 'Неверный email или пароль, либо сессия завершена', retryAfter: undefined });
        expect(await attempt(unknown, 'wrong password 1', anIp())).toEqual(known);
      }
      // Locked: even the right password is not checked, and the answer names no account.
      const locked = await attempt(user.email, user.password, anIp(), true);
      expect(locked).toEqual({ code: GrpcStatus.RESOURCE_EXHAUSTED, errorCode: 'TOO_MANY_ATTEMPTS', details: 'Too many sign-in attempts. Please try again later', retryAfter: '900' });
      expect(await attempt(unknown, 'anything 12345', anIp(), true)).toEqual(locked);

      started.clock.advance(15 * 60_000);
      await call(client.login({ email: user.email, password: user.password, clientIp: anIp() }));
    });

    it('refuses an oversized password like any wrong one, without hashing it', async () => {
      const user = await aSignedInUser(client);
      expect(await attempt(user.email, 'x1'.repeat(50_000), anIp())).toMatchObject({ code: GrpcStatus.UNAUTHENTICATED, errorCode: 'INVALID_CREDENTIALS' });
    });

    it('forgets the failures of an email after a successful sign-in', async () => {
      const user = await aSignedInUser(client);
      await attempt(user.email, 'wrong password 1', anIp());
      await attempt(user.email, 'wrong password 1', anIp());
      await call(client.login({ email: user.email, password: user.password, clientIp: anIp() }));
      await attempt(user.email, 'wrong password 1', anIp());
      await attempt(user.email, 'wrong password 1', anIp());
      await call(client.login({ email: user.email, password: user.password, clientIp: anIp() }));
    });
  });

  describe('lockout per IP', () => {
    it('locks an IP after 5 failures across different emails, while other IPs keep signing in', async () => {
      const user = await aSignedInUser(client);
      const attacker = anIp();
      for (let failureNumber = 1; failureNumber <= 5; failureNumber += 1) {
        expect((await attempt(anEmail(), 'guess number 1', attacker)).errorCode).toBe('INVALID_CREDENTIALS');
      }
      expect((await attempt(user.email, user.password, attacker)).code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
      expect((await attempt(anEmail(), 'guess number 1', attacker)).code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
      await call(client.login({ email: user.email, password: user.password, clientIp: anIp() }));
    });
  });

  describe('API keys', () => {
    it('creates a key shown once, authenticates with it, lists it without the secret, revokes it', async () => {
      const user = await aSignedInUser(client);
      const signedIn = metadata({ bearer: user.tokens.accessToken });
      const { principal: owner } = await call(client.authenticate({ accessToken: user.tokens.accessToken }));
      const { apiKey, secret } = await call(client.createApiKey({ name: ' CRM ', scopes: ['campaigns.read', 'reports.read'] }, signedIn));
      expect(secret).toMatch(new RegExp(`^${apiKey!.prefix}_`));

      const { principal } = await call(client.authenticate({ apiKey: secret }));
      expect(principal).toEqual({
        accountId: owner!.accountId,
        userId: owner!.userId,
        roles: [],
        scopes: ['campaigns.read', 'reports.read'],
        credentialKind: identityV1.CredentialKind.CREDENTIAL_KIND_API_KEY,
        credentialId: apiKey!.apiKeyId,
        emailConfirmed: true,
        email: user.email.toLowerCase(),
        // A key has no expiry: valid_until is unset (decoded as null), and revocation is announced instead.
        validUntil: null,
      });

      const { apiKeys } = await call(client.listApiKeys({}, signedIn));
      expect(apiKeys).toEqual([expect.objectContaining({ apiKeyId: apiKey!.apiKeyId, name: 'CRM', prefix: apiKey!.prefix })]);
      expect(apiKeys[0]!.revokedAt).toBeFalsy();
      expect(JSON.stringify(apiKeys)).not.toContain(secret.slice(-20));

      await call(client.revokeApiKey({ apiKeyId: apiKey!.apiKeyId }, signedIn));
      expect((await call(client.listApiKeys({}, signedIn))).apiKeys[0]!.revokedAt).toEqual(started.clock.now());
      expect(outcome(await failure(client.authenticate({ apiKey: secret })))).toMatchObject({ code: GrpcStatus.UNAUTHENTICATED, errorCode: 'INVALID_CREDENTIALS' });
    });

    it('keeps keys within their account: another account can neither list nor revoke them', async () => {
      const owner = await aSignedInUser(client);
      const stranger = await aSignedInUser(client);
      const { apiKey, secret } = await call(client.createApiKey({ name: 'ERP', scopes: ['projects.read'] }, metadata({ bearer: owner.tokens.accessToken })));
      expect((await call(client.listApiKeys({}, metadata({ bearer: stranger.tokens.accessToken })))).apiKeys).toEqual([]);
      expect((await failure(client.revokeApiKey({ apiKeyId: apiKey!.apiKeyId }, metadata({ bearer: stranger.tokens.accessToken })))).code).toBe(GrpcStatus.NOT_FOUND);
      await call(client.authenticate({ apiKey: secret }));
    });

    it('refuses a tampered key, a key without a signed-in user, an API key as a bearer, and unknown scopes by field', async () => {
      const user = await aSignedInUser(client);
      const { secret } = await call(client.createApiKey({ name: 'BI', scopes: ['reports.read'] }, metadata({ bearer: user.tokens.accessToken })));
      const tampered = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
      expect((await failure(client.authenticate({ apiKey: tampered }))).code).toBe(GrpcStatus.UNAUTHENTICATED);
      expect((await failure(client.createApiKey({ name: 'x', scopes: ['reports.read'] }))).code).toBe(GrpcStatus.UNAUTHENTICATED);
      expect((await failure(client.createApiKey({ name: 'x', scopes: ['reports.read'] }, metadata({ bearer: secret })))).code).toBe(GrpcStatus.UNAUTHENTICATED);
      const invalid = await failure(client.createApiKey({ name: '', scopes: ['billing.write'] }, metadata({ bearer: user.tokens.accessToken })));
      expect(invalid.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      expect(fieldViolationsOf(invalid.metadata).map(({ field, code }) => [field, code])).toEqual([
        ['name', 'INVALID_LENGTH'],
        ['scopes[0]', 'UNKNOWN_SCOPE'],
      ]);
    });
  });
});
