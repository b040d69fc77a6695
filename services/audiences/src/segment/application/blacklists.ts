import { Inject, Injectable } from '@nestjs/common';
import { withTransaction } from '@zvonar/messaging-postgres';
import { CLOCK, ID_GENERATOR, type Clock, type IdGenerator } from '@zvonar/platform';
import type { PoolClient } from 'pg';
import { OUTBOX_WRITTEN, SEGMENT_STORE } from '../../audiences.di-tokens';
import type { PostgresSegmentStore } from '../infrastructure/postgres.segment-store';
import { writeBlacklistEntriesAdded, writeBlacklistEntriesRemoved, writeBlacklistEntryAdded, writeBlacklistEntryRemoved } from '../integration/blacklist-events.outbox';
import { texts } from './texts';

/** Announced per statement: a blacklist segment of a million numbers never sits in memory. */
const ANNOUNCE_BATCH = 1_000;

export type DoNotCallEntry = { readonly accountId: string; readonly phone: string; readonly source: string; readonly addedAt: Date };

/**
 * Project blacklists (blacklist segments) and the account-wide do-not-call list. Every change is
 * written to the outbox in its own transaction as BlacklistEntryAdded / BlacklistEntryRemoved,
 * keyed by account; a project whose account is not known yet (its ProjectCreated not received)
 * keeps its entries unannounced until it is, so nothing is lost and nothing is published keyless.
 */
@Injectable()
export class Blacklists {
  constructor(
    @Inject(SEGMENT_STORE) private readonly store: PostgresSegmentStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(OUTBOX_WRITTEN) private readonly outboxWritten: () => void,
  ) {}

  async accountOf(db: Pick<PoolClient, 'query'>, projectId: string): Promise<string | null> {
    const { rows } = await db.query<{ account_id: string }>('SELECT account_id FROM project_accounts WHERE project_id = $1', [projectId]);
    return rows[0]?.account_id ?? null;
  }

  /** Publishes the not yet announced numbers of a blacklist segment (after contacts were added to it). */
  async announceSegment(tx: PoolClient, segmentId: string, projectId: string, source = `segment:${segmentId}`): Promise<void> {
    const accountId = await this.accountOf(tx, projectId);
    if (accountId === null) return;
    const at = this.clock.now();
    for (;;) {
      const { rows } = await tx.query<{ contact_id: string; phone: string; blacklist_source: string | null }>(
        `UPDATE contacts SET blacklist_announced = true
          WHERE contact_id IN (SELECT contact_id FROM contacts
                                WHERE segment_id = $1 AND NOT blacklist_announced AND phone IS NOT NULL
                                ORDER BY position LIMIT $2)
          RETURNING contact_id, phone, blacklist_source`,
        [segmentId, ANNOUNCE_BATCH],
      );
      for (const row of rows)
        await writeBlacklistEntryAdded(tx, { scope: 'project', accountId, projectId, contactId: row.contact_id, phone: row.phone, source: row.blacklist_source ?? source }, at);
      if (rows.length < ANNOUNCE_BATCH) return;
    }
  }

  /**
   * Publishes contacts just written to a blacklist segment (a batch of an import), in the batch's
   * transaction: one statement for the batch, not a scan of the segment's earlier contacts. Left for
   * `announceSegment` at ProjectCreated while the project's account is unknown.
   */
  async announceContacts(tx: PoolClient, segmentId: string, projectId: string, contacts: ReadonlyArray<{ contactId: string; phone: string | null }>): Promise<void> {
    const numbers = contacts.filter((contact): contact is { contactId: string; phone: string } => contact.phone !== null);
    if (numbers.length === 0) return;
    const accountId = await this.accountOf(tx, projectId);
    if (accountId === null) return;
    await tx.query('UPDATE contacts SET blacklist_announced = true WHERE contact_id = ANY($1)', [numbers.map((contact) => contact.contactId)]);
    const at = this.clock.now();
    await writeBlacklistEntriesAdded(tx, numbers.map(({ contactId, phone }) => ({ scope: 'project' as const, accountId, projectId, contactId, phone, source: `segment:${segmentId}` })), at);
  }

  /**
   * Publishes the removal of announced numbers that left a project's blacklist segments (deleted
   * contacts or a deleted segment), unless another blacklist segment of the project still lists them.
   */
  async retract(tx: PoolClient, projectId: string, removed: ReadonlyArray<{ contactId: string; phone: string | null; announced: boolean }>): Promise<void> {
    const announced = removed.filter((entry): entry is { contactId: string; phone: string; announced: true } => entry.announced && entry.phone !== null);
    if (announced.length === 0) return;
    const accountId = await this.accountOf(tx, projectId);
    if (accountId === null) return;
    const { rows } = await tx.query<{ phone: string }>(
      `SELECT DISTINCT c.phone FROM contacts c JOIN segments s USING (segment_id)
        WHERE s.project_id = $1 AND s.kind = 'blacklist' AND c.phone = ANY($2)`,
      [projectId, announced.map((entry) => entry.phone)],
    );
    const stillListed = new Set(rows.map((row) => row.phone));
    const at = this.clock.now();
    const gone = announced.filter((entry) => !stillListed.has(entry.phone));
    await writeBlacklistEntriesRemoved(tx, gone.map((entry) => ({ scope: 'project' as const, accountId, projectId, contactId: entry.contactId, phone: entry.phone, source: '' })), at);
  }

