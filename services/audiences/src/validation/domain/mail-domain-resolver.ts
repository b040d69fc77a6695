/**
 * What DNS says about a domain as a mail destination: `accepts-mail` (mail servers are published),
 * `no-mail-server` (the domain does not exist, publishes a null MX, or has no MX and no address), or
 * `unknown` (no trustworthy answer: a timeout, SERVFAIL, a refused query).
 */
export type MailDomainLookup = 'accepts-mail' | 'no-mail-server' | 'unknown';

/** The DNS port of e-mail validation: one lookup per ASCII (punycode) domain. */
export interface MailDomainResolver {
  lookup(asciiDomain: string): Promise<MailDomainLookup>;
}

/** One DNS question's answer as the rules need it. */
export type DnsAnswer =
  | { readonly kind: 'records'; readonly values: readonly string[] }
  /** NOERROR with no records of the type asked (NODATA). */
  | { readonly kind: 'no-records' }
  /** NXDOMAIN: the name does not exist at all. */
  | { readonly kind: 'no-domain' }
  /** Timed out, SERVFAIL, refused, or anything else: nothing is known. */
  | { readonly kind: 'failed' };

/**
 * RFC 5321 §5.1 from the MX answer alone, or `undefined` when the address records must be asked:
 * MX records name the mail servers; a single MX whose exchange is the root (RFC 7505 "null MX")
 * says the domain accepts no mail; NXDOMAIN means there is no such domain.
 */
export function lookupFromMx(mx: DnsAnswer, isNullMx: (exchanges: readonly string[]) => boolean): MailDomainLookup | undefined {
  switch (mx.kind) {
    case 'records':
      if (mx.values.length === 0) return undefined;
      return isNullMx(mx.values) ? 'no-mail-server' : 'accepts-mail';
    case 'no-domain':
      return 'no-mail-server';
    case 'failed':
      return 'unknown';
    case 'no-records':
      return undefined;
  }
}

/**
 * RFC 5321 §5.1 fallback when there is no MX: the domain itself is the mail server if it has an A or
 * AAAA record. One address is enough; a failed question with no address elsewhere leaves it unknown.
 */
export function lookupFromAddresses(a: DnsAnswer, aaaa: DnsAnswer): MailDomainLookup {
  const answers = [a, aaaa];
  if (answers.some((answer) => answer.kind === 'records' && answer.values.length > 0)) return 'accepts-mail';
  if (answers.some((answer) => answer.kind === 'failed')) return 'unknown';
  return 'no-mail-server';
}

/** RFC 7505: exactly one MX, whose exchange is the root ("." or, as resolvers report it, empty). */
export const isNullMx = (exchanges: readonly string[]): boolean => exchanges.length === 1 && (exchanges[0] === '' || exchanges[0] === '.');
