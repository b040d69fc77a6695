import { withTransaction } from '@zvonar/messaging-postgres';
import type { Pool, PoolClient } from 'pg';
import { blockedPhones } from '../../blacklist/blacklist.projection';
import type { SegmentContact } from '../application/segment-contacts.port';

export type LoadBatch = {
  readonly campaignId: string;
  readonly projectId: string;
  /** Position of the segment in the campaign's audience list, and how many of its contacts were read so far (this batch included). */
  readonly segment: number;
  readonly consumed: number;
  readonly contacts: readonly SegmentContact[];
  /** Numbers of the campaign's blacklist segments. */
  readonly excluded: ReadonlySet<string>;
  readonly dueAt: Date;
};

export type LoadCursor = { readonly loaded: boolean; readonly segment: number; readonly consumed: number };

/**
 * Writes the audience into the attempt table. Each batch and the load cursor commit together,
 * so a crash mid-load resumes after the last committed batch and never numbers a contact twice.
 */
export class AudienceLoads {
  constructor(private readonly pool: Pool) {}

  /** Where a load stands: how far it got (segment position, contacts of it consumed), or done. */
  async cursor(campaignId: string): Promise<LoadCursor | undefined> {
    const { rows } = await this.pool.query<{ loaded: boolean; load_segment: number; load_consumed: number }>(
      'SELECT loaded, load_segment, load_consumed FROM dialing_campaigns WHERE campaign_id = $1',
      [campaignId],
    );
    const row = rows[0];
    return row && { loaded: row.loaded, segment: row.load_segment, consumed: row.load_consumed };
  }

  /** A session lock per campaign: one loader at a time across processes, released if the process dies. */
  async tryLock(client: PoolClient, campaignId: string): Promise<boolean> {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`zvonar.dialer.load.${campaignId}`]);
    return rows[0]!.locked;
  }

  async unlock(client: PoolClient, campaignId: string): Promise<void> {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`zvonar.dialer.load.${campaignId}`]);
  }

  async writeBatch(batch: LoadBatch): Promise<void> {
    await withTransaction(this.pool, async (tx) => {
      const cursor = (await tx.query<{ next_index: number }>('SELECT next_index FROM dialing_campaigns WHERE campaign_id = $1 FOR UPDATE', [batch.campaignId])).rows[0];
      if (!cursor) return;
      const phones = batch.contacts.map((contact) => contact.phone);
      const known = new Set(
        (await tx.query<{ phone: string }>('SELECT phone FROM dialing_contacts WHERE campaign_id = $1 AND phone = ANY($2::text[])', [batch.campaignId, phones])).rows.map(
          (row) => row.phone,
        ),
      );
      const blocked = await blockedPhones(tx, batch.projectId, phones);
      const fresh: SegmentContact[] = [];
      for (const contact of batch.contacts) {
        if (known.has(contact.phone)) continue;
        known.add(contact.phone);
        fresh.push(contact);
      }
      const excluded = fresh.map((contact) => contact.blacklisted || batch.excluded.has(contact.phone) || blocked.has(contact.phone));
      await tx.query(
        `INSERT INTO dialing_contacts (campaign_id, contact_index, contact_id, phone, time_zones, region, variables, state, due_at, finish_reason)
         SELECT $1, $2 + n - 1, c.contact_id, c.phone, ARRAY(SELECT jsonb_array_elements_text(c.zones)), c.region, c.variables,
                CASE WHEN c.excluded THEN 'finished' ELSE 'waiting' END,
                CASE WHEN c.excluded THEN NULL ELSE $8::timestamptz END,
                CASE WHEN c.excluded THEN 'Excluded' END
           FROM unnest($3::text[], $4::text[], $5::jsonb[], $6::text[], $7::jsonb[], $9::boolean[])
                WITH ORDINALITY AS c(contact_id, phone, zones, region, variables, excluded, n)`,
        [
          batch.campaignId,
          cursor.next_index,
          fresh.map((contact) => contact.contactId),
          fresh.map((contact) => contact.phone),
          fresh.map((contact) => JSON.stringify(contact.timeZones)),
          fresh.map((contact) => contact.region),
          fresh.map((contact) => JSON.stringify(contact.fields)),
          batch.dueAt,
          excluded,
        ],
      );
      await tx.query(
        `UPDATE dialing_campaigns SET next_index = next_index + $2, duplicates_skipped = duplicates_skipped + $3, load_segment = $4, load_consumed = $5
          WHERE campaign_id = $1`,
        [batch.campaignId, fresh.length, batch.contacts.length - fresh.length, batch.segment, batch.consumed],
      );
    });
  }

  async segmentDone(campaignId: string, nextSegment: number): Promise<void> {
    await this.pool.query('UPDATE dialing_campaigns SET load_segment = $2, load_consumed = 0 WHERE campaign_id = $1', [campaignId, nextSegment]);
  }

  async loaded(campaignId: string): Promise<void> {
    await this.pool.query('UPDATE dialing_campaigns SET loaded = true WHERE campaign_id = $1', [campaignId]);
  }
}
