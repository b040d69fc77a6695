import { CONTRACT_ZONE, mailDomainResolverContract } from '../testing/mail-domain-resolver.contract';
import { DnsMailDomainResolver } from './dns.mail-domain-resolver';
import { LocalDnsResponder } from './testing/local-dns-responder';

const TIMEOUT_MS = 300;

/** The adapter over a real UDP exchange with the local responder (no network beyond 127.0.0.1). */
function overLocalResponder(concurrency = 8): { resolver(): DnsMailDomainResolver; responder(): LocalDnsResponder } {
  let responder: LocalDnsResponder;
  let resolver: DnsMailDomainResolver;
  beforeAll(async () => {
    responder = await LocalDnsResponder.start(CONTRACT_ZONE);
    resolver = new DnsMailDomainResolver({ servers: [responder.server], timeoutMs: TIMEOUT_MS, concurrency });
  });
  afterAll(async () => responder?.stop());
  return { resolver: () => resolver, responder: () => responder };
}

mailDomainResolverContract('node:dns over a local UDP responder', overLocalResponder);

describe('DnsMailDomainResolver', () => {
  const subject = overLocalResponder(2);

  it('given a domain with MX records, when looked up, then it asks MX only', async () => {
    await subject.resolver().lookup('mail.example');
    expect([subject.responder().questions('mail.example', 'MX'), subject.responder().questions('mail.example', 'A'), subject.responder().questions('mail.example', 'AAAA')]).toEqual([1, 0, 0]);
  });

  it('given a domain without MX, when looked up, then it falls back to A and AAAA', async () => {
    await subject.resolver().lookup('a-only.example');
    expect([subject.responder().questions('a-only.example', 'MX'), subject.responder().questions('a-only.example', 'A'), subject.responder().questions('a-only.example', 'AAAA')]).toEqual([1, 1, 1]);
  });

  it('given a server that never answers, when looked up, then it is unknown after about one timeout', async () => {
    const started = Date.now();
    await expect(subject.resolver().lookup('silent.example')).resolves.toBe('unknown');
    // One try of TIMEOUT_MS (c-ares may wait a little longer); far less than retrying or hanging.
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 10);
  });

  it('given more silent domains than the concurrency limit, when looked up together, then they queue: about two timeouts for four domains two at a time', async () => {
    const started = Date.now();
    const zone = { ...CONTRACT_ZONE };
    subject.responder().serve({ ...zone, 's1.example': 'silent', 's2.example': 'silent', 's3.example': 'silent', 's4.example': 'silent' });
    const found = await Promise.all(['s1.example', 's2.example', 's3.example', 's4.example'].map((domain) => subject.resolver().lookup(domain)));
    expect(found).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS * 2 - 50);
    subject.responder().serve(zone);
  });

  it('given a name server that does not exist, when looked up, then the domain is unknown', async () => {
    // A closed port on loopback: the question is refused or times out; neither is the domain's fault.
    const responder = await LocalDnsResponder.start({});
    const server = responder.server;
    await responder.stop();
    const resolver = new DnsMailDomainResolver({ servers: [server], timeoutMs: TIMEOUT_MS, concurrency: 1 });
    await expect(resolver.lookup('mail.example')).resolves.toBe('unknown');
  });
});
