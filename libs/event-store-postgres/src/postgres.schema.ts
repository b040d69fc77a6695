import type { Pool } from 'pg';

/** Only plain lower-case identifiers: the schema name is written into DDL and prepared SQL. */
export function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,47}$/.test(schema)) throw new Error(`Invalid event store schema name "${schema}"`);
  return schema;
}

/** The channel appends notify on; one per schema so two stores on one database do not wake each other. */
export const notifyChannel = (schema: string): string => `zvonar_events_${schema}`;

/** Custom SQLSTATE of a refused batch raised by refuse_mixed_batch ("ZV" + HTTP's 409). */
export const WRONG_EXPECTED_REVISION = 'ZV409';

/**
 * Numbered migrations; each runs once per schema, in order. Never edit a released step: add one.
 */
const migrations = (s: string): string[] => [
  `
  CREATE TABLE ${s}.events (
    -- Store-wide order is (transaction_id, position): positions are taken at insert but commits
    -- land out of sequence order, so readers order by writer transaction and read only below the
    -- oldest transaction still running (see readAll).
    transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
    position bigint GENERATED ALWAYS AS IDENTITY,
    event_id uuid NOT NULL,
    stream_id text NOT NULL,
    stream_revision integer NOT NULL,
    category text NOT NULL,
    type text NOT NULL,
    data jsonb NOT NULL,
    metadata jsonb NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT events_order PRIMARY KEY (transaction_id, position),
    -- Optimistic concurrency: two writers cannot both take the next revision of a stream.
    CONSTRAINT events_stream_revision UNIQUE (stream_id, stream_revision),
    -- Idempotency: an event id is stored once.
    CONSTRAINT events_event_id UNIQUE (event_id)
  );
  -- No index per category: it would slow every append by about a third (measured), and a
  -- filtered read walks the store order instead, moving its checkpoint past what it skipped.

  CREATE TABLE ${s}.subscription_checkpoints (
    subscriber_id text PRIMARY KEY,
    transaction_id xid8 NOT NULL,
    position bigint NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  );

  -- Raised from the append statement when a batch mixes stored and new event ids; raising there
  -- undoes the rows the statement inserted, so a batch is stored whole or not at all.
  CREATE FUNCTION ${s}.refuse_mixed_batch(p_current integer) RETURNS integer LANGUAGE plpgsql AS $fn$
  BEGIN
    RAISE EXCEPTION 'batch mixes stored and new event ids' USING ERRCODE = '${WRONG_EXPECTED_REVISION}',
      DETAIL = coalesce(p_current::text, 'no_stream'), HINT = 'a batch of new event ids';
  END
  $fn$;

  -- The result of an earlier append of exactly these event ids to this stream; no row otherwise.
  CREATE FUNCTION ${s}.stored_batch(p_stream_id text, p_ids uuid[])
  RETURNS TABLE (stream_revision integer, transaction_id text, "position" bigint)
  LANGUAGE sql STABLE AS $fn$
    WITH stored AS (
      SELECT e.* FROM unnest(p_ids) AS i (id) JOIN ${s}.events e ON e.event_id = i.id
    )
    SELECT s.stream_revision, s.transaction_id::text, s.position FROM stored s
    WHERE (SELECT count(*) FROM stored x WHERE x.stream_id = p_stream_id) = cardinality(p_ids)
    ORDER BY s.stream_revision DESC LIMIT 1
  $fn$;

  -- A lost checkpoint write only replays a batch (delivery is at-least-once), so this commit does
  -- not wait for the WAL flush: catch-up is not throttled by one fsync per batch.
  CREATE FUNCTION ${s}.save_checkpoint(p_subscriber_id text, p_transaction_id xid8, p_position bigint)
  RETURNS void LANGUAGE plpgsql AS $fn$
  BEGIN
    PERFORM set_config('synchronous_commit', 'off', true);
    INSERT INTO ${s}.subscription_checkpoints AS c (subscriber_id, transaction_id, position)
      VALUES (p_subscriber_id, p_transaction_id, p_position)
      ON CONFLICT (subscriber_id) DO UPDATE SET transaction_id = excluded.transaction_id, position = excluded.position, updated_at = now();
  END
  $fn$;
  `,
];

/**
 * Brings the schema to the latest migration. Safe when several processes start together: the
 * steps run in one transaction under an advisory lock keyed on the schema, so the second process
 * waits and then finds nothing left to do.
 */
export async function migrate(pool: Pool, schemaName: string): Promise<void> {
  const s = checkSchemaName(schemaName);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('zvonar.event_store'), hashtext($1))`, [s]);
    // The lock every creator of a service's schema takes (see runMigrations in @zvonar/platform).
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('zvonar.create-schema'), hashtext($1))`, [s]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${s}.event_store_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied = await client.query<{ version: number }>(`SELECT version FROM ${s}.event_store_migrations`);
    const done = new Set(applied.rows.map((row) => row.version));
    const steps = migrations(s);
    for (const [index, sql] of steps.entries()) {
      const version = index + 1;
      if (done.has(version)) continue;
      await client.query(sql);
      await client.query(`INSERT INTO ${s}.event_store_migrations (version) VALUES ($1)`, [version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
