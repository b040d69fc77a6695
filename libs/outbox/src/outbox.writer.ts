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
  assertValidMessage(message);
  const headers = Object.fromEntries(Object.entries(withActiveTraceContext(message.headers)).filter((entry): entry is [string, string] => entry[1] !== undefined));
  await client.query(
    `INSERT INTO outbox (message_id, topic, message_key, type, payload, headers, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [message.messageId, message.topic, message.key, message.type, Buffer.from(message.payload), JSON.stringify(headers), message.occurredAt],
  );
}
