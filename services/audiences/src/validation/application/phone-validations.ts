import { Inject, Injectable } from '@nestjs/common';
import { IllegalStateError } from '@zvonar/eventsourcing';
import { withTransaction } from '@zvonar/messaging-postgres';
import { CLOCK, ID_GENERATOR, InFlightWork, LOGGER, type Clock, type IdGenerator } from '@zvonar/platform';
import type { Logger } from 'pino';
import { DESCRIBE_NUMBER, SEGMENT_STORE } from '../../audiences.di-tokens';
import type { Locale } from '../../segment/application/locale';
import { Segments } from '../../segment/application/segments';
import { texts } from '../../segment/application/texts';
import type { DescribeNumber } from '../../segment/domain/new-contact';
import type { ContactStatus, ScoringRun, Segment } from '../../segment/domain/segment';
import type { PostgresSegmentStore } from '../../segment/infrastructure/postgres.segment-store';
import { validatePhone, type PhoneValidationKind } from '../domain/phone-validation';

/** Contacts validated per transaction: a run over a million contacts commits as it goes and never holds them all. */
const BATCH = 1_000;

/**
 * Phone validation runs over a segment (in place, or over a copy made first), from the offline
 * numbering data, recorded in the segment's scoring history. They are free for now: the price and
 * the charge come with billing.
 */
@Injectable()
export class PhoneValidations {
  constructor(
    @Inject(SEGMENT_STORE) private readonly store: PostgresSegmentStore,
    @Inject(DESCRIBE_NUMBER) private readonly describe: DescribeNumber,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly segments: Segments,
    private readonly inFlight: InFlightWork,
  ) {}

  async start(input: { segmentId: string; kind: PhoneValidationKind; newSegmentName: string }, locale: Locale): Promise<{ segment: Segment; run: ScoringRun }> {
    const source = await this.segments.get(input.segmentId, locale);
    const target = input.newSegmentName.trim() === '' ? source : await this.segments.copy({ segmentId: source.segmentId, name: input.newSegmentName }, locale);
    const run: ScoringRun = { runId: this.ids.next(), kind: input.kind, state: 'running', contactsChecked: 0, startedAt: this.clock.now(), finishedAt: null };
    await withTransaction(this.store.pool, async (tx) => {
      const locked = await this.store.lock(tx, target.segmentId);
      if (!locked || locked.status === 'importing') throw new IllegalStateError(texts.segmentBusy[locale], locked?.status);
      const { rowCount } = await tx.query(`SELECT 1 FROM scoring_runs WHERE segment_id = $1 AND state = 'running'`, [target.segmentId]);
      if ((rowCount ?? 0) > 0) throw new IllegalStateError(locale === 'en' ? 'A validation is already running on the segment' : 'Проверка сегмента уже идёт', 'running');
      await tx.query(`INSERT INTO scoring_runs (run_id, segment_id, kind, state, started_at) VALUES ($1, $2, $3, 'running', $4)`, [run.runId, target.segmentId, run.kind, run.startedAt]);
    });
    const end = this.inFlight.begin();
    void this.run(target.segmentId, run.runId, input.kind)
      .catch(async (error: unknown) => {
        this.logger.error({ err: error, runId: run.runId }, 'phone validation failed');
        await this.store.pool.query(`UPDATE scoring_runs SET state = 'failed', finished_at = $2 WHERE run_id = $1`, [run.runId, this.clock.now()]);
      })
      .finally(end);
    return { segment: await this.segments.get(target.segmentId, locale), run };
  }

  private async run(segmentId: string, runId: string, kind: PhoneValidationKind): Promise<void> {
    let after = '0';
    let checked = 0;
    for (;;) {
      const { rows } = await this.store.pool.query<{ contact_id: string; position: string; phone: string; status: ContactStatus }>(
        `SELECT contact_id, position, phone, status FROM contacts WHERE segment_id = $1 AND phone IS NOT NULL AND position > $2 ORDER BY position LIMIT $3`,
        [segmentId, after, BATCH],
      );
      const last = rows[rows.length - 1];
      if (!last) break;
      const results = rows.map((row) => validatePhone(this.describe(row.phone), row.status, kind));
      const at = this.clock.now();
      await withTransaction(this.store.pool, async (tx) => {
        // Details a basic run does not cover stay as stored (NULL in the array means "keep").
        await tx.query(
          `UPDATE contacts c SET status = v.status, region = v.region,
                  operator = CASE WHEN $7 THEN v.operator ELSE c.operator END,
                  time_zones = CASE WHEN $7 THEN (CASE WHEN v.time_zones = '' THEN '{}'::text[] ELSE string_to_array(v.time_zones, ' ') END) ELSE c.time_zones END,
                  line_type = CASE WHEN $7 THEN v.line_type ELSE c.line_type END,
                  changed_at = $8
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS v(contact_id, status, region, operator, time_zones, line_type)
            WHERE c.contact_id = v.contact_id`,
          [
            rows.map((row) => row.contact_id),
            results.map((result) => result.status),
            results.map((result) => result.details.region ?? null),
            results.map((result) => result.details.operator ?? null),
            results.map((result) => (result.details.timeZones ?? []).join(' ')),
            results.map((result) => result.details.lineType ?? null),
            kind === 'phone-extended',
            at,
          ],
        );
        checked += rows.length;
        await tx.query('UPDATE scoring_runs SET contacts_checked = $2 WHERE run_id = $1', [runId, checked]);
      });
      if (rows.length < BATCH) break;
      after = last.position;
    }
    const at = this.clock.now();
    await withTransaction(this.store.pool, async (tx) => {
      await this.store.refreshCounts(tx, segmentId, at);
      await tx.query(`UPDATE scoring_runs SET state = 'completed', contacts_checked = $2, finished_at = $3 WHERE run_id = $1`, [runId, checked, at]);
    });
  }
}
