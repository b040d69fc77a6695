import { assertValidMessage, partitionForKey, type IntegrationMessage } from '@zvonar/messaging';
import type { ClientBase } from 'pg';

export type LogRow = {
  topic: string;
  partition: number;
  offset: string;
  message_id: string;
  key: string;
  type: string;
  payload: Buffer;
  occurred_at: Date;
  headers: Record<string, string>;
};

export const messageOf = (row: LogRow): IntegrationMessage => ({
  messageId: row.message_id,
  topic: row.topic,
  key: row.key,
  type: row.type,
  payload: new Uint8Array(row.payload.buffer, row.payload.byteOffset, row.payload.byteLength),
  occurredAt: row.occurred_at,
  headers: row.headers,
});

/**
 * Appends `messages` to the log inside the caller's open transaction. Offsets come from
 * bus_heads, whose row stays locked until that transaction ends: a partition's writers take
 * turns, so a reader that saw offset n committed will never later find an n-1 appearing. Heads
 * are locked in a fixed order, so two writers of the same partitions cannot deadlock.
 */
export async function appendToLog(
  client: ClientBase,
  schema: string,
  messages: readonly IntegrationMessage[],
  partitions: number,
  /** Only for transactions the bus does not commit itself (outbox); see CoalescedNotify for why not always. */
  notifyChannel?: string,
): Promise<void> {
  messages.forEach(assertValidMessage);
  const byPartition = new Map<string, { topic: string; partition: number; messages: IntegrationMessage[] }>();
  for (const message of messages) {
    const partition = partitionForKey(message.key, partitions);
    const slot = `${message.topic}\u0000${String(partition).padStart(6, '0')}`;
    const entry = byPartition.get(slot) ?? { topic: message.topic, partition, messages: [] };
    entry.messages.push(message);
    byPartition.set(slot, entry);
  }
  const columns = { topic: [] as string[], partition: [] as number[], offset: [] as string[], id: [] as string[], key: [] as string[], type: [] as string[], payload: [] as Buffer[], at: [] as Date[], headers: [] as string[] };
  for (const slot of [...byPartition.keys()].sort()) {
    const entry = byPartition.get(slot)!;
    const { rows } = await client.query<{ next_offset: string }>(
      `INSERT INTO ${schema}.bus_heads (topic, partition, next_offset) VALUES ($1, $2, $3)
       ON CONFLICT (topic, partition) DO UPDATE SET next_offset = bus_heads.next_offset + EXCLUDED.next_offset
       RETURNING next_offset`,
      [entry.topic, entry.partition, entry.messages.length],
    );
    const first = BigInt(rows[0]!.next_offset) - BigInt(entry.messages.length);
    entry.messages.forEach((message, index) => {
      columns.topic.push(entry.topic);
      columns.partition.push(entry.partition);
      columns.offset.push((first + BigInt(index)).toString());
      columns.id.push(message.messageId);
      columns.key.push(message.key);
      columns.type.push(message.type);
      columns.payload.push(Buffer.from(message.payload.buffer, message.payload.byteOffset, message.payload.byteLength));
      columns.at.push(message.occurredAt);
      columns.headers.push(JSON.stringify(message.headers));
    });
  }
  await client.query(
    `INSERT INTO ${schema}.bus_log (topic, partition, "offset", message_id, key, type, payload, occurred_at, headers)
     SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::bytea[], $8::timestamptz[], $9::jsonb[])`,
    [columns.topic, columns.partition, columns.offset, columns.id, columns.key, columns.type, columns.payload, columns.at, columns.headers],
  );
  // Delivered on commit only, so consumers never wake up to rows they cannot see yet.
  if (notifyChannel) await client.query('SELECT pg_notify($1, $2)', [notifyChannel, 'published']);
}
