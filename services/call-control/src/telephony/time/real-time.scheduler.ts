import type { ScheduledTask, Scheduler } from './scheduler.port';

/**
 * Real timers with a time scale: `timeScale` 10 runs ten simulated seconds per real second, so an
 * embedded demo dials a campaign in minutes. `now()` is simulated time, starting at `epoch`.
 */
export class RealTimeScheduler implements Scheduler {
  private readonly startedAt = performance.now();
  private readonly pending = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly timeScale = 1,
    private readonly epoch: number = Date.now(),
  ) {
    if (!(timeScale > 0)) throw new Error(`timeScale must be above 0, got ${timeScale}`);
  }

  now(): Date {
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
