import { ListedDisposableDomains } from './disposable-domains';
import { emailSyntax, emailVerdict, statusAfterEmailVerdict } from './email-validation';
import { EMAIL_VERDICTS, noEmailResults, tallied, totalOf, type EmailVerdict } from './email-verdict';
import type { MailDomainLookup } from './mail-domain-resolver';
import { WELL_KNOWN_DISPOSABLE_DOMAINS } from './well-known-disposable-domains';

describe('e-mail syntax (a practical subset of RFC 5322 addr-spec)', () => {
  it.each([
    ['ivan@example.ru', 'example.ru'],
    ['Ivan.Petrov@Example.RU', 'example.ru'],
    ["o'brien+tag@mail.example.com", 'mail.example.com'],
    ["!#$%&'*+/=?^_`{|}~-@example.com", 'example.com'],
    ['  ivan@example.ru  ', 'example.ru'],
    ['mailto:ivan@example.ru', 'example.ru'],
    ['ivan@example.ru.', 'example.ru'],
    ['иван@пример.рф', 'xn--e1afmkfd.xn--p1ai'],
    ['user@münchen.de', 'xn--mnchen-3ya.de'],
    ['user@xn--e1afmkfd.xn--p1ai', 'xn--e1afmkfd.xn--p1ai'],
    ['a@b-c.d-e.io', 'b-c.d-e.io'],
  ])('given %j, then it is well-formed with the ASCII domain %s', (email, asciiDomain) => {
    expect(emailSyntax(email)).toEqual({ ok: true, asciiDomain });
  });

  it.each([
    ['no @ at all', 'ivan.example.ru'],
    ['an empty local part', '@example.ru'],
    ['an empty domain', 'ivan@'],
    ['a single-label domain', 'ivan@localhost'],
    ['a domain literal', 'ivan@[192.0.2.1]'],
    ['an all-numeric top-level label', 'ivan@192.0.2.1'],
    ['a quoted local part', '"ivan petrov"@example.ru'],
    ['a leading dot', '.ivan@example.ru'],
    ['two dots in a row', 'ivan..petrov@example.ru'],
    ['a trailing dot in the local part', 'ivan.@example.ru'],
    ['a space inside', 'ivan petrov@example.ru'],
    ['two @', 'ivan@petrov@example.ru'],
    ['a label starting with a hyphen', 'ivan@-example.ru'],
    ['a label ending with a hyphen', 'ivan@example-.ru'],
    ['an empty label', 'ivan@example..ru'],
    ['a label over 63 characters', `ivan@${'a'.repeat(64)}.ru`],
    ['a local part over 64 characters', `${'a'.repeat(65)}@example.ru`],
    ['an address over 254 characters', `ivan@${Array.from({ length: 5 }, () => 'a'.repeat(60)).join('.')}.ru`],
    ['an underscore in the domain', 'ivan@ex_ample.ru'],
    ['blank', '   '],
  ])('given %s (%j), then it is malformed', (_, email) => {
    expect(emailSyntax(email)).toEqual({ ok: false });
  });
});

describe('disposable domains', () => {
  const disposable = new ListedDisposableDomains(['mailinator.com', 'Yopmail.com.', ' temp-mail.org ']);

  it.each([
    ['a listed domain', 'mailinator.com', true],
    ['a subdomain of a listed one', 'eu.mailinator.com', true],
    ['a deeper subdomain', 'a.b.mailinator.com', true],
    ['a listed domain written in capitals with a trailing dot in the list', 'yopmail.com', true],
    ['a domain that only ends with the same letters', 'notmailinator.com', false],
    ['the parent of a listed domain', 'com', false],
    ['a listed name under another top-level domain', 'mailinator.org', false],
    ['an entry trimmed of spaces', 'temp-mail.org', true],
    ['an ordinary provider', 'gmail.com', false],
  ])('given %s (%s), then disposable is %s', (_, domain, expected) => {
    expect(disposable.isDisposable(domain)).toBe(expected);
  });

  it('the shipped list holds the well-known services, each a lower-case domain, without repeats, sorted', () => {
    expect(WELL_KNOWN_DISPOSABLE_DOMAINS).toEqual(expect.arrayContaining(['mailinator.com', '10minutemail.com', 'guerrillamail.com', 'temp-mail.org', 'yopmail.com']));
    expect(WELL_KNOWN_DISPOSABLE_DOMAINS.every((domain) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain))).toBe(true);
    expect(new Set(WELL_KNOWN_DISPOSABLE_DOMAINS).size).toBe(WELL_KNOWN_DISPOSABLE_DOMAINS.length);
    expect([...WELL_KNOWN_DISPOSABLE_DOMAINS].sort()).toEqual(WELL_KNOWN_DISPOSABLE_DOMAINS);
  });
});

