/**
 * A doorbell for pollers: `ring()` wakes every current waiter at once, and `wait()` also returns
 * after `timeoutMs`, so a lost notification only costs one polling interval. A poller reads
 * `generation` before it looks for work and passes it to `wait()`: a ring that came while it was
 * busy then returns at once instead of being lost.
 */
export class Wakeup {
  private waiters = new Set<() => void>();
  private rings = 0;

  get generation(): number {
    return this.rings;
  }

  ring(): void {
    this.rings += 1;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  wait(timeoutMs: number, seenGeneration?: number): Promise<void> {
    if (seenGeneration !== undefined && seenGeneration !== this.rings) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      // A poll timer alone must not keep a finished process alive.
      timer.unref();
      this.waiters.add(wake);
    });
  }
}
