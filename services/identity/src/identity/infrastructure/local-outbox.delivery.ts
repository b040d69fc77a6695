import type { Clock } from '@zvonar/platform';
import type { Pool } from 'pg';
import type { EmailMessage, LocalOutbox, Mailer, OutboxEntry, SmsMessage, SmsSender } from '../application/delivery.port';

/**
 * The local Mailer and SmsSender: instead of sending, they write to `local_outbox`, where a
 * developer reads codes and links (ListLocalOutbox in the embedded mode) and specs read them too.
 */
export class LocalOutboxDelivery implements Mailer, SmsSender, LocalOutbox {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
  ) {}

  async send(message: EmailMessage | SmsMessage): Promise<void> {
    const subject = 'subject' in message ? message.subject : '';
    await this.pool.query('INSERT INTO local_outbox (channel, recipient, subject, body, created_at) VALUES ($1, $2, $3, $4, $5)', [
      'subject' in message ? 'email' : 'sms',
      message.to,
      subject,
      message.body,
      this.clock.now(),
    ]);
  }

  async list(recipient: string, limit: number): Promise<OutboxEntry[]> {
    const { rows } = await this.pool.query<{ position: string; channel: 'email' | 'sms'; recipient: string; subject: string; body: string; created_at: Date }>(
      `SELECT * FROM local_outbox WHERE ($1 = '' OR recipient = $1) ORDER BY position DESC LIMIT $2`,
      [recipient, limit],
    );
    return rows.map((row) => ({ position: Number(row.position), channel: row.channel, recipient: row.recipient, subject: row.subject, body: row.body, createdAt: row.created_at }));
  }
}
