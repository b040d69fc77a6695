import type { ScheduledTask, Scheduler } from './scheduler.port';

type Entry = { readonly dueAt: number; readonly order: number; readonly task: () => void; cancelled: boolean };

/**
 * Time that moves only when told: tasks run in due order (ties in scheduling order), and the
 * clock jumps to each task's due time as it runs. Deterministic: the same schedule runs the same
 * way every time, with no wall clock involved.
 */
export class VirtualScheduler implements Scheduler {
  private current: number;
  private order = 0;
  private queue: Entry[] = [];

  constructor(start: Date | string = '2026-03-02T10:00:00.000Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  after(delayMs: number, task: () => void): ScheduledTask {
    const entry: Entry = { dueAt: this.current + Math.max(0, delayMs), order: (this.order += 1), task, cancelled: false };
    this.insert(entry);
    return {
      cancel: () => {
        entry.cancelled = true;
      },
    };
  }

  /** Tasks scheduled and not cancelled yet. */
  get pending(): number {
    return this.queue.filter((entry) => !entry.cancelled).length;
  }

  /** When the next task is due (epoch ms), or null when nothing is scheduled. */
  get nextDueAt(): number | null {
    return this.queue.find((entry) => !entry.cancelled)?.dueAt ?? null;
  }

  /** Runs the next due task (moving the clock to it); false when nothing is scheduled. */
  runNext(): boolean {
    this.queue = this.queue.filter((entry) => !entry.cancelled);
    const next = this.queue.shift();
    if (!next) return false;
    this.current = Math.max(this.current, next.dueAt);
    next.task();
    return true;
  }

  private insert(entry: Entry): void {
    let index = this.queue.length;
    while (index > 0) {
      const previous = this.queue[index - 1];
      if (previous === undefined || previous.dueAt <= entry.dueAt) break;
      index -= 1;
    }
    this.queue.splice(index, 0, entry);
  }
}
