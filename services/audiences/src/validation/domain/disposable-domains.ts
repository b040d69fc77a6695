/**
 * The disposable-mail port: whether an ASCII domain belongs to a throwaway-address service. Behind a
 * port so an operator can swap the shipped list for a maintained feed without touching validation.
 */
export interface DisposableDomains {
  isDisposable(asciiDomain: string): boolean;
}

/**
 * A fixed list with subdomain matching: listing `mailinator.com` also covers `eu.mailinator.com`
 * (such services hand out addresses on any subdomain), never `notmailinator.com`.
 */
export class ListedDisposableDomains implements DisposableDomains {
  private readonly domains: ReadonlySet<string>;

  constructor(domains: Iterable<string>) {
    this.domains = new Set([...domains].map((domain) => domain.trim().toLowerCase().replace(/\.$/, '')).filter((domain) => domain !== ''));
  }

  isDisposable(asciiDomain: string): boolean {
    const labels = asciiDomain.toLowerCase().replace(/\.$/, '').split('.');
    for (let first = 0; first < labels.length - 1; first++) {
      if (this.domains.has(labels.slice(first).join('.'))) return true;
    }
    return false;
  }
}
