import type { IntegrationMessage } from './integration-message';

/**
 * Publishes integration events. Only a forwarder (a checkpointed subscription on the service's
 * event store or outbox) calls it, never a request handler: that would be a dual write.
 */
export interface IntegrationEventPublisher {
  /**
   * Resolves once the bus has durably acknowledged every message; rejects with an
   * IntegrationBusError otherwise, and then any subset may have been stored (the caller retries,
   * consumers deduplicate on messageId). Messages with the same key keep their array order.
   */
  publish(messages: readonly IntegrationMessage[]): Promise<void>;
}
