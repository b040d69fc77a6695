/** A cancellable timer handle. */
export interface Timer {
  cancel(): void;
}

/**
 * Simulated time. `timeScale` 1 runs in real time; 0.05 runs twenty times faster, so 30 s of
 * simulated audio take 1.5 s. Every delay the simulator uses is in simulated milliseconds.
 */
export interface Scheduler {
  /** Simulated wall-clock time in epoch milliseconds (used for timestamps and channel ids). */
  now(): number;
  after(simulatedMs: number, run: () => void): Timer;
  /** Cancels every pending timer (server shutdown). */
  cancelAll(): void;
}

export function realTimeScheduler(timeScale = 1, epochMs = Date.now()): Scheduler {
  if (!(timeScale > 0)) throw new Error(`timeScale must be > 0, got ${timeScale}`);
  const started = performance.now();
  const pending = new Set<NodeJS.Timeout>();
  return {
    now: () => epochMs + (performance.now() - started) / timeScale,
    after(simulatedMs, run) {
      const handle = setTimeout(() => {
        pending.delete(handle);
        run();
      }, Math.max(0, simulatedMs) * timeScale);
      pending.add(handle);
      return {
        cancel: () => {
          clearTimeout(handle);
          pending.delete(handle);
        },
      };
    },
    cancelAll() {
      for (const handle of pending) clearTimeout(handle);
      pending.clear();
    },
  };
}
