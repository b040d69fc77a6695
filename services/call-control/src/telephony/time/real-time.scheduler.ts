import type { ScheduledTask, Scheduler } from './scheduler.port';

/**
 * What `now()` tells under a time scale. `scaled`: simulated time from `epoch`, so durations look
 * real (a 60 s call lasts 60 s on record) but the clock runs ahead of the wall by (scale - 1) x
 * uptime. `wall`: the wall clock, so call times stay true for calling windows, reports and the
 * other services, and the compressed calls are recorded as short as they really were.
 */
export type SchedulerClock = 'scaled' | 'wall';

/**
 * Real timers with a time scale: `timeScale` 10 runs ten simulated seconds per real second, so an
 * embedded demo dials a campaign in minutes.
 */
export class RealTimeScheduler implements Scheduler {
  private readonly startedAt = performance.now();
  private readonly pending = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly timeScale = 1,
    private readonly epoch: number = Date.now(),
    private readonly clock: SchedulerClock = 'scaled',
  ) {
    if (!(timeScale > 0)) throw new Error(`timeScale must be above 0, got ${timeScale}`);
  }

  now(): Date {
    if (this.clock === 'wall') return new Date();
    return new Date(this.epoch + (performance.now() - this.startedAt) * this.timeScale);
  }

  after(delayMs: number, task: () => void): ScheduledTask {
    const handle = setTimeout(() => {
      this.pending.delete(handle);
      task();
    }, Math.max(0, delayMs) / this.timeScale);
    this.pending.add(handle);
    return {
      cancel: () => {
        clearTimeout(handle);
        this.pending.delete(handle);
      },
    };
  }

  /** Drops every pending timer: the simulated network of a stopping process goes silent with it. */
  cancelAll(): void {
    for (const handle of this.pending) clearTimeout(handle);
    this.pending.clear();
  }

  /** Timers not yet run (a process shutting down should see 0). */
  get pendingCount(): number {
    return this.pending.size;
  }
}
