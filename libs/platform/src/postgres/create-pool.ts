import { Pool } from 'pg';
import { assertSchemaName } from './schema-name';

export interface PoolOptions {
  /** The service's own schema; every connection's search_path starts with it. */
  readonly schema: string;
  readonly max?: number;
  /** Shown in pg_stat_activity, so a DBA sees which service holds a connection. */
  readonly applicationName?: string;
}

/**
 * A pool whose connections resolve unqualified names in the service's schema. The search_path
 * is a startup parameter, so it holds from the first query on every connection, including ones
 * the pool opens later, and cannot be lost to a RESET ALL.
 */
export function createPool(url: string, { schema, max = 10, applicationName }: PoolOptions): Pool {
  assertSchemaName(schema);
  const pool = new Pool({
    connectionString: url,
    max,
    options: `-c search_path=${schema},public`,
    application_name: applicationName ?? schema,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
  });
  // An idle client losing its connection (database restart) emits here; without a listener the
  // process would crash. The next checkout opens a new connection.
  pool.on('error', () => undefined);
  return pool;
}
