export type EmailMessage = { readonly to: string; readonly subject: string; readonly body: string };
export type SmsMessage = { readonly to: string; readonly body: string };

/** Mailer port: SMTP in production (not built yet), the local outbox table in development. */
export interface Mailer {
  send(message: EmailMessage): Promise<void>;
}

/** SmsSender port: an SMS provider in production (not built yet), the local outbox in development. */
export interface SmsSender {
  send(message: SmsMessage): Promise<void>;
}

export type OutboxEntry = {
  readonly position: number;
  readonly channel: 'email' | 'sms';
  readonly recipient: string;
  readonly subject: string;
  readonly body: string;
  readonly createdAt: Date;
};

/** What the local adapters wrote, for a developer (embedded mode) and for tests. */
export interface LocalOutbox {
  list(recipient: string, limit: number): Promise<OutboxEntry[]>;
}
