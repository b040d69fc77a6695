import type { MailDomainResolver } from '../domain/mail-domain-resolver';
import type { Zone } from './mail-zone';

/** DNS as the contract sees it: every case the RFC 5321 §5.1 rules and the failure rule cover. */
export const CONTRACT_ZONE: Zone = {
  'mail.example': { mx: [{ preference: 10, exchange: 'mx1.mail.example' }, { preference: 20, exchange: 'mx2.mail.example' }] },
  'a-only.example': { a: ['192.0.2.10'] },
  'aaaa-only.example': { aaaa: ['2001:db8::25'] },
  'null-mx.example': { mx: 'null-mx', a: ['192.0.2.11'] },
  'no-records.example': {},
  'xn--e1afmkfd.xn--p1ai': { mx: [{ preference: 5, exchange: 'mx.xn--e1afmkfd.xn--p1ai' }] },
  'broken.example': 'servfail',
  'silent.example': 'silent',
};

/**
 * What every MailDomainResolver must do, given a double that serves CONTRACT_ZONE: run against the
 * DNS adapter (over the local UDP responder) and the in-memory double.
 */
export function mailDomainResolverContract(name: string, serving: () => { resolver(): MailDomainResolver }): void {
  describe(`MailDomainResolver contract: ${name}`, () => {
    const subject = serving();

    it.each([
      ['a domain with MX records', 'mail.example'],
      ['a domain without MX but with an A record (the implicit MX)', 'a-only.example'],
      ['a domain without MX but with an AAAA record', 'aaaa-only.example'],
      ['an internationalised domain asked in punycode', 'xn--e1afmkfd.xn--p1ai'],
    ])('given %s, when looked up, then it accepts mail', async (_, domain) => {
      await expect(subject.resolver().lookup(domain)).resolves.toBe('accepts-mail');
    });

    it.each([
      ['a domain that does not exist (NXDOMAIN)', 'nowhere.example'],
      ['a domain publishing a null MX, even with an address', 'null-mx.example'],
      ['a domain with neither MX nor A/AAAA records', 'no-records.example'],
    ])('given %s, when looked up, then it has no mail server', async (_, domain) => {
      await expect(subject.resolver().lookup(domain)).resolves.toBe('no-mail-server');
    });

    it.each([
      ['a server answering SERVFAIL', 'broken.example'],
      ['a server that never answers', 'silent.example'],
    ])('given %s, when looked up, then the domain is unknown, not invalid', async (_, domain) => {
      await expect(subject.resolver().lookup(domain)).resolves.toBe('unknown');
    });
  });
}
