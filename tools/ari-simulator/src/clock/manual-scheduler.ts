import type { Scheduler, Timer } from './scheduler';

interface Entry {
  due: number;
  seq: number;
  run: () => void;
  cancelled: boolean;
}

/**
 * Virtual time that moves only when told to: timers fire in (due time, creation) order as the
 * owner calls `runNext` / `advanceTo`. Replays use it so that results do not depend on how
 * busy the machine is.
 */
export class ManualScheduler implements Scheduler {
  private current: number;
  private seq = 0;
  private queue: Entry[] = [];

  constructor(epochMs = Date.now()) {
    this.current = epochMs;
  }

  now(): number {
    return this.current;
  }

  after(simulatedMs: number, run: () => void): Timer {
    const entry: Entry = { due: this.current + Math.max(0, simulatedMs), seq: this.seq++, run, cancelled: false };
    this.queue.push(entry);
    return { cancel: () => void (entry.cancelled = true) };
  }

  cancelAll(): void {
    this.queue = [];
  }

  /** When the earliest live timer is due, or undefined when none is pending. */
  nextDue(): number | undefined {
    this.queue = this.queue.filter((e) => !e.cancelled);
    return this.earliest()?.due;
  }

  /** Runs the earliest timer if it is due at or before `until`; returns whether one ran. */
  runNext(until: number): boolean {
    const entry = this.earliest();
    if (!entry || entry.due > until) return false;
    this.queue.splice(this.queue.indexOf(entry), 1);
    this.current = Math.max(this.current, entry.due);
    entry.run();
    return true;
  }

  /** Moves the clock forward (never back) without running anything. */
  setNow(epochMs: number): void {
    this.current = Math.max(this.current, epochMs);
  }

  private earliest(): Entry | undefined {
    let best: Entry | undefined;
    for (const e of this.queue) if (!e.cancelled && (!best || e.due < best.due || (e.due === best.due && e.seq < best.seq))) best = e;
    return best;
  }
}
