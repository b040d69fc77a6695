import { allContactsDone, COMPLETION_GRACE_MS, isOver, progressLine } from './progress';

describe('demo progress', () => {
  it('shows the elapsed time, status, calls, goals, spend and contacts in one line', () => {
    const line = progressLine({ elapsedMs: 75_400, status: 'running', totalContacts: 60, finishedContacts: 21, placed: 30, answered: 14, goals: 6, inCall: 4, waiting: 35, billableSeconds: 97 });

    expect(line).toBe('[01:15] running   · calls placed 30 · answered 14 · goals 6 · in call 4 · waiting 35 · spend 97 billable s · contacts done 21/60');
  });

  it('is over when the campaign completed or stopped, or when every contact has been done for the grace period', () => {
    expect(isOver('completed', null)).toBe(true);
    expect(isOver('stopped', null)).toBe(true);
    expect(isOver('running', null)).toBe(false);
    expect(isOver('running', COMPLETION_GRACE_MS - 1)).toBe(false);
    expect(isOver('running', COMPLETION_GRACE_MS)).toBe(true);
  });

  it('counts every contact done only once the audience is loaded, all are finished and no call is live', () => {
    const report = { totalContacts: 60, finishedContacts: 60, inCall: 0, audienceLoaded: true };

    expect(allContactsDone(report)).toBe(true);
    expect(allContactsDone({ ...report, inCall: 1 })).toBe(false);
    expect(allContactsDone({ ...report, finishedContacts: 59 })).toBe(false);
    expect(allContactsDone({ ...report, audienceLoaded: false })).toBe(false);
  });
});
