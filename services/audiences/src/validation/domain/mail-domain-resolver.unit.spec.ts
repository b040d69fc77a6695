import { isNullMx, lookupFromAddresses, lookupFromMx, type DnsAnswer } from './mail-domain-resolver';

const records = (...values: string[]): DnsAnswer => ({ kind: 'records', values });
const noRecords: DnsAnswer = { kind: 'no-records' };
const noDomain: DnsAnswer = { kind: 'no-domain' };
const failed: DnsAnswer = { kind: 'failed' };

describe('RFC 5321 §5.1: mail servers of a domain', () => {
  it.each([
    ['MX records', records('mx1.example', 'mx2.example'), 'accepts-mail'],
    ['a null MX (RFC 7505, the root as "")', records(''), 'no-mail-server'],
    ['a null MX written "."', records('.'), 'no-mail-server'],
    ['NXDOMAIN', noDomain, 'no-mail-server'],
    ['a failed MX question', failed, 'unknown'],
    ['no MX records', noRecords, undefined],
    ['an empty MX answer', records(), undefined],
  ])('given %s, then the MX answer alone decides %s', (_, mx, expected) => {
    expect(lookupFromMx(mx, isNullMx)).toBe(expected);
  });

  it('a root exchange among other MX records is not a null MX', () => {
    expect(isNullMx(['', 'mx.example'])).toBe(false);
  });

  it.each([
    ['an A record', records('192.0.2.1'), noRecords, 'accepts-mail'],
    ['an AAAA record', noRecords, records('2001:db8::1'), 'accepts-mail'],
    ['an address although the other question failed', records('192.0.2.1'), failed, 'accepts-mail'],
    ['no address records', noRecords, noRecords, 'no-mail-server'],
    ['no such domain', noDomain, noDomain, 'no-mail-server'],
    ['a failed question and no address', noRecords, failed, 'unknown'],
    ['both questions failed', failed, failed, 'unknown'],
  ])('given no MX and %s, then the fallback decides %s', (_, a, aaaa, expected) => {
    expect(lookupFromAddresses(a, aaaa)).toBe(expected);
  });
});
