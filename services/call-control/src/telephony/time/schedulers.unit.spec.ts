import { RealTimeScheduler } from './real-time.scheduler';
import { VirtualScheduler } from './virtual.scheduler';

describe('VirtualScheduler', () => {
  it('runs tasks in due order, ties in scheduling order, moving the clock to each', () => {
    const scheduler = new VirtualScheduler('2026-03-02T10:00:00.000Z');
    const ran: string[] = [];
    scheduler.after(300, () => ran.push(`c@${scheduler.now().toISOString()}`));
    scheduler.after(100, () => ran.push('a'));
    scheduler.after(100, () => {
      ran.push('b');
      scheduler.after(0, () => ran.push('b-then'));
    });
    while (scheduler.runNext());
    expect(ran).toEqual(['a', 'b', 'b-then', 'c@2026-03-02T10:00:00.300Z']);
  });

  it('never runs a cancelled task and does not count it as pending', () => {
    const scheduler = new VirtualScheduler();
    const ran: string[] = [];
    const task = scheduler.after(10, () => ran.push('cancelled'));
    scheduler.after(20, () => ran.push('kept'));
    task.cancel();
    expect(scheduler.pending).toBe(1);
    expect(scheduler.nextDueAt).toBe(scheduler.now().getTime() + 20);
    while (scheduler.runNext());
    expect(ran).toEqual(['kept']);
    expect(scheduler.runNext()).toBe(false);
  });
});

describe('RealTimeScheduler', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs simulated delays faster than real time by the time scale', () => {
    const scheduler = new RealTimeScheduler(10, 0);
    const fired: number[] = [];
    scheduler.after(10_000, () => fired.push(scheduler.now().getTime()));
    jest.advanceTimersByTime(999);
    expect(fired).toEqual([]);
    expect(scheduler.pendingCount).toBe(1);
    jest.advanceTimersByTime(1);
    expect(fired).toHaveLength(1);
    expect(fired[0]).toBeCloseTo(10_000, -1);
    expect(scheduler.pendingCount).toBe(0);
  });

  it('keeps to the wall clock on request while running the delays faster', () => {
    jest.setSystemTime(new Date('2026-03-02T10:00:00.000Z'));
    const scheduler = new RealTimeScheduler(20, 0, 'wall');
    const fired: string[] = [];
    scheduler.after(20_000, () => fired.push(scheduler.now().toISOString()));
    jest.advanceTimersByTime(1_000);
    expect(fired).toEqual(['2026-03-02T10:00:01.000Z']);
  });

  it('drops a cancelled timer', () => {
    const scheduler = new RealTimeScheduler(1, 0);
    const task = scheduler.after(50, () => {
      throw new Error('must not run');
    });
    task.cancel();
    expect(scheduler.pendingCount).toBe(0);
    jest.advanceTimersByTime(100);
  });

  it('refuses a time scale that is not positive', () => expect(() => new RealTimeScheduler(0)).toThrow('timeScale'));
});
