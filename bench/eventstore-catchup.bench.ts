// eventstore-catchup: a durable subscription catching up over 1M stored events against a raw
// keyset read of the same table, interleaved. Target (issue 2, item 11): >= 25% of the raw read's
// events/s. `--quick` seeds 200k events for development.
import { PostgresEventStore } from '@zvonar/event-store-postgres';
import { Pool } from 'pg';
import { openBenchmarkDatabase } from './lib/database';
import { interleave, log, median, report } from './lib/harness';

const quick = process.argv.includes('--quick');
const EVENTS = quick ? 200_000 : 1_000_000;
const SEED_CHUNK = 100_000;
const PAGE = 1_000;
const PAIRS = 3;

void (async () => {
  const database = await openBenchmarkDatabase('catchup');
  const pool = new Pool({ connectionString: database.url, max: 4 });
  try {
    const store = await PostgresEventStore.connect({ pool, schema: 'bench_es' });
    const seeded = process.hrtime.bigint();
    // Seeded in SQL, in several transactions, as 100k call streams of 10 events each.
    for (let from = 0; from < EVENTS; from += SEED_CHUNK) {
      await pool.query(
        `INSERT INTO bench_es.events (event_id, stream_id, stream_revision, category, type, data, metadata)
         SELECT uuidv7(), 'call-' || (g / 10), g % 10, 'call', 'CallEnded',
                jsonb_build_object('callId', g / 10, 'campaignId', 'c3f1d2a4-7b7e-4a53-9d1f-1a2b3c4d5e6f', 'cause', 16, 'sipCode', 200, 'talkMs', 53120 + g, 'outcome', 'GoalReached'),
                jsonb_build_object('correlationId', gen_random_uuid(), 'traceparent', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01')
         FROM generate_series($1::bigint, $2::bigint) AS g`,
        [from, Math.min(EVENTS, from + SEED_CHUNK) - 1],
      );
    }
    await pool.query('VACUUM ANALYZE bench_es.events');
    log(`seeded ${EVENTS} events in ${(Number(process.hrtime.bigint() - seeded) / 1e9).toFixed(1)} s`);

    // Baseline: page through the table by its primary key, nothing else.
    const rawRead = async (): Promise<number> => {
      const started = process.hrtime.bigint();
      let count = 0;
      let after: [string, string] = ['0', '0'];
      for (;;) {
        const { rows } = await pool.query<{ transaction_id: string; position: string }>({
          name: 'raw_keyset',
          text: 'SELECT * FROM bench_es.events WHERE (transaction_id, position) > ($1::xid8, $2::bigint) ORDER BY transaction_id, position LIMIT $3',
          values: [...after, PAGE],
        });
        if (rows.length === 0) break;
        count += rows.length;
        const last = rows[rows.length - 1]!;
        after = [last.transaction_id, last.position];
      }
      if (count !== EVENTS) throw new Error(`raw read saw ${count} of ${EVENTS}`);
      return count / (Number(process.hrtime.bigint() - started) / 1e9);
    };
    // Subject: a new durable subscriber catching up from the start, checkpointing every batch.
    const catchUp = async (round: number): Promise<number> => {
      let count = 0;
      const subscription = store.subscribe({ subscriberId: `bench-${round}`, batchSize: PAGE, handler: async (events) => void (count += events.length) });
      const started = process.hrtime.bigint();
      await subscription.start();
      await subscription.waitForIdle({ timeoutMs: 600_000 });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      await subscription.stop();
      if (count !== EVENTS) throw new Error(`subscription saw ${count} of ${EVENTS}`);
      return count / seconds;
    };

    const run = await interleave(PAIRS, rawRead, catchUp);
    const figures = {
      server: database.server,
      events: EVENTS,
      page: PAGE,
      rawKeysetEventsPerSecond: Math.round(median(run.baseline)),
      catchUpEventsPerSecond: Math.round(median(run.subject)),
    };
    for (const [name, value] of Object.entries(figures)) log(`${name}: ${value}`);
    report('eventstore-catchup', [{ name: 'subscription catch-up events/s vs raw keyset read events/s', ratio: figures.catchUpEventsPerSecond / figures.rawKeysetEventsPerSecond, target: 0.25, kind: 'min' }], figures);
    await store.close();
  } finally {
    await pool.end();
    await database.close();
  }
})();
