import { Injectable } from '@nestjs/common';
import { ServiceDrainingError } from './service-draining.error';

/**
 * Counts work in progress (requests, RPCs, messages being handled) so shutdown can wait for it.
 * After stopAccepting(), begin() refuses new work with ServiceDrainingError, which the error
 * filters turn into 503 / UNAVAILABLE: a retrying client then lands on another instance.
 */
@Injectable()
export class InFlightWork {
  private active = 0;
  private accepting = true;
  private readonly idleWaiters = new Set<() => void>();
  private readonly stopping = new AbortController();

  /**
   * Aborted when the service stops accepting work. Loops that pull work themselves (consumers,
   * the dialer) listen to it to stop fetching, and finish what they already hold.
   */
  get stopSignal(): AbortSignal {
    return this.stopping.signal;
  }

  get count(): number {
    return this.active;
  }

  get isAccepting(): boolean {
    return this.accepting;
  }

  /** Starts one unit of work; call the returned function exactly once when it ends. */
  begin(): () => void {
    if (!this.accepting) throw new ServiceDrainingError();
    this.active += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.active -= 1;
      if (this.active === 0) for (const wake of this.idleWaiters) wake();
    };
  }

  /** Runs `work` as one unit. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const end = this.begin();
    try {
      return await work();
    } finally {
      end();
    }
  }

  stopAccepting(): void {
    this.accepting = false;
    this.stopping.abort();
  }

  /** True once nothing is in flight; false if `timeoutMs` passes first (shutdown goes on anyway). */
  drained(timeoutMs: number): Promise<boolean> {
    if (this.active === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (result: boolean) => {
        clearTimeout(timer);
        this.idleWaiters.delete(wake);
        resolve(result);
      };
      const wake = () => finish(true);
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.idleWaiters.add(wake);
    });
  }
}
