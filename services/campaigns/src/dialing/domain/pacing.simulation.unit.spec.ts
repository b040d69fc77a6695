import { aDialer, MONDAY_10_MSK, withContacts } from '../../../test/mothers/dialer.mother';
import { decideDials, recordOutcome, type DialerState } from './dialer';
import { DueHeap } from './due-heap';
import { seededRandom } from '../../../test/mothers/zones.mother';

const SECOND = 1000;
const HOUR = 3600 * SECOND;

type Simulation = { dispatchTimes: number[]; maxActive: number };

/**
 * A fake clock drives the dialer for `durationMs`: steps run at each wake-up or call end, up to
 * `latenessMs` late (a busy event loop); every call lasts 5-35 s and ends with a goal.
 */
const simulate = (initial: DialerState, start: number, durationMs: number, latenessMs: number): Simulation => {
  const random = seededRandom(42);
  const endAt = new Float64Array(initial.table.capacity);
  const ending = new DueHeap(initial.table.capacity, endAt);
  const dispatchTimes: number[] = [];
  let state = initial;
  let active = 0;
  let maxActive = 0;
  let now = start;
  while (now < start + durationMs) {
    for (let call = ending.peek(); call >= 0 && endAt[call]! <= now; call = ending.peek()) {
      ending.remove(call);
      active -= 1;
      state = recordOutcome(state, { contactIndex: call, attempt: state.table.attempts[call]!, outcome: { kind: 'Goal' } }, now).state;
    }
    const step = decideDials(state, now);
    state = step.state;
    for (const dial of step.dials) {
      dispatchTimes.push(now);
      active += 1;
      ending.upsert(dial.contactIndex, now + 5 * SECOND + random() * 30 * SECOND);
    }
    maxActive = Math.max(maxActive, active);
    const nextEnd = ending.peek() < 0 ? Number.POSITIVE_INFINITY : endAt[ending.peek()]!;
    const wake = Math.min(step.wakeAtMs ?? Number.POSITIVE_INFINITY, nextEnd);
    now = Math.max(now + 1, wake + Math.floor(random() * latenessMs));
  }
  return { dispatchTimes: dispatchTimes.filter((time) => time < start + durationMs), maxActive };
};

/** The most dispatches in any half-open one-second span. */
const busiestSecond = (times: readonly number[]): number => {
  let best = 0;
  let first = 0;
  for (let last = 0; last < times.length; last += 1) {
    while (times[last]! - times[first]! >= SECOND) first += 1;
    best = Math.max(best, last - first + 1);
  }
  return best;
};

describe('Dialer pacing over a simulated hour (fake clock)', () => {
  const BURST = 2;

  it.each([1, 5, 50])('at %s calls per second: attempts within 1%% of the target, no second above ceil(rate) + burst, concurrency under the cap', (rate) => {
    const cap = 1500;
    const contacts = Math.ceil(rate * 3600 * 1.05);
    const state = withContacts(
      aDialer({ pace: { callsPerSecond: rate, callsPerHour: 1_000_000, burst: BURST }, settings: { concurrencyCap: cap }, capacity: contacts }),
      contacts,
      MONDAY_10_MSK,
    );
    const interval = SECOND / rate;
    const { dispatchTimes, maxActive } = simulate(state, MONDAY_10_MSK, HOUR, Math.min(10, interval / 2));
    const target = rate * 3600;
    expect(Math.abs(dispatchTimes.length - target)).toBeLessThanOrEqual(target * 0.01);
    expect(busiestSecond(dispatchTimes)).toBeLessThanOrEqual(Math.ceil(rate) + BURST);
    expect(maxActive).toBeLessThanOrEqual(cap);
  });

  it('keeps concurrency at the cap when calls outlast the pace', () => {
    const state = withContacts(aDialer({ pace: { callsPerSecond: 5, callsPerHour: 1_000_000, burst: BURST }, settings: { concurrencyCap: 30 }, capacity: 20_000 }), 20_000, MONDAY_10_MSK);
    const { dispatchTimes, maxActive } = simulate(state, MONDAY_10_MSK, HOUR, 10);
    expect(maxActive).toBe(30);
    // 30 slots held 20 s on average: about 1.5 calls per second, far below the pace.
    expect(dispatchTimes.length).toBeLessThan(5 * 3600 * 0.5);
  });

  it('takes the smaller of the hourly and per-second rates', () => {
    const state = withContacts(aDialer({ pace: { callsPerSecond: 50, callsPerHour: 720, burst: BURST }, capacity: 1000 }), 1000, MONDAY_10_MSK);
    expect(simulate(state, MONDAY_10_MSK, HOUR, 10).dispatchTimes).toHaveLength(720);
  });

  it('releases no burst when the window opens on a backlog of due contacts', () => {
    const opening = MONDAY_10_MSK + HOUR; // 11:00 Moscow
    const state = withContacts(
      aDialer({ pace: { callsPerSecond: 5, callsPerHour: 1_000_000, burst: BURST }, schedule: { dailyWindow: { from: '11:00', to: '12:00' } }, capacity: 1000 }),
      1000,
      MONDAY_10_MSK,
    );
    const { dispatchTimes } = simulate(state, MONDAY_10_MSK, 2 * HOUR, 10);
    const first = dispatchTimes[0]!;
    expect(first - opening).toBeGreaterThanOrEqual(0);
    expect(first - opening).toBeLessThan(10);
    expect(dispatchTimes.filter((time) => time < first + SECOND).length).toBeLessThanOrEqual(5);
    expect(dispatchTimes.every((time) => time >= opening && time < opening + HOUR)).toBe(true);
  });
});