  /** The project's own blacklist segment, where opt-outs captured in calls land; made on first use. */
  async projectBlacklistSegment(tx: PoolClient, projectId: string): Promise<string> {
    const { rows } = await tx.query<{ segment_id: string }>('SELECT segment_id FROM segments WHERE project_id = $1 AND is_project_blacklist', [projectId]);
    if (rows[0]) return rows[0].segment_id;
    const at = this.clock.now();
    const segmentId = this.ids.next();
    await this.store.create(tx, { segmentId, projectId, name: texts.projectBlacklist.ru, kind: 'blacklist', status: 'ready', createdAt: at, changedAt: at }, true);
    return segmentId;
  }

  /** An opt-out captured in a call, to the project's blacklist (in the consumer's transaction). */
  async addToProjectBlacklist(tx: PoolClient, input: { projectId: string; phone: string; source: string; details: { region: string | null; operator: string | null; timeZones: readonly string[]; lineType: string | null } }): Promise<void> {
    const segmentId = await this.projectBlacklistSegment(tx, input.projectId);
    // Only a number the segment shows counts: one in an import still running may yet be removed with it.
    if (await this.store.showsPhone(tx, segmentId, input.phone)) return;
    await this.store.insertContacts(tx, segmentId, [
      { phone: input.phone, email: null, telegram: null, whatsapp: null, viber: null, customFields: {}, status: 'active', rowNumber: null, ...input.details },
    ]);
    // The source stays with the number: announced now, or once ProjectCreated tells the account.
    await tx.query('UPDATE contacts SET blacklist_source = $3 WHERE segment_id = $1 AND phone = $2', [segmentId, input.phone, input.source]);
    await this.store.refreshCounts(tx, segmentId, this.clock.now());
    await this.announceSegment(tx, segmentId, input.projectId, input.source);
  }

  /** An opt-out for the whole account; parked until the project's account is known. */
  async addToAccountFromProject(tx: PoolClient, input: { projectId: string; phone: string; source: string }): Promise<void> {
    const accountId = await this.accountOf(tx, input.projectId);
    if (accountId === null) {
      await tx.query('INSERT INTO pending_do_not_call (project_id, phone, source, added_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
        input.projectId,
        input.phone,
        input.source,
        this.clock.now(),
      ]);
      return;
    }
    await this.addToDoNotCall(tx, accountId, [input.phone], input.source);
  }

  /** Adds the numbers not yet listed; returns the entries added (each published). */
  async addToDoNotCall(tx: PoolClient, accountId: string, phones: readonly string[], source: string): Promise<DoNotCallEntry[]> {
    const at = this.clock.now();
    const added: DoNotCallEntry[] = [];
    for (const phone of new Set(phones)) {
      const { rowCount } = await tx.query('INSERT INTO do_not_call (account_id, phone, source, added_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [accountId, phone, source, at]);
      if ((rowCount ?? 0) === 0) continue;
      await writeBlacklistEntryAdded(tx, { scope: 'account', accountId, phone, source }, at);
      added.push({ accountId, phone, source, addedAt: at });
    }
    return added;
  }

  async addToDoNotCallNow(accountId: string, phones: readonly string[], source: string): Promise<DoNotCallEntry[]> {
    const added = await withTransaction(this.store.pool, (tx) => this.addToDoNotCall(tx, accountId, phones, source));
    if (added.length > 0) this.outboxWritten();
    return added;
  }

  async removeFromDoNotCall(accountId: string, phones: readonly string[]): Promise<number> {
    const at = this.clock.now();
    const removed = await withTransaction(this.store.pool, async (tx) => {
      const { rows } = await tx.query<{ phone: string; source: string }>('DELETE FROM do_not_call WHERE account_id = $1 AND phone = ANY($2) RETURNING phone, source', [accountId, [...phones]]);
      for (const row of rows) await writeBlacklistEntryRemoved(tx, { scope: 'account', accountId, phone: row.phone, source: row.source }, at);
      return rows.length;
    });
    if (removed > 0) this.outboxWritten();
    return removed;
  }

  async listDoNotCall(accountId: string, after: string | undefined, pageSize: number): Promise<{ items: DoNotCallEntry[]; next: string | undefined }> {
    const { rows } = await this.store.pool.query<{ account_id: string; phone: string; source: string; added_at: Date }>(
      'SELECT * FROM do_not_call WHERE account_id = $1 AND ($2::text IS NULL OR phone > $2) ORDER BY phone LIMIT $3',
      [accountId, after ?? null, pageSize + 1],
    );
    const page = rows.slice(0, pageSize).map((row) => ({ accountId: row.account_id, phone: row.phone, source: row.source, addedAt: row.added_at }));
    return { items: page, next: rows.length > pageSize ? page[page.length - 1]?.phone : undefined };
  }

  /** ProjectCreated: remember the account, then publish what waited for it (in the consumer's transaction). */
  async projectCreated(tx: PoolClient, projectId: string, accountId: string): Promise<void> {
    await tx.query('INSERT INTO project_accounts (project_id, account_id) VALUES ($1, $2) ON CONFLICT (project_id) DO NOTHING', [projectId, accountId]);
    const { rows: segments } = await tx.query<{ segment_id: string }>(`SELECT segment_id FROM segments WHERE project_id = $1 AND kind = 'blacklist'`, [projectId]);
    for (const segment of segments) await this.announceSegment(tx, segment.segment_id, projectId);
    const { rows: pending } = await tx.query<{ phone: string; source: string }>('DELETE FROM pending_do_not_call WHERE project_id = $1 RETURNING phone, source', [projectId]);
    for (const entry of pending) await this.addToDoNotCall(tx, accountId, [entry.phone], entry.source);
  }
}
