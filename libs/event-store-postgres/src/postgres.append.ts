import type { ClientBase, Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { ConcurrencyError, ValidationError, type AppendResult, type ExpectedRevision, type NewEvent } from '@zvonar/eventsourcing';
import { toCheckpoint } from './postgres.checkpoint';
import { WRONG_EXPECTED_REVISION } from './postgres.schema';
import { ANY, NO_STREAM, STREAM_EXISTS, type Statements } from './postgres.statements';

const UNIQUE_VIOLATION = '23505';
/** invalid_text_representation: PostgreSQL's uuid parser refused an event id. */
const INVALID_TEXT = '22P02';

type AppendRow = {
  current_revision: number | null;
  allowed: boolean;
  inserted: number;
  stream_revision: number | null;
  position: string | null;
  transaction_id: string | null;
};
type StoredRow = { stream_revision: number; transaction_id: string; position: string };

/** A concurrent transaction committed the revision this append wanted (a unique violation). */
export class RaceLost extends Error {}

const isPgError = (error: unknown): error is Error & { code?: string; detail?: string; hint?: string; constraint?: string } => error instanceof Error && 'code' in error;

function encodeExpected(expected: ExpectedRevision): number {
  if (typeof expected === 'number') {
    if (!Number.isInteger(expected) || expected < 0) throw new ValidationError(`Invalid expected revision ${expected}`);
    return expected;
  }
  return expected === 'any' ? ANY : expected === 'no_stream' ? NO_STREAM : STREAM_EXISTS;
}

/**
 * One append, one statement (a second one only on the rare paths: a refused revision or a batch
 * already stored). `inTransaction`: `db` is a caller's client after BEGIN; the statements then
 * never raise on a stored event id (that would abort the caller's work) and send the wake-up
 * inside the transaction. Appends through the pool do not: a NOTIFY in the commit serialises
 * every notifying commit (see AppendNotifications).
 */
export async function appendEvents(
  db: Pool | ClientBase,
  sql: Statements,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  inTransaction: boolean,
): Promise<AppendResult> {
  if (events.length === 0) throw new ValidationError(`Nothing to append to ${streamId}`);
  const ids = events.map((event) => event.id ?? uuidv7());
  const metadataOf = (event: NewEvent, index: number) => (event.metadata?.messageId === undefined ? { ...event.metadata, messageId: ids[index] } : event.metadata);
  try {
    if (events.length === 1) {
      const [event] = events as [NewEvent];
      const values = [streamId, encodeExpected(expected), ids[0], event.type, JSON.stringify(event.data), JSON.stringify(metadataOf(event, 0))];
      const { rows } = await db.query<StoredRow>({ ...(inTransaction ? sql.appendOneInTransaction : sql.appendOne), values });
      if (rows[0]) return { nextExpectedRevision: rows[0].stream_revision, lastCheckpoint: toCheckpoint(rows[0].transaction_id, rows[0].position) };
      return await storedOrRefused(db, sql, streamId, ids, expected, undefined);
    }
    const values = [streamId, encodeExpected(expected), ids, events.map((event) => event.type), JSON.stringify(events.map((event) => event.data)), JSON.stringify(events.map(metadataOf)), inTransaction];
    const { rows } = await db.query<AppendRow>({ ...sql.append, values });
    const row = rows[0]!;
    if (row.inserted === events.length) return { nextExpectedRevision: row.stream_revision!, lastCheckpoint: toCheckpoint(row.transaction_id!, row.position!) };
    return await storedOrRefused(db, sql, streamId, ids, row.allowed ? 'a batch of new event ids' : expected, row.current_revision);
  } catch (error) {
    if (!isPgError(error)) throw error;
    if (error.code === WRONG_EXPECTED_REVISION) throw new ConcurrencyError(streamId, error.hint ?? String(expected), error.detail ?? 'unknown');
    if (error.code === UNIQUE_VIOLATION && error.constraint === 'events_event_id') return await storedOrRefused(db, sql, streamId, ids, 'a batch of new event ids', undefined);
    if (error.code === UNIQUE_VIOLATION) throw new RaceLost(error.message);
    if (error.code === INVALID_TEXT) throw new ValidationError(`Event ids must be UUIDs: ${error.message}`);
    throw error;
  }
}

/** Nothing was stored: either this exact batch was stored before (a retried request), or the append is refused. */
async function storedOrRefused(
  db: Pool | ClientBase,
  sql: Statements,
  streamId: string,
  ids: readonly string[],
  expected: ExpectedRevision | string,
  knownRevision: number | null | undefined,
): Promise<AppendResult> {
  const { rows } = await db.query<StoredRow>({ ...sql.storedBatch, values: [streamId, ids] });
  if (rows[0]) return { nextExpectedRevision: rows[0].stream_revision, lastCheckpoint: toCheckpoint(rows[0].transaction_id, rows[0].position) };
  const current = knownRevision !== undefined ? knownRevision : (await db.query<{ current_revision: number | null }>({ ...sql.currentRevision, values: [streamId] })).rows[0]!.current_revision;
  throw new ConcurrencyError(streamId, String(expected), current === null ? 'no_stream' : String(current));
}
