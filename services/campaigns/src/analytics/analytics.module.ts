import { Module } from '@nestjs/common';
import { PG_POOL } from '@zvonar/platform';
import type { Pool } from 'pg';
import { AnalyticsGrpcController } from './api/analytics.grpc.controller';
import { CampaignProgressQuery } from './infrastructure/campaign-progress.query';
import { CsvExports } from './infrastructure/csv-exports';
import { StatisticsQueries } from './infrastructure/statistics.queries';

export { analyticsMigrations } from './infrastructure/analytics.migrations';

/**
 * CampaignAnalyticsService: live progress, statistics over time, project statistics and CSV
 * downloads, all read from the dialer's tables (no projection of its own). Needs PG_POOL on the
 * campaigns schema with the dialer's migrations and analyticsMigrations applied (after them),
 * CAMPAIGN_EVENT_STORE and PROJECT_ACCESS (global, from the composition root) and CLOCK.
 */
@Module({
  controllers: [AnalyticsGrpcController],
  providers: [
    { provide: CampaignProgressQuery, inject: [PG_POOL], useFactory: (pool: Pool) => new CampaignProgressQuery(pool) },
    { provide: StatisticsQueries, inject: [PG_POOL], useFactory: (pool: Pool) => new StatisticsQueries(pool) },
    { provide: CsvExports, inject: [PG_POOL], useFactory: (pool: Pool) => new CsvExports(pool) },
  ],
})
export class AnalyticsModule {}
