import { campaignsV1 } from '@zvonar/proto-ts';
import { callRates, type Bucket, type LiveProgress } from '../domain';
import type { DialingState, ProgressCounts } from '../infrastructure/campaign-progress.query';
import type { OutcomeCounts } from '../infrastructure/outcome-counts.sql';
import type { CampaignStatistics, ProjectStatistics, SeriesBucket } from '../infrastructure/statistics.queries';

const S = campaignsV1.DialingState;
const STATE: Record<DialingState, campaignsV1.DialingState> = {
  running: S.DIALING_STATE_RUNNING,
  paused: S.DIALING_STATE_PAUSED,
  stopped: S.DIALING_STATE_STOPPED,
  completed: S.DIALING_STATE_COMPLETED,
};

/** HOUR or DAY; UNSPECIFIED (or an unknown value) is DAY, as the proto documents. */
export const bucketFromProto = (bucket: campaignsV1.StatisticsBucket): Bucket => (bucket === campaignsV1.StatisticsBucket.STATISTICS_BUCKET_HOUR ? 'hour' : 'day');

export const NOT_STARTED: campaignsV1.GetCampaignProgressResponse = {
  state: S.DIALING_STATE_NOT_STARTED,
  totalContacts: 0,
  processedContacts: 0,
  remainingContacts: 0,
  percentDone: 0,
  activeCalls: 0,
  callsPerHourLastMinute: 0,
  callsPerHourLastQuarterHour: 0,
  estimatedCompletionAt: undefined,
  audienceLoaded: false,
  asOf: undefined,
};

export const toProtoProgress = (counts: ProgressCounts, progress: LiveProgress, asOf: Date): campaignsV1.GetCampaignProgressResponse => ({
  state: STATE[counts.state],
  totalContacts: progress.total,
  processedContacts: progress.processed,
  remainingContacts: progress.remaining,
  percentDone: progress.percentDone,
  activeCalls: counts.activeCalls,
  callsPerHourLastMinute: progress.callsPerHourLastMinute,
  callsPerHourLastQuarterHour: progress.callsPerHourLastQuarterHour,
  estimatedCompletionAt: progress.estimatedCompletionAt ?? undefined,
  audienceLoaded: counts.loaded,
  asOf,
});

const toProtoCalls = (calls: OutcomeCounts): campaignsV1.CallStatistics => ({ ...calls });

const toProtoBucket = (bucket: SeriesBucket): campaignsV1.StatisticsBucketRow => ({ start: bucket.start, localStart: bucket.localStart, calls: toProtoCalls(bucket.calls) });

export const toProtoCampaignStatistics = (statistics: CampaignStatistics, timeZone: string): campaignsV1.GetCampaignStatisticsResponse => ({
  buckets: statistics.buckets.map(toProtoBucket),
  totals: toProtoCalls(statistics.totals),
  ...callRates(statistics.totals, statistics.contactsDialed),
  contactsDialed: statistics.contactsDialed,
  ineffectiveCallSeconds: statistics.ineffectiveCallSeconds,
  timeZone,
});

const minutes = (seconds: number) => seconds / 60;

/** SMS, clicks and spend stay 0 / absent until the services that count them exist (see the proto). */
export const toProtoProjectStatistics = (statistics: ProjectStatistics, timeZone: string, top: number): campaignsV1.GetProjectStatisticsResponse => ({
  totals: {
    calls: statistics.totals.placed,
    answered: statistics.totals.answered,
    goals: statistics.totals.goals,
    talkMinutes: minutes(statistics.totals.talkSeconds),
    smsSent: 0,
    linkClicks: 0,
    spent: undefined,
  },
  funnel: statistics.funnel,
  days: statistics.days.map((day) => ({
    start: day.start,
    localDate: day.localStart.slice(0, 10),
    calls: day.calls.placed,
    answered: day.calls.answered,
    goals: day.calls.goals,
    talkMinutes: minutes(day.calls.talkSeconds),
    smsSent: 0,
    linkClicks: 0,
    spent: undefined,
  })),
  topCampaigns: statistics.campaigns
    .filter((campaign) => campaign.calls.goals > 0)
    .sort((a, b) => b.calls.goals - a.calls.goals || b.calls.placed - a.calls.placed || a.campaignId.localeCompare(b.campaignId))
    .slice(0, top)
    .map((campaign) => ({ campaignId: campaign.campaignId, name: campaign.name, goals: campaign.calls.goals, calls: campaign.calls.placed, answered: campaign.calls.answered })),
  timeZone,
});
