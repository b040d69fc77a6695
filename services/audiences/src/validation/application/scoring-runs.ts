import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { IllegalStateError } from '@zvonar/eventsourcing';
import { withTransaction } from '@zvonar/messaging-postgres';
import { CLOCK, ID_GENERATOR, InFlightWork, LOGGER, type Clock, type IdGenerator } from '@zvonar/platform';
import type { PoolClient } from 'pg';
import type { Logger } from 'pino';
import { SEGMENT_STORE } from '../../audiences.di-tokens';
import type { Locale } from '../../segment/application/locale';
import { Segments } from '../../segment/application/segments';
import { texts } from '../../segment/application/texts';
import type { ScoringRun, Segment } from '../../segment/domain/segment';
import type { PostgresSegmentStore } from '../../segment/infrastructure/postgres.segment-store';
import { trySessionLock } from '../../segment/infrastructure/session-lock';

/** Per-verdict counts a run keeps with its progress (e-mail runs), shown in the scoring history. */
export type RunResults = Readonly<Record<string, number>>;

/** Where a run stands: after the contact at `after` (a position), with its counts so far. */
export type RunCheckpoint = {
  readonly runId: string;
  readonly segmentId: string;
  readonly kind: string;
  readonly after: string;
  readonly checked: number;
  readonly results: RunResults | null;
};

/** A kind of run as batches over a segment's contacts in position order. */
export type RunBatches<Row extends { readonly position: string }> = {
  /** Contacts to check after `after`, in position order, at most `limit`. */
  read(segmentId: string, after: string, limit: number): Promise<Row[]>;
  /**
   * Outside any transaction (DNS may be slow): what the batch's contacts become, written by
   * `write` in the batch's transaction, and the run's results with the batch counted.
   */
  judge(rows: readonly Row[], resultsSoFar: RunResults | null): Promise<{ write(tx: PoolClient, at: Date): Promise<void>; results: RunResults | null }>;
  /** Contacts per batch (one transaction each). */
  readonly batch: number;
};

type RunKind = { run(checkpoint: RunCheckpoint, stopSignal: AbortSignal): Promise<'completed' | 'stopped'> };

const runLock = (runId: string): string => `scoring-run:${runId}`;

/**
 * The frame every validation run shares: the results go into the segment itself or into a copy
 * made first; one run at a time per segment and none while an import fills it; the run recorded in
 * the scoring history and worked through in the background, batch by batch, each batch's contacts,
 * counts and checkpoint in one transaction. A stopping service stops a run before its next batch
 * (a batch judged but not written is dropped); the next start resumes every run left running after
 * its last batch, under a lock so one replica runs it. A run whose work throws is marked failed.
 * Runs are free for now: the price and the charge come with billing.
 */
@Injectable()
export class ScoringRuns implements OnApplicationBootstrap {
  private readonly kinds = new Map<string, RunKind>();

  constructor(
    @Inject(SEGMENT_STORE) private readonly store: PostgresSegmentStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly segments: Segments,
    private readonly inFlight: InFlightWork,
  ) {}

  /**
   * Declares how runs of `kinds` are worked through (called by each validation at construction):
   * `batchesFor` is asked once per run started or resumed in this process.
   */
  register<Row extends { readonly position: string }>(kinds: readonly string[], batchesFor: (run: RunCheckpoint) => RunBatches<Row>): void {
    const kind: RunKind = { run: (checkpoint, stopSignal) => this.runBatches(checkpoint, stopSignal, batchesFor(checkpoint)) };
    for (const name of kinds) this.kinds.set(name, kind);
  }

  /** Runs a stopped process left running resume after their last batch (those another replica runs are left to it). */
  async onApplicationBootstrap(): Promise<void> {
    const { rows } = await this.store.pool.query<{ run_id: string }>(`SELECT run_id FROM scoring_runs WHERE state = 'running' ORDER BY started_at`);
    for (const row of rows) this.launch(row.run_id);
  }

