import type { Pool } from 'pg';
import type { Clock } from '@zvonar/platform';
import type { AudienceLoads } from '../infrastructure/audience-load.repository';
import type { DialingCampaign } from '../infrastructure/dialing-campaigns.repository';
import { openStream, type OpenedStream } from './opened-stream';
import type { SegmentContact, SegmentContactSource } from './segment-contacts.port';

/** Contacts per committed batch: a crash loses at most one batch of work, never a contact. */
export const DEFAULT_LOAD_BATCH = 500;
/** How long a segment stream may stay silent before its first contact (or its end) before the load gives up. */
export const DEFAULT_FIRST_ANSWER_MS = 30_000;

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
    private readonly firstAnswerMs = DEFAULT_FIRST_ANSWER_MS,
  ) {}

  /**
   * Loads `campaign` unless another process is at it; false when it was left to that process.
   * Everything the load first waits for from the audiences service (the blacklist segments, the
   * first contact of the segment to load) arrives before a database connection is taken: a load
   * failing on a segment server that is down holds no connection, however many campaigns fail.
   */
  async load(campaign: DialingCampaign): Promise<boolean> {
    const cursor = await this.loads.cursor(campaign.campaignId);
    if (!cursor || cursor.loaded) return true;
    const excluded = await this.blacklistedPhones(campaign);
    const segmentId = campaign.plan.audienceIds[cursor.segment];
    const first = segmentId === undefined ? undefined : { segment: cursor.segment, stream: await this.open(campaign.projectId, segmentId) };
    try {
      return await this.loadUnderLock(campaign, excluded, first);
    } finally {
      await first?.stream.close();
    }
  }

  private async blacklistedPhones({ projectId, plan }: DialingCampaign): Promise<Set<string>> {
    const excluded = new Set<string>();
    for (const segmentId of plan.blacklistIds) for await (const contact of await this.open(projectId, segmentId)) excluded.add(contact.phone);
    return excluded;
  }

  private open(projectId: string, segmentId: string): Promise<OpenedStream<SegmentContact>> {
    return openStream((signal) => this.source.stream(projectId, segmentId, signal), this.firstAnswerMs);
  }

  private async loadUnderLock(campaign: DialingCampaign, excluded: ReadonlySet<string>, first: OpenedSegment | undefined): Promise<boolean> {
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
        await this.loadLocked(campaign, excluded, first, () => {
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

  private async loadLocked(stale: DialingCampaign, excluded: ReadonlySet<string>, first: OpenedSegment | undefined, stillLocked: () => void): Promise<void> {
    // Re-read under the lock: a loader that just finished may have moved the cursor.
    const row = await this.loads.cursor(stale.campaignId);
    if (!row || row.loaded) return;
    const { campaignId, projectId, plan } = stale;
    for (let segment = row.segment; segment < plan.audienceIds.length; segment += 1) {
      const skip = segment === row.segment ? row.consumed : 0;
      let consumed = 0;
      let batch: SegmentContact[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        stillLocked();
        await this.loads.writeBatch({ campaignId, projectId, segment, consumed, contacts: batch, excluded, dueAt: this.clock.now() });
        batch = [];
      };
      const stream = first?.segment === segment ? first.stream : this.source.stream(projectId, plan.audienceIds[segment]!);
      for await (const contact of stream) {
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

/** The stream of the segment the load resumes at, opened before the load took its connection. */
type OpenedSegment = { readonly segment: number; readonly stream: OpenedStream<SegmentContact> };
