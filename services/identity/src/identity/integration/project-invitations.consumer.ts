import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { integrationTopic, oncePerMessage, type IntegrationConsumer, type IntegrationMessage } from '@zvonar/messaging';
import { PostgresIdempotentConsumer } from '@zvonar/messaging-postgres';
import { BackgroundSubscription, createIntegrationBus, type IntegrationBus } from '@zvonar/outbox';
import { LOGGER, PG_POOL, SERVICE_CONFIG } from '@zvonar/platform';
import { projectsV1 } from '@zvonar/proto-ts';
import type { Pool, PoolClient } from 'pg';
import type { Logger } from 'pino';
import type { IdentityConfig } from '../../config/identity.config';
import { ProjectInvitationMail, type ProjectInvitationToEmail } from '../application/project-invitation-mail';

/** projects' invitations to email, named by the shared rule (services never import each other). */
export const INVITATION_TOPIC = integrationTopic({ service: 'projects', category: 'invitation', version: 1 });
export const INVITATION_ISSUED = 'zvonar.projects.v1.ProjectInvitationIssued';
/** The embedded bus keeps each producer's log in the producer's schema: projects' is `projects`. */
export const PROJECTS_BUS_SCHEMA = 'projects';
/** The consumer's name in processed_messages, and its group after CONSUMER_GROUP_PREFIX. */
export const INVITATION_MAIL_CONSUMER = 'project-invitation-mail';

/**
 * The invitation to email; null for a type this version does not read (a newer producer's),
 * which is acknowledged and skipped. A message without an invitee, a token or an expiry can never
 * become an email: the throw sends it to the dead-letter topic at once.
 */
export function decodeInvitationIssued(payload: Uint8Array, message: Pick<IntegrationMessage, 'type' | 'messageId'>): ProjectInvitationToEmail | null {
  if (message.type !== INVITATION_ISSUED) return null;
  const event = projectsV1.ProjectInvitationIssued.decode(payload);
  if (event.inviteeEmail === '' || event.token === '' || !event.expiresAt)
    throw new TypeError(`${INVITATION_ISSUED} ${message.messageId} has no invitee, token or expiry`);
  return {
    invitationId: event.invitationId,
    projectName: event.projectName,
    inviteeEmail: event.inviteeEmail,
    inviterUserId: event.inviterUserId,
    inviterEmail: event.inviterEmail,
    token: event.token,
    expiresAt: event.expiresAt,
    language: event.language === 'en' ? 'en' : 'ru',
  };
}

const MAX_BACKOFF_MS = 10_000;

/**
 * Emails every project invitation once. Delivery is at-least-once: the message id is recorded in
 * a transaction that commits only after the Mailer took the email, so a redelivery finds it and
 * sends nothing (a crash between the send and the commit is the one case that sends twice:
 * better than losing the invitation). Joining retries in the background while the bus cannot
 * take the member. Identity's readiness deliberately does not wait for it: every request signs
 * in through identity, and a late invitation email must not take sign-in down with it.
 */
@Injectable()
export class ProjectInvitationsConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly subscription: BackgroundSubscription;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly mail: ProjectInvitationMail,
  ) {
    let warned = false;
    this.subscription = new BackgroundSubscription({
      connect: () => this.connect(),
      subscribe: (bus) => this.subscribe(bus),
      maxBackoffMs: MAX_BACKOFF_MS,
      onRetry: (error, retryInMs) => {
        // Expected for a moment at every all-in-one start (projects prepares its log after identity
        // started): one warning once it lasts, not one every ten seconds (identity run alone).
        const reason = error instanceof Error ? error.message : String(error);
        const level: 'info' | 'warn' | 'debug' = retryInMs < MAX_BACKOFF_MS ? 'info' : warned ? 'debug' : 'warn';
        warned ||= level === 'warn';
        this.logger[level]({ reason, retryInMs }, 'project-invitation mail consumer could not join yet; retrying');
      },
    });
  }

  get joined(): boolean {
    return this.subscription.joined;
  }

  onApplicationBootstrap(): void {
    void this.subscription.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.subscription.stop();
  }

  /**
   * The embedded log lives in projects' schema, which projects creates with its migrations: this
   * consumer only reads it (migrate: false). Creating it from here would race projects' own
   * CREATE SCHEMA when both start together (identity starts first in the all-in-one process); until
   * projects has prepared its log, joining fails and is retried.
   */
  private connect(): Promise<IntegrationBus> {
    const logger = this.logger;
    return createIntegrationBus({
      service: 'identity',
      BUS: this.config.BUS,
      KAFKA_BROKERS: this.config.KAFKA_BROKERS,
      pool: this.pool,
      schema: PROJECTS_BUS_SCHEMA,
      migrate: false,
      // The bus calls these detached; pino's methods need their `this`.
      logger: { error: (object, message) => logger.error(object, message), warn: (object, message) => logger.warn(object, message) },
    });
  }

  private async subscribe(bus: IntegrationBus): Promise<IntegrationConsumer> {
    const group = `${this.config.CONSUMER_GROUP_PREFIX}-${INVITATION_MAIL_CONSUMER}`;
    const once = oncePerMessage<ProjectInvitationToEmail, PoolClient>(new PostgresIdempotentConsumer(this.pool, 'identity'), INVITATION_MAIL_CONSUMER, (invitation) =>
      this.mail.send(invitation),
    );
    const consumer = await bus.subscribe<ProjectInvitationToEmail | null>({
      group,
      topics: [INVITATION_TOPIC],
      decode: decodeInvitationIssued,
      handle: async (invitation, delivery) => {
        if (invitation) await once(invitation, delivery);
      },
    });
    this.logger.info({ group, topic: INVITATION_TOPIC }, 'project-invitation mail consumer joined');
    return consumer;
  }
}
