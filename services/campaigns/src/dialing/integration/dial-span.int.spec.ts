import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { PostgresIntegrationBus } from '@zvonar/messaging-postgres';
import { callControlV1 } from '@zvonar/proto-ts';
import { describeWithPostgres, eventually } from '@zvonar/testing';
import { aContact, dialerSettings, DialerWorld } from '../infrastructure/testing/dialer.fixture';
import { PLACE_CALL_TOPIC } from './place-call.message';

/** Monday 2 March 2026, 04:30 UTC: 09:30 in Yekaterinburg and 14:30 in Vladivostok (both open). */
const START = new Date('2026-03-02T04:30:00Z');

describeWithPostgres('the dial span: one per attempt, its trace context in the PlaceCall', (serverUrl) => {
  let world: DialerWorld;
  const exporter = new InMemorySpanExporter();

  beforeAll(async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    world = await DialerWorld.open(serverUrl, START);
  });

  afterAll(async () => {
    await world?.close();
    trace.disable();
    propagation.disable();
    context.disable();
  });

  const traceparentOf = (span: ReadableSpan) => `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`;

  it('given due contacts, when the dialer claims them, then each PlaceCall carries the traceparent of its own campaigns.dial span, and call-control’s consumer continues that trace', async () => {
    const campaignsBus = await PostgresIntegrationBus.connect({ pool: world.pool, schema: 'campaigns' });
    const consumed = new Map<string, string | undefined>();
    const telephony = await campaignsBus.subscribe({
      group: 'call-control-trace-spec',
      topics: [PLACE_CALL_TOPIC],
      decode: (payload) => callControlV1.PlaceCall.decode(payload),
      handle: async (command) => {
        consumed.set(command.attemptId, trace.getActiveSpan()?.spanContext().traceId);
      },
    });
    try {
      const dialer = await world.startDialer({ manual: true, relay: true });
      const contacts = [aContact(0, ['Asia/Yekaterinburg']), aContact(1, ['Asia/Vladivostok'])];
      world.audiences.segments.set('audience-traced', contacts);
      await world.startCampaign('campaign-traced', dialerSettings({ audienceIds: ['audience-traced'], pace: { callsPerSecond: 100, callsPerHour: 360_000 } }));
      await eventually(
        async () => {
          await dialer.loop.step();
          world.clock.advance(1_000);
          return (await world.placeCalls('campaign-traced')).length >= 2;
        },
        { what: 'both contacts dialled' },
      );

      const rows = (
        await world.pool.query<{ message_id: string; headers: Record<string, string> }>('SELECT message_id, headers FROM outbox WHERE topic = $1 AND message_key = $2 ORDER BY position', [
          PLACE_CALL_TOPIC,
          'campaign-traced',
        ])
      ).rows;
      expect(rows.map((row) => row.message_id)).toEqual(['PlaceCall:campaign-traced:0:1:1', 'PlaceCall:campaign-traced:1:1:1']);
      const spans = exporter.getFinishedSpans().filter((span) => span.name === 'campaigns.dial' && span.attributes['zvonar.campaign.id'] === 'campaign-traced');
      expect(spans.map((span) => [span.attributes['zvonar.attempt.id'], span.attributes['zvonar.contact.time_zone']]).sort()).toEqual([
        ['campaign-traced:0:1', 'Asia/Yekaterinburg'],
        ['campaign-traced:1:1', 'Asia/Vladivostok'],
      ]);
      const spanOf = (attemptId: string) => spans.find((span) => span.attributes['zvonar.attempt.id'] === attemptId)!;
      expect(rows.map((row) => row.headers['traceparent'])).toEqual([traceparentOf(spanOf('campaign-traced:0:1')), traceparentOf(spanOf('campaign-traced:1:1'))]);
      // Two attempts, two traces: each call's journey is its own.
      expect(spanOf('campaign-traced:0:1').spanContext().traceId).not.toBe(spanOf('campaign-traced:1:1').spanContext().traceId);

      await eventually(() => consumed.size === 2, { what: 'both PlaceCalls consumed' });
      expect(consumed.get('campaign-traced:0:1')).toBe(spanOf('campaign-traced:0:1').spanContext().traceId);
      expect(consumed.get('campaign-traced:1:1')).toBe(spanOf('campaign-traced:1:1').spanContext().traceId);
    } finally {
      await telephony.stop();
      await campaignsBus.close();
    }
  });
});
