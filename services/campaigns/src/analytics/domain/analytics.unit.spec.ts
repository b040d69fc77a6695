import { callRates, ratio } from './call-rates';
import { csvCell, csvLine, UTF8_BOM } from './csv';
import { liveProgress, perHour } from './live-progress';
import { checkRange, isKnownTimeZone } from './statistics-range';

const NOW = new Date('2026-03-02T12:00:00Z');

describe('live progress', () => {
  it('turns attempts in a window into a rate per hour', () => {
    expect(perHour(5, 60)).toBe(300);
    expect(perHour(90, 900)).toBe(360);
    expect(perHour(3, 0)).toBe(0);
  });

  it('given 1,000 contacts, 250 processed and 100 attempts in 15 minutes, then 25% done and 750 contacts in 1h52m30s', () => {
    const progress = liveProgress({ total: 1000, processed: 250, running: true, placedLastMinute: 7, placedLastQuarterHour: 100 }, NOW);
    expect(progress).toEqual({
      total: 1000,
      processed: 250,
      remaining: 750,
      percentDone: 25,
      callsPerHourLastMinute: 420,
      callsPerHourLastQuarterHour: 400,
      estimatedCompletionAt: new Date('2026-03-02T13:52:30Z'),
    });
  });

  it('given a paused campaign or one that placed nothing in 15 minutes, then no ETA', () => {
    expect(liveProgress({ total: 10, processed: 1, running: false, placedLastMinute: 0, placedLastQuarterHour: 40 }, NOW).estimatedCompletionAt).toBeNull();
    expect(liveProgress({ total: 10, processed: 1, running: true, placedLastMinute: 0, placedLastQuarterHour: 0 }, NOW).estimatedCompletionAt).toBeNull();
  });

  it('given no contacts yet, then 0% (not NaN); given every contact processed, then 100% and the ETA is now', () => {
    expect(liveProgress({ total: 0, processed: 0, running: true, placedLastMinute: 0, placedLastQuarterHour: 0 }, NOW).percentDone).toBe(0);
    const done = liveProgress({ total: 4, processed: 4, running: true, placedLastMinute: 1, placedLastQuarterHour: 4 }, NOW);
    expect([done.percentDone, done.remaining, done.estimatedCompletionAt]).toEqual([100, 0, NOW]);
  });

  it('given a counter that ran ahead of the total (a report older than the load), then processed never exceeds the total', () => {
    expect(liveProgress({ total: 5, processed: 7, running: true, placedLastMinute: 0, placedLastQuarterHour: 0 }, NOW)).toMatchObject({ processed: 5, remaining: 0, percentDone: 100 });
  });
});

describe('call rates', () => {
  it('divides by what there is and answers 0 instead of NaN', () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(3, 0)).toBe(0);
    expect(callRates({ placed: 200, answered: 50, goals: 10, talkSeconds: 1500 }, 40)).toEqual({ answerRate: 0.25, goalRateOfAnswered: 0.2, goalRateOfContacts: 0.25, averageTalkSeconds: 30 });
    expect(callRates({ placed: 0, answered: 0, goals: 0, talkSeconds: 0 }, 0)).toEqual({ answerRate: 0, goalRateOfAnswered: 0, goalRateOfContacts: 0, averageTalkSeconds: 0 });
  });
});

describe('statistics range', () => {
  const from = new Date('2026-01-01T00:00:00Z');
  const days = (n: number) => new Date(from.getTime() + n * 86_400_000);

  it('accepts IANA zones and refuses offsets and unknown names', () => {
    expect(['Europe/Moscow', 'Asia/Kamchatka', 'America/New_York', 'UTC', 'Etc/GMT-3'].filter(isKnownTimeZone)).toHaveLength(5);
    expect(['Mars/Olympus', '+03:00', 'MSK+1', '', 'Europe/Moscow; DROP'].filter(isKnownTimeZone)).toEqual([]);
  });

  it('given an empty zone, then UTC', () => {
    expect(checkRange({ from, to: days(1), bucket: 'hour', timeZone: ' ' })).toEqual({ ok: true, range: { from, to: days(1), bucket: 'hour', timeZone: 'UTC' } });
  });

  it('allows 31 days of hours and 400 days of days, and not a millisecond more', () => {
    expect(checkRange({ from, to: days(31), bucket: 'hour', timeZone: 'Europe/Moscow' }).ok).toBe(true);
    expect(checkRange({ from, to: new Date(days(31).getTime() + 1), bucket: 'hour', timeZone: 'Europe/Moscow' })).toEqual({
      ok: false,
      violations: [{ field: 'to', code: 'RANGE_TOO_LONG', message: 'hour buckets cover at most 31 days' }],
    });
    expect(checkRange({ from, to: days(400), bucket: 'day', timeZone: 'Europe/Moscow' }).ok).toBe(true);
    expect(checkRange({ from, to: days(401), bucket: 'day', timeZone: 'Europe/Moscow' }).ok).toBe(false);
  });

  it('reports every problem at once: unknown zone, missing from, reversed range', () => {
    const check = checkRange({ from: undefined, to: days(1), bucket: 'day', timeZone: 'Nowhere/Land' });
    expect(check.ok ? [] : check.violations.map(({ field, code }) => `${field}:${code}`)).toEqual(['time_zone:UNKNOWN_TIME_ZONE', 'from:REQUIRED']);
    const reversed = checkRange({ from: days(2), to: days(1), bucket: 'day', timeZone: 'UTC' });
    expect(reversed.ok ? [] : reversed.violations.map(({ field, code }) => `${field}:${code}`)).toEqual(['to:RANGE_REVERSED']);
  });
});

describe('CSV for Excel-RU', () => {
  it('quotes cells holding the delimiter, quotes or line breaks, and doubles the quotes', () => {
    expect(csvLine(['Иван; Петров', 'сказал "да"', 'строка\nвторая', 'просто'])).toBe('"Иван; Петров";"сказал ""да""";"строка\nвторая";просто\r\n');
  });

  it('writes numbers with a decimal comma, booleans as 1/0 and nothing for absent values', () => {
    expect(csvLine([12.5, 3, true, false, null, undefined, Number.NaN])).toBe('12,5;3;1;0;;;\r\n');
  });

  it('defuses cells a spreadsheet would run as formulas, but keeps E.164 phone numbers', () => {
    expect(['=HYPERLINK("x")', '-1+2', '@SUM(A1)', '+79161234567', '+7 (916) =1'].map(csvCell)).toEqual([
      `"'=HYPERLINK(""x"")"`,
      "'-1+2",
      "'@SUM(A1)",
      '+79161234567',
      "'+7 (916) =1",
    ]);
  });

  it('starts files with the UTF-8 byte order mark', () => {
    expect(Buffer.from(UTF8_BOM, 'utf8')).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
