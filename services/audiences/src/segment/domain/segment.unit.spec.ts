import { checkedSegmentName, SEGMENT_NAME_MAX, statusOfPhone } from './segment';

describe('segment rules', () => {
  it('marks a foreign number not-russian, keeps Russian and e-mail-only contacts active', () => {
    expect(statusOfPhone('RU', '+79161234567')).toBe('active');
    expect(statusOfPhone('KZ', '+77012345678')).toBe('not-russian');
    expect(statusOfPhone(null, '+99999')).toBe('not-russian');
    expect(statusOfPhone(null, null)).toBe('active');
  });

  it('trims a name and refuses a blank or overlong one', () => {
    expect(checkedSegmentName('  Клиенты  ')).toBe('Клиенты');
    expect(checkedSegmentName('   ')).toBeNull();
    expect(checkedSegmentName('я'.repeat(SEGMENT_NAME_MAX + 1))).toBeNull();
  });
});
