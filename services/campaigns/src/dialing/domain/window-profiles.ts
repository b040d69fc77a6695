import { localWindowFrom, type CallingSchedule, type ContactZones, type SkipReason } from '../../calling-window/domain';

export type WindowAnswer =
  | { readonly kind: 'Callable' }
  | { readonly kind: 'Later'; readonly atMs: number }
  | { readonly kind: 'Skipped'; readonly reason: SkipReason; readonly detail: string };

const CALLABLE: WindowAnswer = { kind: 'Callable' };

/**
 * Contacts share a handful of zone sets (one per Russian zone, the all-Russia mobile set, a few
 * foreign zones), so windows are computed per zone profile and each profile keeps its current
 * interval until time passes it. A per-contact check is then two comparisons.
 */
export class WindowProfiles {
  private readonly computedFrom: Float64Array;
  private readonly start: Float64Array;
  private readonly end: Float64Array;
  private readonly skipped: ({ reason: SkipReason; detail: string } | null)[];

  constructor(
    readonly profiles: readonly ContactZones[],
    readonly schedule: CallingSchedule,
  ) {
    this.computedFrom = new Float64Array(profiles.length).fill(Number.POSITIVE_INFINITY);
    this.start = new Float64Array(profiles.length);
    this.end = new Float64Array(profiles.length);
    this.skipped = profiles.map(() => null);
  }

  at(profile: number, nowMs: number): WindowAnswer {
    const skipped = this.skipped[profile];
    if (skipped) return { kind: 'Skipped', ...skipped };
    if (nowMs < this.computedFrom[profile]! || nowMs >= this.end[profile]!) this.compute(profile, nowMs);
    const again = this.skipped[profile];
    if (again) return { kind: 'Skipped', ...again };
    return nowMs >= this.start[profile]! ? CALLABLE : { kind: 'Later', atMs: this.start[profile]! };
  }

  private compute(profile: number, nowMs: number): void {
    const zones = this.profiles[profile] ?? { zones: [] };
    const window = localWindowFrom(zones, this.schedule, nowMs);
    this.computedFrom[profile] = nowMs;
    if (window.kind === 'Skipped') {
      this.skipped[profile] = { reason: window.reason, detail: window.detail };
      return;
    }
    this.start[profile] = window.interval.start;
    this.end[profile] = window.interval.end;
  }
}
