import { Module } from '@nestjs/common';
import { PG_POOL, PostgresModule } from '@zvonar/platform';
import { projectAccessMigrations, ProjectAccessModule } from '@zvonar/project-access';
import type { Pool } from 'pg';
import { AnalyticsModule, analyticsMigrations } from './analytics/analytics.module';
import { CampaignsAccess } from './campaign/api/campaigns.access';
import { CampaignsGrpcController } from './campaign/api/campaigns.grpc.controller';
import { CAMPAIGN_LIST } from './campaign/application/campaign-list.port';
import { CampaignLifecycle } from './campaign/application/campaign-lifecycle';
import { CampaignQueries } from './campaign/application/campaign-queries';
import { CampaignStartScheduler } from './campaign/application/campaign-start.scheduler';
import { CampaignEventStoreModule } from './campaign/infrastructure/campaign-event-store.module';
import { campaignListMigrations } from './campaign/infrastructure/campaign-list.migrations';
import { CampaignListProjection } from './campaign/infrastructure/campaign-list.projection';
import { PostgresCampaignList } from './campaign/infrastructure/postgres.campaign-list';
import { CampaignIntegrationForwarder } from './campaign/integration/campaign-integration.forwarder';
import { DialingModule, dialingMigrations } from './dialing/dialing.module';
import { preflightControllers, preflightProviders } from './preflight/preflight.providers';
import { PublishedScenariosModule } from './published-scenarios/published-scenarios.module';
import { publishedScenariosMigrations } from './published-scenarios/published-scenarios.migrations';
import { TemplatesGrpcController } from './templates/api/templates.grpc.controller';
import { CallTaskTemplates } from './templates/application/call-task-templates';
import { TEMPLATE_STORE } from './templates/application/template-store.port';
import { PostgresTemplateStore } from './templates/infrastructure/postgres.template-store';
import { templatesMigrations } from './templates/infrastructure/templates.migrations';

/** Every table of the campaigns schema; ids are unique across the parts and sort in order. */
export const campaignsMigrations = [
  ...publishedScenariosMigrations,
  ...campaignListMigrations,
  ...templatesMigrations,
  ...dialingMigrations,
  ...analyticsMigrations,
  // The access read model every CampaignsService call is checked against.
  ...projectAccessMigrations,
];

/**
 * The composition root of the campaigns service: the event-sourced campaigns (event store in the
 * `campaigns` schema, shared with the dialer), their list read model and start scheduler, the
 * call-task templates, the published-scenarios read model the launch check asks, the gRPC
 * CampaignsService (every call checked on the project-access read model; PreflightCampaign streams
 * the audience and reads the dialer's tables), the forwarder of lifecycle facts to zvonar.campaigns.campaign.v1, and the
 * dialer (DialingModule: it follows the campaign streams and answers with progress and completion).
 */
@Module({
  imports: [
    PostgresModule.forService({ schema: 'campaigns', migrations: campaignsMigrations }),
    ProjectAccessModule.forService({ service: 'campaigns', schema: 'campaigns' }),
    CampaignEventStoreModule,
    PublishedScenariosModule,
    DialingModule,
    AnalyticsModule,
  ],
  controllers: [CampaignsGrpcController, TemplatesGrpcController, ...preflightControllers],
  providers: [
    { provide: CAMPAIGN_LIST, inject: [PG_POOL], useFactory: (pool: Pool) => new PostgresCampaignList(pool) },
    { provide: TEMPLATE_STORE, inject: [PG_POOL], useFactory: (pool: Pool) => new PostgresTemplateStore(pool) },
    CampaignLifecycle,
    CampaignQueries,
    CampaignListProjection,
    CampaignStartScheduler,
    CampaignIntegrationForwarder,
    CallTaskTemplates,
    CampaignsAccess,
    ...preflightProviders,
  ],
})
export class CampaignsModule {}
