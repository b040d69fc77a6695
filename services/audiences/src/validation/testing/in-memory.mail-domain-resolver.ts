import { isNullMx, lookupFromAddresses, lookupFromMx, type DnsAnswer, type MailDomainLookup, type MailDomainResolver } from '../domain/mail-domain-resolver';
import type { Zone } from './mail-zone';

/**
 * The DNS port answered from a table in memory, for unit specs: the same rules as the DNS adapter
 * (the contract suite runs against both), a `silent` name answering `unknown` at once instead of
 * after a timeout. Counts the lookups per domain.
 */
export class InMemoryMailDomainResolver implements MailDomainResolver {
  readonly lookups = new Map<string, number>();

  constructor(private readonly zone: Zone) {}

  lookup(asciiDomain: string): Promise<MailDomainLookup> {
    this.lookups.set(asciiDomain, (this.lookups.get(asciiDomain) ?? 0) + 1);
    const answer = (values: (entry: Exclude<Zone[string], string>) => readonly string[]): DnsAnswer => {
      const entry = this.zone[asciiDomain];
      if (entry === undefined) return { kind: 'no-domain' };
      if (typeof entry === 'string') return { kind: 'failed' };
      const found = values(entry);
      return found.length === 0 ? { kind: 'no-records' } : { kind: 'records', values: found };
    };
    const mx = answer((entry) => (entry.mx === 'null-mx' ? [''] : (entry.mx ?? []).map((record) => record.exchange)));
    const fromMx = lookupFromMx(mx, isNullMx);
    return Promise.resolve(fromMx ?? lookupFromAddresses(answer((entry) => entry.a ?? []), answer((entry) => entry.aaaa ?? [])));
  }
}
