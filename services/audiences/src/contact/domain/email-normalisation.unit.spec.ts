import { normaliseEmail, type EmailOptions } from './email-normalisation';

const all: EmailOptions = { idnToAscii: true, unicodeToAscii: true, removeSubaddress: true };
const none: EmailOptions = { idnToAscii: false, unicodeToAscii: false, removeSubaddress: false };

const email = (raw: string, options: EmailOptions) => {
  const outcome = normaliseEmail(raw, options);
  if (!outcome.ok) throw new Error(`${JSON.stringify(raw)} was refused: ${outcome.reason}`);
  return outcome;
};

describe('normaliseEmail', () => {
  it('trims, drops mailto: and lower-cases the domain but not the local part', () => {
    expect(email('  Ivan.Petrov@Example.COM ', none)).toEqual({ ok: true, email: 'Ivan.Petrov@example.com', notes: [] });
    expect(email('mailto:ivan@example.com', none).email).toBe('ivan@example.com');
    expect(email('ivan@example.com.', none).email).toBe('ivan@example.com');
  });

  it('removes a sub-address tag when asked, and only then', () => {
    expect(email('user+promo@gmail.com', all)).toEqual({ ok: true, email: 'user@gmail.com', notes: [{ code: 'subaddress-removed', detail: 'promo' }] });
    expect(email('user+promo@gmail.com', none).email).toBe('user+promo@gmail.com');
  });

  it('converts an internationalised domain to punycode when asked', () => {
    expect(email('info@Пример.РФ', { ...none, idnToAscii: true })).toEqual({
      ok: true,
      email: 'info@xn--e1afmkfd.xn--p1ai',
      notes: [{ code: 'domain-to-punycode', detail: 'xn--e1afmkfd.xn--p1ai' }],
    });
    expect(email('info@Пример.РФ', none).email).toBe('info@пример.рф');
    expect(email('info@xn--e1afmkfd.xn--p1ai', all)).toEqual({ ok: true, email: 'info@xn--e1afmkfd.xn--p1ai', notes: [] });
  });

  it('folds accents to ASCII when asked, and refuses a local part that cannot be', () => {
    expect(email('José.Müller@bücher.de', all)).toMatchObject({ email: 'Jose.Muller@xn--bcher-kva.de', notes: [{ code: 'unicode-to-ascii' }, { code: 'domain-to-punycode' }] });
    expect(normaliseEmail('иван@пример.рф', all)).toEqual({ ok: false, input: 'иван@пример.рф', reason: 'non-ascii-local-part' });
    expect(email('иван@пример.рф', none).email).toBe('иван@пример.рф');
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['ivan.example.com', 'missing-at'],
    ['@example.com', 'invalid-local-part'],
    ['ivan..petrov@example.com', 'invalid-local-part'],
    ['.ivan@example.com', 'invalid-local-part'],
    ['ivan petrov@example.com', 'invalid-local-part'],
    [`${'a'.repeat(65)}@example.com`, 'invalid-local-part'],
    ['ivan@', 'invalid-domain'],
    ['ivan@localhost', 'invalid-domain'],
    ['ivan@example..com', 'invalid-domain'],
    ['ivan@-example.com', 'invalid-domain'],
    ['ivan@exa mple.com', 'invalid-domain'],
    ['ivan@192.168.0.1', 'invalid-domain'],
    ['+tag@example.com', 'invalid-local-part'],
  ])('refuses %j as %s', (raw, reason) => {
    expect(normaliseEmail(raw, all)).toEqual({ ok: false, input: raw, reason });
  });
});
