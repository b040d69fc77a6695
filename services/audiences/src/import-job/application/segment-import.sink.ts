import { withTransaction } from '@zvonar/messaging-postgres';
import type { Clock } from '@zvonar/platform';
import type { ImportBatch, ImportSink } from '../../import/application/import-ports';
import type { ImportFailure } from '../../import/domain/import-failure';
import type { ImportTally } from '../../import/domain/import-tally';
import { errorReportLines } from '../../import/infrastructure/error-report.csv-writer';
import type { Blacklists } from '../../segment/application/blacklists';
import { toNewContact, type DescribeNumber } from '../../segment/domain/new-contact';
import type { Segment } from '../../segment/domain/segment';
import type { PostgresSegmentStore } from '../../segment/infrastructure/postgres.segment-store';
import { appendErrorReport } from '../infrastructure/postgres.error-report';
import type { PostgresImportJobs } from '../infrastructure/postgres.import-jobs';

/** Contacts of a failed job removed per transaction: short transactions, like the batches that wrote them. */
const REMOVE_BATCH = 2_000;

export type SegmentImportDeps = {
  readonly segments: PostgresSegmentStore;
  readonly jobs: PostgresImportJobs;
  readonly blacklists: Blacklists;
  readonly describe: DescribeNumber;
  readonly clock: Clock;
  /** Wakes the outbox relay after a transaction that wrote to the outbox committed. */
  readonly outboxWritten: () => void;
};

/**
 * One import job writing into its segment, a batch per short transaction: the batch's contacts
 * (tagged with the job, hidden from readers until the job completes), its error-report lines, the
 * job's checkpoint and counts, and for a blacklist segment the announcements of its numbers — all
 * or nothing, so whatever stops the job, it resumes after the last batch with nothing counted
 * twice, lost, or announced without being stored. Completing shows the contacts in one short
 * transaction; failing removes them batch by batch (retracting what was announced), and only then
 * is the segment free again.
 */
export class SegmentImport implements ImportSink {
  constructor(
    private readonly deps: SegmentImportDeps,
    private readonly jobId: string,
    private readonly segment: Pick<Segment, 'segmentId' | 'projectId' | 'kind'>,
    /** "Remove duplicates": every contact written carries its key, which the database holds unique in the segment. */
    private readonly deduplicated: boolean,
  ) {}

  async write(batch: ImportBatch): Promise<void> {
    const { segments, jobs, blacklists, describe } = this.deps;
    const { segmentId, projectId } = this.segment;
    const announced = await withTransaction(segments.pool, async (tx) => {
      await jobs.recordBatch(tx, this.jobId, batch.checkpoint, batch.progress);
      const written = await segments.insertContacts(
        tx,
        segmentId,
        batch.contacts.map((contact) => toNewContact(contact, describe)),
        { importJobId: this.jobId, deduplicated: this.deduplicated },
      );
      if (batch.reported.length > 0) await appendErrorReport(tx, this.jobId, batch.checkpoint.batches, errorReportLines(batch.reported));
      if (this.segment.kind !== 'blacklist' || written.length === 0) return false;
      await blacklists.announceContacts(tx, segmentId, projectId, written);
      return true;
    });
    if (announced) this.deps.outboxWritten();
  }

  async complete(tally: ImportTally): Promise<void> {
    const { segments, jobs, clock } = this.deps;
    const at = clock.now();
    await withTransaction(segments.pool, async (tx) => {
      await jobs.complete(tx, this.jobId, tally, at);
      // Ready first: the counts then include the job's contacts, which readers see from this commit on.
      await segments.update(tx, this.segment.segmentId, { status: 'ready' }, at);
      await segments.refreshCounts(tx, this.segment.segmentId, at);
    });
  }

  async fail(failure: ImportFailure | { code: 'interrupted' } | { code: 'internal' }, tally: ImportTally | null): Promise<void> {
    await this.deps.jobs.fail(this.deps.segments.pool, this.jobId, failure, tally, this.deps.clock.now());
    await this.removeContacts();
  }

  /**
   * Removes the failed job's contacts in short transactions (a blacklist's announced numbers are
   * retracted with them), then frees the segment as `import-failed`. Until then the segment stays
   * `importing`: nothing can start on it and readers do not see the contacts being removed.
   */
  async removeContacts(): Promise<void> {
    const { segments, blacklists, clock } = this.deps;
    const { segmentId, projectId } = this.segment;
    let retracted = false;
    for (;;) {
      const removed = await withTransaction(segments.pool, async (tx) => {
        const removed = await segments.removeImportedContacts(tx, this.jobId, REMOVE_BATCH);
        if (removed.some((contact) => contact.announced)) {
          await blacklists.retract(tx, projectId, removed);
          retracted = true;
        }
        return removed.length;
      });
      if (removed < REMOVE_BATCH) break;
    }
    await segments.endFailedImport(segmentId, this.jobId, clock.now());
    if (retracted) this.deps.outboxWritten();
  }
}
