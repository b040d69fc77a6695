import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { assertSchemaName } from './schema-name';

export interface Migration {
  /** Orders migrations and is recorded once applied: `0001_create_calls`. Never renamed. */
  readonly id: string;
  /** Runs with search_path set to the service's schema, inside one transaction. */
  readonly sql: string;
}

export interface MigrationResult {
  readonly applied: readonly string[];
  readonly alreadyApplied: readonly string[];
}

/**
 * Brings a service's schema up to date: creates the schema, then applies, in id order, each
 * migration not yet recorded in `<schema>.schema_migrations`, each in its own transaction with
 * its record. A session advisory lock keyed on the schema serialises processes that start
 * together (replicas of one Deployment), so each migration runs exactly once. A recorded
 * migration whose SQL has changed stops the start: editing history silently is how schemas drift.
 */
export async function runMigrations(
  pool: Pool,
  schema: string,
  migrations: readonly Migration[],
): Promise<MigrationResult> {
  assertSchemaName(schema);
  const ordered = [...migrations].sort((a, b) => a.id.localeCompare(b.id));
  assertUniqueIds(ordered);
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`zvonar.migrations.${schema}`]);
    try {
      await ensureLedger(client, schema);
      const recorded = await readLedger(client, schema);
      const applied: string[] = [];
      const alreadyApplied: string[] = [];
      for (const migration of ordered) {
        const checksum = checksumOf(migration.sql);
        const previous = recorded.get(migration.id);
        if (previous === undefined) {
          await apply(client, schema, migration, checksum);
          applied.push(migration.id);
        } else if (previous !== checksum) {
          throw new Error(
            `Migration ${schema}/${migration.id} was changed after it was applied; add a new migration instead`,
          );
        } else {
          alreadyApplied.push(migration.id);
        }
      }
      return { applied, alreadyApplied };
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`zvonar.migrations.${schema}`]);
    }
  } finally {
    client.release();
  }
}

async function ensureLedger(client: PoolClient, schema: string): Promise<void> {
  // CREATE SCHEMA IF NOT EXISTS is not safe against itself: two transactions creating the same
  // schema at once fail one with a duplicate pg_namespace key. Everything that creates a
  // service's schema (these migrations, the embedded bus, the event store) takes this lock first.
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('zvonar.create-schema'), hashtext($1))`, [schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (
       id text PRIMARY KEY,
       checksum text NOT NULL,
       applied_at timestamptz NOT NULL DEFAULT now()
     )`,
  );
}

async function readLedger(client: PoolClient, schema: string): Promise<Map<string, string>> {
  const { rows } = await client.query<{ id: string; checksum: string }>(
    `SELECT id, checksum FROM ${schema}.schema_migrations`,
  );
  return new Map(rows.map(({ id, checksum }) => [id, checksum]));
}

async function apply(client: PoolClient, schema: string, migration: Migration, checksum: string): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL search_path TO ${schema}, public`);
    await client.query(migration.sql);
    await client.query(`INSERT INTO ${schema}.schema_migrations (id, checksum) VALUES ($1, $2)`, [
      migration.id,
      checksum,
    ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw new Error(
      `Migration ${schema}/${migration.id} failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

function assertUniqueIds(migrations: readonly Migration[]): void {
  const seen = new Set<string>();
  for (const { id } of migrations) {
    if (seen.has(id)) throw new Error(`Duplicate migration id ${id}`);
    seen.add(id);
  }
}

const checksumOf = (sql: string): string => createHash('sha256').update(sql).digest('hex');
