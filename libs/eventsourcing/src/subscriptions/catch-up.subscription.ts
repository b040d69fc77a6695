import type { Checkpoint } from '../event';
import type { Subscription, SubscriptionOptions } from '../event-store.port';
import type { CatchUpSource } from './catch-up.source';

export type CatchUpTuning = {
  /** Longest wait between reads when no append wakes the loop (the polling fallback). */
  pollIntervalMs?: number;
  /** First pause after a failing handler; doubles up to 5 s. */
  retryDelayMs?: number;
};

type IdleWaiter = { target: Checkpoint; resolve: () => void; reject: (error: unknown) => void };

/**
 * The durable catch-up loop shared by every adapter: read after the stored checkpoint, hand the
 * batch to the handler, then store the checkpoint (at-least-once: a crash between the two replays
 * the batch), and wait for the next append when caught up.
 */
export class CatchUpSubscription implements Subscription {
  private running: Promise<void> | undefined;
  private stopping = false;
  private position: Checkpoint | undefined;
  private lastError: unknown;
  private idleWaiters: IdleWaiter[] = [];
  private wakeOnStop: () => void = () => undefined;
  private readonly pollIntervalMs: number;
  private readonly retryDelayMs: number;

  constructor(
    private readonly source: CatchUpSource,
    private readonly options: SubscriptionOptions,
    tuning: CatchUpTuning = {},
  ) {
    this.pollIntervalMs = tuning.pollIntervalMs ?? 500;
    this.retryDelayMs = tuning.retryDelayMs ?? 50;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.stopping = false;
    this.position = await this.source.loadCheckpoint(this.options.subscriberId);
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeOnStop();
    const running = this.running;
    this.running = undefined;
    await running;
  }

  async waitForIdle({ timeoutMs = 10_000 }: { timeoutMs?: number } = {}): Promise<void> {
    const target = await this.source.headCheckpoint();
    if (target === undefined || this.reached(target)) return;
    if (!this.running) throw new Error(`Subscription ${this.options.subscriberId} is not running`);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((waiter) => waiter.resolve !== done);
        const cause = this.lastError instanceof Error ? `: ${this.lastError.message}` : '';
        reject(new Error(`Subscription ${this.options.subscriberId} not idle after ${timeoutMs} ms${cause}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.idleWaiters.push({ target, resolve: done, reject });
    });
  }

  private reached(target: Checkpoint): boolean {
    return this.position !== undefined && this.source.compareCheckpoints(this.position, target) >= 0;
  }

  private settleIdleWaiters(): void {
    const [done, pending] = partition(this.idleWaiters, (waiter) => this.reached(waiter.target));
    this.idleWaiters = pending;
    for (const waiter of done) waiter.resolve();
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      const seen = this.source.appends.generation;
      try {
        const caughtUp = await this.step();
        failures = 0;
        this.lastError = undefined;
        if (caughtUp) await this.pause(this.pollIntervalMs, seen);
      } catch (error) {
        // The checkpoint did not move, so the same batch is retried: at-least-once, never skipped.
        this.lastError = error;
        failures += 1;
        await this.pause(Math.min(5_000, this.retryDelayMs * 2 ** (failures - 1)), undefined);
      }
    }
  }

  /** Waits for an append or the timeout, but never delays stop(). */
  private pause(timeoutMs: number, seenGeneration: number | undefined): Promise<void> {
    // stop() may have come while a batch was in flight: its wake-up went to no one.
    if (this.stopping) return Promise.resolve();
    const stopped = new Promise<void>((resolve) => {
      this.wakeOnStop = resolve;
    });
    return Promise.race([this.source.appends.wait(timeoutMs, seenGeneration), stopped]);
  }

  /** One read-handle-checkpoint round; true when there was nothing left to read. */
  private async step(): Promise<boolean> {
    const batchSize = this.options.batchSize ?? 500;
    const page = await this.source.readAll({ after: this.position, maxCount: batchSize, categories: this.options.categories });
    if (page.events.length > 0) await this.options.handler(page.events);
    const moved = page.checkpoint !== undefined && (this.position === undefined || this.source.compareCheckpoints(page.checkpoint, this.position) > 0);
    if (moved && page.checkpoint !== undefined) {
      await this.source.saveCheckpoint(this.options.subscriberId, page.checkpoint);
      this.position = page.checkpoint;
    }
    this.settleIdleWaiters();
    return page.events.length < batchSize;
  }
}

const partition = <T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] => {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
};
