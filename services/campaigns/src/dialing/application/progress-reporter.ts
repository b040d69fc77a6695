import { DomainError, handleCommand, type EventStore } from '@zvonar/eventsourcing';
import type { Clock } from '@zvonar/platform';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { campaignDecider, campaignStreamId, type CampaignCommand, type CampaignProgress } from '../../campaign/domain';

type Totals = { status: string; loaded: boolean; reported: CampaignProgress | null; total: number; finished: number; leads: number };

/**
 * Tells the campaign aggregate how far the dialer got: RecordCampaignProgress after outcomes (the
 * aggregate pauses itself at its lead limit), and CompleteCampaign once every contact is finished.
 * Totals are read from the attempt table, so a report lost to a crash is made by the next one.
 */
export class ProgressReporter {
  private readonly dirty = new Set<string>();
  private readonly lastReportAt = new Map<string, number>();

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly logger: Pick<Logger, 'warn'>,
    /** Real time between two reports of one campaign: outcomes in between are coalesced into one. */
    private readonly minIntervalMs = 500,
  ) {}

  /** An outcome changed the campaign's totals; the next flush reports them. */
  touch(campaignId: string): void {
    this.dirty.add(campaignId);
  }

  /** Reports every touched campaign whose last report is old enough (the dialing loop calls it each step). */
  async flush(): Promise<void> {
    const now = Date.now();
    for (const campaignId of [...this.dirty]) {
      if (now - (this.lastReportAt.get(campaignId) ?? 0) < this.minIntervalMs) continue;
      this.dirty.delete(campaignId);
      this.lastReportAt.set(campaignId, now);
      try {
        await this.report(campaignId);
      } catch (error) {
        this.dirty.add(campaignId);
        throw error;
      }
    }
  }

  async report(campaignId: string): Promise<void> {
    const totals = await this.totals(campaignId);
    if (!totals || !totals.loaded || (totals.status !== 'running' && totals.status !== 'paused')) return;
    const progress: CampaignProgress = { leads: totals.leads, spentKopecks: 0, processedContacts: totals.finished, totalContacts: totals.total };
    if (JSON.stringify(progress) !== JSON.stringify(totals.reported)) {
      await this.send({ type: 'RecordCampaignProgress', data: { campaignId, progress }, metadata: { now: this.clock.now() } });
      await this.pool.query('UPDATE dialing_campaigns SET progress_reported = $2 WHERE campaign_id = $1', [campaignId, JSON.stringify(progress)]);
    }
    if (totals.finished >= totals.total) await this.send({ type: 'CompleteCampaign', data: { campaignId }, metadata: { now: this.clock.now() } });
  }

  private async send(command: CampaignCommand): Promise<void> {
    try {
      await handleCommand(this.store, campaignStreamId(command.data.campaignId), campaignDecider, command, { retry: { onVersionConflict: 5 } });
    } catch (error) {
      // The campaign moved on (stopped by the user meanwhile): the report no longer applies.
      if (!(error instanceof DomainError)) throw error;
      this.logger.warn({ err: error, campaignId: command.data.campaignId, command: command.type }, 'campaign refused the dialer progress');
    }
  }

  private async totals(campaignId: string): Promise<Totals | null> {
    const { rows } = await this.pool.query<Totals>(
      `SELECT c.status, c.loaded, c.progress_reported AS reported,
              (SELECT count(*)::int FROM dialing_contacts WHERE campaign_id = $1) AS total,
              (SELECT count(*)::int FROM dialing_contacts WHERE campaign_id = $1 AND state = 'finished') AS finished,
              (SELECT count(*)::int FROM dialing_goals WHERE campaign_id = $1) AS leads
         FROM dialing_campaigns c WHERE c.campaign_id = $1`,
      [campaignId],
    );
    return rows[0] ?? null;
  }
}
