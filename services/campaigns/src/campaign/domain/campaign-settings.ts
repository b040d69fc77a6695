import type { FieldViolation } from '@zvonar/eventsourcing';
import type { ScheduleSettings } from '../../calling-window/domain';
import {
  DEFAULT_REDIAL_RULES,
  REDIAL_ATTEMPTS_RANGE,
  REDIAL_INTERVAL_RANGE,
  type RedialRule,
  type RedialRules,
} from '../../dialing/domain/redial-rules';

export type ScenarioRef = { readonly scenarioId: string; readonly version: number };

export type TelephonySettings = {
  /** Caller ids (rented or verified numbers). */
  readonly callerNumbers: readonly string[];
  readonly dialPlanId: string | null;
  /** Numbers for the carousel extra attempt. */
  readonly carouselNumbers: readonly string[];
  /** The trunk's calls-per-second ceiling; the pace may not exceed it. */
  readonly trunkCallsPerSecondCap: number;
};

/** The creation wizard's fields, every one with a default or an explicit empty value. */
export type CampaignSettings = {
  readonly name: string;
  readonly scenario: ScenarioRef | null;
  readonly audienceIds: readonly string[];
  readonly blacklistIds: readonly string[];
  readonly telephony: TelephonySettings;
  /** Leads and spend (kopecks) that pause the campaign; 0 = no limit. */
  readonly leadLimit: number;
  readonly spendLimitKopecks: number;
  readonly answerWaitSeconds: number;
  readonly actionWaitSeconds: number;
  readonly redialRules: RedialRules;
  readonly pace: { readonly callsPerHour: number; readonly callsPerSecond: number };
  readonly concurrencyCap: number;
  readonly recording: boolean;
  readonly machineDetection: boolean;
  readonly silenceDetection: boolean;
  /** Calls shorter than this count as ineffective in reports. */
  readonly ineffectiveCallSeconds: number;
  readonly schedule: ScheduleSettings;
};

export const RANGES = {
  answerWaitSeconds: { min: 5, max: 120 },
  actionWaitSeconds: { min: 1, max: 60 },
  callsPerHour: { min: 1, max: 360_000 },
  callsPerSecond: { min: 0.01, max: 100 },
  concurrencyCap: { min: 1, max: 1_000 },
  ineffectiveCallSeconds: { min: 1, max: 600 },
  shortCallUnderSeconds: { min: 1, max: 60 },
} as const;

export const DEFAULT_SETTINGS: Omit<CampaignSettings, 'name'> = {
  scenario: null,
  audienceIds: [],
  blacklistIds: [],
  telephony: { callerNumbers: [], dialPlanId: null, carouselNumbers: [], trunkCallsPerSecondCap: 10 },
  leadLimit: 0,
  spendLimitKopecks: 0,
  answerWaitSeconds: 27,
  actionWaitSeconds: 7,
  redialRules: DEFAULT_REDIAL_RULES,
  pace: { callsPerHour: 3_600, callsPerSecond: 1 },
  concurrencyCap: 10,
  recording: true,
  machineDetection: true,
  silenceDetection: true,
  ineffectiveCallSeconds: 10,
  schedule: { startDate: '2026-01-01', startTime: '09:00', timeZone: 'Europe/Moscow', dailyWindow: null, weekdays: [1, 2, 3, 4, 5, 6, 7] },
};

export type CampaignSettingsInput = Partial<CampaignSettings> & { readonly name: string };

export const withDefaults = (input: CampaignSettingsInput): CampaignSettings => ({ ...DEFAULT_SETTINGS, ...input });

type Range = { readonly min: number; readonly max: number };

const checkRange = (out: FieldViolation[], field: string, value: number, range: Range, integer = true) => {
  if (!Number.isFinite(value) || value < range.min || value > range.max || (integer && !Number.isInteger(value))) {
    out.push({ field, code: 'OUT_OF_RANGE', message: `${field} must be ${integer ? 'a whole number ' : ''}from ${range.min} to ${range.max}` });
  }
};

const checkRule = (out: FieldViolation[], field: string, rule: RedialRule) => {
  checkRange(out, `${field}.attempts`, rule.attempts, REDIAL_ATTEMPTS_RANGE);
  checkRange(out, `${field}.intervalSeconds`, rule.intervalSeconds, REDIAL_INTERVAL_RANGE);
};

/**
 * Field-level violations of the wizard's ranges. The schedule may stay unfinished in a draft: a
 * window that never opens is a launch pre-condition.
 */
export const settingsViolations = (settings: CampaignSettings): FieldViolation[] => {
  const out: FieldViolation[] = [];
  if (settings.name.trim().length === 0) out.push({ field: 'name', code: 'REQUIRED', message: 'name is required' });
  checkRange(out, 'leadLimit', settings.leadLimit, { min: 0, max: Number.MAX_SAFE_INTEGER });
  checkRange(out, 'spendLimitKopecks', settings.spendLimitKopecks, { min: 0, max: Number.MAX_SAFE_INTEGER });
  checkRange(out, 'answerWaitSeconds', settings.answerWaitSeconds, RANGES.answerWaitSeconds);
  checkRange(out, 'actionWaitSeconds', settings.actionWaitSeconds, RANGES.actionWaitSeconds);
  checkRange(out, 'ineffectiveCallSeconds', settings.ineffectiveCallSeconds, RANGES.ineffectiveCallSeconds);
  checkRange(out, 'concurrencyCap', settings.concurrencyCap, RANGES.concurrencyCap);
  checkRange(out, 'pace.callsPerHour', settings.pace.callsPerHour, RANGES.callsPerHour);
  const perSecondCap = { min: RANGES.callsPerSecond.min, max: Math.min(RANGES.callsPerSecond.max, settings.telephony.trunkCallsPerSecondCap) };
  checkRange(out, 'pace.callsPerSecond', settings.pace.callsPerSecond, perSecondCap, false);
  const rules = settings.redialRules;
  checkRule(out, 'redialRules.busy', rules.busy);
  checkRule(out, 'redialRules.noAnswer', rules.noAnswer);
  checkRule(out, 'redialRules.answeringMachine', rules.answeringMachine);
  checkRule(out, 'redialRules.shortCall', rules.shortCall);
  checkRange(out, 'redialRules.shortCall.underSeconds', rules.shortCall.underSeconds, RANGES.shortCallUnderSeconds);
  checkRule(out, 'redialRules.failure', rules.failure);
  return out;
};
