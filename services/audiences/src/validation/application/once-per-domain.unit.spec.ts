import type { MailDomainLookup, MailDomainResolver } from '../domain/mail-domain-resolver';
import { InMemoryMailDomainResolver } from '../testing/in-memory.mail-domain-resolver';
import { oncePerDomain } from './once-per-domain';

describe('DNS lookups of one run', () => {
  it('given 10,000 addresses at one domain looked up together, then DNS is asked once', async () => {
    const dns = new InMemoryMailDomainResolver({ 'gmail.com': { mx: [{ preference: 5, exchange: 'gmail-smtp-in.l.google.com' }] } });
    const lookup = oncePerDomain(dns);
    const found = await Promise.all(Array.from({ length: 10_000 }, () => lookup('gmail.com')));
    expect(new Set(found)).toEqual(new Set(['accepts-mail']));
    expect(dns.lookups.get('gmail.com')).toBe(1);
  });

  it('given the same domain in other letter cases, then it is one domain', async () => {
    const dns = new InMemoryMailDomainResolver({});
    const lookup = oncePerDomain(dns);
    await lookup('Example.RU');
    await lookup('example.ru');
    expect([...dns.lookups]).toEqual([['example.ru', 1]]);
  });

  it('given two runs, then each asks DNS afresh', async () => {
    const dns = new InMemoryMailDomainResolver({});
    await oncePerDomain(dns)('example.ru');
    await oncePerDomain(dns)('example.ru');
    expect(dns.lookups.get('example.ru')).toBe(2);
  });

  it('given a resolver that throws, then the domain is unknown, never invalid', async () => {
    const broken: MailDomainResolver = { lookup: (): Promise<MailDomainLookup> => Promise.reject(new Error('resolver crashed')) };
    await expect(oncePerDomain(broken)('example.ru')).resolves.toBe('unknown');
  });
});
