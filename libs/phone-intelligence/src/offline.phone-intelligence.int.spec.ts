// Runs against the real generated data: generates it first (pip download of the pinned wheel on a
// fresh clone, a no-op when .zvonar/numbering-data/ is current), then checks the contract and the
// Russian time-zone table.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultNumberingDataFile, NumberingDataMissingError, readNumberingDataFile } from './numbering-data.file';
import { OfflinePhoneIntelligence } from './offline.phone-intelligence';
import {
  describePhoneIntelligenceContract,
  GENERATION_TIMEOUT_MS,
  offlineIntelligenceOverGeneratedData,
  RUSSIAN_TIME_ZONE_CASES,
  utcOffsetHours,
  WORKSPACE_ROOT,
} from './testing';

let intelligence: OfflinePhoneIntelligence;

beforeAll(() => {
  intelligence = offlineIntelligenceOverGeneratedData();
}, GENERATION_TIMEOUT_MS);

describePhoneIntelligenceContract('offline adapter over the generated libphonenumber data', () => intelligence);

describe('offline numbering data', () => {
  it('comes from the pinned phonenumbers release', () => {
    expect(intelligence.source).toEqual({ name: 'libphonenumber data via phonenumbers', version: '9.0.43' });
  });

  describe.each(RUSSIAN_TIME_ZONE_CASES)('$city ($written)', ({ e164, region, zone, utcOffsetHours: hours }) => {
    it(`is in ${zone} (UTC+${hours}) in ${region}`, () => {
      const facts = intelligence.describe(e164);
      expect(facts).toMatchObject({ e164, valid: true, country: 'RU', lineType: 'fixed-line', timeZones: [zone], timeZoneCertainty: 'exact' });
      expect(facts.region?.en).toBe(region);
      expect(facts.region?.ru).toBeTruthy();
    });

    it(`keeps UTC+${hours} in winter and summer`, () => {
      expect(utcOffsetHours(zone, new Date(Date.UTC(2026, 0, 15, 12)))).toBe(hours);
      expect(utcOffsetHours(zone, new Date(Date.UTC(2026, 6, 15, 12)))).toBe(hours);
    });
  });

  it.each(['+74012123456', '+78402123456', '+73432123456', '+74952123456', '+78002123456', '+79002123456'])(
    'never places Russian number %s in a zone with summer time',
    (e164) => {
      const facts = intelligence.describe(e164);
      expect(facts).toMatchObject({ valid: true, country: 'RU' });
      expect(facts.timeZones.length).toBeGreaterThan(0);
      for (const zone of facts.timeZones) {
        expect([zone, utcOffsetHours(zone, new Date(Date.UTC(2026, 0, 15)))]).toEqual([zone, utcOffsetHours(zone, new Date(Date.UTC(2026, 6, 15)))]);
      }
    },
  );

  it('covers every Russian offset from UTC+2 to UTC+12 with the table', () => {
    expect([...new Set(RUSSIAN_TIME_ZONE_CASES.map((row) => row.utcOffsetHours))].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it.each([
    ['+79261234567', 'MegaFon'],
    ['+79031234567', 'Beeline'],
    ['+79501234567', 'T2'],
  ])('names the operator of mobile range %s (%s) and leaves its zone ambiguous', (e164, operator) => {
    const facts = intelligence.describe(e164);
    expect(facts).toMatchObject({ lineType: 'mobile', operator: { en: operator }, timeZoneCertainty: 'ambiguous', region: null });
    expect(facts.timeZones).toHaveLength(11);
  });
});

describe('missing numbering data', () => {
  it('says which command produces it', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'zvonar-no-numbering-data-'));
    try {
      const file = defaultNumberingDataFile({ ZVONAR_NUMBERING_DATA_DIR: empty }, WORKSPACE_ROOT);
      expect(() => readNumberingDataFile(file)).toThrow(NumberingDataMissingError);
      expect(() => OfflinePhoneIntelligence.fromFile(file)).toThrow(/node tools\/numbering-data\/cli\.mjs/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
