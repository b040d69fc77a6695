import { DeadLetterHeaders, type IntegrationMessage, type MessageCoordinates } from './integration-message';
import { defaultRetryPolicy, type MessageDecoder, type MessageHandler, type RetryPolicy } from './integration-event-subscriber.port';
import { inConsumerSpan } from './message-tracing';
import { deadLetterTopic } from './topic-names';

export type DeliveryOutcome =
  | { kind: 'handled'; attempts: number }
  | { kind: 'dead-letter'; reason: string; attempts: number }
  /** The consumer is stopping: leave the offset alone so the message is delivered again. */
  | { kind: 'aborted' };

export type DeliverOptions<T> = {
  decode: MessageDecoder<T>;
  handle: MessageHandler<T>;
  retry: RetryPolicy;
  isStopping: () => boolean;
  /** Waits between attempts; adapters pass one that also keeps their group session alive. */
  pause: (ms: number) => Promise<void>;
};

export const resolveRetryPolicy = (partial: Partial<RetryPolicy> | undefined): RetryPolicy => {
  const policy = { ...defaultRetryPolicy, ...partial };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) throw new TypeError(`retry.maxAttempts must be a positive integer`);
  return policy;
};

export const backoffMs = (policy: RetryPolicy, failedAttempts: number): number =>
  Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** (failedAttempts - 1));

const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * The delivery rule every adapter shares: decode once (a decode failure is final), then call the
 * handler up to `maxAttempts` times with exponential backoff. The partition waits meanwhile,
 * which is what keeps per-key order.
 */
export async function deliver<T>(message: IntegrationMessage, coordinates: MessageCoordinates, options: DeliverOptions<T>): Promise<DeliveryOutcome> {
  let data: T;
  try {
    data = options.decode(message.payload, message);
  } catch (error) {
    return { kind: 'dead-letter', reason: `undecodable: ${describe(error)}`, attempts: 0 };
  }
  for (let attempt = 1; ; attempt += 1) {
    try {
      await inConsumerSpan(message, coordinates, attempt, () => options.handle(data, { message, coordinates, attempt }));
      return { kind: 'handled', attempts: attempt };
    } catch (error) {
      if (attempt >= options.retry.maxAttempts) {
        return { kind: 'dead-letter', reason: `handler failed ${attempt} time(s): ${describe(error)}`, attempts: attempt };
      }
    }
    if (options.isStopping()) return { kind: 'aborted' };
    await options.pause(backoffMs(options.retry, attempt));
    if (options.isStopping()) return { kind: 'aborted' };
  }
}

/** The copy of `message` that goes to `<topic>.dlq`: same id, key and payload, plus why and from where. */
export function deadLetterOf(
  message: IntegrationMessage,
  details: { reason: string; group: string; coordinates: MessageCoordinates; attempts: number },
): IntegrationMessage {
  return {
    ...message,
    topic: deadLetterTopic(details.coordinates.topic),
    headers: {
      ...message.headers,
      [DeadLetterHeaders.reason]: details.reason,
      [DeadLetterHeaders.group]: details.group,
      [DeadLetterHeaders.originalTopic]: details.coordinates.topic,
      [DeadLetterHeaders.originalPartition]: String(details.coordinates.partition),
      [DeadLetterHeaders.originalOffset]: details.coordinates.offset,
      [DeadLetterHeaders.attempts]: String(details.attempts),
    },
  };
}

/** A pause that ends early when `stopped` resolves, so shutdown never waits out a long backoff. */
export const interruptiblePause =
  (stopped: Promise<void>) =>
  (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      void stopped.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
