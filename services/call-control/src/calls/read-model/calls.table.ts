import type { RecordedEvent } from '@zvonar/eventsourcing';
import type { Pool, PoolClient } from 'pg';
import type { CallEvent, CallOutcome } from '../../call/domain';
import { evolveCallSummary, type CallSummary } from './call-summary.projection';

export type CallsFilter = {
  readonly projectId: string;
  readonly campaignId?: string;
  readonly contactId?: string;
  readonly outcome?: CallOutcome;
  /** Requested at or after. */
  readonly from?: Date;
  /** Requested before. */
  readonly to?: Date;
};

/** Where a page ends: the last row's sort key (newest first). */
export type CallsCursor = { readonly requestedAt: string; readonly callId: string };

/**
 * Applies one call event to the calls table. Guarded by the stream revision: an event at or
 * below the stored revision (a redelivery, a replay) changes nothing, so the projection is
 * idempotent without a checkpoint in the same transaction.
 */
export async function applyToCalls(tx: PoolClient, event: RecordedEvent<CallEvent>): Promise<void> {
  const callId = event.streamId.slice('call-'.length);
  const { rows } = await tx.query<{ summary: CallSummary; revision: number }>('SELECT summary, revision FROM calls WHERE call_id = $1 FOR UPDATE', [callId]);
  const current = rows[0];
  if (current && current.revision >= event.streamRevision) return;
  const next = evolveCallSummary(current?.summary ?? null, event);
  if (!next) return;
  await tx.query(
    `INSERT INTO calls (call_id, project_id, campaign_id, contact_id, outcome, requested_at, summary, revision, host_id, open)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (call_id) DO UPDATE SET outcome = EXCLUDED.outcome, summary = EXCLUDED.summary, revision = EXCLUDED.revision, open = EXCLUDED.open`,
    [callId, next.projectId, next.campaignId, next.contactId, next.outcome, next.requestedAt, JSON.stringify(next), event.streamRevision, next.hostId, next.status !== 'Ended' && next.status !== 'Rejected'],
  );
}

/** One page of calls, newest first, and the cursor of the next page (undefined on the last). */
export async function listCalls(pool: Pool, filter: CallsFilter, pageSize: number, after?: CallsCursor): Promise<{ calls: CallSummary[]; next?: CallsCursor }> {
  const conditions = ['project_id = $1'];
  const values: unknown[] = [filter.projectId];
  const add = (sql: string, value: unknown) => {
    values.push(value);
    conditions.push(sql.replace('?', `$${values.length}`));
  };
  if (filter.campaignId) add('campaign_id = ?', filter.campaignId);
  if (filter.contactId) add('contact_id = ?', filter.contactId);
  if (filter.outcome) add('outcome = ?', filter.outcome);
  if (filter.from) add('requested_at >= ?', filter.from);
  if (filter.to) add('requested_at < ?', filter.to);
  if (after) {
    values.push(after.requestedAt, after.callId);
    conditions.push(`(requested_at, call_id) < ($${values.length - 1}::timestamptz, $${values.length})`);
  }
  values.push(pageSize + 1);
  const { rows } = await pool.query<{ summary: CallSummary }>(
    `SELECT summary FROM calls WHERE ${conditions.join(' AND ')} ORDER BY requested_at DESC, call_id DESC LIMIT $${values.length}`,
    values,
  );
  const calls = rows.slice(0, pageSize).map((row) => row.summary);
  const last = calls[calls.length - 1];
  return rows.length > pageSize && last ? { calls, next: { requestedAt: last.requestedAt, callId: last.callId } } : { calls };
}
