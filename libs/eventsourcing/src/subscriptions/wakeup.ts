/**
 * A doorbell for pollers: `ring()` wakes every current waiter at once, and `wait()` also returns
 * after `timeoutMs`, so a lost notification only costs one polling interval.
 */
export class Wakeup {
  private waiters = new Set<() => void>();

  ring(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  wait(timeoutMs: number): Promise<void> {
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
