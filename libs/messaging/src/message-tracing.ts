import { context, propagation, SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';
import type { IntegrationMessage, MessageCoordinates, MessageHeaders } from './integration-message';

const tracer = trace.getTracer('@zvonar/messaging');

const contextOf = (headers: MessageHeaders): Context =>
  propagation.extract(context.active(), headers, {
    keys: (carrier) => Object.keys(carrier),
    get: (carrier, key) => carrier[key],
  });

/**
 * The headers with the active trace context written in, unless they already carry one: a message
 * produced inside a span (a dial decision, a command) continues that span's trace on the consumer
 * side. With no telemetry started the API is a no-op and the headers come back unchanged.
 */
export function withActiveTraceContext(headers: MessageHeaders): MessageHeaders {
  if (headers.traceparent !== undefined) return headers;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return { ...carrier, ...headers };
}

/**
 * Runs one handler attempt in a CONSUMER span whose parent is the producer's trace context from
 * the message headers, so a call's trace runs from the dialer through call-control and back.
 */
export function inConsumerSpan<T>(message: IntegrationMessage, coordinates: MessageCoordinates, attempt: number, work: () => Promise<T>): Promise<T> {
  return context.with(contextOf(message.headers), () =>
    tracer.startActiveSpan(
      `${coordinates.topic} process`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.operation.type': 'process',
          'messaging.destination.name': coordinates.topic,
          'messaging.destination.partition.id': String(coordinates.partition),
          'messaging.message.id': message.messageId,
          'zvonar.message.type': message.type,
          'zvonar.message.attempt': attempt,
        },
      },
      async (span) => {
        try {
          return await work();
        } catch (error) {
          span.recordException(error instanceof Error ? error : String(error));
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
        }
      },
    ),
  );
}
