// The contract every PhoneIntelligence adapter meets, whatever its data source.
// Numbers used: a Yekaterinburg landline, a Russian mobile (DEF 926), a London landline, rubbish.
import type { PhoneIntelligence } from '../domain/phone-intelligence.port';

const YEKATERINBURG = '+73431234567';
const RUSSIAN_MOBILE = '+79261234567';
const LONDON = '+442079460958';
const NOT_A_NUMBER = '8 (912) 345';
const TOO_SHORT = '+7123';

export function describePhoneIntelligenceContract(name: string, make: () => PhoneIntelligence): void {
  describe(`PhoneIntelligence contract: ${name}`, () => {
    let intelligence: PhoneIntelligence;
    beforeAll(() => {
      intelligence = make();
    });

    it('names its source and version', () => {
      expect(intelligence.source.name).not.toBe('');
      expect(intelligence.source.version).toMatch(/\d/);
    });

    it('places a Russian geographic number in one zone with its country and region', async () => {
      const facts = await intelligence.lookup(YEKATERINBURG);
      expect(facts).toMatchObject({ e164: YEKATERINBURG, valid: true, country: 'RU', lineType: 'fixed-line', timeZoneCertainty: 'exact' });
      expect(facts.timeZones).toEqual(['Asia/Yekaterinburg']);
      expect(facts.region?.en ?? facts.region?.ru).toBeTruthy();
    });

    it('gives a Russian mobile number its operator and every candidate zone, flagged ambiguous with a reason', async () => {
      const facts = await intelligence.lookup(RUSSIAN_MOBILE);
      expect(facts).toMatchObject({ valid: true, country: 'RU', lineType: 'mobile', timeZoneCertainty: 'ambiguous' });
      expect(facts.operator?.en ?? facts.operator?.ru).toBeTruthy();
      expect(facts.timeZones).toEqual(expect.arrayContaining(['Europe/Kaliningrad', 'Europe/Moscow', 'Asia/Kamchatka']));
      expect(facts.timeZoneNote).toBeTruthy();
    });

    it('answers for other countries too', async () => {
      const facts = await intelligence.lookup(LONDON);
      expect(facts).toMatchObject({ valid: true, country: 'GB', timeZones: ['Europe/London'], timeZoneCertainty: 'exact' });
    });

    it.each([NOT_A_NUMBER, TOO_SHORT, ''])('reports %j as invalid with no zone', async (input) => {
      const facts = await intelligence.lookup(input);
      expect(facts).toMatchObject({ valid: false, timeZones: [], timeZoneCertainty: 'unknown', lineType: 'unknown', operator: null, region: null });
    });

    it('keeps certainty consistent with the zones, which are sorted IANA ids', async () => {
      for (const facts of await intelligence.lookupMany([YEKATERINBURG, RUSSIAN_MOBILE, LONDON, TOO_SHORT])) {
        const expected = facts.timeZones.length === 0 ? 'unknown' : facts.timeZones.length === 1 ? 'exact' : 'ambiguous';
        expect(facts.timeZoneCertainty).toBe(expected);
        expect([...facts.timeZones].sort()).toEqual(facts.timeZones);
        for (const zone of facts.timeZones) expect(() => new Intl.DateTimeFormat('en', { timeZone: zone })).not.toThrow();
      }
    });

    it('answers lookupMany in input order, the same as lookup', async () => {
      const inputs = [LONDON, TOO_SHORT, YEKATERINBURG, RUSSIAN_MOBILE];
      const many = await intelligence.lookupMany(inputs);
      expect(many.map((facts) => facts.e164)).toEqual(inputs);
      expect(many).toEqual(await Promise.all(inputs.map((input) => intelligence.lookup(input))));
    });
  });
}
