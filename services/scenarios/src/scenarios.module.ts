import { Module } from '@nestjs/common';
import { OutboxRelay, relayToIntegrationBus } from '@zvonar/outbox';
import { LOGGER, PG_POOL, PostgresModule, SERVICE_CONFIG } from '@zvonar/platform';
import type { Pool } from 'pg';
import { projectAccessMigrations, ProjectAccessModule } from '@zvonar/project-access';
import type { Logger } from 'pino';
import type { ScenariosConfig } from './config/scenarios.config';
import { ScenariosAccess } from './scenario/api/scenarios.access';
import { ScenariosGrpcController } from './scenario/api/scenarios.grpc.controller';
import { ScenarioDrafts } from './scenario/application/scenario-drafts';
import { ScenarioSimulations } from './scenario/application/scenario-simulations';
import { ScenarioVersions } from './scenario/application/scenario-versions';
import { AcceptAllReferenceCatalogue } from './scenario/infrastructure/accept-all.reference-catalogue';
import { PostgresScenarioStore } from './scenario/infrastructure/postgres.scenario-store';
import { scenariosMigrations } from './scenario/infrastructure/scenarios.migrations';
import { SCENARIO_TOPIC, writeVersionPublished } from './scenario/integration/scenario-version-published.outbox';
import { REFERENCE_CATALOGUE, SCENARIO_STORE } from './scenarios.di-tokens';

/** The relay of the scenarios outbox to the bus chosen by BUS (a missing KAFKA_BROKERS fails the boot). */
const outboxRelay = (config: ScenariosConfig, pool: Pool, logger: Logger): OutboxRelay =>
  relayToIntegrationBus({ service: 'scenarios', schema: 'scenarios', BUS: config.BUS, KAFKA_BROKERS: config.KAFKA_BROKERS, pool, logger, topics: [SCENARIO_TOPIC] });

/**
 * The composition root of the scenarios service: the PostgreSQL store in the `scenarios` schema,
 * the accept-all reference catalogue (until materials and integrations answer over gRPC), and the
 * outbox relay publishing to the bus chosen by BUS, and authorization on the project-access read
 * model in the same schema (asking projects at PROJECTS_GRPC_URL on a miss).
 */
@Module({
  imports: [
    // The project-access read model's migrations come after the service's own (append only).
    PostgresModule.forService({ schema: 'scenarios', migrations: [...scenariosMigrations, ...projectAccessMigrations] }),
    ProjectAccessModule.forService({ service: 'scenarios', schema: 'scenarios' }),
  ],
  controllers: [ScenariosGrpcController],
  providers: [
    { provide: OutboxRelay, inject: [SERVICE_CONFIG, PG_POOL, LOGGER], useFactory: outboxRelay },
    {
      provide: SCENARIO_STORE,
      inject: [PG_POOL, OutboxRelay],
      useFactory: (pool: Pool, relay: OutboxRelay) =>
        new PostgresScenarioStore(pool, writeVersionPublished, () => relay.announce()),
    },
    { provide: REFERENCE_CATALOGUE, useValue: new AcceptAllReferenceCatalogue() },
    ScenarioDrafts,
    ScenarioVersions,
    ScenarioSimulations,
    ScenariosAccess,
  ],
})
export class ScenariosModule {}
