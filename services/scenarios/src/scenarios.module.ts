import { Inject, Injectable, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { LOGGER, PG_POOL, PostgresModule, SERVICE_CONFIG } from '@zvonar/platform';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { ScenariosConfig } from './config/scenarios.config';
import { ScenariosGrpcController } from './scenario/api/scenarios.grpc.controller';
import { ScenarioDrafts } from './scenario/application/scenario-drafts';
import { ScenarioSimulations } from './scenario/application/scenario-simulations';
import { ScenarioVersions } from './scenario/application/scenario-versions';
import { AcceptAllReferenceCatalogue } from './scenario/infrastructure/accept-all.reference-catalogue';
import { PostgresScenarioStore } from './scenario/infrastructure/postgres.scenario-store';
import { scenariosMigrations } from './scenario/infrastructure/scenarios.migrations';
import { OutboxRelay } from './scenario/integration/outbox.relay';
import {
  connectScenarioEventsPublisher,
  type ClosablePublisher,
} from './scenario/integration/scenario-events.publisher';
import { writeVersionPublished } from './scenario/integration/scenario-version-published.outbox';
import { INTEGRATION_BUS, REFERENCE_CATALOGUE, SCENARIO_STORE } from './scenarios.di-tokens';

/** Starts the outbox relay once the app is up; stops it (then the bus) before the pool closes. */
@Injectable()
class OutboxRelayLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly relay: OutboxRelay,
    @Inject(INTEGRATION_BUS) private readonly bus: ClosablePublisher,
  ) {}

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.relay.stop();
    await this.bus.close();
  }
}

/**
 * The composition root of the scenarios service: the PostgreSQL store in the `scenarios` schema,
 * the accept-all reference catalogue (until materials and integrations answer over gRPC), and the
 * outbox relay publishing to the bus chosen by BUS.
 */
@Module({
  imports: [PostgresModule.forService({ schema: 'scenarios', migrations: scenariosMigrations })],
  controllers: [ScenariosGrpcController],
  providers: [
    {
      provide: INTEGRATION_BUS,
      inject: [SERVICE_CONFIG, PG_POOL, LOGGER],
      useFactory: (config: ScenariosConfig, pool: Pool, logger: Logger) =>
        connectScenarioEventsPublisher(config, pool, logger),
    },
    {
      provide: OutboxRelay,
      inject: [PG_POOL, INTEGRATION_BUS, LOGGER],
      useFactory: (pool: Pool, publisher: ClosablePublisher, logger: Logger) =>
        new OutboxRelay({ pool, publisher, logger }),
    },
    {
      provide: SCENARIO_STORE,
      inject: [PG_POOL, OutboxRelay],
      useFactory: (pool: Pool, relay: OutboxRelay) =>
        new PostgresScenarioStore(pool, writeVersionPublished, () => relay.wake()),
    },
    { provide: REFERENCE_CATALOGUE, useValue: new AcceptAllReferenceCatalogue() },
    OutboxRelayLifecycle,
    ScenarioDrafts,
    ScenarioVersions,
    ScenarioSimulations,
  ],
})
export class ScenariosModule {}
