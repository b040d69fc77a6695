import { Wakeup } from '@zvonar/eventsourcing';
import { Client, type ClientConfig } from 'pg';

/**
 * The LISTEN side of the bus: one connection per bus instance that rings a doorbell on every
 * publish, join and release. Losing it only slows consumers down to the polling interval, so a
 * broken connection is replaced in the background rather than failing anyone.
 */
export class BusWakeups {
  readonly doorbell = new Wakeup();
  private listener: Client | undefined;
  private closing = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
  ) {}

  async listen(): Promise<void> {
    if (this.closing || this.listener) return;
    const listener = new Client(this.config);
    this.listener = listener;
    listener.on('notification', () => this.doorbell.ring());
    listener.on('error', () => this.replace(listener));
    await listener
      .connect()
      .then(() => listener.query(`LISTEN ${this.channel}`))
      .catch(() => this.replace(listener));
  }

  private replace(broken: Client): void {
    if (this.listener !== broken || this.closing) return;
    this.listener = undefined;
    void broken.end().catch(() => undefined);
    this.doorbell.ring();
    this.retry = setTimeout(() => void this.listen(), 1_000);
    this.retry.unref();
  }

  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.retry);
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }
}
