import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { deliver, resolveRetryPolicy } from './delivery';
import type { IntegrationMessage } from './integration-message';
import { withActiveTraceContext } from './message-tracing';

describe('tracing across the bus', () => {
  const exporter = new InMemorySpanExporter();
  const contextManager = new AsyncLocalStorageContextManager();

  beforeAll(() => {
    context.setGlobalContextManager(contextManager.enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
  });
  afterAll(() => {
    trace.disable();
    propagation.disable();
    context.disable();
  });
  beforeEach(() => exporter.reset());

  const messageWith = (headers: IntegrationMessage['headers']): IntegrationMessage => ({
    messageId: 'attempt-1',
    topic: 'zvonar.call-control.place-call.v1',
    key: 'campaign-1',
    type: 'zvonar.callcontrol.v1.PlaceCall',
    payload: new Uint8Array(),
    occurredAt: new Date('2026-11-21T10:00:00Z'),
    headers,
  });
  const coordinates = { topic: 'zvonar.call-control.place-call.v1', partition: 3, offset: '17' };
  const once = { decode: () => 'decoded', retry: resolveRetryPolicy({ maxAttempts: 2, initialBackoffMs: 1 }), isStopping: () => false, pause: async () => {} };

  it('given a message produced inside a span, when it is handled, then the handler runs in a consumer span of the same trace', async () => {
    const producer = trace.getTracer('test').startSpan('dial attempt');
    const headers = context.with(trace.setSpan(context.active(), producer), () => withActiveTraceContext({ correlationId: 'c-1' }));
    producer.end();
    let handlerTraceId: string | undefined;

    await deliver(messageWith(headers), coordinates, { ...once, handle: async () => void (handlerTraceId = trace.getActiveSpan()?.spanContext().traceId) });

    const consumer = exporter.getFinishedSpans().find((span) => span.name === 'zvonar.call-control.place-call.v1 process');
    expect(headers.correlationId).toBe('c-1');
    expect(consumer?.spanContext().traceId).toBe(producer.spanContext().traceId);
    expect(consumer?.parentSpanContext?.spanId).toBe(producer.spanContext().spanId);
    expect(consumer?.attributes['messaging.message.id']).toBe('attempt-1');
    expect(handlerTraceId).toBe(producer.spanContext().traceId);
  });

  it('keeps a trace context the message already carries', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const producer = trace.getTracer('test').startSpan('other work');
    const headers = context.with(trace.setSpan(context.active(), producer), () => withActiveTraceContext({ traceparent }));
    producer.end();
    expect(headers.traceparent).toBe(traceparent);
  });

  it('marks the consumer span of a failing attempt as an error, one span per attempt', async () => {
    await deliver(messageWith({}), coordinates, { ...once, handle: async () => { throw new Error('database down'); } });
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.attributes['zvonar.message.attempt'])).toEqual([1, 2]);
    expect(spans.every((span) => span.status.code === 2)).toBe(true);
  });
});
