import type { Pool } from 'pg';

/** Only plain lower-case identifiers: the schema name is written into DDL and prepared SQL. */
export function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,47}$/.test(schema)) throw new Error(`Invalid event store schema name "${schema}"`);
  return schema;
}

/** The channel appends notify on; one per schema so two stores on one database do not wake each other. */
export const notifyChannel = (schema: string): string => `zvonar_events_${schema}`;

/** Custom SQLSTATE of a wrong expected revision raised by append_events ("ZV" + HTTP's 409). */
export const WRONG_EXPECTED_REVISION = 'ZV409';

/**
 * Expected revisions travel to append_events as one bigint: a revision is >= 0, the named forms
 * are negative.
 */
export const ANY = -1;
export const NO_STREAM = -2;
export const STREAM_EXISTS = -3;

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
  CREATE INDEX events_category_order ON ${s}.events (category, transaction_id, position);

  CREATE TABLE ${s}.subscription_checkpoints (
    subscriber_id text PRIMARY KEY,
    transaction_id xid8 NOT NULL,
    position bigint NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  );

  -- One round trip per append: the idempotency check, the revision check and the insert of the
  -- whole batch run here. Expected revision: >= 0 exact, -1 any, -2 no stream, -3 stream exists.
  CREATE FUNCTION ${s}.append_events(
    p_stream_id text, p_expected bigint, p_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[]
  ) RETURNS TABLE (stream_revision integer, transaction_id text, "position" bigint)
  LANGUAGE plpgsql AS $fn$
  DECLARE
    v_current integer;
    v_known integer;
    v_known_elsewhere integer;
  BEGIN
    SELECT max(e.stream_revision) INTO v_current FROM ${s}.events e WHERE e.stream_id = p_stream_id;

    IF EXISTS (SELECT 1 FROM ${s}.events e WHERE e.event_id = ANY (p_ids)) THEN
      SELECT count(*) FILTER (WHERE e.stream_id = p_stream_id), count(*) FILTER (WHERE e.stream_id <> p_stream_id)
        INTO v_known, v_known_elsewhere
        FROM ${s}.events e WHERE e.event_id = ANY (p_ids);
      IF v_known = cardinality(p_ids) AND v_known_elsewhere = 0 THEN
        -- The same batch again (a retried request): succeed with what was stored the first time.
        RETURN QUERY SELECT e.stream_revision, e.transaction_id::text, e.position FROM ${s}.events e
          WHERE e.event_id = ANY (p_ids) ORDER BY e.stream_revision DESC LIMIT 1;
        RETURN;
      END IF;
      RAISE EXCEPTION 'batch mixes stored and new event ids' USING ERRCODE = '${WRONG_EXPECTED_REVISION}',
        DETAIL = coalesce(v_current::text, 'no_stream'), HINT = 'a batch of new event ids';
    END IF;

    IF NOT (p_expected = ${ANY} OR (p_expected = ${NO_STREAM} AND v_current IS NULL)
            OR (p_expected = ${STREAM_EXISTS} AND v_current IS NOT NULL) OR p_expected = coalesce(v_current, ${NO_STREAM})) THEN
      RAISE EXCEPTION 'wrong expected revision' USING ERRCODE = '${WRONG_EXPECTED_REVISION}',
        DETAIL = coalesce(v_current::text, 'no_stream');
    END IF;

    RETURN QUERY
      WITH inserted AS (
        INSERT INTO ${s}.events AS e (event_id, stream_id, stream_revision, category, type, data, metadata)
        SELECT u.id, p_stream_id, coalesce(v_current, -1) + u.ord::integer, split_part(p_stream_id, '-', 1), u.type, u.data, u.metadata
          FROM unnest(p_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS u (id, type, data, metadata, ord)
        RETURNING e.stream_revision, e.transaction_id, e.position
      )
      SELECT i.stream_revision, i.transaction_id::text, i.position FROM inserted i ORDER BY i.stream_revision DESC LIMIT 1;
    PERFORM pg_notify('${notifyChannel(s)}', '');
  END
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
