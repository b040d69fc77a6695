import { Resolver } from 'node:dns/promises';
import { isNullMx, lookupFromAddresses, lookupFromMx, type DnsAnswer, type MailDomainLookup, type MailDomainResolver } from '../domain/mail-domain-resolver';

export type DnsMailDomainResolverOptions = {
  /** `ip` or `ip:port` of the name servers to ask; empty: the system's resolver configuration. */
  readonly servers: readonly string[];
  /** How long one question waits for its answer (one try) before it counts as unknown. */
  readonly timeoutMs: number;
  /** Questions in flight at most: a run over many domains must not flood the resolver. */
  readonly concurrency: number;
};

/** c-ares error codes that are answers rather than failures. */
const NO_RECORDS = new Set(['ENODATA']);
const NO_DOMAIN = new Set(['ENOTFOUND']);

/** A counting gate: at most `limit` holders at once, the others wait in order. */
class Gate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/**
 * The DNS port over `node:dns/promises` (c-ares): MX first, then A and AAAA when there is no MX
 * (RFC 5321 §5.1). Each question has one try of `timeoutMs`; a timeout, SERVFAIL, a refused or
 * unreachable server make the domain `unknown`, never `no-mail-server`.
 */
export class DnsMailDomainResolver implements MailDomainResolver {
  private readonly resolver: Resolver;
  private readonly gate: Gate;

  constructor(options: DnsMailDomainResolverOptions) {
    this.resolver = new Resolver({ timeout: options.timeoutMs, tries: 1 });
    if (options.servers.length > 0) this.resolver.setServers([...options.servers]);
    this.gate = new Gate(options.concurrency);
  }

  async lookup(asciiDomain: string): Promise<MailDomainLookup> {
    const mx = await this.ask(() => this.resolver.resolveMx(asciiDomain).then((records) => records.map((record) => record.exchange)));
    const fromMx = lookupFromMx(mx, isNullMx);
    if (fromMx !== undefined) return fromMx;
    const [a, aaaa] = await Promise.all([this.ask(() => this.resolver.resolve4(asciiDomain)), this.ask(() => this.resolver.resolve6(asciiDomain))]);
    return lookupFromAddresses(a, aaaa);
  }

  private async ask(question: () => Promise<string[]>): Promise<DnsAnswer> {
    try {
      const values = await this.gate.run(question);
      return values.length === 0 ? { kind: 'no-records' } : { kind: 'records', values };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && NO_RECORDS.has(code)) return { kind: 'no-records' };
      if (typeof code === 'string' && NO_DOMAIN.has(code)) return { kind: 'no-domain' };
      return { kind: 'failed' };
    }
  }
}
