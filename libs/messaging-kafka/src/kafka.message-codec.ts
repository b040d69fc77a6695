import type { IntegrationMessage, MessageHeaders } from '@zvonar/messaging';
import type { IHeaders, KafkaMessage, Message } from 'kafkajs';

/**
 * Envelope fields that travel as Kafka headers. The payload stays the raw protobuf bytes, so any
 * consumer (even outside Node) can decode it with the proto named by the type header.
 */
export const KafkaHeaders = {
  messageId: 'zvonar-message-id',
  type: 'zvonar-type',
  occurredAt: 'zvonar-occurred-at',
} as const;

const reserved = new Set<string>(Object.values(KafkaHeaders));

export function toKafkaMessage(message: IntegrationMessage): Message {
  const headers: IHeaders = {
    [KafkaHeaders.messageId]: message.messageId,
    [KafkaHeaders.type]: message.type,
    [KafkaHeaders.occurredAt]: message.occurredAt.toISOString(),
  };
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined && !reserved.has(name)) headers[name] = value;
  }
  return {
    key: message.key,
    value: Buffer.from(message.payload.buffer, message.payload.byteOffset, message.payload.byteLength),
    headers,
    timestamp: String(message.occurredAt.getTime()),
  };
}

const headerText = (value: IHeaders[string]): string | undefined => {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
};

export type DecodedRecord = { ok: true; message: IntegrationMessage } | { ok: false; reason: string; message: IntegrationMessage };

/**
 * Reads our envelope back. A record without it (written by a foreign producer, or damaged) still
 * yields a best-effort message, so it can be dead-lettered with its bytes and the reason instead
 * of stopping the partition.
 */
export function fromKafkaRecord(topic: string, partition: number, record: KafkaMessage): DecodedRecord {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(record.headers ?? {})) {
    const text = headerText(value);
    if (text !== undefined) headers[name] = text;
  }
  const { [KafkaHeaders.messageId]: messageId, [KafkaHeaders.type]: type, [KafkaHeaders.occurredAt]: occurredAt, ...rest } = headers;
  const occurred = new Date(occurredAt ?? Number(record.timestamp));
  const message: IntegrationMessage = {
    messageId: messageId ?? `${topic}/${partition}/${record.offset}`,
    topic,
    key: record.key?.toString() ?? '',
    type: type ?? 'unknown',
    payload: record.value ? new Uint8Array(record.value.buffer, record.value.byteOffset, record.value.byteLength) : new Uint8Array(),
    occurredAt: Number.isNaN(occurred.getTime()) ? new Date(0) : occurred,
    headers: rest as MessageHeaders,
  };
  const missing = [
    messageId === undefined && KafkaHeaders.messageId,
    type === undefined && KafkaHeaders.type,
    record.key === null && 'key',
    record.value === null && 'value',
  ].filter((name): name is string => typeof name === 'string');
  return missing.length === 0 ? { ok: true, message } : { ok: false, reason: `undecodable: no ${missing.join(', ')} in the Kafka record`, message };
}
