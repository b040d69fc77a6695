import { normaliseEmail } from '../../contact/domain';
import type { ContactStatus } from '../../segment/domain/segment';
import type { DisposableDomains } from './disposable-domains';
import type { EmailVerdict } from './email-verdict';
import type { MailDomainLookup } from './mail-domain-resolver';

/** An address as validation sees it: well-formed with its domain in ASCII (punycode), or not. */
export type EmailSyntax = { readonly ok: true; readonly asciiDomain: string } | { readonly ok: false };

/**
 * The syntax check is the import's (`normaliseEmail`), so an address the import accepted is never
 * called malformed here. It accepts a practical subset of RFC 5322 `addr-spec`:
 * - local part: a dot-atom (atext: letters, digits and ``!#$%&'*+/=?^_`{|}~-``, dots only between
 *   atoms), or the same with Unicode letters (RFC 6531); at most 64 characters;
 * - domain: two or more LDH labels of 1..63 characters after IDNA (`domainToASCII`), not starting
 *   or ending with `-`, the last not all digits; at most 254 characters for the whole address;
 * - NOT accepted: quoted local parts (`"a b"@x.ru`), comments, domain literals (`a@[192.0.2.1]`),
 *   single-label domains (`a@localhost`), obsolete syntax.
 * Surrounding spaces, a `mailto:` prefix and a trailing dot are tolerated as the import tolerates
 * them. Sub-address tags are not touched: removing them is an import option, already applied.
 */
export function emailSyntax(email: string): EmailSyntax {
  const outcome = normaliseEmail(email, { idnToAscii: true, unicodeToAscii: false, removeSubaddress: false });
  if (!outcome.ok) return { ok: false };
  return { ok: true, asciiDomain: outcome.email.slice(outcome.email.lastIndexOf('@') + 1) };
}

/**
 * One address's verdict. Malformed first (nothing to look up), then a disposable domain (known
 * without DNS), then what DNS said about the domain; `lookup` is only asked for a well-formed,
 * non-disposable address.
 */
export async function emailVerdict(email: string, disposable: DisposableDomains, lookup: (asciiDomain: string) => Promise<MailDomainLookup>): Promise<EmailVerdict> {
  const syntax = emailSyntax(email);
  if (!syntax.ok) return 'invalid-syntax';
  if (disposable.isDisposable(syntax.asciiDomain)) return 'disposable';
  const found = await lookup(syntax.asciiDomain);
  return found === 'accepts-mail' ? 'valid' : found === 'no-mail-server' ? 'no-mail-server' : 'unknown';
}

/**
 * A contact's status after its e-mail was judged, as phone validation does for numbers: a contact
 * reachable only by e-mail whose address cannot receive mail (malformed, no mail server, disposable)
 * becomes inactive. A contact with a phone keeps its status (the phone decides whether it is
 * dialled), and `valid` or `unknown` never changes one (a contact the user switched off stays off).
 */
export function statusAfterEmailVerdict(verdict: EmailVerdict, current: ContactStatus, hasPhone: boolean): ContactStatus {
  if (hasPhone || verdict === 'valid' || verdict === 'unknown') return current;
  return 'inactive';
}
