import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { withActiveTraceContext, type IntegrationConsumer } from '@zvonar/messaging';
import { InFlightWork, LOGGER, Readiness, SERVICE_CONFIG } from '@zvonar/platform';
import { callControlV1 } from '@zvonar/proto-ts';
import type { Logger } from 'pino';
import { setTimeout as delay } from 'node:timers/promises';
import { PLACE_CALL_SUBSCRIBER, type ClosableSubscriber, type SubscriberConnector } from '../call-control.di-tokens';
import type { CallControlConfig } from '../config/call-control.config';
import { CallRuntime } from '../runtime/call-runtime';
import { isPastItsLease, placeCallRequestOf } from './place-call.mapper';
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
  private bus: ClosableSubscriber | undefined;
  private joining: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;
  private readonly stopped = new AbortController();

  constructor(
    @Inject(PLACE_CALL_SUBSCRIBER) private readonly connect: SubscriberConnector,
    @Inject(SERVICE_CONFIG) private readonly config: CallControlConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly runtime: CallRuntime,
    private readonly readiness: Readiness,
    private readonly inFlight: InFlightWork,
  ) {}

  onApplicationBootstrap(): void {
    this.readiness.register('place-call-consumer', async () => this.consumer !== undefined);
    this.inFlight.stopSignal.addEventListener('abort', () => void this.stop());
    // Joining a Kafka group can wait for a dead member's session, and a broker can be down: the
    // service starts meanwhile, unready, and keeps trying until it joins or is stopped.
    this.joining = this.join();
  }

  private async join(): Promise<void> {
    const group = `${this.config.CONSUMER_GROUP_PREFIX}-${PLACE_CALL_CONSUMER}`;
    for (let attempt = 0; !this.stopped.signal.aborted; attempt += 1) {
      try {
        this.bus ??= await this.connect();
        this.consumer = await this.subscribe(this.bus, group);
        this.logger.info({ group, topic: PLACE_CALL_TOPIC }, 'place-call consumer joined');
        return;
      } catch (error) {
        this.logger.error({ err: error, attempt }, 'place-call consumer could not subscribe; retrying');
        await delay(Math.min(5_000, 200 * 2 ** attempt), undefined, { signal: this.stopped.signal }).catch(() => undefined);
      }
    }
  }

  private subscribe(bus: ClosableSubscriber, group: string): Promise<IntegrationConsumer> {
    return bus.subscribe({
      group,
      topics: [PLACE_CALL_TOPIC],
      decode: decodePlaceCall,
      // The scenarios service being down is worth waiting out here (the key's later attempts
      // wait behind it anyway) rather than dead-lettering the attempt; the dialer's lease re-sends it after that.
      retry: { maxAttempts: 10, initialBackoffMs: 200, maxBackoffMs: 10_000 },
      handle: async (command, delivery) => {
        const { messageId, headers } = delivery.message;
        if (isPastItsLease(command, Date.now())) {
          this.logger.warn({ attemptId: command.attemptId, leaseExpiresAt: command.leaseExpiresAt, messageId }, 'PlaceCall arrived after its lease: not rung, the dialer re-sends it');
          return;
        }
        // The call's events carry the context of this consumer span (a child of the dial that sent
        // the PlaceCall), so CallEnded's consumer in campaigns continues the same trace; without
        // telemetry there is no span and the producer's header is passed on as it came.
        const traceparent = withActiveTraceContext({}).traceparent ?? headers.traceparent;
        const cause = traceparent === undefined ? { messageId } : { messageId, traceparent };
        const result = await this.runtime.placeCall({ ...placeCallRequestOf(command), cause });
        if (result.kind === 'expired') this.logger.warn({ attemptId: command.attemptId, leaseExpiresAt: command.leaseExpiresAt, originateAt: result.originateAt, messageId }, "PlaceCall's trunk slot comes after its lease: not rung, the dialer re-sends it");
        else this.logger.debug({ callId: result.callId, result: result.kind }, 'PlaceCall handled');
      },
    });
  }

  /** Stops taking PlaceCall (idempotent): the message in flight finishes, nothing new is fetched. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.stopped.abort();
      await this.joining;
      await this.consumer?.stop();
    })();
    return this.stopping;
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
    await this.bus?.close();
  }
}
