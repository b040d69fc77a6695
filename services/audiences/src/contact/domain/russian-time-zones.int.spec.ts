// Item 8 of the audiences issue: numbers written the way customer files write them, from every Russian
// time zone, come out in E.164 with the right region and zone. Runs the normalisation, then the offline
// PhoneIntelligence over the generated libphonenumber data (generated first if missing).
import type { OfflinePhoneIntelligence } from '@zvonar/phone-intelligence';
import { GENERATION_TIMEOUT_MS, offlineIntelligenceOverGeneratedData, RUSSIAN_TIME_ZONE_CASES } from '@zvonar/phone-intelligence/src/testing';
import { normalisePhoneCell } from './phone-cell-normalisation';

let intelligence: OfflinePhoneIntelligence;

beforeAll(() => {
  intelligence = offlineIntelligenceOverGeneratedData();
}, GENERATION_TIMEOUT_MS);

describe('a contact from every Russian time zone', () => {
  it.each(RUSSIAN_TIME_ZONE_CASES)('$written ($city) -> $e164, $region, $zone', ({ written, e164, region, zone }) => {
    const { phones, rejected } = normalisePhoneCell(written, { defaultCountry: 'RU', splitMultiple: true });
    expect(rejected).toEqual([]);
    expect(phones.map((phone) => phone.e164)).toEqual([e164]);
    expect(intelligence.describe(e164)).toMatchObject({ valid: true, country: 'RU', region: { en: region }, timeZones: [zone], timeZoneCertainty: 'exact' });
  });

  it('splits a mixed cell from two zones into two contacts with their own zones', () => {
    const { phones } = normalisePhoneCell('8 (4012) 55-12-34; +7 (4152) 41-23-45', { defaultCountry: 'RU', splitMultiple: true });
    expect(phones.map((phone) => intelligence.describe(phone.e164).timeZones)).toEqual([['Europe/Kaliningrad'], ['Asia/Kamchatka']]);
  });

  it('gives a mobile number every Russian zone and says the zone is ambiguous', () => {
    const [phone] = normalisePhoneCell('8 (926) 123-45-67', { defaultCountry: 'RU', splitMultiple: true }).phones;
    const facts = intelligence.describe(phone?.e164 ?? '');
    expect(facts).toMatchObject({ lineType: 'mobile', timeZoneCertainty: 'ambiguous', operator: { en: 'MegaFon' } });
    expect(facts.timeZones).toHaveLength(11);
  });
});
