import { attemptTraces, isCallJourneySpan } from './call-traces';
import type { ReceivedSpan } from '@zvonar/testing';

const span = (traceId: string, spanId: string, parentSpanId: string, name: string, kind: number, attributes: ReceivedSpan['attributes']): ReceivedSpan => ({
  traceId,
  spanId,
  parentSpanId,
  name,
  kind,
  attributes,
});
const dial = (traceId: string, spanId: string, attemptId: string) => span(traceId, spanId, '', 'campaigns.dial', 4, { 'zvonar.attempt.id': attemptId });
const placeCall = (traceId: string, parent: string) =>
  span(traceId, `${parent}-pc`, parent, 'zvonar.call-control.place-call.v1 process', 5, { 'messaging.destination.name': 'zvonar.call-control.place-call.v1', 'zvonar.message.type': 'zvonar.callcontrol.v1.PlaceCall' });
const callEnded = (traceId: string, parent: string) =>
  span(traceId, `${parent}-ce`, parent, 'zvonar.call-control.call.v1 process', 5, { 'messaging.destination.name': 'zvonar.call-control.call.v1', 'zvonar.message.type': 'zvonar.callcontrol.v1.CallEnded' });

describe('attempt traces', () => {
  it('given a dial, its PlaceCall handled under it and its CallEnded in the same trace, reports the attempt traced end to end', () => {
    const spans = [dial('t1', 'd1', 'a1'), placeCall('t1', 'd1'), callEnded('t1', 'd1-pc')];
    expect(attemptTraces(spans).get('a1')).toEqual({ attemptId: 'a1', traceIds: ['t1'], placeCallHandled: true, callEndedHandled: true });
  });

  it('given a PlaceCall handled in another trace, or under another parent, does not count it', () => {
    const spans = [dial('t1', 'd1', 'a1'), placeCall('t2', 'd1'), dial('t3', 'd3', 'a3'), placeCall('t3', 'other'), callEnded('t4', 'x')];
    expect(attemptTraces(spans).get('a1')).toMatchObject({ placeCallHandled: false, callEndedHandled: false });
    expect(attemptTraces(spans).get('a3')).toMatchObject({ placeCallHandled: false, callEndedHandled: false });
  });

  it('given a re-sent attempt, keeps both traces and credits whichever went through', () => {
    const spans = [dial('t1', 'd1', 'a1'), dial('t2', 'd2', 'a1'), placeCall('t2', 'd2'), callEnded('t2', 'd2-pc')];
    expect(attemptTraces(spans).get('a1')).toEqual({ attemptId: 'a1', traceIds: ['t1', 't2'], placeCallHandled: true, callEndedHandled: true });
  });

  it('keeps only the journey spans, not the PostgreSQL polls around them', () => {
    expect(isCallJourneySpan(span('t', 's', '', 'pg.query:SELECT', 3, {}))).toBe(false);
    expect(isCallJourneySpan(placeCall('t', 'p'))).toBe(true);
    expect(isCallJourneySpan(span('t', 's', '', 'zvonar.call-control.call.v1 process', 5, { 'messaging.destination.name': 'zvonar.call-control.call.v1', 'zvonar.message.type': 'zvonar.callcontrol.v1.GoalReached' }))).toBe(false);
  });
});
