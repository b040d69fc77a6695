import { keepJoining, type IntegrationConsumer, type KeepJoiningOptions } from '@zvonar/messaging';
import type { IntegrationBus } from './integration-bus.factory';

export interface BackgroundSubscriptionOptions {
  /** Opens the bus to subscribe on (each try opens a fresh one; a failed try closes it). */
  readonly connect: () => Promise<IntegrationBus>;
  /** Joins the group on `bus`; resolves once this member consumes. */
  readonly subscribe: (bus: IntegrationBus) => Promise<IntegrationConsumer>;
  /** Told of every failed try and how long until the next. */
  readonly onRetry: KeepJoiningOptions['onRetry'];
  readonly maxBackoffMs?: number;
}

/**
 * A subscription a service keeps in the background for its whole life: `start` tries to join until
 * it succeeds (a bus, a topic or a producer's log that is not there yet delays it, never drops it),
 * `stop` ends the trying, leaves the group and closes the bus. A service's readiness and features
 * read `joined`.
 */
export class BackgroundSubscription {
  private bus: IntegrationBus | undefined;
  private consumer: IntegrationConsumer | undefined;
  private joining: Promise<void> | undefined;
  private readonly stopping = new AbortController();

  constructor(private readonly options: BackgroundSubscriptionOptions) {}

  get joined(): boolean {
    return this.consumer !== undefined;
  }

  /** Starts joining; resolves when joined or stopped (callers need not wait for it). */
  start(): Promise<void> {
    this.joining ??= keepJoining(() => this.join(), {
      signal: this.stopping.signal,
      onRetry: this.options.onRetry,
      ...(this.options.maxBackoffMs === undefined ? {} : { maxBackoffMs: this.options.maxBackoffMs }),
    });
    return this.joining;
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.joining;
    await this.consumer?.stop();
    await this.bus?.close();
  }

  private async join(): Promise<void> {
    const bus = await this.options.connect();
    try {
      this.consumer = await this.options.subscribe(bus);
    } catch (error) {
      await bus.close().catch(() => undefined);
      throw error;
    }
    this.bus = bus;
  }
}
