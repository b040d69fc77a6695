import { Module, type DynamicModule } from '@nestjs/common';
import { OutboxRelay, relayToIntegrationBus } from '@zvonar/outbox';
import { CLOCK, LOGGER, PG_POOL, PostgresModule, SERVICE_CONFIG, type Clock } from '@zvonar/platform';
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { accessTokenSecret, type IdentityConfig } from './config/identity.config';
import {
  ACCESS_TOKENS,
  API_KEYS_STORE,
  CREDENTIALS_STORE,
  IDENTITY_CLOCK,
  IDENTITY_SETTINGS,
  LOCAL_OUTBOX,
  MAILER,
  PASSWORD_HASHER,
  SECRETS,
  SESSIONS_STORE,
  SMS_SENDER,
  THROTTLE_STORE,
  USERS_STORE,
} from './identity.di-tokens';
import { IdentityGrpcController } from './identity/api/identity.grpc.controller';
import { IdentityRefusalGrpcFilter } from './identity/api/identity-refusal.grpc-filter';
import { ApiKeys } from './identity/application/api-keys';
import { Authentication } from './identity/application/authentication';
import { Confirmations } from './identity/application/confirmations';
import type { IdentitySettings } from './identity/application/identity-settings';
import { Passwords } from './identity/application/passwords';
import { Profiles } from './identity/application/profiles';
import { ProjectInvitationMail } from './identity/application/project-invitation-mail';
import { Registrations } from './identity/application/registration';
import { SessionTokens } from './identity/application/session-tokens';
import { Sessions } from './identity/application/sessions';
import { SignIn } from './identity/application/sign-in';
import { Argon2PasswordHasher } from './identity/infrastructure/argon2.password-hasher';
import { Hs256AccessTokens } from './identity/infrastructure/hs256.access-tokens';
import { identityMigrations } from './identity/infrastructure/identity.migrations';
import { LocalOutboxDelivery } from './identity/infrastructure/local-outbox.delivery';
import { NodeCryptoSecrets } from './identity/infrastructure/node-crypto.secrets';
import { CredentialsChangesOutbox } from './identity/infrastructure/credentials-changes.outbox';
import { PostgresApiKeysStore } from './identity/infrastructure/postgres.api-keys.store';
import { PostgresCredentialsStore } from './identity/infrastructure/postgres.credentials.store';
import { PostgresSessionsStore } from './identity/infrastructure/postgres.sessions.store';
import { PostgresThrottleStore } from './identity/infrastructure/postgres.throttle.store';
import { PostgresUsersStore } from './identity/infrastructure/postgres.users.store';
import { CREDENTIALS_TOPIC, writeCredentialsChanged } from './identity/integration/credentials-changed.outbox';
import { ProjectInvitationsConsumer } from './identity/integration/project-invitations.consumer';
import { USER_TOPIC, writeUserRegistered } from './identity/integration/user-registered.outbox';

/** The relay of the identity outbox to the bus chosen by BUS (a missing KAFKA_BROKERS fails the boot). */
const outboxRelay = (config: IdentityConfig, pool: Pool, logger: Logger): OutboxRelay =>
  relayToIntegrationBus({ service: 'identity', schema: 'identity', BUS: config.BUS, KAFKA_BROKERS: config.KAFKA_BROKERS, pool, logger, topics: [USER_TOPIC, CREDENTIALS_TOPIC] });

const settingsFrom = (config: IdentityConfig): IdentitySettings => ({
  refreshTokenTtlMs: config.REFRESH_TOKEN_TTL_MS,
  codeTtlMs: config.CONFIRMATION_CODE_TTL_MS,
  resetTtlMs: config.PASSWORD_RESET_TTL_MS,
  perEmail: { maxFailures: config.LOGIN_MAX_FAILURES_PER_EMAIL, windowMs: config.LOGIN_FAILURE_WINDOW_MS, lockMs: config.LOGIN_LOCK_MS },
  perIp: { maxFailures: config.LOGIN_MAX_FAILURES_PER_IP, windowMs: config.LOGIN_FAILURE_WINDOW_MS, lockMs: config.LOGIN_LOCK_MS },
  publicUrl: config.PUBLIC_URL,
  localOutboxReadable: config.DEPLOYMENT === 'embedded',
});

