import { status as GrpcStatus } from '@grpc/grpc-js';
import { fieldViolationsOf } from '@zvonar/platform';
import { describeWithPostgres, eventually } from '@zvonar/testing';
import type { Pool } from 'pg';
import { identityEventsV1, identityV1 } from '../src/identity/api/identity.proto';
import { aSignedInUser, codeIn, lastMessageTo, resetTokenIn } from './identity.flows';
import { call, failure, metadata, outcome, type IdentityClient } from './identity.test-client';
import { aRegistration, anIp, OTHER_STRONG_PASSWORD, STRONG_PASSWORD } from './mothers/user.mother';
import { startIdentityOnFreshDatabase } from './start-identity';

// Registration, confirmation, sessions and password reset end to end: a real gRPC client, the
// service on real PostgreSQL, codes and links read back from the local outbox over gRPC.
describeWithPostgres('IdentityService: accounts and sessions', (serverUrl) => {
  let started: Awaited<ReturnType<typeof startIdentityOnFreshDatabase>>;
  let client: IdentityClient['service'];
  let pool: Pool;

  beforeAll(async () => {
    started = await startIdentityOnFreshDatabase(serverUrl, 'identity_accounts');
    client = started.client.service;
    pool = started.pool;
  });

  afterAll(() => started?.stop());

  const authenticate = (accessToken: string) => call(client.authenticate({ accessToken }));
  const minutes = (count: number) => count * 60_000;

  describe('registration and confirmation', () => {
    it('registers, confirms by the emailed code, signs in and authenticates as the new account', async () => {
      const registration = aRegistration({ promoCode: 'spring-2026' });
      await call(client.register(registration));
      const email = await lastMessageTo(client, registration.email);
      expect(email).toMatchObject({ channel: 'email', subject: 'Звонарь: подтвердите email' });

      const early = await call(client.login({ email: registration.email, password: registration.password, clientIp: anIp() }));
      expect((await authenticate(early.tokens!.accessToken)).principal!.emailConfirmed).toBe(false);

      await call(client.confirmEmail({ email: registration.email.toUpperCase(), code: codeIn(email) }));
      const { tokens } = await call(client.login({ email: registration.email, password: registration.password, clientIp: anIp() }));
      const { principal } = await authenticate(tokens!.accessToken);
      expect(principal).toMatchObject({
        roles: [identityV1.Role.ROLE_USER],
        credentialKind: identityV1.CredentialKind.CREDENTIAL_KIND_ACCESS_TOKEN,
        emailConfirmed: true,
        // lower case whatever case it was registered in: services match invitations against it
        email: registration.email.toLowerCase(),
      });
      expect(principal!.scopes).toContain('campaigns.write');
      expect(tokens!.accessTokenExpiresAt).toEqual(new Date(started.clock.now().getTime() + minutes(15)));

      // UserRegistered was committed to the outbox with the user, with the consent version and promo code.
      const { rows } = await pool.query<{ payload: Buffer }>(`SELECT payload FROM identity.outbox WHERE type = 'zvonar.identity.v1.UserRegistered' AND message_key = $1`, [principal!.userId]);
      expect(rows).toHaveLength(1);
      expect(identityEventsV1.UserRegistered.decode(rows[0]!.payload)).toMatchObject({
        accountId: principal!.accountId,
        email: registration.email,
        promoCode: 'SPRING-2026',
        consentTextVersion: '2026-01',
      });
      // ...and the forwarder handed it to the embedded bus log and marked it.
      await eventually(async () => (await pool.query(`SELECT 1 FROM identity.bus_log WHERE message_id = $1`, [`UserRegistered:${principal!.userId}`])).rowCount === 1, {
        what: 'UserRegistered on the embedded bus',
      });
      await eventually(async () => (await pool.query(`SELECT 1 FROM identity.outbox WHERE message_id = $1 AND published_at IS NOT NULL`, [`UserRegistered:${principal!.userId}`])).rowCount === 1, {
        what: 'the outbox row marked published',
      });
      const consent = await pool.query(`SELECT consent_text_version, consent_accepted_at FROM identity.users WHERE user_id = $1`, [principal!.userId]);
      expect(consent.rows[0]).toEqual({ consent_text_version: '2026-01', consent_accepted_at: expect.any(Date) });
    });

    it('answers a taken email exactly like a new one and tells the owner instead', async () => {
      const registration = aRegistration();
      await call(client.register(registration));
      await expect(call(client.register({ ...registration, password: OTHER_STRONG_PASSWORD }))).resolves.toEqual({});
      expect((await lastMessageTo(client, registration.email)).subject).toBe('Звонарь: попытка регистрации с вашим email');
      const { rows } = await pool.query(`SELECT count(*)::int AS users FROM identity.users WHERE email = $1`, [registration.email]);
      expect(rows[0]).toEqual({ users: 1 });
    });

    it('refuses a wrong code, then an expired one, and accepts a fresh code', async () => {
      const registration = aRegistration();
      await call(client.register(registration));
      const code = codeIn(await lastMessageTo(client, registration.email));
      const wrong = code === '000000' ? '111111' : '000000';
      expect(outcome(await failure(client.confirmEmail({ email: registration.email, code: wrong })))).toMatchObject({
        code: GrpcStatus.FAILED_PRECONDITION,
        errorCode: 'INVALID_CODE',
      });
      started.clock.advance(minutes(15));
      expect(outcome(await failure(client.confirmEmail({ email: registration.email, code }, metadata({ english: true }))))).toMatchObject({
        code: GrpcStatus.FAILED_PRECONDITION,
        errorCode: 'CODE_EXPIRED',
        details: 'The code has expired; request a new one',
      });
      await call(client.resendEmailCode({ email: registration.email }));
      await call(client.confirmEmail({ email: registration.email, code: codeIn(await lastMessageTo(client, registration.email)) }));
    });

    it('confirms a phone by the code sent by SMS, and keeps the profile', async () => {
      const user = await aSignedInUser(client);
      const signedIn = metadata({ bearer: user.tokens.accessToken });
      await call(client.requestPhoneConfirmation({ phone: '+79161234567' }, signedIn));
      const sms = await lastMessageTo(client, '+79161234567');
      expect(sms).toMatchObject({ channel: 'sms', subject: '' });
      await call(client.confirmPhone({ code: codeIn(sms) }, signedIn));
      const names = { lastName: 'Мамин-Сибиряк', firstName: 'Дмитрий', middleName: 'Наркисович', gender: identityV1.Gender.GENDER_MALE };
      await call(client.updateProfile(names, signedIn));
      const { profile } = await call(client.getProfile({}, signedIn));
      expect(profile).toMatchObject({ ...names, email: user.email, phone: '+79161234567', phoneConfirmed: true, emailConfirmed: true });
    });
  });

  describe('refresh tokens', () => {
    it('rotates, and a reused refresh token revokes the whole family', async () => {
      const { tokens: first } = await aSignedInUser(client);
      const { tokens: second } = await call(client.refresh({ refreshToken: first.refreshToken }));
      expect(second!.refreshToken).not.toBe(first.refreshToken);
      await authenticate(second!.accessToken);

      // The old token comes back: someone else holds a copy.
      expect(outcome(await failure(client.refresh({ refreshToken: first.refreshToken })))).toMatchObject({
        code: GrpcStatus.UNAUTHENTICATED,
        errorCode: 'INVALID_CREDENTIALS',
      });
      // The whole family is gone: the latest refresh token and its access token too.
      expect((await failure(client.refresh({ refreshToken: second!.refreshToken }))).code).toBe(GrpcStatus.UNAUTHENTICATED);
      expect((await failure(client.authenticate({ accessToken: second!.accessToken }))).code).toBe(GrpcStatus.UNAUTHENTICATED);
      expect((await failure(client.authenticate({ accessToken: first.accessToken }))).code).toBe(GrpcStatus.UNAUTHENTICATED);
    });

    it('lets an access token expire after 15 minutes, and a refresh brings a working one', async () => {
      const { tokens } = await aSignedInUser(client);
      started.clock.advance(minutes(15));
      expect(outcome(await failure(client.authenticate({ accessToken: tokens.accessToken })))).toMatchObject({
        code: GrpcStatus.UNAUTHENTICATED,
        errorCode: 'ACCESS_TOKEN_EXPIRED',
      });
      const { tokens: next } = await call(client.refresh({ refreshToken: tokens.refreshToken }));
      await authenticate(next!.accessToken);
    });

    it('logs out one session, and everywhere', async () => {
      const user = await aSignedInUser(client);
      const second = await call(client.login({ email: user.email, password: user.password, clientIp: anIp() }));
      const third = await call(client.login({ email: user.email, password: user.password, clientIp: anIp() }));
      await call(client.logout({ refreshToken: user.tokens.refreshToken }));
      expect((await failure(client.authenticate({ accessToken: user.tokens.accessToken }))).code).toBe(GrpcStatus.UNAUTHENTICATED);
      await authenticate(second.tokens!.accessToken);

      const { sessionsEnded } = await call(client.logoutEverywhere({}, metadata({ bearer: third.tokens!.accessToken })));
      expect(sessionsEnded).toBe(2);
      for (const tokens of [second.tokens!, third.tokens!]) {
        expect((await failure(client.authenticate({ accessToken: tokens.accessToken }))).code).toBe(GrpcStatus.UNAUTHENTICATED);
        expect((await failure(client.refresh({ refreshToken: tokens.refreshToken }))).code).toBe(GrpcStatus.UNAUTHENTICATED);
      }
    });

    it('refuses a forged or foreign access token', async () => {
      const { tokens } = await aSignedInUser(client);
      const [header, payload] = tokens.accessToken.split('.');
      expect((await failure(client.authenticate({ accessToken: `${header}.${payload}.forged` }))).code).toBe(GrpcStatus.UNAUTHENTICATED);
      expect((await failure(client.getProfile({}, metadata({})))).code).toBe(GrpcStatus.UNAUTHENTICATED);
    });
  });

  describe('password reset', () => {
    it('resets by the emailed link once, ends old sessions, and the link cannot be used again', async () => {
      const user = await aSignedInUser(client);
      await call(client.requestPasswordReset({ email: user.email }));
      const token = resetTokenIn(await lastMessageTo(client, user.email));
      await call(client.resetPassword({ token, newPassword: OTHER_STRONG_PASSWORD }));

      expect((await failure(client.authenticate({ accessToken: user.tokens.accessToken }))).code).toBe(GrpcStatus.UNAUTHENTICATED);
      expect((await failure(client.login({ email: user.email, password: user.password, clientIp: anIp() }))).code).toBe(GrpcStatus.UNAUTHENTICATED);
      await call(client.login({ email: user.email, password: OTHER_STRONG_PASSWORD, clientIp: anIp() }));
      expect(outcome(await failure(client.resetPassword({ token, newPassword: STRONG_PASSWORD })))).toMatchObject({
        code: GrpcStatus.FAILED_PRECONDITION,
        errorCode: 'INVALID_RESET_LINK',
      });
    });

    it('refuses a link after its hour, and answers an unknown email without sending anything', async () => {
      const user = await aSignedInUser(client);
      await call(client.requestPasswordReset({ email: user.email }));
      const token = resetTokenIn(await lastMessageTo(client, user.email));
      started.clock.advance(minutes(60));
      expect(outcome(await failure(client.resetPassword({ token, newPassword: OTHER_STRONG_PASSWORD })))).toMatchObject({
        code: GrpcStatus.FAILED_PRECONDITION,
        errorCode: 'RESET_LINK_EXPIRED',
      });

      const unknown = aRegistration().email;
      await expect(call(client.requestPasswordReset({ email: unknown }))).resolves.toEqual({});
      expect((await call(client.listLocalOutbox({ recipient: unknown, limit: 5 }))).messages).toEqual([]);
    });

    it('changes the password with the current one, keeping only the session that changed it', async () => {
      const user = await aSignedInUser(client);
      const other = await call(client.login({ email: user.email, password: user.password, clientIp: anIp() }));
      const wrong = await failure(client.changePassword({ currentPassword: 'not the password 1', newPassword: OTHER_STRONG_PASSWORD }, metadata({ bearer: user.tokens.accessToken })));
      expect(fieldViolationsOf(wrong.metadata)).toEqual([expect.objectContaining({ field: 'current_password', code: 'WRONG_PASSWORD' })]);
      await call(client.changePassword({ currentPassword: user.password, newPassword: OTHER_STRONG_PASSWORD }, metadata({ bearer: user.tokens.accessToken })));
      await authenticate(user.tokens.accessToken);
      expect((await failure(client.authenticate({ accessToken: other.tokens!.accessToken }))).code).toBe(GrpcStatus.UNAUTHENTICATED);
    });
  });

  describe('bad input', () => {
    it('answers every broken field at once, in English when asked, never INTERNAL', async () => {
      const error = await failure(
        client.register({ email: 'not-an-email', password: 'short', promoCode: 'with space', consent: undefined }, metadata({ english: true })),
      );
      expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      expect(fieldViolationsOf(error.metadata)).toEqual([
        { field: 'email', code: 'INVALID_EMAIL', message: 'This is not a valid email address' },
        { field: 'password', code: 'PASSWORD_LENGTH', message: 'The password must be 10 to 128 characters long' },
        { field: 'promo_code', code: 'INVALID_PROMO_CODE', message: 'A promo code is 3 to 32 Latin letters, digits or dashes' },
        { field: 'consent.accepted', code: 'CONSENT_REQUIRED', message: 'Consent to personal data processing is required' },
      ]);
    });

    it.each([
      ['login without fields', (c: IdentityClient['service']) => c.login({ email: '', password: '', clientIp: '' }), ['email', 'password', 'client_ip']],
      ['a malformed code', (c: IdentityClient['service']) => c.confirmEmail({ email: 'a@example.test', code: '12ab' }), ['code']],
      ['a reset without a token', (c: IdentityClient['service']) => c.resetPassword({ token: '', newPassword: '' }), ['token']],
      ['a login whose email holds a NUL character', (c: IdentityClient['service']) => c.login({ email: 'a\u0000@example.test', password: 'secret-secret', clientIp: '127.0.0.1' }), ['email']],
    ])('answers %s with Russian field violations', async (_name, send, fields) => {
      const error = await failure(send(client));
      expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      const violations = fieldViolationsOf(error.metadata);
      expect(violations.map((violation) => violation.field)).toEqual(fields);
      expect(violations[0]!.message).toMatch(/[а-я]/);
    });
  });
});
