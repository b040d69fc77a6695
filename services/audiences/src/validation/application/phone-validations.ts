import { Inject, Injectable } from '@nestjs/common';
import { withTransaction } from '@zvonar/messaging-postgres';
import { CLOCK, type Clock } from '@zvonar/platform';
import { DESCRIBE_NUMBER, SEGMENT_STORE } from '../../audiences.di-tokens';
import type { Locale } from '../../segment/application/locale';
import type { DescribeNumber } from '../../segment/domain/new-contact';
import type { ContactStatus, ScoringRun, Segment } from '../../segment/domain/segment';
import type { PostgresSegmentStore } from '../../segment/infrastructure/postgres.segment-store';
import { validatePhone, type PhoneValidationKind } from '../domain/phone-validation';
import { ScoringRuns } from './scoring-runs';

/** Contacts validated per transaction: a run over a million contacts commits as it goes and never holds them all. */
const BATCH = 1_000;

/** Phone validation runs over a segment (in place, or over a copy made first), from the offline numbering data. */
@Injectable()
export class PhoneValidations {
  constructor(
    @Inject(SEGMENT_STORE) private readonly store: PostgresSegmentStore,
    @Inject(DESCRIBE_NUMBER) private readonly describe: DescribeNumber,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly runs: ScoringRuns,
  ) {}

  start(input: { segmentId: string; kind: PhoneValidationKind; newSegmentName: string }, locale: Locale): Promise<{ segment: Segment; run: ScoringRun }> {
    return this.runs.start(input, locale, (run) => this.run(run, input.kind));
  }

  private async run(run: { segmentId: string; runId: string }, kind: PhoneValidationKind): Promise<void> {
    let after = '0';
    let checked = 0;
    for (;;) {
      const { rows } = await this.store.pool.query<{ contact_id: string; position: string; phone: string; status: ContactStatus }>(
        `SELECT contact_id, position, phone, status FROM contacts WHERE segment_id = $1 AND phone IS NOT NULL AND position > $2 ORDER BY position LIMIT $3`,
        [run.segmentId, after, BATCH],
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
        await this.runs.progress(tx, run.runId, checked);
      });
      if (rows.length < BATCH) break;
      after = last.position;
    }
    await this.runs.complete(run, checked);
  }
}
