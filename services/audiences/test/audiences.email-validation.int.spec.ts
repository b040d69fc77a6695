import { status as GrpcStatus } from '@grpc/grpc-js';
import { GENERATION_TIMEOUT_MS } from '@zvonar/phone-intelligence/src/testing';
import { createTestDatabase, describeWithPostgres, eventually } from '@zvonar/testing';
import { Pool } from 'pg';
import { audiencesV1 } from '../src/segment/api/audiences.proto';
import { LocalDnsResponder } from '../src/validation/infrastructure/testing/local-dns-responder';
import type { Zone } from '../src/validation/testing/mail-zone';
import { as, aUser, call, failure, startAudiences } from './audiences.test-client';
import { ProjectsStandIn } from './project-stand-in';

const OWNER = aUser('owner');
const STRANGER = aUser('stranger');
const { SegmentKind, ContactStatus, EmailStatus } = audiencesV1;

/** DNS as the spec's responder serves it; every other name is NXDOMAIN. */
const ZONE: Zone = {
  'gmail.com': { mx: [{ preference: 5, exchange: 'gmail-smtp-in.l.google.com' }] },
  'a-only.example': { a: ['192.0.2.10'] },
  'xn--e1afmkfd.xn--p1ai': { mx: [{ preference: 10, exchange: 'mx.xn--e1afmkfd.xn--p1ai' }] },
  'null-mx.example': { mx: 'null-mx' },
  'no-records.example': {},
  'broken.example': 'servfail',
  'silent.example': 'silent',
};
const GMAIL_USERS = 300;
const TIMEOUT_MS = 300;

/** Pasted one per line, as a user pastes them (the pasted list normalises them like an import: the IDN domain to punycode). */
const PASTED = [
  ...Array.from({ length: GMAIL_USERS }, (_, index) => `user${index}@gmail.com`),
  'ivan@a-only.example', // valid: no MX, the A record is the implicit MX
  'иван@пример.рф', // valid: asked as xn--e1afmkfd.xn--p1ai
  'x@null-mx.example', // no mail server: RFC 7505
  'x@no-records.example', // no mail server: neither MX nor A/AAAA
  'x@nowhere.example', // no mail server: NXDOMAIN
  'x@mailinator.com', // disposable
  'y@eu.yopmail.com', // disposable: a subdomain of a listed one
  'x@broken.example', // unknown: SERVFAIL
  'x@silent.example', // unknown: never answered
].join('\n');

jest.setTimeout(30_000);

