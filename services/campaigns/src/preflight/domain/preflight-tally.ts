import { localWindowFrom, type CallingSchedule } from '../../calling-window/domain';

/** Why a launch would not dial a contact, in the order the reasons are checked. */
export type PreflightSkipReason = 'InvalidNumber' | 'Blacklisted' | 'AlreadyDone' | 'OutsideEveryWindow';
export type PreflightVerdict = 'Dialable' | 'Duplicate' | PreflightSkipReason;

/** One audience contact with what the lookups said about it. */
export type PreflightContact = {
  readonly phone: string;
  readonly timeZones: readonly string[];
  /** Marked by the segment stream, on a blacklist segment, the project blacklist or the do-not-call list. */
  readonly blacklisted: boolean;
  /** Finished by an earlier run of the campaign in a way a launch or restart would not undo. */
  readonly done: boolean;
};

export type PreflightCounts = {
  readonly audienceContacts: number;
  readonly dialableContacts: number;
  readonly duplicates: number;
  readonly skipped: {
    readonly total: number;
    readonly invalidNumber: number;
    readonly blacklisted: number;
    readonly alreadyDone: number;
    readonly outsideEveryWindow: number;
  };
};

/** E.164 as the audiences service normalises numbers: "+", a country code, at most 15 digits in all. */
const E164 = /^\+[1-9]\d{6,14}$/;

export const isDialableNumber = (phone: string): boolean => E164.test(phone);

/**
 * Counts an audience for the pre-flight, one contact at a time, so an audience of any size is
 * never held: what it keeps is one number per distinct valid phone (a 15-digit E.164 number fits
 * a double exactly; a Set of them costs about 20 bytes a contact) to count a number in several
 * segments once, as the loader does, and one verdict per distinct zone set. Each contact counts
 * under its first reason (duplicate, invalid, blacklisted, done, outside every window), so the
 * counts always add up.
 */
export class PreflightTally {
  private readonly seenNumbers = new Set<number>();
  private readonly seenInvalid = new Set<string>();
  private readonly windowOpens = new Map<string, boolean>();
  private audience = 0;
  private dialable = 0;
  private duplicates = 0;
  private readonly skips: Record<PreflightSkipReason, number> = { InvalidNumber: 0, Blacklisted: 0, AlreadyDone: 0, OutsideEveryWindow: 0 };

  /**
   * @param schedule the campaign's schedule; null when it is unusable (it never opens), which puts
   *   every contact outside every window.
   * @param fromMs windows are looked for from this instant on (now, or the start when later).
   */
  constructor(
    private readonly schedule: CallingSchedule | null,
    private readonly fromMs: number,
  ) {}

  add(contact: PreflightContact): PreflightVerdict {
    const verdict = this.verdictOf(contact);
    if (verdict === 'Duplicate') {
      this.duplicates += 1;
      return verdict;
    }
    this.audience += 1;
    if (verdict === 'Dialable') this.dialable += 1;
    else this.skips[verdict] += 1;
    return verdict;
  }

  counts(): PreflightCounts {
    const { InvalidNumber, Blacklisted, AlreadyDone, OutsideEveryWindow } = this.skips;
    return {
      audienceContacts: this.audience,
      dialableContacts: this.dialable,
      duplicates: this.duplicates,
      skipped: { total: InvalidNumber + Blacklisted + AlreadyDone + OutsideEveryWindow, invalidNumber: InvalidNumber, blacklisted: Blacklisted, alreadyDone: AlreadyDone, outsideEveryWindow: OutsideEveryWindow },
    };
  }

  private verdictOf(contact: PreflightContact): PreflightVerdict {
    if (!isDialableNumber(contact.phone)) return this.firstTime(this.seenInvalid, contact.phone) ? 'InvalidNumber' : 'Duplicate';
    if (!this.firstTime(this.seenNumbers, Number(contact.phone.slice(1)))) return 'Duplicate';
    if (contact.blacklisted) return 'Blacklisted';
    if (contact.done) return 'AlreadyDone';
    return this.opens(contact.timeZones) ? 'Dialable' : 'OutsideEveryWindow';
  }

  private firstTime<T>(seen: Set<T>, key: T): boolean {
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }

  /** The calling-window domain decides, once per distinct zone set (contacts share a handful). */
  private opens(zones: readonly string[]): boolean {
    if (!this.schedule) return false;
    const key = zones.join(',');
    let opens = this.windowOpens.get(key);
    if (opens === undefined) {
      opens = localWindowFrom({ zones }, this.schedule, this.fromMs).kind === 'Opens';
      this.windowOpens.set(key, opens);
    }
    return opens;
  }
}
