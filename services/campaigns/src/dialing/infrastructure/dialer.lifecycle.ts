import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { EventStore } from '@zvonar/eventsourcing';
import { createIntegrationBus, OutboxRelay, type IntegrationBus } from '@zvonar/outbox';
import { CLOCK, ConfigError, LOGGER, PG_POOL, Readiness, SERVICE_CONFIG, type Clock } from '@zvonar/platform';
import { PROJECTS_BUS_SCHEMA } from '@zvonar/project-access';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { AUDIENCES_BUS_SCHEMA } from '../../blacklist/blacklist.consumer';
import type { CampaignsConfig } from '../../campaigns.config';
import { CAMPAIGN_EVENT_STORE } from '../../campaigns.di-tokens';
import { CALL_CONTROL_BUS_SCHEMA } from '../integration/call-outcomes.consumer';
import { startDialer, type RunningDialer } from './dialer.runtime';
import { dialingConfigSchema, type DialingConfig } from './dialing.config';
import { GrpcSegmentContacts } from './grpc.segment-contacts';
import type { SegmentContactSource } from '../application/segment-contacts.port';
import { TELEPHONY_AVAILABILITY, type TelephonyAvailability } from '../application/telephony.port';

const RETRY_MS = 2_000;

/**
 * Starts the dialer with the service and stops it first on shutdown. A bus that is down at boot
 * does not fail the boot: the start is retried, and the service reports not ready meanwhile.
 */
@Injectable()
export class DialerLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private dialer: RunningDialer | undefined;
  private readonly opened: IntegrationBus[] = [];
  private segments: (SegmentContactSource & { close(): void }) | undefined;
  private starting: Promise<void> | undefined;
  private destroyed = false;
  private retry: NodeJS.Timeout | undefined;
  private readonly config: CampaignsConfig & DialingConfig;

  constructor(
    @Inject(SERVICE_CONFIG) config: CampaignsConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CAMPAIGN_EVENT_STORE) private readonly store: EventStore,
    private readonly relay: OutboxRelay,
    private readonly readiness: Readiness,
    @Inject(TELEPHONY_AVAILABILITY) private readonly telephony: TelephonyAvailability,
  ) {
    const dialing = dialingConfigSchema.safeParse(config);
    if (!dialing.success) {
      throw new ConfigError(
        'campaigns',
        dialing.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? ''), problem: issue.message })),
      );
    }
    this.config = { ...config, ...dialing.data };
  }

  onApplicationBootstrap(): void {
    this.readiness.register('dialer', async () => this.dialer !== undefined);
    this.starting = this.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.destroyed = true;
    clearTimeout(this.retry);
    await this.starting;
    await this.dialer?.stop();
    await Promise.all(this.opened.map((bus) => bus.close()));
    this.segments?.close();
  }

  private segmentSource(): SegmentContactSource & { close(): void } {
    const url = this.config.AUDIENCES_GRPC_URL;
    if (url) return new GrpcSegmentContacts(url, this.config.DIALER_SEGMENT_STREAM_DEADLINE_MS);
    const missing = new ConfigError('campaigns', [{ variable: 'AUDIENCES_GRPC_URL', problem: 'is required to load a campaign audience' }]);
    this.logger.error({ err: missing }, 'the dialer cannot load audiences');
    return {
      // eslint-disable-next-line require-yield -- fails on the first read, like an unreachable service
      async *stream() {
        throw missing;
      },
      close: () => undefined,
    };
  }

  private async start(): Promise<void> {
    try {
      const busOf = async (schema: string) => {
        const bus = await createIntegrationBus({ service: 'campaigns', BUS: this.config.BUS, KAFKA_BROKERS: this.config.KAFKA_BROKERS, pool: this.pool, schema });
        this.opened.push(bus);
        return bus;
      };
      this.segments ??= this.segmentSource();
      const callEvents = await busOf(CALL_CONTROL_BUS_SCHEMA);
      const blacklistEvents = await busOf(AUDIENCES_BUS_SCHEMA);
      const projectEvents = await busOf(PROJECTS_BUS_SCHEMA);
      if (this.destroyed) return;
      this.dialer = await startDialer({
        pool: this.pool,
        eventStore: this.store,
        clock: this.clock,
        logger: this.logger,
        segments: this.segments,
        callEvents,
        blacklistEvents,
        projectEvents,
        groupPrefix: this.config.CONSUMER_GROUP_PREFIX,
        announce: () => this.relay.announce(),
        telephony: this.telephony,
        interruption: { retryAfterMs: this.config.DIALER_INTERRUPTED_RETRY_DELAY_MS, maxRetries: this.config.DIALER_INTERRUPTED_RETRY_MAX },
        segmentFirstAnswerMs: this.config.DIALER_SEGMENT_FIRST_ANSWER_MS,
        loop: {
          stepMs: this.config.DIALER_STEP_MS,
          maxConcurrentLoads: this.config.DIALER_LOAD_CONCURRENCY,
          loadBackoff: { initialMs: this.config.DIALER_LOAD_RETRY_MS, maxMs: this.config.DIALER_LOAD_RETRY_MAX_MS },
        },
      });
      this.logger.info('dialer started');
    } catch (error) {
      this.logger.error({ err: error }, `dialer could not start; retrying in ${RETRY_MS} ms`);
      await Promise.allSettled(this.opened.splice(0).map((bus) => bus.close()));
      if (this.destroyed) return;
      this.retry = setTimeout(() => {
        this.starting = this.start();
      }, RETRY_MS);
    }
  }
}
