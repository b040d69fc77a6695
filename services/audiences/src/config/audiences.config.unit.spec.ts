import { audiencesConfigSchema } from './audiences.config';

describe('EMAIL_DNS_SERVERS', () => {
  const servers = audiencesConfigSchema.shape.EMAIL_DNS_SERVERS;

  it.each([
    ['unset: the system resolver', undefined, []],
    ['empty: the system resolver', '', []],
    ['addresses with and without ports, spaces around commas', '192.0.2.53, 127.0.0.1:5353,2001:db8::53,[2001:db8::54]:53', ['192.0.2.53', '127.0.0.1:5353', '2001:db8::53', '[2001:db8::54]:53']],
  ])('given %s, then the servers are %j', (_, value, expected) => {
    expect(servers.parse(value)).toEqual(expected);
  });

  it.each([
    ['a host name', 'dns.example'],
    ['a port without an address', ':53'],
    ['a port that is not a number', '127.0.0.1:dns'],
    ['one bad entry among good ones', '192.0.2.53,resolver'],
  ])('given %s, then the configuration is refused', (_, value) => {
    expect(servers.safeParse(value).success).toBe(false);
  });
});

describe('EMAIL_DNS_TIMEOUT_MS and EMAIL_DNS_CONCURRENCY', () => {
  it('default to 3 s and 16, and take positive whole numbers only', () => {
    expect(audiencesConfigSchema.shape.EMAIL_DNS_TIMEOUT_MS.parse(undefined)).toBe(3_000);
    expect(audiencesConfigSchema.shape.EMAIL_DNS_CONCURRENCY.parse(undefined)).toBe(16);
    expect(audiencesConfigSchema.shape.EMAIL_DNS_TIMEOUT_MS.parse('500')).toBe(500);
    expect(audiencesConfigSchema.shape.EMAIL_DNS_TIMEOUT_MS.safeParse('0').success).toBe(false);
  });
});
