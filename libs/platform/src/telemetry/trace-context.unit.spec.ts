import { propagation, trace, ROOT_CONTEXT } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { extractTraceContext, injectTraceContext } from './trace-context';

describe('trace context in message headers', () => {
  beforeAll(() => propagation.setGlobalPropagator(new W3CTraceContextPropagator()));
  afterAll(() => propagation.disable());

  const spanContext = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1 };

  it('survives a trip through Kafka-style headers (strings or Buffers)', () => {
    const headers = injectTraceContext({}, trace.setSpanContext(ROOT_CONTEXT, spanContext));
    expect(headers.traceparent).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    const asBuffers = Object.fromEntries(Object.entries(headers).map(([key, value]) => [key, Buffer.from(value)]));
    const extracted = trace.getSpanContext(extractTraceContext(asBuffers, ROOT_CONTEXT));
    expect(extracted).toMatchObject({ ...spanContext, isRemote: true });
  });

  it('extracts nothing from headers without a trace', () => {
    expect(trace.getSpanContext(extractTraceContext({ 'message-id': 'm-1' }, ROOT_CONTEXT))).toBeUndefined();
  });
});
