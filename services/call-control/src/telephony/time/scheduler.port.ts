/** A pending task; cancelling one that already ran does nothing. */
export interface ScheduledTask {
  cancel(): void;
}

/**
 * Time for call-control's processes: the current time and delayed tasks. Structurally a Clock
 * (`now(): Date`), so one object gives both and they never disagree. Implementations: real time
 * with a scale (demos faster than life) and a virtual one for tests.
 */
export interface Scheduler {
  now(): Date;
  after(delayMs: number, task: () => void): ScheduledTask;
}