export type IdentityModuleOptions = {
  /** A TestClock for specs of expiry and lockout windows; the platform's clock otherwise. */
  readonly clock?: Clock;
};

/**
 * The composition root of identity: PostgreSQL stores in the `identity` schema, the local outbox as
 * Mailer and SmsSender, argon2id, HS256 access tokens, UserRegistered and CredentialsChanged
 * through the outbox table to the bus chosen by BUS (the embedded log in the same schema, or
 * Kafka), and the consumer that emails projects' invitations from that bus.
 */
@Module({})
export class IdentityModule {
  static register(options: IdentityModuleOptions = {}): DynamicModule {
    return {
      module: IdentityModule,
      imports: [PostgresModule.forService({ schema: 'identity', migrations: identityMigrations })],
      controllers: [IdentityGrpcController],
      providers: [
        options.clock ? { provide: IDENTITY_CLOCK, useValue: options.clock } : { provide: IDENTITY_CLOCK, useExisting: CLOCK },
        { provide: IDENTITY_SETTINGS, inject: [SERVICE_CONFIG], useFactory: settingsFrom },
        { provide: OutboxRelay, inject: [SERVICE_CONFIG, PG_POOL, LOGGER], useFactory: outboxRelay },
        {
          provide: CredentialsChangesOutbox,
          inject: [PG_POOL, OutboxRelay],
          useFactory: (pool: Pool, relay: OutboxRelay) => new CredentialsChangesOutbox(pool, writeCredentialsChanged, () => relay.announce()),
        },
        {
          provide: USERS_STORE,
          inject: [PG_POOL, OutboxRelay, CredentialsChangesOutbox],
          useFactory: (pool: Pool, relay: OutboxRelay, changes: CredentialsChangesOutbox) => new PostgresUsersStore(pool, writeUserRegistered, changes, () => relay.announce()),
        },
        {
          provide: CREDENTIALS_STORE,
          inject: [PG_POOL, CredentialsChangesOutbox],
          useFactory: (pool: Pool, changes: CredentialsChangesOutbox) => new PostgresCredentialsStore(pool, changes),
        },
        {
          provide: SESSIONS_STORE,
          inject: [PG_POOL, CredentialsChangesOutbox],
          useFactory: (pool: Pool, changes: CredentialsChangesOutbox) => new PostgresSessionsStore(pool, changes),
        },
        { provide: THROTTLE_STORE, inject: [PG_POOL], useFactory: (pool: Pool) => new PostgresThrottleStore(pool) },
        {
          provide: API_KEYS_STORE,
          inject: [PG_POOL, CredentialsChangesOutbox],
          useFactory: (pool: Pool, changes: CredentialsChangesOutbox) => new PostgresApiKeysStore(pool, changes),
        },
        { provide: LocalOutboxDelivery, inject: [PG_POOL, IDENTITY_CLOCK], useFactory: (pool: Pool, clock: Clock) => new LocalOutboxDelivery(pool, clock) },
        { provide: MAILER, useExisting: LocalOutboxDelivery },
        { provide: SMS_SENDER, useExisting: LocalOutboxDelivery },
        { provide: LOCAL_OUTBOX, useExisting: LocalOutboxDelivery },
        {
          provide: PASSWORD_HASHER,
          inject: [SERVICE_CONFIG],
          useFactory: (config: IdentityConfig) => new Argon2PasswordHasher({ memoryKib: config.ARGON2_MEMORY_KIB, iterations: config.ARGON2_ITERATIONS }),
        },
        {
          provide: ACCESS_TOKENS,
          inject: [SERVICE_CONFIG],
          useFactory: (config: IdentityConfig) =>
            new Hs256AccessTokens(accessTokenSecret(config, () => randomBytes(32).toString('base64url')), config.ACCESS_TOKEN_TTL_MS),
        },
        { provide: SECRETS, useValue: new NodeCryptoSecrets() },
        IdentityRefusalGrpcFilter,
        SessionTokens,
        Registrations,
        Confirmations,
        SignIn,
        Sessions,
        Passwords,
        Profiles,
        ApiKeys,
        Authentication,
        ProjectInvitationMail,
        ProjectInvitationsConsumer,
      ],
    };
  }
}
