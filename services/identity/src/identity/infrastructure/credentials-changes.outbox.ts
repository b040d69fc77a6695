import type { Pool, PoolClient } from 'pg';
import type { CredentialsChange } from '../domain/credentials-change';
import { inTransaction } from './postgres.transaction';

/** Writes one CredentialsChanged to the outbox in the caller's transaction. */
export type CredentialsChangedWriter = (tx: PoolClient, change: CredentialsChange) => Promise<void>;

/** What a store's transaction answers, and the changes it made that cached principals must hear of. */
export type WithChanges<T> = { readonly result: T; readonly changes: readonly CredentialsChange[] };

/**
 * The transaction of a store method that may end or alter cached principals: the changes `work`
 * reports are written to the outbox in the same transaction, so each leaves if and only if it
 * committed; the relay is woken only when something was written.
 */
export class CredentialsChangesOutbox {
  constructor(
    private readonly pool: Pool,
    private readonly write: CredentialsChangedWriter,
    /** Called after a transaction that wrote changes committed, so the outbox relay looks at once. */
    private readonly committed: () => void = () => undefined,
  ) {}

  async inTransaction<T>(work: (tx: PoolClient) => Promise<WithChanges<T>>): Promise<T> {
    const { result, changes } = await inTransaction(this.pool, async (tx) => {
      const done = await work(tx);
      for (const change of done.changes) await this.write(tx, change);
      return done;
    });
    if (changes.length > 0) this.committed();
    return result;
  }
}
