import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { integrationTopic, keepJoining, oncePerMessage, type IntegrationConsumer, type IntegrationMessage } from '@zvonar/messaging';
import { PostgresIdempotentConsumer } from '@zvonar/messaging-postgres';
import { createIntegrationBus, type IntegrationBus } from '@zvonar/outbox';
import { LOGGER, PG_POOL, Readiness, SERVICE_CONFIG } from '@zvonar/platform';
import { callControlV1, projectsV1 } from '@zvonar/proto-ts';
import type { Pool, PoolClient } from 'pg';
import type { Logger } from 'pino';
import { DESCRIBE_NUMBER, OUTBOX_WRITTEN } from '../../audiences.di-tokens';
import type { AudiencesConfig } from '../../config/audiences.config';
import { Blacklists } from '../application/blacklists';
import { phoneDetails, type DescribeNumber } from '../domain/new-contact';

/** Topics named by the shared rule (services never import each other). */
export const CALL_TOPIC = integrationTopic({ service: 'call-control', category: 'call', version: 1 });
export const PROJECT_TOPIC = integrationTopic({ service: 'projects', category: 'project', version: 1 });
export const CONTACT_BLACKLISTED = 'zvonar.callcontrol.v1.ContactBlacklisted';
export const PROJECT_CREATED = 'zvonar.projects.v1.ProjectCreated';

/**
 * In the embedded mode each producer's bus log lives in the producer's own schema (the schema its
 * PostgresModule owns); Kafka ignores these.
 */
export const CALL_CONTROL_BUS_SCHEMA = 'call_control';
export const PROJECTS_BUS_SCHEMA = 'projects';

const OPT_OUTS_CONSUMER = 'call-opt-outs';
const PROJECTS_CONSUMER = 'project-accounts';

/** Other messages share these topics; they are decoded to null and acknowledged untouched. */
const decodeIf =
  <T>(type: string, decode: (payload: Uint8Array) => T) =>
  (payload: Uint8Array, message: IntegrationMessage): T | null =>
    message.type === type ? decode(payload) : null;

/**
 * Opt-outs captured in calls (ContactBlacklisted) into the project blacklist or the account's
 * do-not-call list, and each project's account (ProjectCreated), which blacklist events are keyed
 * by. Both are idempotent: the message id is recorded in the transaction of the change.
 */
@Injectable()
export class BlacklistInputsConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly buses: IntegrationBus[] = [];
  private readonly consumers: IntegrationConsumer[] = [];
  private joining: Promise<unknown> | undefined;
  private readonly stopping = new AbortController();

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(SERVICE_CONFIG) private readonly config: AudiencesConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(DESCRIBE_NUMBER) private readonly describe: DescribeNumber,
    @Inject(OUTBOX_WRITTEN) private readonly outboxWritten: () => void,
    private readonly blacklists: Blacklists,
    private readonly readiness: Readiness,
  ) {}

  onApplicationBootstrap(): void {
    const processed = new PostgresIdempotentConsumer(this.pool, 'audiences');
    this.readiness.register('blacklist-consumers', async () => this.consumers.length === 2);
    const optOuts = this.subscribe(CALL_CONTROL_BUS_SCHEMA, OPT_OUTS_CONSUMER, CALL_TOPIC, decodeIf(CONTACT_BLACKLISTED, callControlV1.ContactBlacklisted.decode), (event) =>
      oncePerMessage<callControlV1.ContactBlacklisted, PoolClient>(processed, OPT_OUTS_CONSUMER, (opted, delivery, tx) => this.optOut(tx, opted, delivery.message.messageId))(event.data, event.delivery),
    );
    const projects = this.subscribe(PROJECTS_BUS_SCHEMA, PROJECTS_CONSUMER, PROJECT_TOPIC, decodeIf(PROJECT_CREATED, projectsV1.ProjectCreated.decode), (event) =>
      oncePerMessage<projectsV1.ProjectCreated, PoolClient>(processed, PROJECTS_CONSUMER, (created, _delivery, tx) => this.blacklists.projectCreated(tx, created.projectId, created.accountId))(
        event.data,
        event.delivery,
      ),
    );
    this.joining = Promise.all([optOuts, projects]);
  }

  private async optOut(tx: PoolClient, event: callControlV1.ContactBlacklisted, messageId: string): Promise<void> {
    if (event.phone === '' || event.projectId === '') {
      this.logger.warn({ messageId }, 'ContactBlacklisted without a phone or project ignored');
      return;
    }
    const source = `call:${event.callId}`;
    if (event.scope === callControlV1.BlacklistScope.BLACKLIST_SCOPE_ACCOUNT) await this.blacklists.addToAccountFromProject(tx, { projectId: event.projectId, phone: event.phone, source });
    else await this.blacklists.addToProjectBlacklist(tx, { projectId: event.projectId, phone: event.phone, source, details: phoneDetails(this.describe(event.phone)) });
  }

  private subscribe<T>(
    schema: string,
    consumer: string,
    topic: string,
    decode: (payload: Uint8Array, message: IntegrationMessage) => T | null,
    handle: (event: { data: T; delivery: Parameters<Parameters<IntegrationBus['subscribe']>[0]['handle']>[1] }) => Promise<unknown>,
  ): Promise<void> {
    const group = `${this.config.CONSUMER_GROUP_PREFIX}-${consumer}`;
    const join = async (): Promise<void> => {
      const bus = await createIntegrationBus({ service: 'audiences', BUS: this.config.BUS, KAFKA_BROKERS: this.config.KAFKA_BROKERS, pool: this.pool, schema });
      try {
        const subscribed = await bus.subscribe<T | null>({
          group,
          topics: [topic],
          decode,
          handle: async (data, delivery) => {
            if (data === null) return;
            await handle({ data, delivery });
            // Committed: the relay publishes what the change wrote to the outbox now.
            this.outboxWritten();
          },
        });
        this.buses.push(bus);
        this.consumers.push(subscribed);
      } catch (error) {
        await bus.close();
        throw error;
      }
    };
    // Until it joins, readiness stays false; a try that fails (a topic still being created by the
    // service that owns it, Kafka starting) is tried again rather than leaving the consumer out.
    return keepJoining(join, {
      signal: this.stopping.signal,
      onRetry: (error, retryInMs) => this.logger.warn({ err: error, group, topic, retryInMs }, 'audiences consumer could not subscribe; retrying'),
    }).then(() => {
      if (!this.stopping.signal.aborted) this.logger.info({ group, topic }, 'audiences consumer joined');
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    await this.joining;
    for (const consumer of this.consumers) await consumer.stop();
    for (const bus of this.buses) await bus.close();
  }
}
