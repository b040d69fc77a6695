import { Module, type DynamicModule } from '@nestjs/common';
import { OutboxRelay, relayToIntegrationBus } from '@zvonar/outbox';
import { CLOCK, LOGGER, PG_POOL, PostgresModule, SERVICE_CONFIG, type Clock } from '@zvonar/platform';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { ProjectsConfig } from './config/projects.config';
import { ProjectsGrpcController } from './project/api/projects.grpc.controller';
import { Dashboard, type PersonalManager } from './project/application/dashboard';
import { Projects } from './project/application/projects';
import { Sharing, type InvitationSettings } from './project/application/sharing';
import { PostgresProjectStore } from './project/infrastructure/postgres.project-store';
import { projectsMigrations } from './project/infrastructure/projects.migrations';
import { PROJECTS_TOPICS, writeProjectFact } from './project/integration/project-facts.outbox';
import { INVITATION_SETTINGS, PERSONAL_MANAGER, PROJECT_STORE, PROJECTS_CLOCK } from './projects.di-tokens';

/** The relay of the projects outbox to the bus chosen by BUS (a missing KAFKA_BROKERS fails the boot). */
const outboxRelay = (config: ProjectsConfig, pool: Pool, logger: Logger): OutboxRelay =>
  relayToIntegrationBus({
    service: 'projects',
    schema: 'projects',
    BUS: config.BUS,
    KAFKA_BROKERS: config.KAFKA_BROKERS,
    pool,
    logger,
    topics: PROJECTS_TOPICS,
  });

export type ProjectsModuleOptions = {
  /** A TestClock for specs of invitation expiry; the platform's clock otherwise. */
  readonly clock?: Clock;
};

/**
 * The composition root of the projects service: the PostgreSQL store in the `projects` schema
 * (projects authorises from its own tables, the source of truth), and the outbox relay that
 * publishes project and membership facts, and invitations to be emailed, to the bus chosen by BUS.
 */
@Module({})
export class ProjectsModule {
  static register(options: ProjectsModuleOptions = {}): DynamicModule {
    return {
      module: ProjectsModule,
      imports: [PostgresModule.forService({ schema: 'projects', migrations: projectsMigrations })],
      controllers: [ProjectsGrpcController],
      providers: [
        options.clock
          ? { provide: PROJECTS_CLOCK, useValue: options.clock }
          : { provide: PROJECTS_CLOCK, useExisting: CLOCK },
        {
          provide: INVITATION_SETTINGS,
          inject: [SERVICE_CONFIG],
          useFactory: (config: ProjectsConfig): InvitationSettings => ({ ttlDays: config.INVITATION_TTL_DAYS }),
        },
        { provide: OutboxRelay, inject: [SERVICE_CONFIG, PG_POOL, LOGGER], useFactory: outboxRelay },
        {
          provide: PROJECT_STORE,
          inject: [PG_POOL, OutboxRelay],
          useFactory: (pool: Pool, relay: OutboxRelay) =>
            new PostgresProjectStore(pool, writeProjectFact, () => relay.announce()),
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
    };
  }
}
