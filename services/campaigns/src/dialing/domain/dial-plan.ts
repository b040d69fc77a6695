import { resolveSchedule, type CallingSchedule } from '../../calling-window/domain';
import type { CampaignSettings } from '../../campaign/domain/campaign-settings';
import { effectiveRatePerSecond, type PaceSettings } from './pacer';
import type { RedialRules } from './redial-rules';

/**
 * What the dialer needs of a campaign, resolved once from its settings and stored with it as
 * JSON: numbers only, no zone lookups, so every claim step works from it directly.
 */
export type DialPlan = {
  readonly projectId: string;
  readonly scenarioId: string;
  readonly scenarioVersion: number;
  readonly audienceIds: readonly string[];
  readonly blacklistIds: readonly string[];
  readonly callerNumbers: readonly string[];
  readonly carouselNumbers: readonly string[];
  readonly trunkId: string;
  readonly pace: PaceSettings;
  readonly concurrencyCap: number;
  readonly redialRules: RedialRules;
  readonly schedule: CallingSchedule;
  readonly answerWaitSeconds: number;
  readonly actionWaitSeconds: number;
  readonly record: boolean;
  readonly detectMachine: boolean;
  /** How long an attempt may go without an outcome before the same attempt id is sent again. */
  readonly leaseMs: number;
};

export type DialPlanTuning = {
  /** How often the dialing loop steps; the pacer lets a step catch up this much of its schedule. */
  readonly stepMs: number;
  /** The longest call the lease must outlast, on top of the answer wait. */
  readonly longestCallMs: number;
};

export const DEFAULT_DIAL_PLAN_TUNING: DialPlanTuning = { stepMs: 100, longestCallMs: 15 * 60_000 };

/**
 * The pace is the smaller of the wizard's rates and the trunk's cap. The burst is what one loop
 * step may catch up (one step's worth of dispatches), so the loop keeps the rate without ever
 * releasing more than ceil(rate) + burst in a second.
 */
export const paceOf = (settings: CampaignSettings, stepMs: number): PaceSettings => {
  const callsPerSecond = Math.min(settings.pace.callsPerSecond, settings.telephony.trunkCallsPerSecondCap);
  const pace = { callsPerSecond, callsPerHour: settings.pace.callsPerHour, burst: 0 };
  return { ...pace, burst: Math.max(0, Math.ceil((effectiveRatePerSecond(pace) * stepMs) / 1000) - 1) };
};

export const dialPlanOf = (projectId: string, settings: CampaignSettings, tuning: DialPlanTuning = DEFAULT_DIAL_PLAN_TUNING): DialPlan => ({
  projectId,
  scenarioId: settings.scenario?.scenarioId ?? '',
  scenarioVersion: settings.scenario?.version ?? 0,
  audienceIds: settings.audienceIds,
  blacklistIds: settings.blacklistIds,
  callerNumbers: settings.telephony.callerNumbers,
  carouselNumbers: settings.telephony.carouselNumbers,
  trunkId: settings.telephony.dialPlanId ?? '',
  pace: paceOf(settings, tuning.stepMs),
  concurrencyCap: settings.concurrencyCap,
  redialRules: settings.redialRules,
  schedule: resolveSchedule(settings.schedule),
  answerWaitSeconds: settings.answerWaitSeconds,
  actionWaitSeconds: settings.actionWaitSeconds,
  record: settings.recording,
  detectMachine: settings.machineDetection,
  leaseMs: settings.answerWaitSeconds * 1000 + tuning.longestCallMs,
});
