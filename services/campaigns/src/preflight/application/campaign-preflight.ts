import { DomainError, type FieldViolation } from '@zvonar/eventsourcing';
import type { Clock } from '@zvonar/platform';
import { resolveSchedule, type CallingSchedule } from '../../calling-window/domain';
import type { ExistingCampaign } from '../../campaign/domain';
import { openStream } from '../../dialing/application/opened-stream';
import type { SegmentContact, SegmentContactSource } from '../../dialing/application/segment-contacts.port';
import { maxAttempts } from '../../dialing/domain';
import { forecastFor, PreflightTally, type PreflightCounts, type PreflightForecast } from '../domain';
import type { PreflightLookups } from './preflight-lookups.port';

export type CampaignPreflightResult = PreflightCounts & {
  readonly forecast: PreflightForecast;
  readonly launchProblems: readonly FieldViolation[];
};

/** An audience segment the audiences service would not stream (down, hung, or no such segment). */
export class AudienceUnreadableError extends DomainError {
  constructor(
    readonly segmentId: string,
    cause: unknown,
  ) {
    super(`The audience segment ${segmentId} could not be read: ${cause instanceof Error ? cause.message : String(cause)}`, 'AUDIENCE_UNREADABLE');
  }
}

/** Numbers looked up per query. */
const DEFAULT_BATCH = 1_000;
const DEFAULT_FIRST_ANSWER_MS = 30_000;

/**
 * The pre-flight of one campaign as configured now: its blacklist segments are read first (their
 * numbers are held, as the loader holds them), then every audience segment is streamed once and
 * counted a batch at a time (blocked numbers and earlier results looked up per batch), and the
 * project's history gives the forecast. Nothing is written.
 */
export class CampaignPreflight {
  constructor(
    private readonly lookups: PreflightLookups,
    private readonly segments: SegmentContactSource,
    private readonly clock: Clock,
    private readonly batchSize = DEFAULT_BATCH,
    private readonly firstAnswerMs = DEFAULT_FIRST_ANSWER_MS,
  ) {}

  async run(campaign: ExistingCampaign, launchProblems: readonly FieldViolation[]): Promise<CampaignPreflightResult> {
    const { settings, projectId, campaignId } = campaign;
    const tally = new PreflightTally(scheduleOrNull(settings.schedule), this.clock.now().getTime());
    const excluded = new Set<string>();
    for (const segmentId of settings.blacklistIds) for await (const contact of await this.open(projectId, segmentId)) excluded.add(contact.phone);
    const ranBefore = campaign.status !== 'Draft';
    const reachedOnly = campaign.status === 'Stopped' || campaign.status === 'Completed';

    const count = async (batch: readonly SegmentContact[]) => {
      const phones = batch.map((contact) => contact.phone);
      const blocked = await this.lookups.blocked(projectId, phones);
      const done = ranBefore ? await this.lookups.done(campaignId, phones, reachedOnly) : new Set<string>();
      for (const contact of batch) {
        tally.add({
          phone: contact.phone,
          timeZones: contact.timeZones,
          blacklisted: contact.blacklisted || excluded.has(contact.phone) || blocked.has(contact.phone),
          done: done.has(contact.phone),
        });
      }
    };
    for (const segmentId of settings.audienceIds) {
      let batch: SegmentContact[] = [];
      for await (const contact of await this.open(projectId, segmentId)) {
        batch.push(contact);
        if (batch.length < this.batchSize) continue;
        await count(batch);
        batch = [];
      }
      await count(batch);
    }

    const counts = tally.counts();
    const history = await this.lookups.history(projectId, campaignId);
    return { ...counts, forecast: forecastFor(history, counts.dialableContacts, maxAttempts(settings.redialRules)), launchProblems };
  }

  /** A segment's stream; one that fails or stays silent fails the pre-flight naming the segment. */
  private async open(projectId: string, segmentId: string): Promise<AsyncIterable<SegmentContact>> {
    const unreadable = (error: unknown) => new AudienceUnreadableError(segmentId, error);
    const stream = await openStream((signal) => this.segments.stream(projectId, segmentId, signal), this.firstAnswerMs).catch((error: unknown) => {
      throw unreadable(error);
    });
    return {
      async *[Symbol.asyncIterator]() {
        try {
          yield* stream;
        } catch (error) {
          throw unreadable(error);
        }
      },
    };
  }
}

/** A schedule that does not resolve never opens (LaunchCampaign names why). */
const scheduleOrNull = (schedule: ExistingCampaign['settings']['schedule']): CallingSchedule | null => {
  try {
    return resolveSchedule(schedule);
  } catch {
    return null;
  }
};
