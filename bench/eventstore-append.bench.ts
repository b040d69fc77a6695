// eventstore-append: PostgresEventStore.appendToStream against raw INSERTs of the same payload
// into the same PostgreSQL, interleaved. Targets (issue 2, item 11): single-event appends/s at
// concurrency 8 >= 70% of raw single-row INSERTs/s; 100-event batches >= 50% of raw multi-row
// INSERT rows/s; append p99 <= 3x raw p99. `--quick` runs a smaller load for development.
import { PostgresEventStore } from '@zvonar/event-store-postgres';
import { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { openBenchmarkDatabase, runConcurrently } from './lib/database';
import { interleave, log, median, percentile, report } from './lib/harness';

const quick = process.argv.includes('--quick');
const CONCURRENCY = 8;
const SINGLE_OPS = quick ? 1_000 : 4_000;
const BATCH = 100;
const BATCH_OPS = quick ? 40 : 160;
const PAIRS = quick ? 3 : 5;

/** A typical call-control fact with the metadata every stored event carries. */
const payload = (n: number) => ({
  type: 'CallEnded',
  data: { callId: uuidv7(), campaignId: 'c3f1d2a4-7b7e-4a53-9d1f-1a2b3c4d5e6f', cause: 16, sipCode: 200, ringMs: 4210, talkMs: 53_120 + n, billableMs: 54_000, outcome: 'GoalReached' },
  metadata: { correlationId: uuidv7(), causationId: uuidv7(), traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
});

void (async () => {
  const database = await openBenchmarkDatabase('append');
  const pool = new Pool({ connectionString: database.url, max: CONCURRENCY });
  try {
    const store = await PostgresEventStore.connect({ pool, schema: 'bench_es' });
    // The baseline table holds the same columns an event needs, with only its primary key.
    await pool.query(`CREATE TABLE raw_events (id uuid PRIMARY KEY, stream_id text NOT NULL, type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL)`);
    const rawInsert = { name: 'raw_insert', text: 'INSERT INTO raw_events (id, stream_id, type, data, metadata) VALUES ($1, $2, $3, $4, $5)' };
    const rawBatchText = `INSERT INTO raw_events (id, stream_id, type, data, metadata) VALUES ${Array.from({ length: BATCH }, (_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5})`).join(', ')}`;

    // Each writer appends to its own stream and carries the revision it last wrote, as a command handler does.
    const revisions = new Map<string, number>();
    const appendSingle = async (round: number, worker: number) => {
      const stream = `call-r${round}w${worker}`;
      const expected = revisions.get(stream);
      const result = await store.appendToStream(stream, [payload(worker)], { expectedRevision: expected ?? 'no_stream' });
      revisions.set(stream, result.nextExpectedRevision);
    };
    const insertSingle = async (round: number, worker: number) => {
      const event = payload(worker);
      await pool.query({ ...rawInsert, values: [uuidv7(), `call-r${round}w${worker}`, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)] });
    };
    const appendBatch = async (round: number, worker: number, index: number) => {
      const events = Array.from({ length: BATCH }, (_, n) => payload(n));
      await store.appendToStream(`batch-r${round}w${worker}i${index}`, events, { expectedRevision: 'no_stream' });
    };
    const insertBatch = async (round: number, worker: number, index: number) => {
      const values: unknown[] = [];
      for (let n = 0; n < BATCH; n += 1) {
        const event = payload(n);
        values.push(uuidv7(), `batch-r${round}w${worker}i${index}`, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata));
      }
      await pool.query({ name: 'raw_insert_batch', text: rawBatchText, values });
    };

    const p99s = { baseline: [] as number[], subject: [] as number[] };
    const single = await interleave(
      PAIRS,
      async (round) => {
        const run = await runConcurrently(CONCURRENCY, SINGLE_OPS, (worker) => insertSingle(round + 10, worker));
        if (round >= 0) p99s.baseline.push(percentile(run.latenciesMs, 99));
        return SINGLE_OPS / run.seconds;
      },
      async (round) => {
        const run = await runConcurrently(CONCURRENCY, SINGLE_OPS, (worker) => appendSingle(round + 10, worker));
        if (round >= 0) p99s.subject.push(percentile(run.latenciesMs, 99));
        return SINGLE_OPS / run.seconds;
      },
    );
    const batched = await interleave(
      PAIRS,
      async (round) => (BATCH_OPS * BATCH) / (await runConcurrently(CONCURRENCY, BATCH_OPS, (worker, index) => insertBatch(round + 100, worker, index))).seconds,
      async (round) => (BATCH_OPS * BATCH) / (await runConcurrently(CONCURRENCY, BATCH_OPS, (worker, index) => appendBatch(round + 100, worker, index))).seconds,
    );

    const figures = {
      server: database.server,
      concurrency: CONCURRENCY,
      rawInsertsPerSecond: Math.round(median(single.baseline)),
      appendsPerSecond: Math.round(median(single.subject)),
      rawBatchRowsPerSecond: Math.round(median(batched.baseline)),
      batchAppendRowsPerSecond: Math.round(median(batched.subject)),
      rawP99Ms: Number(median(p99s.baseline).toFixed(2)),
      appendP99Ms: Number(median(p99s.subject).toFixed(2)),
    };
    for (const [name, value] of Object.entries(figures)) log(`${name}: ${value}`);
    report('eventstore-append', [
      { name: 'single-event appends/s vs raw single-row INSERTs/s (concurrency 8)', ratio: figures.appendsPerSecond / figures.rawInsertsPerSecond, target: 0.7, kind: 'min' },
      { name: '100-event batch rows/s vs raw multi-row INSERT rows/s', ratio: figures.batchAppendRowsPerSecond / figures.rawBatchRowsPerSecond, target: 0.5, kind: 'min' },
      { name: 'append p99 vs raw INSERT p99', ratio: figures.appendP99Ms / figures.rawP99Ms, target: 3, kind: 'max' },
    ], figures);
    await store.close();
  } finally {
    await pool.end();
    await database.close();
  }
})();
