import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { EventStore } from '@zvonar/eventsourcing';
import { CLOCK, LOGGER, PG_POOL, SERVICE_CONFIG, type Clock } from '@zvonar/platform';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { CAMPAIGN_EVENT_STORE } from '../../campaigns.di-tokens';
import { TelephonyWatch } from '../application/telephony-watch';
import type { TelephonyAvailability } from '../application/telephony.port';
import { CampaignTelephonyPauses } from './campaign-telephony-pauses';
import { dialingConfigSchema } from './dialing.config';
import { DialingCampaigns } from './dialing-campaigns.repository';
import { GrpcTelephonyStatus } from './grpc.telephony-status';

/**
 * Runs the telephony watch with the service when CALL_CONTROL_GRPC_URL is set; without it the
 * telephony counts as always available (logged once at boot). Provided as TELEPHONY_AVAILABILITY
 * to the dialing loop and to the user's resume.
 */
@Injectable()
export class TelephonyWatchLifecycle implements TelephonyAvailability, OnApplicationBootstrap, OnModuleDestroy {
  private readonly watch: TelephonyWatch | undefined;
  private readonly status: GrpcTelephonyStatus | undefined;

  constructor(
    @Inject(SERVICE_CONFIG) config: unknown,
    @Inject(PG_POOL) pool: Pool,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(CLOCK) clock: Clock,
    @Inject(CAMPAIGN_EVENT_STORE) store: EventStore,
  ) {
    // A bad dialing config fails the boot in DialerLifecycle, which names every variable.
    const parsed = dialingConfigSchema.safeParse(config);
    if (!parsed.success || !parsed.data.CALL_CONTROL_GRPC_URL) return;
    const { CALL_CONTROL_GRPC_URL, TELEPHONY_CHECK_DEADLINE_MS, TELEPHONY_CHECK_MS, TELEPHONY_GRACE_MS, TELEPHONY_STARTUP_GRACE_MS, TELEPHONY_RESUME_SWEEP_MS } = parsed.data;
    this.status = new GrpcTelephonyStatus(CALL_CONTROL_GRPC_URL, TELEPHONY_CHECK_DEADLINE_MS);
    const pauses = new CampaignTelephonyPauses(new DialingCampaigns(pool), store, clock, logger);
    this.watch = new TelephonyWatch(this.status, pauses, logger, {
      checkEveryMs: TELEPHONY_CHECK_MS,
      graceMs: TELEPHONY_GRACE_MS,
      startupGraceMs: TELEPHONY_STARTUP_GRACE_MS,
      resumeSweepEveryMs: TELEPHONY_RESUME_SWEEP_MS,
    });
  }

  available(): boolean {
    return this.watch?.available() ?? true;
  }

  onApplicationBootstrap(): void {
    if (!this.watch) {
      this.logger.warn('CALL_CONTROL_GRPC_URL is not set: no telephony watch, campaigns are not paused while call-control is down');
      return;
    }
    this.watch.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.watch?.stop();
    this.status?.close();
  }
}
