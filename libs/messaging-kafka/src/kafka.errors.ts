import { IntegrationBusError } from '@zvonar/messaging';
import { KafkaJSError } from 'kafkajs';

/**
 * The edge where kafkajs errors become ours: callers see IntegrationBusError with the driver's
 * own retriable verdict (a leader election is retriable, a record too large is not), and the
 * driver error only as `cause`, for logs.
 */
export function translateKafkaError(error: unknown, code: IntegrationBusError['code'], what: string): IntegrationBusError {
  if (error instanceof IntegrationBusError) return error;
  const retriable = error instanceof KafkaJSError ? error.retriable : false;
  const detail = error instanceof Error ? error.message : String(error);
  return new IntegrationBusError(`${what}: ${detail}`, code, retriable, { cause: error });
}

export async function atTheEdge<T>(code: IntegrationBusError['code'], what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translateKafkaError(error, code, what);
  }
}
