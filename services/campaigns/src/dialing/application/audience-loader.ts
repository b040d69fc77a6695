import type { Pool } from 'pg';
import type { Clock } from '@zvonar/platform';
import type { AudienceLoads } from '../infrastructure/audience-load.repository';
import type { DialingCampaign } from '../infrastructure/dialing-campaigns.repository';
import type { SegmentContact, SegmentContactSource } from './segment-contacts.port';

/** Contacts per committed batch: a crash loses at most one batch of work, never a contact. */
export const DEFAULT_LOAD_BATCH = 500;

/**
 * Loads a started campaign's audience segments into its attempt table: numbers of its blacklist
 * segments are kept as finished (Excluded) rows, a number in several segments is loaded once,
 * and the cursor saved with every batch makes a load cut short by a crash resume where it
 * stopped (the segment stream's order is stable, so skipping what was consumed is exact).
 */
export class AudienceLoader {
  constructor(
    private readonly pool: Pool,
    private readonly loads: AudienceLoads,
    private readonly source: SegmentContactSource,
    private readonly clock: Clock,
    private readonly batchSize = DEFAULT_LOAD_BATCH,
  ) {}

  /** Loads `campaign` unless another process is at it; false when it was left to that process. */
  async load(campaign: DialingCampaign): Promise<boolean> {
    const client = await this.pool.connect();
    // The lock lives as long as this connection: if it drops, another process may take over, so
    // this load stops at its next batch (an idle checked-out client must have a listener anyway).
    let lost: Error | undefined;
    const onError = (error: Error) => {
      lost = error;
    };
    client.on('error', onError);
    try {
      if (!(await this.loads.tryLock(client, campaign.campaignId))) return false;
      try {
        await this.loadLocked(campaign, () => {
          if (lost) throw lost;
        });
        return true;
      } finally {
        if (!lost) await this.loads.unlock(client, campaign.campaignId);
      }
    } finally {
      client.off('error', onError);
      client.release(lost);
    }
  }

  private async loadLocked(stale: DialingCampaign, stillLocked: () => void): Promise<void> {
    // Re-read under the lock: a loader that just finished may have moved the cursor.
    const current = await this.pool.query<{ loaded: boolean; load_segment: number; load_consumed: number }>(
      'SELECT loaded, load_segment, load_consumed FROM dialing_campaigns WHERE campaign_id = $1',
      [stale.campaignId],
    );
    const row = current.rows[0];
    if (!row || row.loaded) return;
    const { campaignId, projectId, plan } = stale;
    const excluded = new Set<string>();
    for (const segmentId of plan.blacklistIds) for await (const contact of this.source.stream(projectId, segmentId)) excluded.add(contact.phone);
    for (let segment = row.load_segment; segment < plan.audienceIds.length; segment += 1) {
      const skip = segment === row.load_segment ? row.load_consumed : 0;
      let consumed = 0;
      let batch: SegmentContact[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        stillLocked();
        await this.loads.writeBatch({ campaignId, projectId, segment, consumed, contacts: batch, excluded, dueAt: this.clock.now() });
        batch = [];
      };
      for await (const contact of this.source.stream(projectId, plan.audienceIds[segment]!)) {
        consumed += 1;
        if (consumed <= skip) continue;
        batch.push(contact);
        if (batch.length >= this.batchSize) await flush();
      }
      await flush();
      await this.loads.segmentDone(campaignId, segment + 1);
    }
    await this.loads.loaded(campaignId);
  }
}
