import { notifyChannel } from './postgres.schema';

/** Expected revisions travel as one bigint: a revision is >= 0, the named forms are negative. */
export const ANY = -1;
export const NO_STREAM = -2;
export const STREAM_EXISTS = -3;

export type Statement = { name: string; text: string };

const eventColumns = `e.transaction_id::text AS transaction_id, e.position::text AS position, e.event_id::text AS event_id, e.stream_id, e.stream_revision, e.type, e.data, e.metadata, e.recorded_at`;

/**
 * Every statement the store sends, named per schema so pg prepares each once per connection.
 */
export function statements(s: string) {
  // Only transactions below the horizon (the oldest one still running) have committed or
  // aborted for good: nothing can appear behind a checkpoint taken there.
  const horizon = `WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)`;
  const readAllFrom = (categoryFilter: string) => `${horizon}
        SELECT h.xmin::text AS horizon, ${eventColumns}
        FROM horizon h LEFT JOIN LATERAL (
          SELECT * FROM ${s}.events
          WHERE ${categoryFilter} (transaction_id, position) > ($1::xid8, $2::bigint) AND transaction_id < h.xmin
          ORDER BY transaction_id, position LIMIT $3
        ) e ON true
        ORDER BY e.transaction_id, e.position`;
  const allowed = (revision: string) =>
    `($2::bigint = ${ANY} OR ($2 = ${NO_STREAM} AND ${revision} IS NULL) OR ($2 = ${STREAM_EXISTS} AND ${revision} IS NOT NULL) OR $2 = coalesce(${revision}, ${NO_STREAM}))`;
  const streamRevision = `(SELECT e.stream_revision FROM ${s}.events e WHERE e.stream_id = $1 ORDER BY e.stream_revision DESC LIMIT 1)`;
  const appendOneText = (onConflict: string, notify = '') => `INSERT INTO ${s}.events AS e (event_id, stream_id, stream_revision, category, type, data, metadata)
        SELECT $3::uuid, $1, coalesce(c.revision, -1) + 1, split_part($1, '-', 1), $4, $5::jsonb, $6::jsonb
          FROM (SELECT ${streamRevision} AS revision) c
         WHERE ${allowed('c.revision')}
        ${onConflict}
        RETURNING e.stream_revision, e.position::text AS position, e.transaction_id::text AS transaction_id${notify}`;
  return {
    /**
     * The common case, one event, as lean as a plain INSERT: scalar parameters, the revision read
     * and checked in the INSERT's own SELECT, no row when refused (the caller then asks why, off
     * the hot path). A stored event id is a unique violation here, which costs nothing until it
     * happens; ON CONFLICT would add a speculative insertion to every append.
     * $1 stream, $2 expected, $3 id, $4 type, $5 data, $6 metadata.
     */
    appendOne: { name: `zv_es_append_one_${s}`, text: appendOneText('') },
    /**
     * The same inside a caller's transaction, where a unique violation would abort the caller's
     * work: a stored event id is skipped instead, and the wake-up is sent at the caller's commit.
     */
    appendOneInTransaction: {
      name: `zv_es_append_one_tx_${s}`,
      text: appendOneText(`ON CONFLICT ON CONSTRAINT events_event_id DO NOTHING`, `, pg_notify('${notifyChannel(s)}', '') AS notified`),
    },
    /** Why an append stored nothing: the stream's revision now. */
    currentRevision: { name: `zv_es_current_revision_${s}`, text: `SELECT ${streamRevision.replace('$1', '$1::text')} AS current_revision` },
    /**
     * The whole append in one statement and one round trip: read the stream's revision (an index
     * probe), check the expectation, insert the batch unless an event id is stored already (the
     * ON CONFLICT arbiter), and report what happened. A plain statement rather than a plpgsql
     * function: half the server time per single-event append (measured).
     * $1 stream, $2 expected, $3 ids, $4 types, $5 data (JSON array), $6 metadata (JSON array),
     * $7 notify inside this transaction.
     */
    append: {
      name: `zv_es_append_${s}`,
      text: `WITH current AS (
          SELECT ${streamRevision} AS revision
        ), allowed AS (
          SELECT c.revision FROM current c WHERE ${allowed('c.revision')}
        ), inserted AS (
          INSERT INTO ${s}.events AS e (event_id, stream_id, stream_revision, category, type, data, metadata)
          SELECT u.id, $1, coalesce(a.revision, -1) + u.ord::integer, split_part($1, '-', 1), u.type,
                 $5::jsonb -> (u.ord::integer - 1), $6::jsonb -> (u.ord::integer - 1)
            FROM allowed a, unnest($3::uuid[], $4::text[]) WITH ORDINALITY AS u (id, type, ord)
            ORDER BY u.ord
          ON CONFLICT ON CONSTRAINT events_event_id DO NOTHING
          RETURNING e.stream_revision, e.transaction_id, e.position
        )
        SELECT (SELECT c.revision FROM current c) AS current_revision,
               EXISTS (SELECT 1 FROM allowed) AS allowed,
               CASE WHEN count(*) > 0 AND count(*) < cardinality($3::uuid[]) THEN ${s}.refuse_mixed_batch((SELECT c.revision FROM current c))
                    ELSE count(*)::integer END AS inserted,
               max(i.stream_revision) AS stream_revision, max(i.position)::text AS position, min(i.transaction_id::text) AS transaction_id,
               CASE WHEN $7::boolean AND count(*) > 0 THEN pg_notify('${notifyChannel(s)}', '') END AS notified
        FROM inserted i`,
    },
    storedBatch: { name: `zv_es_stored_batch_${s}`, text: `SELECT * FROM ${s}.stored_batch($1, $2::uuid[])` },
    notify: { name: `zv_es_notify_${s}`, text: `SELECT pg_notify('${notifyChannel(s)}', '')` },
    readStream: {
      name: `zv_es_read_stream_${s}`,
      text: `SELECT c.current_revision, ${eventColumns}
        FROM (SELECT max(stream_revision) AS current_revision FROM ${s}.events WHERE stream_id = $1) c
        LEFT JOIN LATERAL (
          SELECT * FROM ${s}.events WHERE stream_id = $1 AND stream_revision >= $2 ORDER BY stream_revision LIMIT $3
        ) e ON true
        ORDER BY e.stream_revision`,
    },
    readAll: { name: `zv_es_read_all_${s}`, text: readAllFrom('') },
    readAllCategories: { name: `zv_es_read_all_categories_${s}`, text: readAllFrom('category = ANY ($4::text[]) AND') },
    head: {
      name: `zv_es_head_${s}`,
      text: `SELECT transaction_id::text || ':' || position AS checkpoint FROM ${s}.events ORDER BY transaction_id DESC, position DESC LIMIT 1`,
    },
    loadCheckpoint: {
      name: `zv_es_load_checkpoint_${s}`,
      text: `SELECT transaction_id::text || ':' || position AS checkpoint FROM ${s}.subscription_checkpoints WHERE subscriber_id = $1`,
    },
    saveCheckpoint: { name: `zv_es_save_checkpoint_${s}`, text: `SELECT ${s}.save_checkpoint($1, $2::xid8, $3::bigint)` },
  } satisfies Record<string, Statement>;
}

export type Statements = ReturnType<typeof statements>;
