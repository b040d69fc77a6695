import type { Pool, PoolClient } from 'pg';
import type { ContactStaging } from '../../import/application/import-ports';
import type { ImportTally } from '../../import/domain/import-tally';
import type { ImportedContact } from '../../import/domain/row-importer';
import { toNewContact, type DescribeNumber } from '../../segment/domain/new-contact';
import type { PostgresSegmentStore } from '../../segment/infrastructure/postgres.segment-store';

/**
 * Contacts of an import inserted into the segment inside one transaction, as they are read:
 * committed with the job's final counts, or rolled back, so a failed import leaves no trace in the
 * segment and a reader never sees half an import.
 */
export class PostgresContactStaging implements ContactStaging {
  private tx: PoolClient | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly store: PostgresSegmentStore,
    private readonly segmentId: string,
    private readonly describe: DescribeNumber,
    /** Runs in the transaction before COMMIT: counts, blacklist announcements, the job's final state. */
    private readonly beforeCommit: (tx: PoolClient, tally: ImportTally) => Promise<void>,
  ) {}

  /**
   * Opens the import's transaction and takes the job's advisory lock in it: while the lock is held
   * the job is alive, whichever process runs it (see PostgresImportJobs.failInterrupted).
   */
  async begin(jobLock: string): Promise<void> {
    const tx = await this.transaction();
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [jobLock]);
  }

  private async transaction(): Promise<PoolClient> {
    if (this.tx) return this.tx;
    const tx = await this.pool.connect();
    try {
      await tx.query('BEGIN');
    } catch (error) {
      tx.release(true);
      throw error;
    }
    this.tx = tx;
    return tx;
  }

  async add(contacts: readonly ImportedContact[]): Promise<void> {
    const tx = await this.transaction();
    await this.store.insertContacts(tx, this.segmentId, contacts.map((contact) => toNewContact(contact, this.describe)));
  }

  async commit(tally: ImportTally): Promise<void> {
    const tx = await this.transaction();
    this.tx = null;
    try {
      await this.beforeCommit(tx, tally);
      await tx.query('COMMIT');
      tx.release();
    } catch (error) {
      await tx.query('ROLLBACK').catch(() => undefined);
      tx.release(true);
      throw error;
    }
  }

  async discard(): Promise<void> {
    const tx = this.tx;
    this.tx = null;
    if (!tx) return;
    try {
      await tx.query('ROLLBACK');
      tx.release();
    } catch {
      // A connection that cannot roll back is closed instead: the server rolls it back.
      tx.release(true);
    }
  }
}
