import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { withActiveTraceContext, type MessageHeaders } from '@zvonar/messaging';

/** The dialer's tracer; a no-op unless the service started telemetry. */
const tracer = trace.getTracer('@zvonar/campaigns');

export type DialSpanInput = {
  readonly campaignId: string;
  readonly attemptId: string;
  /** The contact's (first) time zone, as its PlaceCall carries it. */
  readonly contactZone: string;
};

export type DialSpan = {
  /** The span's trace context, for its PlaceCall's headers: call-control's consumer span continues it. */
  readonly headers: MessageHeaders;
  /** Ends the span, failed when `error` is given (the claim's transaction did not write the PlaceCall). */
  end(error?: unknown): void;
};

/**
 * One span per dial attempt, the start of a call's trace: the dialer → call-control (PlaceCall) →
 * the dialer again (CallEnded, in a consumer span of call-control's trace). A claim writes its
 * PlaceCalls in one batch, so each message takes its own span's context in its headers rather
 * than whatever context is active when the batch is written.
 */
export function startDialSpan({ campaignId, attemptId, contactZone }: DialSpanInput): DialSpan {
  const span = tracer.startSpan('campaigns.dial', {
    kind: SpanKind.PRODUCER,
    attributes: { 'zvonar.campaign.id': campaignId, 'zvonar.attempt.id': attemptId, 'zvonar.contact.time_zone': contactZone },
  });
  return {
    headers: context.with(trace.setSpan(context.active(), span), () => withActiveTraceContext({})),
    end: (...error: unknown[]) => {
      if (error.length > 0) {
        const failure = error[0];
        span.recordException(failure instanceof Error ? failure : String(failure));
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
    },
  };
}
