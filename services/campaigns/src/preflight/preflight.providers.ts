import type { Provider } from '@nestjs/common';
import { CLOCK, PG_POOL, SERVICE_CONFIG, type Clock } from '@zvonar/platform';
import type { Pool } from 'pg';
import { dialingConfigSchema } from '../dialing/infrastructure/dialing.config';
import { PreflightGrpcController } from './api/preflight.grpc.controller';
import { CampaignPreflight } from './application/campaign-preflight';
import { PostgresPreflightLookups } from './infrastructure/postgres.preflight-lookups';
import { PreflightSegments } from './infrastructure/preflight-segments';

/**
 * The pre-flight of a launch (PreflightCampaign on CampaignsService). Registered in CampaignsModule
 * itself: its controller needs the lifecycle and access providers of the composition root.
 */
export const preflightProviders: Provider[] = [
  PreflightSegments,
  {
    provide: CampaignPreflight,
    inject: [PG_POOL, PreflightSegments, CLOCK, SERVICE_CONFIG],
    useFactory: (pool: Pool, segments: PreflightSegments, clock: Clock, config: unknown) =>
      new CampaignPreflight(new PostgresPreflightLookups(pool), segments, clock, undefined, dialingConfigSchema.parse(config).DIALER_SEGMENT_FIRST_ANSWER_MS),
  },
];

export const preflightControllers = [PreflightGrpcController];
