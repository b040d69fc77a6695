import type { Pool } from 'pg';
import { withTransaction } from './postgres.transaction';

export const checkSchemaName = (schema: string): string => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new TypeError(`Invalid schema name "${schema}"`);
  return schema;
};

export const wakeupChannel = (schema: string): string => `${schema}_bus`;

/**
 * The embedded bus's tables, in the producing service's own schema:
 * - bus_log: every message, ordered per (topic, partition) by a gap-free offset;
 * - bus_heads: the next offset per partition; its row lock serialises a partition's writers
 *   until they commit, so offsets become visible in order and a reader never skips one;
 * - bus_group_partitions: per group and partition, the committed offset and the lease of the
 *   member that owns it; `ephemeral` marks groups whose rows go with their last member;
 * - bus_group_members: live members (heartbeats), from which each member derives its share;
 * - processed_messages: ids an idempotent consumer has handled, written in its own transaction.
 */
export async function migrateMessaging(pool: Pool, schema: string): Promise<void> {
  const s = checkSchemaName(schema);
  await withTransaction(pool, async (client) => {
    // Two processes starting at once would race on CREATE TABLE IF NOT EXISTS (duplicate pg_type rows).
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('zvonar.messaging'), hashtext($1))`, [s]);
    // The lock every creator of a service's schema takes (see runMigrations in @zvonar/platform).
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('zvonar.create-schema'), hashtext($1))`, [s]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${s}.bus_log (
        topic text NOT NULL,
        partition int NOT NULL,
        "offset" bigint NOT NULL,
        message_id text NOT NULL,
        key text NOT NULL,
        type text NOT NULL,
        payload bytea NOT NULL,
        occurred_at timestamptz NOT NULL,
        headers jsonb NOT NULL,
        PRIMARY KEY (topic, partition, "offset")
      );
      CREATE TABLE IF NOT EXISTS ${s}.bus_heads (
        topic text NOT NULL,
        partition int NOT NULL,
        next_offset bigint NOT NULL,
        PRIMARY KEY (topic, partition)
      );
      CREATE TABLE IF NOT EXISTS ${s}.bus_group_partitions (
        group_id text NOT NULL,
        topic text NOT NULL,
        partition int NOT NULL,
        committed_offset bigint NOT NULL DEFAULT 0,
        owner text,
        lease_until timestamptz,
        PRIMARY KEY (group_id, topic, partition)
      );
      CREATE TABLE IF NOT EXISTS ${s}.bus_group_members (
        group_id text NOT NULL,
        member_id text NOT NULL,
        topics text[] NOT NULL,
        heartbeat_at timestamptz NOT NULL,
        PRIMARY KEY (group_id, member_id)
      );
      CREATE TABLE IF NOT EXISTS ${s}.processed_messages (
        consumer text NOT NULL,
        message_id text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      );`);
    // Added after the first release. Every statement here runs on every connect, so it must be
    // idempotent; the check first, because ALTER TABLE locks the table exclusively even when
    // IF NOT EXISTS finds the column there, stalling the running members of every group.
    const { rowCount } = await client.query(
      `SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'bus_group_partitions' AND column_name = 'ephemeral'`,
      [s],
    );
    if (rowCount === 0) await client.query(`ALTER TABLE ${s}.bus_group_partitions ADD COLUMN IF NOT EXISTS ephemeral boolean NOT NULL DEFAULT false`);
  });
}
