import type { PhoneFacts } from '@zvonar/phone-intelligence';
import { validatePhone } from './phone-validation';

const facts = (overrides: Partial<PhoneFacts>): PhoneFacts => ({
  e164: '+79161234567',
  valid: true,
  country: 'RU',
  region: { en: 'Moscow', ru: 'Москва' },
  operator: { en: 'MTS', ru: 'МТС' },
  timeZones: ['Europe/Moscow'],
  timeZoneCertainty: 'exact',
  lineType: 'mobile',
  ...overrides,
});

describe('phone validation of a stored contact', () => {
  it('basic sets the region only; extended adds operator, zones and line type', () => {
    expect(validatePhone(facts({}), 'active', 'phone-basic')).toEqual({ status: 'active', details: { region: 'Москва' } });
    expect(validatePhone(facts({}), 'active', 'phone-extended')).toEqual({
      status: 'active',
      details: { region: 'Москва', operator: 'МТС', timeZones: ['Europe/Moscow'], lineType: 'mobile' },
    });
  });

  it('switches off an invalid number, marks a foreign one, and keeps a contact the user switched off', () => {
    expect(validatePhone(facts({ valid: false }), 'active', 'phone-basic').status).toBe('inactive');
    expect(validatePhone(facts({ country: 'KZ' }), 'active', 'phone-basic').status).toBe('not-russian');
    expect(validatePhone(facts({}), 'inactive', 'phone-basic').status).toBe('inactive');
    expect(validatePhone(facts({}), 'not-russian', 'phone-basic').status).toBe('active');
  });
});
