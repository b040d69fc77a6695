import { Inject, Injectable } from '@nestjs/common';
import { DESCRIBE_NUMBER, SEGMENT_STORE } from '../../audiences.di-tokens';
import type { Locale } from '../../segment/application/locale';
import type { DescribeNumber } from '../../segment/domain/new-contact';
import type { ContactStatus, ScoringRun, Segment } from '../../segment/domain/segment';
import type { PostgresSegmentStore } from '../../segment/infrastructure/postgres.segment-store';
import { validatePhone, type PhoneValidationKind } from '../domain/phone-validation';
import { ScoringRuns, type RunBatches } from './scoring-runs';

/** Contacts validated per transaction: a run over a million contacts commits as it goes and never holds them all. */
const BATCH = 1_000;

type PhoneRow = { readonly contact_id: string; readonly position: string; readonly phone: string; readonly status: ContactStatus };

/** Phone validation runs over a segment (in place, or over a copy made first), from the offline numbering data. */
@Injectable()
export class PhoneValidations {
  constructor(
    @Inject(SEGMENT_STORE) private readonly store: PostgresSegmentStore,
    @Inject(DESCRIBE_NUMBER) private readonly describe: DescribeNumber,
    private readonly runs: ScoringRuns,
  ) {
    runs.register(['phone-basic', 'phone-extended'] satisfies PhoneValidationKind[], (run) => this.batchesOf(run.kind as PhoneValidationKind));
  }

  start(input: { segmentId: string; kind: PhoneValidationKind; newSegmentName: string }, locale: Locale): Promise<{ segment: Segment; run: ScoringRun }> {
    return this.runs.start(input, locale);
  }

  private batchesOf(kind: PhoneValidationKind): RunBatches<PhoneRow> {
    return {
      batch: BATCH,
      read: async (segmentId, after, limit) =>
        (
          await this.store.pool.query<PhoneRow>(
            `SELECT contact_id, position, phone, status FROM contacts WHERE segment_id = $1 AND phone IS NOT NULL AND position > $2 ORDER BY position LIMIT $3`,
            [segmentId, after, limit],
          )
        ).rows,
      judge: (rows) => {
        const results = rows.map((row) => validatePhone(this.describe(row.phone), row.status, kind));
        return Promise.resolve({
          results: null,
          write: async (tx, at) => {
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
          },
        });
      },
    };
  }
}
