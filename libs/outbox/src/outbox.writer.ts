import { assertValidMessage, withActiveTraceContext, type IntegrationMessage } from '@zvonar/messaging';
import type { ClientBase } from 'pg';

/**
 * Writes one integration message to the outbox inside the caller's open transaction (a client
 * after BEGIN), so the message exists if and only if the change it announces commits. `outbox`
 * resolves through the search_path, which the platform's pool starts with the service's schema.
 * The message id must be derived from the change (aggregate id and version), so a retried
 * command cannot write it twice: the UNIQUE constraint refuses the second row.
 *
 * The active trace context goes into the headers (unless the message brings its own), so the
 * consumer's span continues the trace of the work that wrote the message.
 *
 * After the transaction commits, call `relay.announce()` so the relay looks at once.
 */
export async function writeToOutbox(client: ClientBase, message: IntegrationMessage): Promise<void> {
  await writeAllToOutbox(client, [message]);
}

/**
 * `writeToOutbox` for a batch, in one multi-row INSERT (one round trip however many messages: the
 * dialer writes up to a hundred PlaceCalls per claim). Every message is checked before anything
 * is written, and each gets the trace context active when it is called; one refused row (a
 * duplicate id) fails the statement and so the whole batch. An empty batch writes nothing.
 */
export async function writeAllToOutbox(client: ClientBase, messages: readonly IntegrationMessage[]): Promise<void> {
  if (messages.length === 0) return;
  messages.forEach(assertValidMessage);
  await client.query(
    `INSERT INTO outbox (message_id, topic, message_key, type, payload, headers, occurred_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bytea[], $6::jsonb[], $7::timestamptz[])`,
    [
      messages.map((message) => message.messageId),
      messages.map((message) => message.topic),
      messages.map((message) => message.key),
      messages.map((message) => message.type),
      messages.map((message) => Buffer.from(message.payload)),
      messages.map((message) => JSON.stringify(tracedHeaders(message))),
      messages.map((message) => message.occurredAt),
    ],
  );
}

/** The message's headers with the active trace context added, without the unset ones. */
const tracedHeaders = (message: IntegrationMessage): Record<string, string> =>
  Object.fromEntries(Object.entries(withActiveTraceContext(message.headers)).filter((entry): entry is [string, string] => entry[1] !== undefined));
