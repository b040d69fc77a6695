import { assertValidMessage, withActiveTraceContext, type IntegrationMessage } from '@zvonar/messaging';
import type { ClientBase } from 'pg';

/**
 * `writeToOutbox` (libs/outbox) for a batch, in one statement: a claim sends up to a hundred
 * PlaceCalls and must stay one round trip from its raw query. Same table, same checks, same
 * trace headers; the lead may move it into libs/outbox as `writeAllToOutbox`.
 */
export async function writeAllToOutbox(client: ClientBase, messages: readonly IntegrationMessage[]): Promise<void> {
  if (messages.length === 0) return;
  messages.forEach(assertValidMessage);
  const headersOf = (message: IntegrationMessage) =>
    JSON.stringify(Object.fromEntries(Object.entries(withActiveTraceContext(message.headers)).filter((entry): entry is [string, string] => entry[1] !== undefined)));
  await client.query(
    `INSERT INTO outbox (message_id, topic, message_key, type, payload, headers, occurred_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bytea[], $6::jsonb[], $7::timestamptz[])`,
    [
      messages.map((message) => message.messageId),
      messages.map((message) => message.topic),
      messages.map((message) => message.key),
      messages.map((message) => message.type),
      messages.map((message) => Buffer.from(message.payload)),
      messages.map(headersOf),
      messages.map((message) => message.occurredAt),
    ],
  );
}
