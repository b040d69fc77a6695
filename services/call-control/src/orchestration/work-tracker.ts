/**
 * Counts work in flight across every call process, so a caller can wait until everything that
 * was started has settled (tests on virtual time; a draining shutdown).
 */
export class WorkTracker {
  private inFlight = 0;
  private waiters: (() => void)[] = [];

  get busy(): number {
    return this.inFlight;
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight += 1;
    const done = () => {
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const wake of this.waiters.splice(0)) wake();
    };
    work.then(done, done);
    return work;
  }

  whenIdle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}

/** Runs tasks one after another: a call's events are handled in the order they arrived. */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly tracker: WorkTracker,
    private readonly onError: (error: unknown) => void,
  ) {}

  push(task: () => Promise<void>): Promise<void> {
    const run = this.tail.then(task).catch(this.onError);
    this.tail = run;
    return this.tracker.track(run);
  }
}
