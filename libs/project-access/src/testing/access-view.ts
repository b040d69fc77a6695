import { createLogger, createPool, runMigrations } from '@zvonar/platform';
import type { Pool } from 'pg';
import { PolicyProjectAccess } from '../access/policy.project-access';
import { PostgresProjectAccessFacts } from '../read-model/postgres.project-access-facts';
import { ProjectAccessConsumer, type ProjectAccessConsumerOptions } from '../read-model/project-access.consumer';
import { projectAccessMigrations } from '../read-model/project-access.migrations';

/** Where the view reads projects' events from: the embedded bus log, or Kafka in a group of its own. */
export type AccessViewBus = { readonly BUS: 'embedded' } | { readonly BUS: 'kafka'; readonly KAFKA_BROKERS: string[]; readonly groupPrefix: string };

/** Another service's view of project access: its schema, the read model fed from the bus, the policy over it. */
export interface AccessView {
  readonly pool: Pool;
  readonly consumer: ProjectAccessConsumer;
  readonly access: PolicyProjectAccess;
  stop(): Promise<void>;
}

/**
 * Starts what a service that authorises by project runs, without the service: for specs of the
 * read model and of projects' events as their consumers see them.
 */
export async function startAccessView(databaseUrl: string, schema: string, bus: AccessViewBus, { start = true }: { start?: boolean } = {}): Promise<AccessView> {
  const pool = createPool(databaseUrl, { schema, max: 4 });
  await runMigrations(pool, schema, projectAccessMigrations);
  const service = schema.replace(/_/g, '-');
  const options: ProjectAccessConsumerOptions = { service, schema, pool, ...bus, logger: createLogger({ service, level: 'error' }) };
  const consumer = new ProjectAccessConsumer(options);
  if (start) await consumer.start();
  return {
    pool,
    consumer,
    access: new PolicyProjectAccess(new PostgresProjectAccessFacts(pool)),
    async stop() {
      await consumer.stop();
      await pool.end();
    },
  };
}
