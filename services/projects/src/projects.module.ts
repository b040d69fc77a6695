import { Module } from '@nestjs/common';
import { OutboxRelay, relayToIntegrationBus } from '@zvonar/outbox';
import { LOGGER, PG_POOL, PostgresModule, SERVICE_CONFIG } from '@zvonar/platform';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { ProjectsConfig } from './config/projects.config';
import { ProjectsGrpcController } from './project/api/projects.grpc.controller';
import { Dashboard, type PersonalManager } from './project/application/dashboard';
import { Projects } from './project/application/projects';
import { Sharing } from './project/application/sharing';
import { PostgresProjectStore } from './project/infrastructure/postgres.project-store';
import { projectsMigrations } from './project/infrastructure/projects.migrations';
import { PROJECT_TOPIC, writeProjectFact } from './project/integration/project-facts.outbox';
import { PERSONAL_MANAGER, PROJECT_STORE } from './projects.di-tokens';

/** The relay of the projects outbox to the bus chosen by BUS (a missing KAFKA_BROKERS fails the boot). */
const outboxRelay = (config: ProjectsConfig, pool: Pool, logger: Logger): OutboxRelay =>
  relayToIntegrationBus({ service: 'projects', schema: 'projects', BUS: config.BUS, KAFKA_BROKERS: config.KAFKA_BROKERS, pool, logger, topics: [PROJECT_TOPIC] });

/**
 * The composition root of the projects service: the PostgreSQL store in the `projects` schema
 * (projects authorises from its own tables, the source of truth), and the outbox relay that
 * publishes project and membership facts to the bus chosen by BUS.
 */
@Module({
  imports: [PostgresModule.forService({ schema: 'projects', migrations: projectsMigrations })],
  controllers: [ProjectsGrpcController],
  providers: [
    { provide: OutboxRelay, inject: [SERVICE_CONFIG, PG_POOL, LOGGER], useFactory: outboxRelay },
    {
      provide: PROJECT_STORE,
      inject: [PG_POOL, OutboxRelay],
      useFactory: (pool: Pool, relay: OutboxRelay) => new PostgresProjectStore(pool, writeProjectFact, () => relay.announce()),
    },
    {
      provide: PERSONAL_MANAGER,
      inject: [SERVICE_CONFIG],
      useFactory: (config: ProjectsConfig): PersonalManager => ({
        name: config.PERSONAL_MANAGER_NAME,
        email: config.PERSONAL_MANAGER_EMAIL,
        phone: config.PERSONAL_MANAGER_PHONE,
      }),
    },
    Projects,
    Sharing,
    Dashboard,
  ],
})
export class ProjectsModule {}
