import { Inject, Injectable } from '@nestjs/common';
import { withTransaction } from '@zvonar/messaging-postgres';
import { CLOCK, type Clock } from '@zvonar/platform';
import { DISPOSABLE_DOMAINS, MAIL_DOMAIN_RESOLVER, SEGMENT_STORE } from '../../audiences.di-tokens';
import type { Locale } from '../../segment/application/locale';
import type { ContactStatus, ScoringRun, Segment } from '../../segment/domain/segment';
import type { PostgresSegmentStore } from '../../segment/infrastructure/postgres.segment-store';
import type { DisposableDomains } from '../domain/disposable-domains';
import { emailVerdict, statusAfterEmailVerdict } from '../domain/email-validation';
import { noEmailResults, tallied } from '../domain/email-verdict';
import type { MailDomainResolver } from '../domain/mail-domain-resolver';
import { oncePerDomain } from './once-per-domain';
import { ScoringRuns } from './scoring-runs';

/** Contacts validated per transaction: a run over a million contacts commits as it goes and never holds them all. */
const BATCH = 1_000;

/** The kind e-mail runs have in the scoring history. */
export const EMAIL_VALIDATION_KIND = 'email';

/**
 * E-mail validation runs over a segment (in place, or over a copy made first): every contact with an
 * e-mail gets a verdict (valid, invalid syntax, no mail server, disposable, unknown), an e-mail-only
 * contact whose address cannot receive mail becomes inactive, and the run keeps the count of each
 * verdict. Domains are looked up once per run through the DNS port.
 */
@Injectable()
export class EmailValidations {
  constructor(
    @Inject(SEGMENT_STORE) private readonly store: PostgresSegmentStore,
    @Inject(MAIL_DOMAIN_RESOLVER) private readonly resolver: MailDomainResolver,
    @Inject(DISPOSABLE_DOMAINS) private readonly disposable: DisposableDomains,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly runs: ScoringRuns,
  ) {}

  start(input: { segmentId: string; newSegmentName: string }, locale: Locale): Promise<{ segment: Segment; run: ScoringRun }> {
    return this.runs.start({ ...input, kind: EMAIL_VALIDATION_KIND }, locale, (run) => this.run(run));
  }

  private async run(run: { segmentId: string; runId: string }): Promise<void> {
    const lookup = oncePerDomain(this.resolver);
    let after = '0';
    let checked = 0;
    let results = noEmailResults;
    for (;;) {
      const { rows } = await this.store.pool.query<{ contact_id: string; position: string; email: string; has_phone: boolean; status: ContactStatus }>(
        `SELECT contact_id, position, email, phone IS NOT NULL AS has_phone, status FROM contacts
          WHERE segment_id = $1 AND email IS NOT NULL AND position > $2 ORDER BY position LIMIT $3`,
        [run.segmentId, after, BATCH],
      );
      const last = rows[rows.length - 1];
      if (!last) break;
      // The batch's distinct domains are asked together; the adapter bounds how many at once.
      const verdicts = await Promise.all(rows.map((row) => emailVerdict(row.email, this.disposable, lookup)));
      const at = this.clock.now();
      const checkedNow = checked + rows.length;
      const resultsNow = tallied(results, verdicts);
      await withTransaction(this.store.pool, async (tx) => {
        await tx.query(
          `UPDATE contacts c SET email_status = v.email_status, status = v.status, changed_at = $4
             FROM unnest($1::text[], $2::text[], $3::text[]) AS v(contact_id, email_status, status)
            WHERE c.contact_id = v.contact_id`,
          [rows.map((row) => row.contact_id), verdicts, rows.map((row, index) => statusAfterEmailVerdict(verdicts[index] ?? 'unknown', row.status, row.has_phone)), at],
        );
        await this.runs.progress(tx, run.runId, checkedNow, resultsNow);
      });
      checked = checkedNow;
      results = resultsNow;
      if (rows.length < BATCH) break;
      after = last.position;
    }
    await this.runs.complete(run, checked, results);
  }
}
