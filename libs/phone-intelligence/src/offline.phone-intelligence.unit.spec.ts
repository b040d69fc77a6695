import { OfflinePhoneIntelligence } from './offline.phone-intelligence';
import { ALL_RUSSIA_TIME_ZONES, RUSSIAN_TIME_ZONES } from './domain/russian-time-zones';
import { describePhoneIntelligenceContract, FIXTURE_TABLES, utcOffsetHours } from './testing';

describePhoneIntelligenceContract('offline adapter over hand-written tables', () => new OfflinePhoneIntelligence(FIXTURE_TABLES));

describe('OfflinePhoneIntelligence rules', () => {
  const intelligence = new OfflinePhoneIntelligence(FIXTURE_TABLES);

  it('corrects Kaliningrad from the Bucharest zone of the data to Europe/Kaliningrad and says why', () => {
    const facts = intelligence.describe('+74012551234');
    expect(facts).toMatchObject({ timeZones: ['Europe/Kaliningrad'], timeZoneCertainty: 'exact', region: { en: 'Kaliningrad' } });
    expect(facts.timeZoneNote).toMatch(/Bucharest/);
  });

  it('corrects Saratov from Moscow time to UTC+4', () => {
    expect(intelligence.describe('+78452234567')).toMatchObject({ timeZones: ['Europe/Saratov'], timeZoneCertainty: 'exact' });
  });

  it('replaces the data\'s blanket Moscow for mobile ranges with all Russian zones', () => {
    const facts = intelligence.describe('+79123456789');
    expect(facts.timeZones).toEqual([...ALL_RUSSIA_TIME_ZONES].sort());
    expect(facts.timeZoneCertainty).toBe('ambiguous');
    expect(facts.region).toBeNull();
  });

  it('takes the operator of the longest prefix', () => {
    expect(intelligence.describe('+79031234567').operator).toEqual({ en: 'Longer-prefix operator', ru: null });
    expect(intelligence.describe('+79031456789').operator).toEqual({ en: 'Beeline', ru: 'Билайн' });
    expect(intelligence.describe('+79261234567').operator).toEqual({ en: 'MegaFon', ru: 'МегаФон' });
  });

  it('reports a multi-zone prefix as ambiguous with every zone', () => {
    const facts = intelligence.describe('+78005553535');
    expect(facts).toMatchObject({ lineType: 'toll-free', timeZones: ['Asia/Almaty', 'Europe/Moscow'], timeZoneCertainty: 'ambiguous' });
    expect(facts.timeZoneNote).toMatch(/\+7800 spans 2 zones/);
  });

  it('leaves the region empty when the data row names nothing', () => {
    expect(intelligence.describe('+78462345678')).toMatchObject({ region: null, timeZones: ['Europe/Samara'] });
  });

  it('does not describe a number that is valid-looking but outside the plan', () => {
    expect(intelligence.describe('+70001234567')).toMatchObject({ valid: false, timeZones: [], operator: null });
  });

  it('covers UTC+2 to UTC+12 with one candidate per offset for an unplaced Russian number', () => {
    const january = new Date(Date.UTC(2026, 0, 15, 12));
    const offsets = ALL_RUSSIA_TIME_ZONES.map((zone) => utcOffsetHours(zone, january));
    expect(offsets).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('knows the fixed offset of every Russian zone, in winter and in summer', () => {
    for (const { zone, utcOffsetHours: hours } of RUSSIAN_TIME_ZONES) {
      expect([zone, utcOffsetHours(zone, new Date(Date.UTC(2026, 0, 15, 12)))]).toEqual([zone, hours]);
      expect([zone, utcOffsetHours(zone, new Date(Date.UTC(2026, 6, 15, 12)))]).toEqual([zone, hours]);
    }
  });
});
