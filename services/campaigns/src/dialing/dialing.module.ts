import { Module } from '@nestjs/common';
import { OutboxRelay, relayToIntegrationBus } from '@zvonar/outbox';
import { LOGGER, PG_POOL, SERVICE_CONFIG } from '@zvonar/platform';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { CampaignsConfig } from '../campaigns.config';
import { DialingGrpcController } from './api/dialing.grpc.controller';
import { DialerLifecycle } from './infrastructure/dialer.lifecycle';
import { DialingReports } from './infrastructure/dialing-report.queries';
import { TelephonyWatchLifecycle } from './infrastructure/telephony-watch.lifecycle';
import { TELEPHONY_AVAILABILITY } from './application/telephony.port';
import { PLACE_CALL_TOPIC } from './integration/place-call.message';

export { dialingMigrations } from './infrastructure/dialing.migrations';
export { dialingConfigShape } from './infrastructure/dialing.config';

/** The campaigns outbox relay: PlaceCall commands to the bus chosen by BUS (a missing KAFKA_BROKERS fails the boot). */
const outboxRelay = (config: CampaignsConfig, pool: Pool, logger: Logger): OutboxRelay =>
  relayToIntegrationBus({ service: 'campaigns', schema: 'campaigns', BUS: config.BUS, KAFKA_BROKERS: config.KAFKA_BROKERS, pool, logger, topics: [PLACE_CALL_TOPIC] });

/**
 * The dialer: the attempt table and its loop, the call-outcome and blacklist consumers, the
 * outbox relay of PlaceCall, the telephony watch (campaigns pause while call-control is down and
 * resume when it is back), and CampaignDialingService. Needs PG_POOL on the campaigns schema
 * with dialingMigrations applied, CAMPAIGN_EVENT_STORE (global, from the lifecycle) and the
 * config extended with dialingConfigShape (AUDIENCES_GRPC_URL).
 */
@Module({
  controllers: [DialingGrpcController],
  providers: [
    { provide: OutboxRelay, inject: [SERVICE_CONFIG, PG_POOL, LOGGER], useFactory: outboxRelay },
    { provide: DialingReports, inject: [PG_POOL], useFactory: (pool: Pool) => new DialingReports(pool) },
    DialerLifecycle,
    TelephonyWatchLifecycle,
    { provide: TELEPHONY_AVAILABILITY, useExisting: TelephonyWatchLifecycle },
  ],
  // The user's resume asks it too: while call-control is down a resume keeps the campaign paused for it.
  exports: [TELEPHONY_AVAILABILITY],
})
export class DialingModule {}