  async start(input: { segmentId: string; kind: string; newSegmentName: string }, locale: Locale): Promise<{ segment: Segment; run: ScoringRun }> {
    const source = await this.segments.get(input.segmentId, locale);
    const target = input.newSegmentName.trim() === '' ? source : await this.segments.copy({ segmentId: source.segmentId, name: input.newSegmentName }, locale);
    const run: ScoringRun = { runId: this.ids.next(), kind: input.kind, state: 'running', contactsChecked: 0, startedAt: this.clock.now(), finishedAt: null, results: null };
    await withTransaction(this.store.pool, async (tx) => {
      const locked = await this.store.lock(tx, target.segmentId);
      if (!locked || locked.status === 'importing') throw new IllegalStateError(texts.segmentBusy[locale], locked?.status);
      const { rowCount } = await tx.query(`SELECT 1 FROM scoring_runs WHERE segment_id = $1 AND state = 'running'`, [target.segmentId]);
      if ((rowCount ?? 0) > 0) throw new IllegalStateError(texts.validationRunning[locale], 'running');
      await tx.query(`INSERT INTO scoring_runs (run_id, segment_id, kind, state, started_at) VALUES ($1, $2, $3, 'running', $4)`, [run.runId, target.segmentId, run.kind, run.startedAt]);
    });
    this.launch(run.runId);
    return { segment: await this.segments.get(target.segmentId, locale), run };
  }

  /** Works the run through in the background, unless the service is stopping (the next start resumes it). */
  private launch(runId: string): void {
    if (!this.inFlight.isAccepting) return;
    const end = this.inFlight.begin();
    void this.drive(runId)
      .catch(async (error: unknown) => {
        this.logger.error({ err: error, runId }, 'validation run failed');
        await this.store.pool.query(`UPDATE scoring_runs SET state = 'failed', finished_at = $2 WHERE run_id = $1 AND state = 'running'`, [runId, this.clock.now()]);
      })
      .finally(end);
  }

  private async drive(runId: string): Promise<void> {
    const hold = await trySessionLock(this.store.pool, runLock(runId));
    if (!hold) return;
    try {
      // Read under the lock: the checkpoint as the last runner left it.
      const { rows } = await this.store.pool.query<{ segment_id: string; kind: string; state: string; last_position: string; contacts_checked: string; results: RunResults | null }>(
        'SELECT segment_id, kind, state, last_position, contacts_checked, results FROM scoring_runs WHERE run_id = $1',
        [runId],
      );
      const row = rows[0];
      if (!row || row.state !== 'running') return;
      const kind = this.kinds.get(row.kind);
      if (!kind) throw new Error(`no validation registered for runs of kind ${row.kind}`);
      const checkpoint: RunCheckpoint = { runId, segmentId: row.segment_id, kind: row.kind, after: row.last_position, checked: Number(row.contacts_checked), results: row.results };
      const outcome = await kind.run(checkpoint, this.inFlight.stopSignal);
      if (outcome === 'stopped') this.logger.info({ runId, kind: row.kind }, 'validation run stopped with the service; it resumes after its last batch');
    } finally {
      await hold.release();
    }
  }

  private async runBatches<Row extends { readonly position: string }>(checkpoint: RunCheckpoint, stopSignal: AbortSignal, batches: RunBatches<Row>): Promise<'completed' | 'stopped'> {
    let { after, checked, results } = checkpoint;
    for (;;) {
      if (stopSignal.aborted) return 'stopped';
      const rows = await batches.read(checkpoint.segmentId, after, batches.batch);
      const last = rows[rows.length - 1];
      if (!last) break;
      const judged = await batches.judge(rows, results);
      if (stopSignal.aborted) return 'stopped';
      const at = this.clock.now();
      await withTransaction(this.store.pool, async (tx) => {
        await judged.write(tx, at);
        await tx.query('UPDATE scoring_runs SET contacts_checked = $2, last_position = $3, results = $4 WHERE run_id = $1', [checkpoint.runId, checked + rows.length, last.position, judged.results]);
      });
      checked += rows.length;
      after = last.position;
      results = judged.results;
      if (rows.length < batches.batch) break;
    }
    const at = this.clock.now();
    await withTransaction(this.store.pool, async (tx) => {
      await this.store.refreshCounts(tx, checkpoint.segmentId, at);
      await tx.query(`UPDATE scoring_runs SET state = 'completed', contacts_checked = $2, results = $3, finished_at = $4 WHERE run_id = $1`, [checkpoint.runId, checked, results, at]);
    });
    return 'completed';
  }
}
