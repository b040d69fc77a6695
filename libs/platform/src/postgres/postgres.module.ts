import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { Readiness } from '../health/readiness';
import { PG_POOL, SERVICE_CONFIG } from '../platform.di-tokens';
import { createPool } from './create-pool';
import { runMigrations, type Migration } from './run-migrations';

export interface PostgresModuleOptions {
  /** The schema this service owns. */
  readonly schema: string;
  readonly migrations?: readonly Migration[];
  /** Config key holding the URL; DATABASE_URL unless the service keeps several databases. */
  readonly urlKey?: string;
  readonly max?: number;
}

/** Closes the pool after Nest has closed the servers that used it. */
@Injectable()
class PoolCloser implements OnApplicationShutdown {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * The service's PostgreSQL pool under PG_POOL, its migrations applied before the app listens,
 * and a "database" readiness check. Import it in the service module:
 * `PostgresModule.forService({ schema: 'billing', migrations })`.
 */
@Global()
@Module({})
export class PostgresModule {
  static forService({ schema, migrations = [], urlKey = 'DATABASE_URL', max }: PostgresModuleOptions): DynamicModule {
    return {
      module: PostgresModule,
      providers: [
        {
          provide: PG_POOL,
          inject: [SERVICE_CONFIG, Readiness],
          useFactory: async (config: Record<string, unknown>, readiness: Readiness): Promise<Pool> => {
            const url = config[urlKey];
            if (typeof url !== 'string')
              throw new Error(`PostgresModule needs ${urlKey} in the service's config schema`);
            const pool = createPool(url, { schema, max });
            await runMigrations(pool, schema, migrations);
            readiness.register('database', async () => {
              await pool.query('SELECT 1');
            });
            return pool;
          },
        },
        PoolCloser,
      ],
      exports: [PG_POOL],
    };
  }
}
