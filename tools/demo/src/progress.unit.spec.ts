import { isOver, progressLine } from './progress';

describe('demo progress', () => {
  it('shows the elapsed time, status, calls, goals, spend and contacts in one line', () => {
    const line = progressLine({ elapsedMs: 75_400, status: 'running', totalContacts: 60, finishedContacts: 21, placed: 30, answered: 14, goals: 6, inCall: 4, waiting: 35, billableSeconds: 97 });

    expect(line).toBe('[01:15] running   · calls placed 30 · answered 14 · goals 6 · in call 4 · waiting 35 · spend 97 billable s · contacts done 21/60');
  });

  it('is over when the campaign completed or stopped, or when every contact is finished with no live call', () => {
    const report = { totalContacts: 60, finishedContacts: 60, inCall: 0, audienceLoaded: true };

    expect(isOver('completed', { ...report, finishedContacts: 0 })).toBe(true);
    expect(isOver('stopped', { ...report, finishedContacts: 0 })).toBe(true);
    expect(isOver('running', report)).toBe(true);
    expect(isOver('running', { ...report, inCall: 1 })).toBe(false);
    expect(isOver('running', { ...report, finishedContacts: 59 })).toBe(false);
    expect(isOver('running', { ...report, audienceLoaded: false })).toBe(false);
  });
});