describeWithPostgres('e-mail validation over gRPC, DNS from a local responder', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let started: Awaited<ReturnType<typeof startAudiences>>;
  let client: audiencesV1.AudiencesServiceClient;
  let projects: ProjectsStandIn;
  let pool: Pool;
  let dns: LocalDnsResponder;
  let projectNumber = 0;

  beforeAll(async () => {
    dns = await LocalDnsResponder.start(ZONE);
    database = await createTestDatabase(serverUrl, 'audiences_email_validation');
    pool = new Pool({ connectionString: database.url, max: 4 });
    projects = await ProjectsStandIn.connect(pool);
    started = await startAudiences({ DATABASE_URL: database.url, BUS: 'embedded', EMAIL_DNS_SERVERS: dns.server, EMAIL_DNS_TIMEOUT_MS: String(TIMEOUT_MS) });
    client = as(started.client.service, OWNER);
  }, GENERATION_TIMEOUT_MS);

  afterAll(async () => {
    await started?.stop();
    await projects?.close();
    await pool?.end();
    await database?.drop();
    await dns?.stop();
  });

  /**
   * A segment of the pasted addresses plus what no import lets in, written as an older import or a
   * direct write could have left them: two malformed e-mail-only contacts, a contact with a phone
   * and a dead e-mail, a phone-only contact (no e-mail: not checked).
   */
  const aSegment = async (name: string) => {
    const projectId = await projects.create(`project-${++projectNumber}`, OWNER);
    const { segment } = await call(client.createSegment({ projectId, name, kind: SegmentKind.SEGMENT_KIND_AUDIENCE, pastedList: PASTED, defaultCountry: '' }));
    await pool.query(
      `INSERT INTO audiences.contacts (segment_id, phone, email, status) VALUES
         ($1, NULL, 'not an address', 'active'), ($1, NULL, 'a@@b.ru', 'active'),
         ($1, '+79161234567', 'dead@nowhere.example', 'active'), ($1, '+79161234568', NULL, 'active')`,
      [segment!.segmentId],
    );
    return segment!;
  };

  const finished = (segmentId: string) =>
    eventually(
      async () => {
        const segment = (await call(client.getSegment({ segmentId }))).segment!;
        const run = segment.scoringHistory.find((candidate) => candidate.kind === 'email');
        return run?.state === 'completed' && { segment, run };
      },
      { what: 'the e-mail validation run to complete', timeoutMs: 20_000 },
    );

  /** A contact filter on the given fields only. */
  const only = (filter: Partial<audiencesV1.ContactFilter>): audiencesV1.ContactFilter => ({ status: 0 as never, timeZone: '', region: '', lineType: '', emailStatus: 0 as never, ...filter });

  const contactsOf = async (segmentId: string, filter?: Partial<audiencesV1.ContactFilter>) =>
    (await call(client.listContacts({ segmentId, filter: filter && only(filter), page: { pageSize: 1000, pageToken: '' } }))).contacts;

  it('validates every e-mail of a segment in place: a verdict per address, counts that add up to the contacts with an e-mail, each domain asked once', async () => {
    const segment = await aSegment('Рассылка');
    const withEmail = GMAIL_USERS + 9 + 3;

    const { run } = await call(client.validateEmails({ segmentId: segment.segmentId, newSegmentName: '' }));
    expect(run).toMatchObject({ kind: 'email', state: 'running' });
    const done = await finished(segment.segmentId);

    expect(done.run.contactsChecked).toBe(withEmail);
    expect(done.run.emailResults).toEqual({ valid: GMAIL_USERS + 2, invalidSyntax: 2, noMailServer: 4, disposable: 2, unknown: 2 });
    const results = done.run.emailResults!;
    expect(results.valid + results.invalidSyntax + results.noMailServer + results.disposable + results.unknown).toBe(done.run.contactsChecked);

    const verdicts = new Map((await contactsOf(segment.segmentId)).map((contact) => [contact.email || contact.phone, contact]));
    expect(verdicts.size).toBe(withEmail + 1);
    expect(
      Object.fromEntries(
        ['ivan@a-only.example', 'иван@xn--e1afmkfd.xn--p1ai', 'x@null-mx.example', 'x@no-records.example', 'x@nowhere.example', 'x@mailinator.com', 'y@eu.yopmail.com', 'x@broken.example', 'x@silent.example', 'not an address', 'a@@b.ru', 'dead@nowhere.example', '+79161234568'].map(
          (key) => [key, [verdicts.get(key)?.emailStatus, verdicts.get(key)?.status]],
        ),
      ),
    ).toEqual({
      'ivan@a-only.example': [EmailStatus.EMAIL_STATUS_VALID, ContactStatus.CONTACT_STATUS_ACTIVE],
      'иван@xn--e1afmkfd.xn--p1ai': [EmailStatus.EMAIL_STATUS_VALID, ContactStatus.CONTACT_STATUS_ACTIVE],
      'x@null-mx.example': [EmailStatus.EMAIL_STATUS_NO_MAIL_SERVER, ContactStatus.CONTACT_STATUS_INACTIVE],
      'x@no-records.example': [EmailStatus.EMAIL_STATUS_NO_MAIL_SERVER, ContactStatus.CONTACT_STATUS_INACTIVE],
      'x@nowhere.example': [EmailStatus.EMAIL_STATUS_NO_MAIL_SERVER, ContactStatus.CONTACT_STATUS_INACTIVE],
      'x@mailinator.com': [EmailStatus.EMAIL_STATUS_DISPOSABLE, ContactStatus.CONTACT_STATUS_INACTIVE],
      'y@eu.yopmail.com': [EmailStatus.EMAIL_STATUS_DISPOSABLE, ContactStatus.CONTACT_STATUS_INACTIVE],
      // Our DNS failing says nothing about the address: unknown, and the contact stays active.
      'x@broken.example': [EmailStatus.EMAIL_STATUS_UNKNOWN, ContactStatus.CONTACT_STATUS_ACTIVE],
      'x@silent.example': [EmailStatus.EMAIL_STATUS_UNKNOWN, ContactStatus.CONTACT_STATUS_ACTIVE],
      'not an address': [EmailStatus.EMAIL_STATUS_INVALID_SYNTAX, ContactStatus.CONTACT_STATUS_INACTIVE],
      'a@@b.ru': [EmailStatus.EMAIL_STATUS_INVALID_SYNTAX, ContactStatus.CONTACT_STATUS_INACTIVE],
      // The phone decides whether a contact with one is dialled.
      'dead@nowhere.example': [EmailStatus.EMAIL_STATUS_NO_MAIL_SERVER, ContactStatus.CONTACT_STATUS_ACTIVE],
      '+79161234568': [EmailStatus.EMAIL_STATUS_UNSPECIFIED, ContactStatus.CONTACT_STATUS_ACTIVE],
    });
    expect([...verdicts.values()].filter((contact) => contact.email.endsWith('@gmail.com') && contact.emailStatus === EmailStatus.EMAIL_STATUS_VALID)).toHaveLength(GMAIL_USERS);
    expect(done.segment.counts).toMatchObject({ total: withEmail + 1, inactive: 7 });

    // 300 addresses at gmail.com, one question; a domain without MX asked A and AAAA once each.
    expect(dns.questions('gmail.com', 'MX')).toBe(1);
    expect([dns.questions('a-only.example', 'MX'), dns.questions('a-only.example', 'A'), dns.questions('a-only.example', 'AAAA')]).toEqual([1, 1, 1]);
    expect(dns.questions('nowhere.example', 'MX')).toBe(1);
    // Disposable and malformed addresses need no DNS.
    expect(dns.questions('mailinator.com') + dns.questions('eu.yopmail.com')).toBe(0);

    const disposable = await contactsOf(segment.segmentId, { emailStatus: EmailStatus.EMAIL_STATUS_DISPOSABLE });
    expect(disposable.map((contact) => contact.email)).toEqual(['x@mailinator.com', 'y@eu.yopmail.com']);
    // Segmenting by the verdict: the deliverable addresses as a segment of their own, verdicts kept.
    const deliverable = (await call(client.createSegmentFromFilter({ segmentId: segment.segmentId, name: 'Доставляемые', filter: only({ emailStatus: EmailStatus.EMAIL_STATUS_VALID }) }))).segment!;
    expect(deliverable.counts!.total).toBe(GMAIL_USERS + 2);
    expect(new Set((await contactsOf(deliverable.segmentId)).map((contact) => contact.emailStatus))).toEqual(new Set([EmailStatus.EMAIL_STATUS_VALID]));
  });

  it('validates into a new segment, leaving the original untouched; one run at a time; strangers see nothing', async () => {
    const segment = await aSegment('Исходный');
    const stranger = as(started.client.service, STRANGER);
    expect((await failure(stranger.validateEmails({ segmentId: segment.segmentId, newSegmentName: '' }))).code).toBe(GrpcStatus.NOT_FOUND);

    const { segment: copy, run } = await call(client.validateEmails({ segmentId: segment.segmentId, newSegmentName: 'Проверенные адреса' }));
    expect(copy).toMatchObject({ name: 'Проверенные адреса', counts: { total: GMAIL_USERS + 9 + 4 } });
    expect(copy!.segmentId).not.toBe(segment.segmentId);
    // The run waits at least one DNS timeout (silent.example): a second run on the copy is refused meanwhile.
    const second = await failure(client.validateEmails({ segmentId: copy!.segmentId, newSegmentName: '' }));
    expect(second.code).toBe(GrpcStatus.FAILED_PRECONDITION);

    const done = await finished(copy!.segmentId);
    expect(done.run.runId).toBe(run!.runId);
    expect(done.segment.scoringHistory).toHaveLength(1);
    expect(done.run.emailResults).toEqual({ valid: GMAIL_USERS + 2, invalidSyntax: 2, noMailServer: 4, disposable: 2, unknown: 2 });
    const original = await contactsOf(segment.segmentId);
    expect(new Set(original.map((contact) => contact.emailStatus))).toEqual(new Set([EmailStatus.EMAIL_STATUS_UNSPECIFIED]));
    expect((await call(client.getSegment({ segmentId: segment.segmentId }))).segment!.scoringHistory).toEqual([]);
  });

  it('given DNS failing for every domain, then no address is called bad for it: well-formed ones are unknown and keep their status', async () => {
    const segment = await aSegment('Без DNS');
    dns.serve(Object.fromEntries(['gmail.com', 'a-only.example', 'xn--e1afmkfd.xn--p1ai', 'null-mx.example', 'no-records.example', 'nowhere.example', 'broken.example', 'silent.example'].map((name) => [name, 'servfail'])));
    try {
      await call(client.validateEmails({ segmentId: segment.segmentId, newSegmentName: '' }));
      const done = await finished(segment.segmentId);
      expect(done.run.emailResults).toEqual({ valid: 0, invalidSyntax: 2, noMailServer: 0, disposable: 2, unknown: GMAIL_USERS + 9 - 2 + 1 });
      expect(done.segment.counts).toMatchObject({ inactive: 4 });
    } finally {
      dns.serve(ZONE);
    }
  });
});
