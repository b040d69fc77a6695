import { Client, type ClientConfig } from 'pg';
import { Wakeup } from '@zvonar/eventsourcing';

/**
 * One LISTEN connection per store that rings the subscriptions' doorbell when any process
 * appends. If it drops, it reconnects every half second; meanwhile the subscriptions' polling
 * interval still finds new events.
 */
export class AppendNotifications {
  readonly wakeup = new Wakeup();
  private client: Client | undefined;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
  ) {}

  async start(): Promise<void> {
    if (this.client || this.closed) return;
    const client = new Client(this.config);
    this.client = client;
    client.on('notification', () => this.wakeup.ring());
    client.on('error', () => this.reconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch {
      this.reconnect(client);
    }
  }

  private reconnect(broken: Client): void {
    if (this.client !== broken || this.closed) return;
    this.client = undefined;
    broken.end().catch(() => undefined);
    // Events appended while we were away are found by the next poll; ring now so nobody waits it out.
    this.wakeup.ring();
    this.reconnectTimer = setTimeout(() => void this.start(), 500);
    this.reconnectTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
