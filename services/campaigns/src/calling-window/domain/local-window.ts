import type { CallingSchedule } from './calling-schedule';
import { DAY_MS, MINUTE_MS, dayStartOfWall, isoWeekdayOfWall } from './wall-time';
import { isKnownTimeZone, offsetMs, transitionsBetween } from './zone-offset';

/**
 * A contact's candidate IANA zones from phone intelligence: one when exact, several when ambiguous
 * (a Russian mobile number: every Russian zone), none when unknown.
 */
export type ContactZones = { readonly zones: readonly string[] };

/** Instants [start, end) in epoch ms. */
export type Interval = { readonly start: number; readonly end: number };

export type SkipReason = 'NoTimeZone' | 'UnknownTimeZone' | 'NoCommonWindow';

export type LocalWindow =
  | { readonly kind: 'Opens'; readonly interval: Interval }
  | { readonly kind: 'Skipped'; readonly reason: SkipReason; readonly detail: string };

/** A short look-ahead answers almost every query; the long one covers a week plus any DST shift. */
const HORIZONS_MS = [2 * DAY_MS, 16 * DAY_MS] as const;

const inWindowAtWall = (schedule: CallingSchedule, wallMs: number): boolean => {
  const range = schedule.windowByWeekday[isoWeekdayOfWall(wallMs)];
  if (!range) return false;
  const minute = Math.floor((wallMs - dayStartOfWall(wallMs)) / MINUTE_MS);
  return minute >= range.from && minute < range.to;
};

/** True when `instantMs` is inside the local window of every candidate zone (ambiguous = intersection). */
export const isCallableAt = (contact: ContactZones, schedule: CallingSchedule, instantMs: number): boolean => {
  if (contact.zones.length === 0 || instantMs < schedule.startsAtMs) return false;
  return contact.zones.every((zone) => inWindowAtWall(schedule, instantMs + offsetMs(zone, instantMs)));
};

/** Calls the window allows, in instants, over wall-clock values [wallFrom, wallTo) read at one offset. */
const appendWallIntervals = (out: Interval[], schedule: CallingSchedule, wallFrom: number, wallTo: number, offset: number) => {
  for (let day = dayStartOfWall(wallFrom); day < wallTo; day += DAY_MS) {
    const range = schedule.windowByWeekday[isoWeekdayOfWall(day)];
    if (!range) continue;
    const start = Math.max(wallFrom, day + range.from * MINUTE_MS) - offset;
    const end = Math.min(wallTo, day + range.to * MINUTE_MS) - offset;
    if (start >= end) continue;
    const last = out[out.length - 1];
    if (last && last.end >= start) out[out.length - 1] = { start: last.start, end: Math.max(last.end, end) };
    else out.push({ start, end });
  }
};

/**
 * One zone's callable intervals within [fromMs, untilMs). The span is cut at each offset change,
 * and each constant-offset piece maps wall windows to instants exactly: gaps, repeated hours and
 * transitions at local midnight need no special case.
 */
export const zoneIntervals = (zone: string, schedule: CallingSchedule, fromMs: number, untilMs: number): Interval[] => {
  const out: Interval[] = [];
  const cuts = [...transitionsBetween(zone, fromMs, untilMs).filter((cut) => cut < untilMs), untilMs];
  let pieceStart = fromMs;
  for (const pieceEnd of cuts) {
    const offset = offsetMs(zone, pieceStart);
    appendWallIntervals(out, schedule, pieceStart + offset, pieceEnd + offset, offset);
    pieceStart = pieceEnd;
  }
  return out;
};

export const intersectIntervals = (left: readonly Interval[], right: readonly Interval[]): Interval[] => {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const a = left[i]!;
    const b = right[j]!;
    const start = Math.max(a.start, b.start);
    const end = Math.min(a.end, b.end);
    if (start < end) out.push({ start, end });
    if (a.end < b.end) i += 1;
    else j += 1;
  }
  return out;
};

const firstCommonInterval = (zones: readonly string[], schedule: CallingSchedule, fromMs: number, untilMs: number): Interval | null => {
  let common: Interval[] = [{ start: fromMs, end: untilMs }];
  for (const zone of zones) {
    common = intersectIntervals(common, zoneIntervals(zone, schedule, fromMs, untilMs));
    if (common.length === 0) return null;
  }
  return common[0] ?? null;
};

/**
 * The contact's first callable interval at or after `fromMs` (its end may be cut at the look-ahead,
 * so callers recompute once it passes), or why the contact is skipped.
 */
export const localWindowFrom = (contact: ContactZones, schedule: CallingSchedule, fromMs: number): LocalWindow => {
  if (contact.zones.length === 0) return { kind: 'Skipped', reason: 'NoTimeZone', detail: 'the number has no candidate time zone' };
  const unknown = contact.zones.find((zone) => !isKnownTimeZone(zone));
  if (unknown !== undefined) return { kind: 'Skipped', reason: 'UnknownTimeZone', detail: `"${unknown}" is not an IANA time zone` };
  const start = Math.max(fromMs, schedule.startsAtMs);
  for (const horizon of HORIZONS_MS) {
    const interval = firstCommonInterval(contact.zones, schedule, start, start + horizon);
    if (interval) return { kind: 'Opens', interval };
  }
  return {
    kind: 'Skipped',
    reason: 'NoCommonWindow',
    detail: `the local windows of ${contact.zones.join(', ')} never overlap`,
  };
};

/** The first instant at or after `fromMs` at which the contact may be called; null when skipped. */
export const nextCallableInstant = (contact: ContactZones, schedule: CallingSchedule, fromMs: number): number | null => {
  const window = localWindowFrom(contact, schedule, fromMs);
  return window.kind === 'Opens' ? window.interval.start : null;
};
