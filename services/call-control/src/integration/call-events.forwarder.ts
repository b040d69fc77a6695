import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { EventStore, Subscription } from '@zvonar/eventsourcing';
import { startIntegrationForwarder } from '@zvonar/messaging';
import { LOGGER } from '@zvonar/platform';
import type { Logger } from 'pino';
import { CALL_EVENT_STORE, CALL_EVENTS_PUBLISHER, type ClosablePublisher } from '../call-control.di-tokens';
import { callIntegrationEvents } from './call.integration-events';

export const CALL_EVENTS_FORWARDER = 'call-integration-forwarder';

/**
 * Publishes the calls' integration events from a checkpointed subscription on the call streams:
 * the call path only appends events, never writes to the bus (no dual write), and a crash
 * between publishing and the checkpoint republishes with the same message ids.
 */
@Injectable()
export class CallEventsForwarder implements OnApplicationBootstrap, OnModuleDestroy {
  private subscription: Subscription | undefined;

  constructor(
    @Inject(CALL_EVENT_STORE) private readonly store: EventStore,
    @Inject(CALL_EVENTS_PUBLISHER) private readonly publisher: ClosablePublisher,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = startIntegrationForwarder({ store: this.store, publisher: this.publisher, subscriberId: CALL_EVENTS_FORWARDER, categories: ['call'], map: callIntegrationEvents });
    await this.subscription.start();
    this.logger.info('call integration events forwarder started');
  }

  /** Resolves once every call event appended so far was published (tests). */
  async waitForIdle(): Promise<void> {
    await this.subscription?.waitForIdle();
  }

  async onModuleDestroy(): Promise<void> {
    // The drain let the last calls end just now: their last events leave before this stops (bounded).
    await this.subscription?.waitForIdle({ timeoutMs: 5_000 }).catch(() => undefined);
    await this.subscription?.stop();
    await this.publisher.close();
  }
}
