import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { Writable } from 'node:stream';
import { createLogger } from './logger';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  const contextManager = new AsyncLocalStorageContextManager();
  beforeAll(() => context.setGlobalContextManager(contextManager.enable()));
  afterAll(() => {
    context.disable();
    contextManager.disable();
  });

  it('writes JSON lines carrying the ids of the active span', () => {
    const { stream, lines } = capture();
    const logger = createLogger({ service: 'billing', destination: stream });
    const tracer = new BasicTracerProvider().getTracer('test');
    const ids = tracer.startActiveSpan('charge', (span) => {
      logger.info({ callId: 'c-1' }, 'charged');
      span.end();
      return span.spanContext();
    });
    logger.info('outside any span');
    const [inside, outside] = lines();
    expect(inside).toMatchObject({
      level: 'info',
      service: 'billing',
      message: 'charged',
      callId: 'c-1',
      trace_id: ids.traceId,
      span_id: ids.spanId,
    });
    expect(outside).not.toHaveProperty('trace_id');
    expect(trace.getActiveSpan()).toBeUndefined();
  });
});
