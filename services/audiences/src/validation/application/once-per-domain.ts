import type { MailDomainLookup, MailDomainResolver } from '../domain/mail-domain-resolver';

/**
 * The DNS lookups of one run: each domain is asked once however many contacts share it (100k
 * addresses at gmail.com cost one lookup), concurrent askers share the lookup in flight. The cache
 * lives as long as the run, so the next run sees DNS as it is then. An `unknown` is kept too: a
 * domain whose DNS timed out is not asked again by every one of its contacts. A resolver that throws
 * counts as `unknown`: our failure never marks an address bad.
 */
export function oncePerDomain(resolver: MailDomainResolver): (asciiDomain: string) => Promise<MailDomainLookup> {
  const lookups = new Map<string, Promise<MailDomainLookup>>();
  return (asciiDomain) => {
    const key = asciiDomain.toLowerCase();
    let lookup = lookups.get(key);
    if (lookup === undefined) {
      lookup = resolver.lookup(key).catch((): MailDomainLookup => 'unknown');
      lookups.set(key, lookup);
    }
    return lookup;
  };
}
