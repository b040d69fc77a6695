import { Inject, Injectable, Module, type DynamicModule, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { LOGGER, PG_POOL, Readiness, SERVICE_CONFIG } from '@zvonar/platform';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { PolicyProjectAccess } from './access/policy.project-access';
import { PROJECT_ACCESS } from './access/project-access.port';
import { ReadYourWritesFacts } from './access/read-your-writes.facts';
import { GrpcProjectsAccessAuthority } from './projects-client/grpc.projects-access-authority';
import { PostgresProjectAccessFacts } from './read-model/postgres.project-access-facts';
import { ProjectAccessConsumer } from './read-model/project-access.consumer';

const OPTIONS = Symbol('PROJECT_ACCESS_OPTIONS');

export type ProjectAccessModuleOptions = {
  /** The service's name (its consumer group and Kafka client id). */
  readonly service: string;
  /** The service's schema (the one PostgresModule.forService owns). */
  readonly schema: string;
};

/**
 * The bus settings every service's config already has, and where projects listens (optional:
 * without it a miss in the read model is answered from the read model alone, i.e. NOT_FOUND until
 * the project events arrive).
 */
type AccessConfig = { BUS?: 'embedded' | 'kafka'; KAFKA_BROKERS?: readonly string[]; CONSUMER_GROUP_PREFIX?: string; PROJECTS_GRPC_URL?: string };

/**
 * Runs the consumer with the app: it joins in the background (joining a Kafka group can wait for
 * a dead member's session) and the service reports not ready until it has.
 */
@Injectable()
class ProjectAccessConsumerLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly consumer: ProjectAccessConsumer;
  private joining: Promise<void> | undefined;

  constructor(
    @Inject(OPTIONS) options: ProjectAccessModuleOptions,
    @Inject(SERVICE_CONFIG) config: AccessConfig,
    @Inject(PG_POOL) pool: Pool,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly readiness: Readiness,
  ) {
    this.consumer = new ProjectAccessConsumer({
      ...options,
      pool,
      logger,
      BUS: config.BUS ?? 'embedded',
      KAFKA_BROKERS: config.KAFKA_BROKERS,
      ...(config.CONSUMER_GROUP_PREFIX ? { groupPrefix: config.CONSUMER_GROUP_PREFIX } : {}),
    });
  }

  onApplicationBootstrap(): void {
    this.readiness.register('project-access-consumer', async () => this.consumer.joined);
    // A bus that cannot take the member yet is retried; only a bug would end up here.
    this.joining = this.consumer
      .keepJoining()
      .catch((error: unknown) => this.logger.error({ err: error }, 'project-access consumer stopped trying to join'));
  }

  async onModuleDestroy(): Promise<void> {
    const stopped = this.consumer.stop();
    await this.joining;
    await stopped;
  }
}

const PROJECTS_AUTHORITY = Symbol('PROJECTS_AUTHORITY');

const projectsAuthority = (config: AccessConfig, logger: Logger): GrpcProjectsAccessAuthority | null =>
  config.PROJECTS_GRPC_URL ? new GrpcProjectsAccessAuthority(config.PROJECTS_GRPC_URL, logger) : null;

/** Closes the client of projects with the app. */
@Injectable()
class ProjectsAuthorityLifecycle implements OnModuleDestroy {
  constructor(@Inject(PROJECTS_AUTHORITY) private readonly projects: GrpcProjectsAccessAuthority | null) {}

  onModuleDestroy(): void {
    this.projects?.close();
  }
}

/**
 * Authorization inside a service: PROJECT_ACCESS (the ProjectAccess port) on the read model in
 * the service's schema, and the consumer that keeps it; with PROJECTS_GRPC_URL in the config, a
 * miss in the read model is asked of projects (ReadYourWritesFacts). Needs PG_POOL with
 * projectAccessMigrations among the service's migrations. Import it once, in the service's root
 * module: it is global within the service's Nest app (each hosted service is an app of its own),
 * so feature modules inject PROJECT_ACCESS without importing it again (a second import would run
 * a second consumer).
 */
@Module({})
export class ProjectAccessModule {
  static forService(options: ProjectAccessModuleOptions): DynamicModule {
    return {
      module: ProjectAccessModule,
      global: true,
      providers: [
        { provide: OPTIONS, useValue: options },
        { provide: PROJECTS_AUTHORITY, inject: [SERVICE_CONFIG, LOGGER], useFactory: projectsAuthority },
        {
          provide: PROJECT_ACCESS,
          inject: [PG_POOL, PROJECTS_AUTHORITY],
          useFactory: (pool: Pool, projects: GrpcProjectsAccessAuthority | null) => {
            const readModel = new PostgresProjectAccessFacts(pool);
            return new PolicyProjectAccess(projects ? new ReadYourWritesFacts(readModel, projects) : readModel);
          },
        },
        ProjectsAuthorityLifecycle,
        ProjectAccessConsumerLifecycle,
      ],
      exports: [PROJECT_ACCESS],
    };
  }
}
