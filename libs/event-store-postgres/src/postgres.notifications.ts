import { Client, type ClientConfig } from 'pg';
import { Wakeup } from '@zvonar/eventsourcing';

/**
 * Wake-ups for subscriptions across processes. One LISTEN connection per store rings the
 * doorbell when any process appends; if it drops, it reconnects every half second, and the
 * subscriptions' polling interval covers the gap.
 *
 * Appends through the pool do not NOTIFY inside their own transaction: PostgreSQL holds a global
 * lock from a notifying commit's start to its end, which serialised the appends' commits and
 * cost two thirds of the throughput (measured). Instead `announce()` rings local subscribers at
 * once and sends a NOTIFY on its own connection after the append committed, at most one per
 * `minIntervalMs`: a NOTIFY per append would double the statements the server runs.
 */
export class AppendNotifications {
  readonly wakeup = new Wakeup();
  private listener: Client | undefined;
  private announcer: Client | undefined;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private again = false;
  private lastSent = 0;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly minIntervalMs = 5,
  ) {}

  private listening: Promise<void> | undefined;

  /** Resolves once LISTEN is in place (or failed and a reconnect is scheduled). */
  listen(): Promise<void> {
    this.listening ??= this.connectListener();
    return this.listening;
  }

  /** The first name of listen(); the embedded bus (libs/messaging-postgres) calls it. */
  start(): Promise<void> {
    return this.listen();
  }

  private async connectListener(): Promise<void> {
    if (this.closed) return;
    const client = new Client(this.config);
    this.listener = client;
    client.on('notification', () => this.wakeup.ring());
    client.on('error', () => this.reconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch {
      this.reconnect(client);
    }
  }

  announce(): void {
    this.wakeup.ring();
    if (this.closed) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = this.sendSpaced().finally(() => {
      this.inFlight = undefined;
      if (this.again) {
        this.again = false;
        this.announce();
      }
    });
  }

  private async sendSpaced(): Promise<void> {
    const wait = this.lastSent + this.minIntervalMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    this.lastSent = Date.now();
    await this.send();
  }

  private async send(): Promise<void> {
    try {
      if (!this.announcer) {
        const client = new Client(this.config);
        client.on('error', () => {
          if (this.announcer === client) this.announcer = undefined;
        });
        await client.connect();
        this.announcer = client;
      }
      await this.announcer.query(`SELECT pg_notify($1, '')`, [this.channel]);
    } catch {
      // A lost wake-up costs other processes one polling interval, never an event.
      const broken = this.announcer;
      this.announcer = undefined;
      await broken?.end().catch(() => undefined);
    }
  }

  private reconnect(broken: Client): void {
    if (this.listener !== broken || this.closed) return;
    this.listener = undefined;
    this.listening = undefined;
    broken.end().catch(() => undefined);
    // Events appended while we were away are found by the next read; ring so nobody waits a poll out.
    this.wakeup.ring();
    this.reconnectTimer = setTimeout(() => void this.listen(), 500);
    this.reconnectTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    await this.inFlight;
    const clients = [this.listener, this.announcer];
    this.listener = undefined;
    this.announcer = undefined;
    await Promise.all(clients.map((client) => client?.end().catch(() => undefined)));
  }
}
