import type { Checkpoint, RecordedEvent } from '@zvonar/eventsourcing';
import { createPool, runMigrations } from '@zvonar/platform';
import { createTestDatabase, describeWithPostgres } from '@zvonar/testing';
import type { Pool } from 'pg';
import type { CallEvent } from '../../call/domain';
import { callControlMigrations } from './calls.migrations';
import { applyToCalls, listCalls } from './calls.table';

const at = (seconds: number) => new Date(Date.UTC(2026, 2, 2, 10, 0, seconds)).toISOString();

/** One call's stream as the store delivers it. */
const streamOf = (callId: string, campaignId: string, startSecond: number): RecordedEvent<CallEvent>[] => {
  const who = { callId, attemptId: callId, projectId: 'project-1', campaignId, contactId: `contact-${callId}` };
  const events: CallEvent[] = [
    { type: 'CallRequested', data: { ...who, phone: '+79991234567', scenario: { scenarioId: 's', version: 1 }, trunkId: 'default', callerId: '+74950000000', channelId: `zvc-${callId}`, requestedAt: at(startSecond) } },
    { type: 'CallAnswered', data: { callId, at: at(startSecond + 5) } },
    {
      type: 'CallEnded',
      data: { ...who, phone: '+79991234567', outcome: 'Completed', cause: 16, endedBy: 'Bot', goalReached: false, blacklisted: false, answeredAt: at(startSecond + 5), endedAt: at(startSecond + 9), ringSeconds: 5, talkSeconds: 4, billableSeconds: 4 },
    },
  ];
  return events.map((event, revision) => ({ ...event, metadata: {}, id: `${callId}-${revision}`, streamId: `call-${callId}`, streamRevision: revision, checkpoint: `${revision}` as Checkpoint, recordedAt: new Date() }));
};

describeWithPostgres('calls table', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let pool: Pool;

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'calls_table');
    pool = createPool(database.url, { schema: 'call_control', max: 2 });
    await pool.query('CREATE SCHEMA call_control');
    await runMigrations(pool, 'call_control', callControlMigrations);
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  const apply = async (events: readonly RecordedEvent<CallEvent>[]) => {
    const client = await pool.connect();
    try {
      for (const event of events) await applyToCalls(client, event);
    } finally {
      client.release();
    }
  };

  it('applies a redelivered or replayed stream once', async () => {
    const stream = streamOf('call-a', 'campaign-1', 0);
    await apply(stream);
    const once = (await pool.query('SELECT summary, revision FROM calls WHERE call_id = $1', ['call-a'])).rows;
    // A replay from the start, then an old event alone: neither moves the row back.
    await apply(stream);
    await apply([stream[1]!]);
    expect((await pool.query('SELECT summary, revision FROM calls WHERE call_id = $1', ['call-a'])).rows).toEqual(once);
    expect(once[0]).toMatchObject({ revision: 2, summary: { status: 'Ended', outcome: 'Completed' } });
  });

  it('pages newest first and filters by campaign and outcome', async () => {
    await apply(streamOf('call-b', 'campaign-2', 10));
    await apply(streamOf('call-c', 'campaign-2', 20));
    await apply(streamOf('call-d', 'campaign-2', 20));
    const first = await listCalls(pool, { projectId: 'project-1', campaignId: 'campaign-2' }, 2);
    expect(first.calls.map((call) => call.callId)).toEqual(['call-d', 'call-c']);
    const second = await listCalls(pool, { projectId: 'project-1', campaignId: 'campaign-2' }, 2, first.next);
    expect(second.calls.map((call) => call.callId)).toEqual(['call-b']);
    expect(second.next).toBeUndefined();
    expect((await listCalls(pool, { projectId: 'project-1', outcome: 'Goal' }, 10)).calls).toEqual([]);
    expect((await listCalls(pool, { projectId: 'project-1', outcome: 'Completed' }, 10)).calls).toHaveLength(4);
    const window = { from: new Date(at(10)), to: new Date(at(20)) };
    expect((await listCalls(pool, { projectId: 'project-1', ...window }, 10)).calls.map((call) => call.callId)).toEqual(['call-b']);
  });
});
