import type { EmailStatus } from '../../segment/domain/segment';

/**
 * What an e-mail validation makes of one address (stored as the contact's email status). `unknown`
 * is our DNS failing (a timeout, SERVFAIL): it says nothing about the address, so it never counts
 * against the contact.
 */
export type EmailVerdict = EmailStatus;

export const EMAIL_VERDICTS: readonly EmailVerdict[] = ['valid', 'invalid-syntax', 'no-mail-server', 'disposable', 'unknown'];

/** How many checked addresses came out as each verdict; the counts add up to the addresses checked. */
export type EmailResults = Readonly<Record<EmailVerdict, number>>;

export const noEmailResults: EmailResults = { valid: 0, 'invalid-syntax': 0, 'no-mail-server': 0, disposable: 0, unknown: 0 };

/** `results` plus one per verdict. */
export function tallied(results: EmailResults, verdicts: readonly EmailVerdict[]): EmailResults {
  const next = { ...results };
  for (const verdict of verdicts) next[verdict] += 1;
  return next;
}

export const totalOf = (results: EmailResults): number => EMAIL_VERDICTS.reduce((sum, verdict) => sum + results[verdict], 0);
