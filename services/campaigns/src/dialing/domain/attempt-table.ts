import { DueHeap } from './due-heap';

/** Where a contact stands. Stored as one byte per contact. */
export const ContactStatus = {
  /** Due at `dueAt` for its next attempt. */
  Waiting: 0,
  /** An attempt was dispatched; `dueAt` is when its lease expires. */
  Leased: 1,
  /** A lease expired with no outcome: the same attempt id must be sent again (call-control dedupes). */
  Unconfirmed: 2,
  /** Reached, exhausted, blocked or skipped: never dialled again. */
  Finished: 3,
} as const;
export type ContactStatus = (typeof ContactStatus)[keyof typeof ContactStatus];

const CAROUSEL_USED = 1;
const CAROUSEL_NEXT = 2;
const REACHED = 4;

export type ContactRow = { readonly contactId: string; readonly phone: string; readonly zoneProfile: number; readonly dueAt: number };

/**
 * The in-memory attempt table of one campaign: about 25 bytes of typed arrays per contact plus
 * its id and phone strings. A contact's index is its row position, assigned when the table is
 * loaded in a stable order, and is part of every attempt id.
 */
export class AttemptTable {
  readonly dueAt: Float64Array;
  readonly status: Uint8Array;
  /** Attempt number of the current or last attempt; never reset, so attempt ids are never reused. */
  readonly attempts: Uint16Array;
  /** `attempts` when the current round began (0, or the count at the last campaign restart). */
  readonly roundBase: Uint16Array;
  readonly flags: Uint8Array;
  /** Calls of the current round lost to our infrastructure and retried without using an attempt. */
  readonly interruptedRetries: Uint8Array;
  readonly zoneProfile: Uint16Array;
  readonly heap: DueHeap;
  readonly contactIds: string[];
  readonly phones: string[];
  inFlight = 0;
  finished = 0;

  constructor(readonly capacity: number) {
    this.dueAt = new Float64Array(capacity);
    this.status = new Uint8Array(capacity);
    this.attempts = new Uint16Array(capacity);
    this.roundBase = new Uint16Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.interruptedRetries = new Uint8Array(capacity);
    this.zoneProfile = new Uint16Array(capacity);
    this.heap = new DueHeap(capacity, this.dueAt);
    this.contactIds = [];
    this.phones = [];
  }

  get size(): number {
    return this.contactIds.length;
  }

  add(row: ContactRow): number {
    const index = this.contactIds.length;
    if (index >= this.capacity) throw new RangeError(`attempt table is full (${this.capacity})`);
    this.contactIds.push(row.contactId);
    this.phones.push(row.phone);
    this.zoneProfile[index] = row.zoneProfile;
    this.heap.upsert(index, row.dueAt);
    return index;
  }

  statusOf(index: number): ContactStatus {
    return this.status[index] as ContactStatus;
  }

  schedule(index: number, status: ContactStatus, dueAt: number): void {
    this.status[index] = status;
    this.heap.upsert(index, dueAt);
  }

  finish(index: number): void {
    if (this.status[index] === ContactStatus.Leased) this.inFlight -= 1;
    if (this.status[index] !== ContactStatus.Finished) this.finished += 1;
    this.status[index] = ContactStatus.Finished;
    this.heap.remove(index);
  }

  markReached(index: number): void {
    this.flags[index] = this.flags[index]! | REACHED;
  }

  reached(index: number): boolean {
    return (this.flags[index]! & REACHED) !== 0;
  }

  /** Attempts made in the current round. */
  attemptsInRound(index: number): number {
    return this.attempts[index]! - this.roundBase[index]!;
  }

  /**
   * A finished contact that was not reached starts a fresh round of attempts (a campaign restart).
   * Attempt numbers keep counting, so the new round's ids differ from every earlier one.
   */
  reopen(index: number, dueAt: number): void {
    this.roundBase[index] = this.attempts[index]!;
    this.flags[index] = 0;
    this.interruptedRetries[index] = 0;
    this.finished -= 1;
    this.schedule(index, ContactStatus.Waiting, dueAt);
  }

  carouselUsed(index: number): boolean {
    return (this.flags[index]! & CAROUSEL_USED) !== 0;
  }

  /** Whether the attempt about to be dispatched (or re-sent) is the carousel one. */
  carouselNext(index: number): boolean {
    return (this.flags[index]! & CAROUSEL_NEXT) !== 0;
  }

  markCarouselNext(index: number): void {
    this.flags[index] = this.flags[index]! | CAROUSEL_NEXT | CAROUSEL_USED;
  }

  clearCarouselNext(index: number): void {
    this.flags[index] = this.flags[index]! & ~CAROUSEL_NEXT;
  }

  /** Typed-array bytes held for the contacts (strings excluded). */
  get typedBytes(): number {
    return this.dueAt.byteLength + this.status.byteLength + this.attempts.byteLength + this.roundBase.byteLength + this.flags.byteLength + this.interruptedRetries.byteLength + this.zoneProfile.byteLength + this.heap.bytes;
  }
}

/** The idempotency key of one attempt: the same contact and attempt number always give the same id. */
export const attemptIdOf = (campaignId: string, contactIndex: number, attempt: number): string => `${campaignId}:${contactIndex}:${attempt}`;

export const parseAttemptId = (attemptId: string): { campaignId: string; contactIndex: number; attempt: number } | null => {
  const match = /^(.+):(\d+):(\d+)$/.exec(attemptId);
  return match ? { campaignId: match[1]!, contactIndex: Number(match[2]), attempt: Number(match[3]) } : null;
};
