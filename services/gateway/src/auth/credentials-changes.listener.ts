import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { integrationTopic, type IntegrationMessage } from '@zvonar/messaging';
import { BackgroundSubscription, createIntegrationBus } from '@zvonar/outbox';
import { LOGGER, PG_POOL, SERVICE_CONFIG } from '@zvonar/platform';
import { identityV1 } from '@zvonar/proto-ts';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/gateway.config';
import { PRINCIPAL_CACHE } from '../gateway.di-tokens';
import type { PrincipalCache } from './principal-cache';

/** identity's credential changes, named by the shared rule (services never import each other). */
export const CREDENTIALS_TOPIC = integrationTopic({ service: 'identity', category: 'credentials', version: 1 });
export const CREDENTIALS_CHANGED = 'zvonar.identity.v1.CredentialsChanged';
/** The embedded bus keeps each producer's log in the producer's schema. */
const IDENTITY_BUS_SCHEMA = 'identity';
const MAX_BACKOFF_MS = 10_000;

/** The user whose principals must go; null for a type this version does not read (a newer producer's). */
export function userOfCredentialsChange(payload: Uint8Array, message: Pick<IntegrationMessage, 'type'>): string | null {
  if (message.type !== CREDENTIALS_CHANGED) return null;
  return identityV1.CredentialsChanged.decode(payload).userId || null;
}

/** A consumer group of this process alone: every gateway replica must hear every change. */
const instanceGroup = (prefix: string): string =>
  `${prefix}-principal-cache-${hostname().toLowerCase().replace(/[^a-z0-9.-]/g, '-')}-${process.pid}-${randomBytes(3).toString('hex')}`;

/**
 * Keeps the PrincipalCache honest: joins identity's CredentialsChanged stream with a group of its
 * own, starting at the end of the topic (the history is of no use to a cache that starts empty),
 * opens the cache once joined and drops a user's principals on each event. Until it has joined,
 * and after it stops, the cache is closed and every request asks identity. The gateway's readiness
 * does not wait for it: without the cache the gateway is slower, not wrong.
 */
@Injectable()
export class CredentialsChangesListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly subscription: BackgroundSubscription;

  constructor(
    @Inject(PG_POOL) pool: Pool,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(PRINCIPAL_CACHE) private readonly principals: PrincipalCache,
  ) {
    const group = instanceGroup(config.CONSUMER_GROUP_PREFIX);
    this.subscription = new BackgroundSubscription({
      connect: () =>
        createIntegrationBus({
          service: 'gateway',
          BUS: config.BUS,
          KAFKA_BROKERS: config.KAFKA_BROKERS,
          pool,
          schema: IDENTITY_BUS_SCHEMA,
          migrate: false,
          // The bus calls these detached; pino's methods need their `this`.
          logger: { error: (object, message) => logger.error(object, message), warn: (object, message) => logger.warn(object, message) },
        }),
      subscribe: async (bus) => {
        const consumer = await bus.subscribe<string | null>({
          group,
          topics: [CREDENTIALS_TOPIC],
          startAt: 'latest',
          ephemeral: true,
          decode: userOfCredentialsChange,
          handle: async (userId) => {
            if (userId) this.principals.forgetUser(userId);
          },
        });
        this.principals.openUp();
        this.logger.info({ group, topic: CREDENTIALS_TOPIC }, 'hearing credential changes: principals are cached');
        return consumer;
      },
      maxBackoffMs: MAX_BACKOFF_MS,
      onRetry: (error, retryInMs) =>
        logger.info({ reason: error instanceof Error ? error.message : String(error), retryInMs }, 'credential changes not heard yet, principals are not cached; retrying'),
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.AUTH_CACHE_TTL_MS > 0) void this.subscription.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.principals.close();
    await this.subscription.stop();
  }
}
