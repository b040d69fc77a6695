import { Module } from '@nestjs/common';
import { PostgresModule } from '@zvonar/platform';
import { PublishedScenariosModule } from './published-scenarios/published-scenarios.module';
import { publishedScenariosMigrations } from './published-scenarios/published-scenarios.migrations';

/**
 * The composition root of the campaigns service. So far it hosts the published-scenarios read
 * model; the campaign aggregate, the dialer and their adapters join here.
 */
@Module({
  imports: [
    PostgresModule.forService({ schema: 'campaigns', migrations: publishedScenariosMigrations }),
    PublishedScenariosModule,
  ],
})
export class CampaignsModule {}
