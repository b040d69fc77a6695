import type { ReceivedSpan } from '@zvonar/testing';

const PRODUCER = 4;
const CONSUMER = 5;
const PLACE_CALL_TOPIC = 'zvonar.call-control.place-call.v1';
const CALL_TOPIC = 'zvonar.call-control.call.v1';
// Message types on the bus are the protobuf messages' full names.
const PLACE_CALL = 'zvonar.callcontrol.v1.PlaceCall';
const CALL_ENDED = 'zvonar.callcontrol.v1.CallEnded';

const isDial = (span: ReceivedSpan): boolean => span.name === 'campaigns.dial' && span.kind === PRODUCER;
const handles = (span: ReceivedSpan, topic: string, type: string): boolean =>
  span.kind === CONSUMER && span.attributes['messaging.destination.name'] === topic && span.attributes['zvonar.message.type'] === type;

/** The spans of a call's journey: the dial, call-control taking the PlaceCall, campaigns taking its CallEnded. */
export const isCallJourneySpan = (span: ReceivedSpan): boolean =>
  isDial(span) || handles(span, PLACE_CALL_TOPIC, PLACE_CALL) || handles(span, CALL_TOPIC, CALL_ENDED);

/** What one attempt's traces show. */
export interface AttemptTrace {
  readonly attemptId: string;
  /** One per PlaceCall sent for the attempt (a re-send after a lease opens another). */
  readonly traceIds: readonly string[];
  /** Call-control handled the PlaceCall in a span whose parent is the dial span. */
  readonly placeCallHandled: boolean;
  /** Campaigns handled the call's CallEnded in the same trace. */
  readonly callEndedHandled: boolean;
}

/** Groups the kept spans by attempt: does each dial's trace run through call-control and back? */
export function attemptTraces(spans: readonly ReceivedSpan[]): Map<string, AttemptTrace> {
  const byTrace = new Map<string, ReceivedSpan[]>();
  for (const span of spans) byTrace.set(span.traceId, [...(byTrace.get(span.traceId) ?? []), span]);
  const attempts = new Map<string, AttemptTrace>();
  for (const dial of spans.filter(isDial)) {
    const attemptId = String(dial.attributes['zvonar.attempt.id']);
    const trace = byTrace.get(dial.traceId) ?? [];
    const previous = attempts.get(attemptId);
    attempts.set(attemptId, {
      attemptId,
      traceIds: [...(previous?.traceIds ?? []), dial.traceId],
      placeCallHandled: (previous?.placeCallHandled ?? false) || trace.some((span) => handles(span, PLACE_CALL_TOPIC, PLACE_CALL) && span.parentSpanId === dial.spanId),
      callEndedHandled: (previous?.callEndedHandled ?? false) || trace.some((span) => handles(span, CALL_TOPIC, CALL_ENDED)),
    });
  }
  return attempts;
}
