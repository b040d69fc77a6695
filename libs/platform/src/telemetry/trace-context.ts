import { context, propagation, type Context } from '@opentelemetry/api';

/** Message headers as Kafka and our envelopes carry them. */
export type MessageHeaders = Record<string, string | Buffer | readonly (string | Buffer)[] | undefined>;

/**
 * Writes the active trace context (W3C `traceparent`, `tracestate`, baggage) into message
 * headers, so a consumer's span joins the producer's trace across the bus.
 */
export function injectTraceContext(
  headers: Record<string, string> = {},
  from: Context = context.active(),
): Record<string, string> {
  propagation.inject(from, headers);
  return headers;
}

/** The trace context a producer wrote into headers, on top of `base` (the active context). */
export function extractTraceContext(headers: MessageHeaders, base: Context = context.active()): Context {
  return propagation.extract(base, headers, {
    keys: (carrier) => Object.keys(carrier),
    get: (carrier, key) => {
      const value = carrier[key];
      const first = Array.isArray(value) ? value[0] : value;
      return first === undefined ? undefined : first.toString();
    },
  });
}

/** Runs `work` inside the trace context carried by `headers`. */
export function withTraceContext<T>(headers: MessageHeaders, work: () => T): T {
  return context.with(extractTraceContext(headers), work);
}
