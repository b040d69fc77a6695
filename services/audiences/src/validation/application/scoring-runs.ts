import { Inject, Injectable } from '@nestjs/common';
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

/** Per-verdict counts a run keeps with its progress (e-mail runs), shown in the scoring history. */
export type RunResults = Readonly<Record<string, number>>;

/** What a run's background work is handed: where it writes, and how it reports progress and its end. */
export type RunWork = (run: { readonly segmentId: string; readonly runId: string }) => Promise<void>;

/**
 * The frame every validation run shares: the results go into the segment itself or into a copy
 * made first; one run at a time per segment and none while an import fills it; the run recorded in
 * the scoring history, its work finished in the background (a stopping service waits for it), and
 * marked failed if the work throws. Runs are free for now: the price and the charge come with billing.
 */
@Injectable()
export class ScoringRuns {
  constructor(
    @Inject(SEGMENT_STORE) private readonly store: PostgresSegmentStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly segments: Segments,
    private readonly inFlight: InFlightWork,
  ) {}

  async start(input: { segmentId: string; kind: string; newSegmentName: string }, locale: Locale, work: RunWork): Promise<{ segment: Segment; run: ScoringRun }> {
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
    const end = this.inFlight.begin();
    void work({ segmentId: target.segmentId, runId: run.runId })
      .catch(async (error: unknown) => {
        this.logger.error({ err: error, runId: run.runId, kind: run.kind }, 'validation run failed');
        await this.store.pool.query(`UPDATE scoring_runs SET state = 'failed', finished_at = $2 WHERE run_id = $1`, [run.runId, this.clock.now()]);
      })
      .finally(end);
    return { segment: await this.segments.get(target.segmentId, locale), run };
  }

  /** The run's progress, in the transaction of the batch it counts. */
  async progress(tx: PoolClient, runId: string, checked: number, results: RunResults | null = null): Promise<void> {
    await tx.query('UPDATE scoring_runs SET contacts_checked = $2, results = coalesce($3, results) WHERE run_id = $1', [runId, checked, results]);
  }

  /** The run completed: the segment's counts refreshed with it. */
  async complete(run: { readonly segmentId: string; readonly runId: string }, checked: number, results: RunResults | null = null): Promise<void> {
    const at = this.clock.now();
    await withTransaction(this.store.pool, async (tx) => {
      await this.store.refreshCounts(tx, run.segmentId, at);
      await tx.query(`UPDATE scoring_runs SET state = 'completed', contacts_checked = $2, results = coalesce($4, results), finished_at = $3 WHERE run_id = $1`, [
        run.runId,
        checked,
        at,
        results,
      ]);
    });
  }
}