describe('an address verdict', () => {
  const disposable = new ListedDisposableDomains(['mailinator.com']);
  const dns: Record<string, MailDomainLookup> = { 'example.ru': 'accepts-mail', 'dead.example': 'no-mail-server', 'flaky.example': 'unknown', 'xn--e1afmkfd.xn--p1ai': 'accepts-mail' };
  const asked: string[] = [];
  const lookup = (domain: string): Promise<MailDomainLookup> => {
    asked.push(domain);
    return Promise.resolve(dns[domain] ?? 'no-mail-server');
  };
  beforeEach(() => (asked.length = 0));

  it.each<[string, string, EmailVerdict]>([
    ['a well-formed address whose domain accepts mail', 'ivan@example.ru', 'valid'],
    ['an internationalised domain, asked in punycode', 'иван@пример.рф', 'valid'],
    ['a domain without mail servers', 'ivan@dead.example', 'no-mail-server'],
    ['a domain DNS could not answer for', 'ivan@flaky.example', 'unknown'],
    ['a malformed address', 'ivan@@example.ru', 'invalid-syntax'],
    ['a disposable domain', 'x@eu.mailinator.com', 'disposable'],
  ])('given %s (%s), then it is %s', async (_, email, verdict) => {
    await expect(emailVerdict(email, disposable, lookup)).resolves.toBe(verdict);
  });

  it('given the punycode of an IDN domain, then DNS is asked about the ASCII name', async () => {
    await emailVerdict('иван@пример.рф', disposable, lookup);
    expect(asked).toEqual(['xn--e1afmkfd.xn--p1ai']);
  });

  it('given a malformed or disposable address, then DNS is not asked', async () => {
    await emailVerdict('not an address', disposable, lookup);
    await emailVerdict('x@mailinator.com', disposable, lookup);
    expect(asked).toEqual([]);
  });
});

describe("a contact's status after its e-mail verdict", () => {
  it.each<[EmailVerdict, boolean, 'active' | 'inactive' | 'not-russian', 'active' | 'inactive' | 'not-russian']>([
    ['invalid-syntax', false, 'active', 'inactive'],
    ['no-mail-server', false, 'active', 'inactive'],
    ['disposable', false, 'active', 'inactive'],
    ['unknown', false, 'active', 'active'],
    ['valid', false, 'active', 'active'],
    ['valid', false, 'inactive', 'inactive'],
    ['no-mail-server', true, 'active', 'active'],
    ['invalid-syntax', true, 'not-russian', 'not-russian'],
  ])('given %s with a phone: %s, status %s, then it becomes %s', (verdict, hasPhone, current, expected) => {
    expect(statusAfterEmailVerdict(verdict, current, hasPhone)).toBe(expected);
  });
});

describe('a run tally', () => {
  it('counts each verdict once and adds up to the addresses checked', () => {
    const verdicts: EmailVerdict[] = ['valid', 'valid', 'unknown', 'disposable', 'invalid-syntax', 'no-mail-server', 'valid'];
    const results = tallied(tallied(noEmailResults, verdicts.slice(0, 3)), verdicts.slice(3));
    expect(results).toEqual({ valid: 3, 'invalid-syntax': 1, 'no-mail-server': 1, disposable: 1, unknown: 1 });
    expect(totalOf(results)).toBe(verdicts.length);
    expect(noEmailResults).toEqual(Object.fromEntries(EMAIL_VERDICTS.map((verdict) => [verdict, 0])));
  });
});
