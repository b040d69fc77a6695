import { ALL_WEEKDAYS, type Weekday } from '../../calling-window/domain';
import type { RedialRule, RedialRules } from '../../dialing/domain';
import { DEFAULT_SETTINGS, type CampaignSettings } from '../domain';
import type { campaignsV1 } from './campaigns.proto';

// proto-loader hands unset message fields over as null and unset `optional` scalars as undefined;
// both mean "the default" here.
type Maybe<T> = T | null | undefined;

const or = <T>(value: Maybe<T>, fallback: T): T => (value === null || value === undefined ? fallback : value);

const ruleFrom = (proto: Maybe<campaignsV1.RedialRule>, fallback: RedialRule): RedialRule => ({
  attempts: or(proto?.attempts, fallback.attempts),
  intervalSeconds: or(proto?.intervalSeconds, fallback.intervalSeconds),
});

/** Redial rules from the request, each unset rule or field taking its default. */
export const redialRulesFromProto = (proto: Maybe<campaignsV1.RedialRules>, base: RedialRules = DEFAULT_SETTINGS.redialRules): RedialRules => ({
  busy: ruleFrom(proto?.busy, base.busy),
  noAnswer: ruleFrom(proto?.noAnswer, base.noAnswer),
  answeringMachine: ruleFrom(proto?.answeringMachine, base.answeringMachine),
  shortCall: { ...ruleFrom(proto?.shortCall, base.shortCall), underSeconds: or(proto?.shortCall?.underSeconds, base.shortCall.underSeconds) },
  failure: ruleFrom(proto?.failure, base.failure),
  carouselExtraAttempt: or(proto?.carouselExtraAttempt, base.carouselExtraAttempt),
});

/** The wizard's settings from the request: every unset field takes its default. */
export const settingsFromProto = (proto: Maybe<campaignsV1.CampaignSettings>): CampaignSettings => {
  const base = DEFAULT_SETTINGS;
  const telephony = proto?.telephony;
  const schedule = proto?.schedule;
  const weekdays = schedule?.weekdays ?? [];
  return {
    name: (proto?.name ?? '').trim(),
    scenario: proto?.scenario ? { scenarioId: proto.scenario.scenarioId, version: proto.scenario.version } : null,
    audienceIds: proto?.audienceIds ?? [],
    blacklistIds: proto?.blacklistIds ?? [],
    telephony: {
      callerNumbers: telephony?.callerNumbers ?? [],
      dialPlanId: or(telephony?.dialPlanId, base.telephony.dialPlanId),
      carouselNumbers: telephony?.carouselNumbers ?? [],
      trunkCallsPerSecondCap: or(telephony?.trunkCallsPerSecondCap, base.telephony.trunkCallsPerSecondCap),
    },
    leadLimit: or(proto?.leadLimit, base.leadLimit),
    spendLimitKopecks: or(proto?.spendLimitKopecks, base.spendLimitKopecks),
    answerWaitSeconds: or(proto?.answerWaitSeconds, base.answerWaitSeconds),
    actionWaitSeconds: or(proto?.actionWaitSeconds, base.actionWaitSeconds),
    redialRules: redialRulesFromProto(proto?.redialRules),
    pace: { callsPerHour: or(proto?.pace?.callsPerHour, base.pace.callsPerHour), callsPerSecond: or(proto?.pace?.callsPerSecond, base.pace.callsPerSecond) },
    concurrencyCap: or(proto?.concurrencyCap, base.concurrencyCap),
    recording: or(proto?.recording, base.recording),
    machineDetection: or(proto?.machineDetection, base.machineDetection),
    silenceDetection: or(proto?.silenceDetection, base.silenceDetection),
    ineffectiveCallSeconds: or(proto?.ineffectiveCallSeconds, base.ineffectiveCallSeconds),
    schedule: {
      startDate: or(schedule?.startDate, base.schedule.startDate),
      startTime: or(schedule?.startTime, base.schedule.startTime),
      timeZone: or(schedule?.timeZone, base.schedule.timeZone),
      dailyWindow: schedule?.dailyWindow ? { from: schedule.dailyWindow.from, to: schedule.dailyWindow.to } : null,
      // Out-of-range numbers go through to the schedule check, which names the field.
      weekdays: weekdays.length === 0 ? ALL_WEEKDAYS : (weekdays as Weekday[]),
    },
  };
};

const ruleToProto = (rule: RedialRule): campaignsV1.RedialRule => ({ attempts: rule.attempts, intervalSeconds: rule.intervalSeconds });

export const redialRulesToProto = (rules: RedialRules): campaignsV1.RedialRules => ({
  busy: ruleToProto(rules.busy),
  noAnswer: ruleToProto(rules.noAnswer),
  answeringMachine: ruleToProto(rules.answeringMachine),
  shortCall: { ...ruleToProto(rules.shortCall), underSeconds: rules.shortCall.underSeconds },
  failure: ruleToProto(rules.failure),
  carouselExtraAttempt: rules.carouselExtraAttempt,
});

/** Settings as stored, every field present. */
export const settingsToProto = (settings: Omit<CampaignSettings, 'name' | 'audienceIds'> & Partial<Pick<CampaignSettings, 'name' | 'audienceIds'>>): campaignsV1.CampaignSettings => ({
  name: settings.name ?? '',
  scenario: settings.scenario ? { scenarioId: settings.scenario.scenarioId, version: settings.scenario.version } : undefined,
  audienceIds: [...(settings.audienceIds ?? [])],
  blacklistIds: [...settings.blacklistIds],
  telephony: {
    callerNumbers: [...settings.telephony.callerNumbers],
    dialPlanId: settings.telephony.dialPlanId ?? undefined,
    carouselNumbers: [...settings.telephony.carouselNumbers],
    trunkCallsPerSecondCap: settings.telephony.trunkCallsPerSecondCap,
  },
  leadLimit: settings.leadLimit,
  spendLimitKopecks: settings.spendLimitKopecks,
  answerWaitSeconds: settings.answerWaitSeconds,
  actionWaitSeconds: settings.actionWaitSeconds,
  redialRules: redialRulesToProto(settings.redialRules),
  pace: { callsPerHour: settings.pace.callsPerHour, callsPerSecond: settings.pace.callsPerSecond },
  concurrencyCap: settings.concurrencyCap,
  recording: settings.recording,
  machineDetection: settings.machineDetection,
  silenceDetection: settings.silenceDetection,
  ineffectiveCallSeconds: settings.ineffectiveCallSeconds,
  schedule: {
    startDate: settings.schedule.startDate,
    startTime: settings.schedule.startTime,
    timeZone: settings.schedule.timeZone,
    dailyWindow: settings.schedule.dailyWindow ? { from: settings.schedule.dailyWindow.from, to: settings.schedule.dailyWindow.to } : undefined,
    weekdays: [...settings.schedule.weekdays],
  },
});
