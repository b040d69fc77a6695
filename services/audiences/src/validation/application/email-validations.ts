import { Inject, Injectable } from '@nestjs/common';
import { DISPOSABLE_DOMAINS, MAIL_DOMAIN_RESOLVER, SEGMENT_STORE } from '../../audiences.di-tokens';
import type { Locale } from '../../segment/application/locale';
import type { ContactStatus, ScoringRun, Segment } from '../../segment/domain/segment';
import type { PostgresSegmentStore } from '../../segment/infrastructure/postgres.segment-store';
import type { DisposableDomains } from '../domain/disposable-domains';
import { emailVerdict, statusAfterEmailVerdict } from '../domain/email-validation';
import { EMAIL_VERDICTS, noEmailResults, tallied, type EmailResults } from '../domain/email-verdict';
import type { MailDomainResolver } from '../domain/mail-domain-resolver';
import { oncePerDomain } from './once-per-domain';
import { ScoringRuns, type RunBatches, type RunResults } from './scoring-runs';

/**
 * Contacts judged per transaction. Smaller than a phone run's: a batch waits on DNS, and a stopping
 * service waits for the batch in hand (then drops it unwritten) before it stops.
 */
const BATCH = 250;

/** The kind e-mail runs have in the scoring history. */
export const EMAIL_VALIDATION_KIND = 'email';

type EmailRow = { readonly contact_id: string; readonly position: string; readonly email: string; readonly has_phone: boolean; readonly status: ContactStatus };

/** The stored counts of a run as e-mail results (a run that wrote no batch yet has none). */
const emailResultsOf = (stored: RunResults | null): EmailResults =>
  stored === null ? noEmailResults : (Object.fromEntries(EMAIL_VERDICTS.map((verdict) => [verdict, stored[verdict] ?? 0])) as EmailResults);

/**
 * E-mail validation runs over a segment (in place, or over a copy made first): every contact with an
 * e-mail gets a verdict (valid, invalid syntax, no mail server, disposable, unknown), an e-mail-only
 * contact whose address cannot receive mail becomes inactive, and the run keeps the count of each
 * verdict. Each domain is looked up once per run (a resumed run starts with a fresh cache).
 */
@Injectable()
export class EmailValidations {
  constructor(
    @Inject(SEGMENT_STORE) private readonly store: PostgresSegmentStore,
    @Inject(MAIL_DOMAIN_RESOLVER) private readonly resolver: MailDomainResolver,
    @Inject(DISPOSABLE_DOMAINS) private readonly disposable: DisposableDomains,
    private readonly runs: ScoringRuns,
  ) {
    runs.register([EMAIL_VALIDATION_KIND], () => this.batches());
  }

  start(input: { segmentId: string; newSegmentName: string }, locale: Locale): Promise<{ segment: Segment; run: ScoringRun }> {
    return this.runs.start({ ...input, kind: EMAIL_VALIDATION_KIND }, locale);
  }

  /** One run's batches, with the run's own DNS cache. */
  private batches(): RunBatches<EmailRow> {
    const lookup = oncePerDomain(this.resolver);
    return {
      batch: BATCH,
      read: async (segmentId, after, limit) =>
        (
          await this.store.pool.query<EmailRow>(
            `SELECT contact_id, position, email, phone IS NOT NULL AS has_phone, status FROM contacts
              WHERE segment_id = $1 AND email IS NOT NULL AND position > $2 ORDER BY position LIMIT $3`,
            [segmentId, after, limit],
          )
        ).rows,
      judge: async (rows, resultsSoFar) => {
        // The batch's domains are asked together; the adapter bounds how many at once.
        const verdicts = await Promise.all(rows.map((row) => emailVerdict(row.email, this.disposable, lookup)));
        return {
          results: tallied(emailResultsOf(resultsSoFar), verdicts),
          write: async (tx, at) => {
            await tx.query(
              `UPDATE contacts c SET email_status = v.email_status, status = v.status, changed_at = $4
                 FROM unnest($1::text[], $2::text[], $3::text[]) AS v(contact_id, email_status, status)
                WHERE c.contact_id = v.contact_id`,
              [rows.map((row) => row.contact_id), verdicts, rows.map((row, index) => statusAfterEmailVerdict(verdicts[index] ?? 'unknown', row.status, row.has_phone)), at],
            );
          },
        };
      },
    };
  }
}
