import type { IntegrationMessage } from '@zvonar/messaging';
import type { ClosablePublisher } from '../call-control.di-tokens';

/**
 * A publisher that opens its bus on first use and again after a failed open, so a broker that is
 * down (or still starting) delays the integration events, which wait in the event store, instead
 * of failing the service's boot. The forwarder's subscription retries a failed publish.
 */
export class ReconnectingPublisher implements ClosablePublisher {
  private bus: Promise<ClosablePublisher> | undefined;
  private closed = false;

  constructor(private readonly connect: () => Promise<ClosablePublisher>) {}

  async publish(messages: readonly IntegrationMessage[]): Promise<void> {
    if (this.closed) throw new Error('the publisher is closed');
    this.bus ??= this.connect().catch((error: unknown) => {
      this.bus = undefined;
      throw error;
    });
    await (await this.bus).publish(messages);
  }

  async close(): Promise<void> {
    this.closed = true;
    const bus = await this.bus?.catch(() => undefined);
    await bus?.close();
  }
}
