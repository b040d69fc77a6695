import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { IntegrationConsumer } from '@zvonar/messaging';
import { InFlightWork, LOGGER, Readiness, SERVICE_CONFIG } from '@zvonar/platform';
import { callControlV1 } from '@zvonar/proto-ts';
import type { Logger } from 'pino';
import { PLACE_CALL_SUBSCRIBER, type ClosableSubscriber } from '../call-control.di-tokens';
import type { CallControlConfig } from '../config/call-control.config';
import { CallRuntime } from '../runtime/call-runtime';
import { placeCallRequestOf } from './place-call.mapper';
import { PLACE_CALL_CONSUMER, PLACE_CALL_TOPIC } from './place-call.topics';

/** A PlaceCall no handler could ever honour (no attempt id to answer with a typed failure) goes to the dead-letter topic. */
export const decodePlaceCall = (payload: Uint8Array): callControlV1.PlaceCall => {
  const command = callControlV1.PlaceCall.decode(payload);
  for (const field of ['attemptId', 'projectId', 'campaignId'] as const) {
    if (command[field] === '') throw new TypeError(`PlaceCall without ${field}`);
  }
  return command;
};

/**
 * Takes PlaceCall from the bus and hands it to the orchestrator. Delivery is at-least-once and
 * the attempt id is the idempotency key (the call's stream), so a redelivery never rings again
 * and needs no processed-messages table. Consuming stops as soon as the service drains (POST
 * /drain or SIGTERM): a draining pod takes no new calls, while its live ones go on.
 */
@Injectable()
export class PlaceCallConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private consumer: IntegrationConsumer | undefined;
  private joining: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;

  constructor(
    @Inject(PLACE_CALL_SUBSCRIBER) private readonly bus: ClosableSubscriber,
    @Inject(SERVICE_CONFIG) private readonly config: CallControlConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly runtime: CallRuntime,
    private readonly readiness: Readiness,
    private readonly inFlight: InFlightWork,
  ) {}

  onApplicationBootstrap(): void {
    const group = `${this.config.CONSUMER_GROUP_PREFIX}-${PLACE_CALL_CONSUMER}`;
    const defaults = { trunkId: this.config.DEFAULT_TRUNK_ID, callerId: this.config.DEFAULT_CALLER_ID };
    this.readiness.register('place-call-consumer', async () => this.consumer !== undefined);
    this.inFlight.stopSignal.addEventListener('abort', () => void this.stop());
    this.joining = this.bus
      .subscribe({
        group,
        topics: [PLACE_CALL_TOPIC],
        decode: decodePlaceCall,
        // The scenarios service being down is worth waiting out here (the key's later attempts
        // wait behind it anyway) rather than dead-lettering the attempt; the dialer's lease re-sends it after that.
        retry: { maxAttempts: 10, initialBackoffMs: 200, maxBackoffMs: 10_000 },
        handle: async (command, delivery) => {
          const { messageId, headers } = delivery.message;
          const cause = headers.traceparent === undefined ? { messageId } : { messageId, traceparent: headers.traceparent };
          const result = await this.runtime.placeCall({ ...placeCallRequestOf(command, defaults), cause });
          this.logger.debug({ callId: result.callId, result: result.kind }, 'PlaceCall handled');
        },
      })
      .then(
        (consumer) => {
          this.consumer = consumer;
          this.logger.info({ group, topic: PLACE_CALL_TOPIC }, 'place-call consumer joined');
        },
        (error: unknown) => this.logger.error({ err: error }, 'place-call consumer could not subscribe'),
      );
  }

  /** Stops taking PlaceCall (idempotent): the message in flight finishes, nothing new is fetched. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await this.joining;
      await this.consumer?.stop();
    })();
    return this.stopping;
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
    await this.bus.close();
  }
}
