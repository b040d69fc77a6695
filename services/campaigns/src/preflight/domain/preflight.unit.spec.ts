import { resolveSchedule } from '../../calling-window/domain';
import { forecastFor, PreflightTally, type PreflightContact, type ProjectHistory } from '.';

/** Every day 10:00-11:00 local: Moscow's window (07-08 UTC) never meets Vladivostok's (00-01 UTC). */
const SCHEDULE = resolveSchedule({ startDate: '2026-01-01', startTime: '00:00', timeZone: 'Europe/Moscow', dailyWindow: { from: '10:00', to: '11:00' }, weekdays: [1, 2, 3, 4, 5, 6, 7] });
const NOW = Date.UTC(2026, 2, 2, 6, 0);

const contact = (phone: string, overrides: Partial<PreflightContact> = {}): PreflightContact => ({ phone, timeZones: ['Europe/Moscow'], blacklisted: false, done: false, ...overrides });

describe('PreflightTally', () => {
  it('given an audience with every kind of contact, then each is counted once under its reason and the counts add up', () => {
    const tally = new PreflightTally(SCHEDULE, NOW);
    const verdicts = [
      contact('+79160000001'),
      contact('+79160000002', { timeZones: ['Asia/Vladivostok'] }),
      contact('89160000003'),
      contact('+7 916 000-00-04'),
      contact('+79160000005', { blacklisted: true }),
      contact('+79160000006', { done: true }),
      contact('+79160000007', { timeZones: [] }),
      contact('+79160000008', { timeZones: ['Mars/Olympus'] }),
      contact('+79160000009', { timeZones: ['Europe/Moscow', 'Asia/Vladivostok'] }),
      // The same number again (in another segment): counted once, as the loader loads it once.
      contact('+79160000001'),
      contact('89160000003'),
    ].map((each) => tally.add(each));

    expect(verdicts).toEqual([
      'Dialable',
      'Dialable',
      'InvalidNumber',
      'InvalidNumber',
      'Blacklisted',
      'AlreadyDone',
      'OutsideEveryWindow',
      'OutsideEveryWindow',
      'OutsideEveryWindow',
      'Duplicate',
      'Duplicate',
    ]);
    const counts = tally.counts();
    expect(counts).toEqual({
      audienceContacts: 9,
      dialableContacts: 2,
      duplicates: 2,
      skipped: { total: 7, invalidNumber: 2, blacklisted: 1, alreadyDone: 1, outsideEveryWindow: 3 },
    });
    expect(counts.dialableContacts + counts.skipped.total).toBe(counts.audienceContacts);
  });

  it('given a contact that is both blacklisted and outside every window, then the first reason wins (invalid, blacklisted, done, window)', () => {
    const tally = new PreflightTally(SCHEDULE, NOW);
    expect(tally.add(contact('+79160000001', { blacklisted: true, done: true, timeZones: [] }))).toBe('Blacklisted');
    expect(tally.add(contact('+79160000002', { done: true, timeZones: [] }))).toBe('AlreadyDone');
    expect(tally.add(contact('not a number', { blacklisted: true }))).toBe('InvalidNumber');
  });

  it('given a schedule that never opens, then every valid contact is outside every window', () => {
    const tally = new PreflightTally(null, NOW);
    tally.add(contact('+79160000001'));
    tally.add(contact('+79160000002', { blacklisted: true }));
    expect(tally.counts().skipped).toEqual({ total: 2, invalidNumber: 0, blacklisted: 1, alreadyDone: 0, outsideEveryWindow: 1 });
  });

  it('given no contacts, then everything is zero', () => {
    expect(new PreflightTally(SCHEDULE, NOW).counts()).toEqual({
      audienceContacts: 0,
      dialableContacts: 0,
      duplicates: 0,
      skipped: { total: 0, invalidNumber: 0, blacklisted: 0, alreadyDone: 0, outsideEveryWindow: 0 },
    });
  });
});

describe('forecastFor', () => {
  const history: ProjectHistory = { contacts: 200, attempts: 500, answered: 150, answeredTalkSeconds: 150 * 48, goals: 30 };

  it("given the project's history, when 1,000 contacts are dialable, then calls, talk minutes and goals follow its rates", () => {
    expect(forecastFor(history, 1_000, 4)).toEqual({
      hasHistory: true,
      historyContacts: 200,
      attemptsPerContact: 2.5,
      answeredRate: 0.3,
      averageBillableSeconds: 48,
      goalRate: 0.15,
      expectedCalls: 2_500,
      // 2,500 calls x 30% answered x 48 s = 36,000 s.
      expectedTalkMinutes: 600,
      expectedGoals: 150,
      maxCalls: 4_000,
    });
  });

  it("given a history that redialled more than this campaign's rules allow, then calls per contact are capped by the rules", () => {
    const forecast = forecastFor(history, 100, 2);
    expect(forecast.attemptsPerContact).toBe(2);
    expect(forecast.expectedCalls).toBe(200);
    expect(forecast.expectedCalls).toBeLessThanOrEqual(forecast.maxCalls);
  });

  it('given no history, then nothing is guessed: has_history is false, the expected values are 0, and only the maximum the rules allow is given', () => {
    expect(forecastFor({ contacts: 0, attempts: 0, answered: 0, answeredTalkSeconds: 0, goals: 0 }, 1_000, 4)).toEqual({
      hasHistory: false,
      historyContacts: 0,
      attemptsPerContact: 0,
      answeredRate: 0,
      averageBillableSeconds: 0,
      goalRate: 0,
      expectedCalls: 0,
      expectedTalkMinutes: 0,
      expectedGoals: 0,
      maxCalls: 4_000,
    });
  });

  it('given a history whose calls were never answered, then talk time and goals are 0 without dividing by zero', () => {
    const forecast = forecastFor({ contacts: 10, attempts: 30, answered: 0, answeredTalkSeconds: 0, goals: 0 }, 10, 3);
    expect(forecast).toMatchObject({ hasHistory: true, answeredRate: 0, averageBillableSeconds: 0, expectedCalls: 30, expectedTalkMinutes: 0, expectedGoals: 0 });
  });
});
