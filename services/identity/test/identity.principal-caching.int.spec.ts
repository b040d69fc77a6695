import { status as GrpcStatus } from '@grpc/grpc-js';
import { describeWithPostgres, eventually } from '@zvonar/testing';
import type { Pool } from 'pg';
import { identityEventsV1, identityV1 } from '../src/identity/api/identity.proto';
import { CREDENTIALS_CHANGED, CREDENTIALS_TOPIC } from '../src/identity/integration/credentials-changed.outbox';
import { aSignedInUser, codeIn, lastMessageTo, resetTokenIn } from './identity.flows';
import { call, failure, metadata, type IdentityClient } from './identity.test-client';
import { aRegistration, anIp, OTHER_STRONG_PASSWORD, STRONG_PASSWORD } from './mothers/user.mother';
import { startIdentityOnFreshDatabase } from './start-identity';

const { CredentialsChange } = identityEventsV1;

// What a cache of principals (the gateway's edge) relies on: Authenticate says until when a
// principal may be kept, and every change that must end or alter a cached principal is written to
// the outbox as CredentialsChanged in the transaction that made it (exactly once, and never for an
// action that failed). A real gRPC client, the service on real PostgreSQL.
describeWithPostgres('IdentityService: what a cache of principals relies on', (serverUrl) => {
  let started: Awaited<ReturnType<typeof startIdentityOnFreshDatabase>>;
  let client: IdentityClient['service'];
  let pool: Pool;

  beforeAll(async () => {
    started = await startIdentityOnFreshDatabase(serverUrl, 'identity_principal_caching');
    client = started.client.service;
    pool = started.pool;
  });

  afterAll(() => started?.stop());

  const principalOf = async (accessToken: string) => (await call(client.authenticate({ accessToken }))).principal!;

  /**
   * The CredentialsChanged rows `action` committed to the outbox. Each is written in the
   * transaction of its change, so they are all there when the call has answered.
   */
  const changesDuring = async (action: () => Promise<unknown>) => {
    const { rows: last } = await pool.query<{ position: string }>('SELECT coalesce(max(position), 0) AS position FROM identity.outbox');
    await action();
    const { rows } = await pool.query<{ message_id: string; message_key: string; type: string; payload: Buffer }>(
      'SELECT message_id, message_key, type, payload FROM identity.outbox WHERE topic = $1 AND position > $2 ORDER BY position',
      [CREDENTIALS_TOPIC, last[0]!.position],
    );
    return rows.map((row) => ({ messageId: row.message_id, key: row.message_key, type: row.type, ...identityEventsV1.CredentialsChanged.decode(row.payload) }));
  };

  /** What every CredentialsChanged of `principal`'s user carries. */
  const announced = (principal: identityV1.Principal, change: identityEventsV1.CredentialsChange, credentialId: string) => ({
    key: principal.userId,
    type: CREDENTIALS_CHANGED,
    userId: principal.userId,
    accountId: principal.accountId,
    change,
    credentialId,
    occurredAt: started.clock.now(),
  });

  describe('valid_until', () => {
    it("is an access token's expiry, and unset for an API key, which is valid until revoked", async () => {
      const user = await aSignedInUser(client);
      const principal = await principalOf(user.tokens.accessToken);
      expect(principal.validUntil).toEqual(user.tokens.accessTokenExpiresAt);
      expect(principal.validUntil).toEqual(new Date(started.clock.now().getTime() + 15 * 60_000));

      // A refreshed token carries its own, later expiry.
      started.clock.advance(60_000);
      const { tokens: next } = await call(client.refresh({ refreshToken: user.tokens.refreshToken }));
      expect((await principalOf(next!.accessToken)).validUntil).toEqual(next!.accessTokenExpiresAt);

      const { secret } = await call(client.createApiKey({ name: 'CRM', scopes: ['campaigns.read'] }, metadata({ bearer: next!.accessToken })));
      const { principal: byKey } = await call(client.authenticate({ apiKey: secret }));
      expect(byKey!.credentialKind).toBe(identityV1.CredentialKind.CREDENTIAL_KIND_API_KEY);
      // An unset message field: the gRPC client decodes it as null, not as a time.
      expect(byKey!.validUntil).toBeNull();
    });
  });

  describe('CredentialsChanged', () => {
    it('logout ends one session: SESSION_ENDED for its family, once; an unknown or spent refresh token announces nothing', async () => {
      const user = await aSignedInUser(client);
      const principal = await principalOf(user.tokens.accessToken);

      const changes = await changesDuring(() => call(client.logout({ refreshToken: user.tokens.refreshToken })));

      expect(changes).toEqual([{ messageId: `SessionEnded:${principal.credentialId}`, ...announced(principal, CredentialsChange.CREDENTIALS_CHANGE_SESSION_ENDED, principal.credentialId) }]);
      expect(await changesDuring(() => call(client.logout({ refreshToken: user.tokens.refreshToken })))).toEqual([]);
      expect(await changesDuring(() => call(client.logout({ refreshToken: 'no-such-refresh-token' })))).toEqual([]);
    });

    it('reuse of a rotated refresh token ends its family: SESSION_ENDED once, and a rejected refresh announces nothing', async () => {
      const user = await aSignedInUser(client);
      const principal = await principalOf(user.tokens.accessToken);
      const { tokens: rotated } = await call(client.refresh({ refreshToken: user.tokens.refreshToken }));

      const changes = await changesDuring(async () => expect((await failure(client.refresh({ refreshToken: user.tokens.refreshToken }))).code).toBe(GrpcStatus.UNAUTHENTICATED));

      expect(changes).toEqual([{ messageId: `SessionEnded:${principal.credentialId}`, ...announced(principal, CredentialsChange.CREDENTIALS_CHANGE_SESSION_ENDED, principal.credentialId) }]);
      // The family is gone already: presenting its latest token changes nothing more.
      expect(await changesDuring(() => failure(client.refresh({ refreshToken: rotated!.refreshToken })))).toEqual([]);
      expect(await changesDuring(() => failure(client.refresh({ refreshToken: 'no-such-refresh-token' })))).toEqual([]);
    });

    it('logout everywhere: one ALL_SESSIONS_ENDED for the user, however many sessions ended', async () => {
      const user = await aSignedInUser(client);
      const other = await call(client.login({ email: user.email, password: user.password, clientIp: anIp() }));
      const principal = await principalOf(user.tokens.accessToken);

      const changes = await changesDuring(() => call(client.logoutEverywhere({}, metadata({ bearer: other.tokens!.accessToken }))));

      expect(changes).toEqual([{ messageId: expect.stringMatching(`^AllSessionsEnded:${principal.userId}:`), ...announced(principal, CredentialsChange.CREDENTIALS_CHANGE_ALL_SESSIONS_ENDED, '') }]);
      // Signed out everywhere, the old token can end nothing more.
      expect(await changesDuring(() => failure(client.logoutEverywhere({}, metadata({ bearer: other.tokens!.accessToken }))))).toEqual([]);
    });

    it("a password change ends the user's other sessions: ALL_SESSIONS_ENDED; a wrong current password announces nothing", async () => {
      const user = await aSignedInUser(client);
      const other = await call(client.login({ email: user.email, password: user.password, clientIp: anIp() }));
      const principal = await principalOf(user.tokens.accessToken);
      const signedIn = metadata({ bearer: user.tokens.accessToken });

      expect(await changesDuring(() => failure(client.changePassword({ currentPassword: 'not the password 1', newPassword: OTHER_STRONG_PASSWORD }, signedIn)))).toEqual([]);
      const changes = await changesDuring(() => call(client.changePassword({ currentPassword: user.password, newPassword: OTHER_STRONG_PASSWORD }, signedIn)));

      const otherFamilyId = (await pool.query<{ family_id: string }>('SELECT family_id FROM identity.session_families WHERE user_id = $1 AND family_id <> $2', [principal.userId, principal.credentialId])).rows;
      expect(otherFamilyId).toHaveLength(1);
      expect(changes).toEqual([{ messageId: `AllSessionsEnded:${principal.userId}:${otherFamilyId[0]!.family_id}`, ...announced(principal, CredentialsChange.CREDENTIALS_CHANGE_ALL_SESSIONS_ENDED, '') }]);
      // The session that changed the password stays; the other one ended.
      await principalOf(user.tokens.accessToken);
      expect((await failure(client.authenticate({ accessToken: other.tokens!.accessToken }))).code).toBe(GrpcStatus.UNAUTHENTICATED);
    });

    it('a password reset ends every session: ALL_SESSIONS_ENDED once; the spent link announces nothing', async () => {
      const user = await aSignedInUser(client);
      await call(client.login({ email: user.email, password: user.password, clientIp: anIp() }));
      const principal = await principalOf(user.tokens.accessToken);
      await call(client.requestPasswordReset({ email: user.email }));
      const token = resetTokenIn(await lastMessageTo(client, user.email));

      const changes = await changesDuring(() => call(client.resetPassword({ token, newPassword: OTHER_STRONG_PASSWORD })));

      expect(changes).toEqual([{ messageId: expect.stringMatching(`^AllSessionsEnded:${principal.userId}:`), ...announced(principal, CredentialsChange.CREDENTIALS_CHANGE_ALL_SESSIONS_ENDED, '') }]);
      expect((await failure(client.authenticate({ accessToken: user.tokens.accessToken }))).code).toBe(GrpcStatus.UNAUTHENTICATED);
      expect(await changesDuring(() => failure(client.resetPassword({ token, newPassword: STRONG_PASSWORD })))).toEqual([]);
    });

    it("revoking an API key: API_KEY_REVOKED with the key's id, once; another account's attempt announces nothing", async () => {
      const owner = await aSignedInUser(client);
      const stranger = await aSignedInUser(client);
      const principal = await principalOf(owner.tokens.accessToken);
      const { apiKey } = await call(client.createApiKey({ name: 'ERP', scopes: ['projects.read'] }, metadata({ bearer: owner.tokens.accessToken })));
      const apiKeyId = apiKey!.apiKeyId;

      expect(await changesDuring(() => failure(client.revokeApiKey({ apiKeyId }, metadata({ bearer: stranger.tokens.accessToken }))))).toEqual([]);
      const changes = await changesDuring(() => call(client.revokeApiKey({ apiKeyId }, metadata({ bearer: owner.tokens.accessToken }))));

      expect(changes).toEqual([{ messageId: `ApiKeyRevoked:${apiKeyId}`, ...announced(principal, CredentialsChange.CREDENTIALS_CHANGE_API_KEY_REVOKED, apiKeyId) }]);
      // Revoking it again succeeds and changes nothing.
      expect(await changesDuring(() => call(client.revokeApiKey({ apiKeyId }, metadata({ bearer: owner.tokens.accessToken }))))).toEqual([]);
    });

    it('confirming the email changes what the principal carries: PRINCIPAL_CHANGED once; a wrong code announces nothing', async () => {
      const registration = aRegistration();
      await call(client.register(registration));
      const code = codeIn(await lastMessageTo(client, registration.email));
      const { tokens } = await call(client.login({ email: registration.email, password: registration.password, clientIp: anIp() }));
      const principal = await principalOf(tokens!.accessToken);
      expect(principal.emailConfirmed).toBe(false);

      const wrong = code === '000000' ? '111111' : '000000';
      expect(await changesDuring(() => failure(client.confirmEmail({ email: registration.email, code: wrong })))).toEqual([]);
      const changes = await changesDuring(() => call(client.confirmEmail({ email: registration.email, code })));

      expect(changes).toEqual([
        { messageId: `PrincipalChanged:${principal.userId}:EmailConfirmed:${started.clock.now().getTime()}`, ...announced(principal, CredentialsChange.CREDENTIALS_CHANGE_PRINCIPAL_CHANGED, '') },
      ]);
      expect((await principalOf(tokens!.accessToken)).emailConfirmed).toBe(true);
      // The spent code confirms nothing again.
      expect(await changesDuring(() => failure(client.confirmEmail({ email: registration.email, code })))).toEqual([]);
    });

    it('confirming a phone announces nothing: a principal carries no phone', async () => {
      const user = await aSignedInUser(client);
      const signedIn = metadata({ bearer: user.tokens.accessToken });
      await call(client.requestPhoneConfirmation({ phone: '+79161234500' }, signedIn));
      const code = codeIn(await lastMessageTo(client, '+79161234500'));
      expect(await changesDuring(() => call(client.confirmPhone({ code }, signedIn)))).toEqual([]);
    });

    it('leaves through the outbox relay onto the bus, under the same message id', async () => {
      const user = await aSignedInUser(client);
      const principal = await principalOf(user.tokens.accessToken);
      await call(client.logout({ refreshToken: user.tokens.refreshToken }));
      await eventually(
        async () =>
          (await pool.query('SELECT 1 FROM identity.bus_log WHERE message_id = $1 AND topic = $2', [`SessionEnded:${principal.credentialId}`, CREDENTIALS_TOPIC])).rowCount === 1,
        { what: 'SessionEnded on the embedded bus' },
      );
    });
  });
});
