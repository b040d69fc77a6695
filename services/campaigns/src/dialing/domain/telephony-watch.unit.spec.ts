import {
  initialTelephonyWatch,
  observeTelephony,
  resumeSweepFailed,
  telephonyAvailable,
  type TelephonyWatchDecision,
  type TelephonyWatchOptions,
  type TelephonyWatchState,
} from './telephony-watch';

const OPTIONS: TelephonyWatchOptions = { graceMs: 5_000, startupGraceMs: 10_000, resumeSweepEveryMs: 30_000 };

/** Feeds one answer a second (the watch's cadence) from `state`, starting at `from` ms; returns every decision. */
const feed = (state: TelephonyWatchState, answers: string, from = 0): TelephonyWatchDecision[] => {
  const decisions: TelephonyWatchDecision[] = [];
  let current = state;
  [...answers].forEach((answer, second) => {
    const next = observeTelephony(current, { ready: answer === '+', at: from + second * 1_000 }, OPTIONS);
    decisions.push(next);
    current = next.state;
  });
  return decisions;
};
const last = (decisions: TelephonyWatchDecision[]): TelephonyWatchDecision => decisions[decisions.length - 1]!;
const transitions = (decisions: TelephonyWatchDecision[]) => decisions.map((decision) => decision.transition).filter(Boolean);
const sweeps = (decisions: TelephonyWatchDecision[]) => decisions.map((decision) => decision.sweep ?? '.');
/** Available, with its start-up resume sweep done at 0 ms. */
const available = (): TelephonyWatchState => observeTelephony(initialTelephonyWatch(), { ready: true, at: 0 }, OPTIONS).state;

describe('the telephony watch (call-control status answers over time, an injected clock)', () => {
  it('given a fresh start, when call-control answers ready, then it is available and campaigns a dead process paused are looked for once', () => {
    const decisions = feed(initialTelephonyWatch(), '+++');
    expect(sweeps(decisions)).toEqual(['resume-paused', '.', '.']);
    expect(transitions(decisions)).toEqual([]);
    expect(telephonyAvailable(last(decisions).state)).toBe(true);
  });

  it('given it was available, when answers fail for less than the grace period, then nothing is paused and dialing goes on', () => {
    const decisions = feed(available(), '-----', 1_000);
    expect(sweeps(decisions)).toEqual(['.', '.', '.', '.', '.']);
    expect(decisions.every((decision) => telephonyAvailable(decision.state))).toBe(true);
  });

  it('given it was available, when answers fail for the whole grace period, then it is lost once and running campaigns are paused at every answer while it lasts', () => {
    // Failing from 1 s: at 6 s the grace period (5 s) is over.
    const decisions = feed(available(), '--------', 1_000);
    expect(decisions.map((decision) => decision.transition)).toEqual([null, null, null, null, null, 'lost', null, null]);
    expect(sweeps(decisions)).toEqual(['.', '.', '.', '.', '.', 'pause-running', 'pause-running', 'pause-running']);
    expect(telephonyAvailable(last(decisions).state)).toBe(false);
  });

  it('given call-control flaps (down 4 s, up 1 s, again and again), then it never counts as lost', () => {
    const decisions = feed(available(), '----+----+----+----+', 1_000);
    expect(transitions(decisions)).toEqual([]);
    expect(sweeps(decisions).filter((sweep) => sweep !== '.')).toEqual([]);
  });

  it('given it was lost, when call-control answers ready, then it is restored once, campaigns paused for it are resumed once, and dialing goes on', () => {
    const lost = last(feed(available(), '------', 1_000)).state;
    const decisions = feed(lost, '+++', 7_000);
    expect(decisions.map((decision) => decision.transition)).toEqual(['restored', null, null]);
    expect(sweeps(decisions)).toEqual(['resume-paused', '.', '.']);
    expect(telephonyAvailable(last(decisions).state)).toBe(true);
  });

  it('given it was restored, when it fails again, then the grace period starts afresh', () => {
    const restored = last(feed(last(feed(available(), '------', 1_000)).state, '+', 7_000)).state;
    expect(transitions(feed(restored, '-----', 8_000))).toEqual([]);
    expect(transitions(feed(restored, '------', 8_000))).toEqual(['lost']);
  });

  it('given call-control is down from the start, then it counts as lost after the start-up grace period, and its first ready answer resumes', () => {
    const decisions = feed(initialTelephonyWatch(), '-----------++');
    expect(decisions.map((decision) => decision.transition)).toEqual([null, null, null, null, null, null, null, null, null, null, 'lost', 'restored', null]);
    expect(sweeps(decisions)).toEqual(['.', '.', '.', '.', '.', '.', '.', '.', '.', '.', 'pause-running', 'resume-paused', '.']);
  });

  it('given call-control starts slower than us (down 8 s at start, longer than the grace period), then nothing is paused and its first ready answer looks for campaigns to resume', () => {
    const decisions = feed(initialTelephonyWatch(), '--------++');
    expect(transitions(decisions)).toEqual([]);
    expect(sweeps(decisions)).toEqual(['.', '.', '.', '.', '.', '.', '.', '.', 'resume-paused', '.']);
  });

  it('given a start-up grace period shorter than the grace period, then the grace period holds at start too', () => {
    const options = { ...OPTIONS, startupGraceMs: 1_000 };
    let state = initialTelephonyWatch();
    const seen = [0, 1_000, 2_000, 3_000, 4_000, 5_000].map((at) => {
      const next = observeTelephony(state, { ready: false, at }, options);
      state = next.state;
      return next.transition;
    });
    expect(seen).toEqual([null, null, null, null, null, 'lost']);
  });

  it('given it stays available, then the resume sweep is repeated every resumeSweepEveryMs (a process that died mid-outage left campaigns paused)', () => {
    const decisions = feed(available(), '+'.repeat(61), 1_000);
    const at = decisions.flatMap((decision, second) => (decision.sweep === 'resume-paused' ? [1_000 + second * 1_000] : []));
    expect(at).toEqual([30_000, 60_000]);
  });

  it('given a resume sweep failed, then the next ready answer asks for it again', () => {
    const restored = last(feed(last(feed(available(), '------', 1_000)).state, '+', 7_000));
    expect(restored.sweep).toBe('resume-paused');
    const retried = observeTelephony(resumeSweepFailed(restored.state, 7_000), { ready: true, at: 8_000 }, OPTIONS);
    expect(retried.sweep).toBe('resume-paused');
    expect(observeTelephony(retried.state, { ready: true, at: 9_000 }, OPTIONS).sweep).toBeNull();
  });
});
