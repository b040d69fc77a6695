import { domainToASCII } from 'node:url';
import { note, type NormalisationNote } from './normalisation-note';

export type EmailOptions = {
  /** Internationalised domains to punycode (`пример.рф` -> `xn--e1afmkfd.xn--p1ai`). */
  readonly idnToAscii: boolean;
  /** The whole address to ASCII: accents folded in the local part, the domain to punycode; refused if impossible. */
  readonly unicodeToAscii: boolean;
  /** `user+tag@host` -> `user@host`. */
  readonly removeSubaddress: boolean;
};

export type EmailRejectionReason = 'empty' | 'missing-at' | 'invalid-local-part' | 'non-ascii-local-part' | 'invalid-domain' | 'too-long';

export type EmailOutcome =
  | { readonly ok: true; readonly email: string; readonly notes: readonly NormalisationNote[] }
  | { readonly ok: false; readonly input: string; readonly reason: EmailRejectionReason };

const MAX_LOCAL = 64;
const MAX_ADDRESS = 254;
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const ASCII_LOCAL = new RegExp(`^${ATOM}(?:\\.${ATOM})*$`);
const UNICODE_ATOM = "[\\p{L}\\p{N}\\p{M}!#$%&'*+/=?^_`{|}~-]+";
const UNICODE_LOCAL = new RegExp(`^${UNICODE_ATOM}(?:\\.${UNICODE_ATOM})*$`, 'u');
const DNS_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const COMBINING_MARKS = /\p{M}/gu;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7F]/;

/** Domains repeat across an audience (a few mail providers hold most addresses): each is checked once. */
const checkedDomains = new Map<string, string | null>();
const CHECKED_DOMAINS_KEPT = 4096;

function asciiDomain(domain: string): string | undefined {
  const known = checkedDomains.get(domain);
  if (known !== undefined) return known ?? undefined;
  const ascii = checkedAsciiDomain(domain);
  if (checkedDomains.size >= CHECKED_DOMAINS_KEPT) checkedDomains.clear();
  checkedDomains.set(domain, ascii ?? null);
  return ascii;
}

function checkedAsciiDomain(domain: string): string | undefined {
  const ascii = domainToASCII(domain);
  if (ascii === '' || ascii.length > 253) return undefined;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((label) => DNS_LABEL.test(label))) return undefined;
  return /^\d+$/.test(labels[labels.length - 1] ?? '') ? undefined : ascii;
}

const reject = (input: string, reason: EmailRejectionReason): EmailOutcome => ({ ok: false, input, reason });

/** One e-mail address trimmed, domain lower-cased (and converted as asked), sub-address dropped as asked, syntax checked. */
export function normaliseEmail(raw: string, options: EmailOptions): EmailOutcome {
  const text = raw.normalize('NFC').trim().replace(/^mailto:/i, '');
  if (text === '') return reject(raw, 'empty');
  const at = text.lastIndexOf('@');
  if (at < 0) return reject(raw, 'missing-at');
  const notes: NormalisationNote[] = [];
  let local = text.slice(0, at);
  const domain = text.slice(at + 1).toLowerCase().replace(/\.$/, '');

  if (options.removeSubaddress && local.includes('+')) {
    notes.push(note('subaddress-removed', local.slice(local.indexOf('+') + 1)));
    local = local.slice(0, local.indexOf('+'));
  }
  if (options.unicodeToAscii && NON_ASCII.test(local)) {
    local = local.normalize('NFKD').replace(COMBINING_MARKS, '').normalize('NFC');
    if (NON_ASCII.test(local)) return reject(raw, 'non-ascii-local-part');
    notes.push(note('unicode-to-ascii'));
  }
  if (local === '' || local.length > MAX_LOCAL || !(ASCII_LOCAL.test(local) || UNICODE_LOCAL.test(local))) return reject(raw, 'invalid-local-part');

  const ascii = asciiDomain(domain);
  if (ascii === undefined) return reject(raw, 'invalid-domain');
  const toAscii = (options.idnToAscii || options.unicodeToAscii) && ascii !== domain;
  if (toAscii) notes.push(note('domain-to-punycode', ascii));
  const email = `${local}@${toAscii ? ascii : domain}`;
  return email.length > MAX_ADDRESS ? reject(raw, 'too-long') : { ok: true, email, notes };
}
