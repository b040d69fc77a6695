import { randomUUID } from 'node:crypto';
import { InMemoryEventStore, streamId, type RecordedEvent } from '@zvonar/eventsourcing';
import { eventually } from '@zvonar/testing';
import { InMemoryIntegrationBus } from './in-memory.integration-bus';
import type { IntegrationMessage } from './integration-message';
import { integrationMessageFrom, startIntegrationForwarder } from './integration-event.forwarder';
import type { IntegrationEventPublisher } from './integration-event-publisher.port';
import { IntegrationBusError } from './messaging.errors';

const topic = 'zvonar.calls.call.v1';
const mapCallEvents = (event: RecordedEvent): IntegrationMessage[] =>
  event.type === 'CallEnded' ? [integrationMessageFrom(event, { topic, type: 'zvonar.calls.v1.CallEnded', payload: new TextEncoder().encode(JSON.stringify(event.data)) })] : [];

/** A bus that refuses the first `failures` publishes, as a broker does while it restarts. */
class FlakyPublisher implements IntegrationEventPublisher {
  calls = 0;
  constructor(
    private readonly inner: IntegrationEventPublisher,
    private failures: number,
  ) {}
  async publish(messages: readonly IntegrationMessage[]): Promise<void> {
    this.calls += 1;
    if (this.failures > 0) {
      this.failures -= 1;
      throw new IntegrationBusError('broker restarting', 'BUS_UNAVAILABLE', true);
    }
    await this.inner.publish(messages);
  }
}

describe('startIntegrationForwarder', () => {
  const ended = (callId: string, metadata: Record<string, string> = {}) => ({ id: randomUUID(), type: 'CallEnded', data: { callId }, metadata });

  it('publishes the mapped events with the event id, aggregate key and trace headers, skipping private ones', async () => {
    const store = new InMemoryEventStore();
    const bus = new InMemoryIntegrationBus();
    const forwarder = startIntegrationForwarder({ store, publisher: bus, subscriberId: 'calls-forwarder', categories: ['call'], map: mapCallEvents });
    await forwarder.start();
    const event = ended('c-1', { traceparent: '00-abc-def-01', correlationId: 'campaign-7', causationId: 'cmd-1' });
    await store.appendToStream(streamId('call', 'c-1'), [{ id: randomUUID(), type: 'CallAnswered', data: { callId: 'c-1' } }, event]);
    await forwarder.waitForIdle();

    const [message, ...rest] = bus.messagesOf(topic);
    expect(rest).toEqual([]);
    expect(message).toMatchObject({ messageId: event.id, key: 'c-1', type: 'zvonar.calls.v1.CallEnded', headers: { traceparent: '00-abc-def-01', correlationId: 'campaign-7', causationId: 'cmd-1' } });
    await forwarder.stop();
  });

  it('moves its checkpoint only after the bus acknowledged: a failing bus loses nothing and a restart republishes nothing acknowledged', async () => {
    const store = new InMemoryEventStore({ retryDelayMs: 1 });
    const bus = new InMemoryIntegrationBus();
    const flaky = new FlakyPublisher(bus, 2);
    const first = startIntegrationForwarder({ store, publisher: flaky, subscriberId: 'calls-forwarder', categories: ['call'], map: mapCallEvents });
    await first.start();
    const events = [ended('c-1'), ended('c-2'), ended('c-3')];
    for (const [index, event] of events.entries()) await store.appendToStream(streamId('call', `c-${index + 1}`), [event]);

    await eventually(() => bus.messagesOf(topic).length === 3, { what: 'all three published after the bus recovers' });
    expect(flaky.calls).toBeGreaterThan(2);
    await first.waitForIdle();
    await first.stop();

    const second = startIntegrationForwarder({ store, publisher: bus, subscriberId: 'calls-forwarder', categories: ['call'], map: mapCallEvents });
    await second.start();
    const late = ended('c-4');
    await store.appendToStream(streamId('call', 'c-4'), [late]);
    await second.waitForIdle();
    const ids = bus.messagesOf(topic).map((message) => message.messageId);
    expect(ids.sort()).toEqual([...events, late].map((event) => event.id).sort());
    await second.stop();
  });
});
