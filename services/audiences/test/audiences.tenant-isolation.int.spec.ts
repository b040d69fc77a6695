import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import { GENERATION_TIMEOUT_MS, offlineIntelligenceOverGeneratedData } from '@zvonar/phone-intelligence/src/testing';
import { principalMetadata, type Principal } from '@zvonar/project-access';
import { aPrincipal, describeTenantIsolation, ProjectsStandIn, type IsolationCast, type IsolationVerb } from '@zvonar/project-access/src/testing';
import { createTestDatabase, describeWithPostgres, eventually } from '@zvonar/testing';
import { Pool } from 'pg';
import { audiencesV1 } from '../src/segment/api/audiences.proto';
import { all, as, call, failure, inEnglish, startAudiences, type AudiencesClient } from './audiences.test-client';

const { ColumnTarget_Kind: Kind, ImportJobState, SegmentKind, TextEncoding, ContactStatus, ExportFormat, PhoneValidationKind } = audiencesV1;

/** Two dialable numbers, phones only: the e-mail validation has nothing to ask DNS about. */
const PASTED = '+79161234567\n+79161234568';
/** One imported row and one rejected, so the job's error report has a row. */
const IMPORT_CSV = 'Телефон;Имя\r\n+79161234569;Анна\r\nне номер;Пётр\r\n';
const NO_FILTER: audiencesV1.ContactFilter = { status: ContactStatus.CONTACT_STATUS_UNSPECIFIED, timeZone: '', region: '', lineType: '', emailStatus: audiencesV1.EmailStatus.EMAIL_STATUS_UNSPECIFIED };
const OPTIONS: audiencesV1.NormalisationOptions = {
  defaultCountry: 'RU',
  splitMultiplePhones: false,
  idnEmails: false,
  unicodeToAscii: false,
  stripSubaddress: false,
  removeDuplicates: true,
};

// Each of five callers tries every verb, each verb on a fresh project with the segment, upload,
// job or contact it needs (prepared by the project's owner); the imports finish in the background.
jest.setTimeout(240_000);

describeWithPostgres('AudiencesService', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let pool: Pool;
  let projects: ProjectsStandIn;
  let started: Awaited<ReturnType<typeof startAudiences>>;
  /** Sends only the metadata a verb is called with (a principal's, or none). */
  let client: AudiencesClient['service'];

  beforeAll(async () => {
    // Phone validation reads the generated numbering data: generate it once before the service starts.
    offlineIntelligenceOverGeneratedData();
    database = await createTestDatabase(serverUrl, 'audiences_isolation');
    pool = new Pool({ connectionString: database.url, max: 2 });
    projects = await ProjectsStandIn.connect(pool, 'audiences');
    started = await startAudiences({ DATABASE_URL: database.url, BUS: 'embedded' });
    client = started.client.service;
  }, GENERATION_TIMEOUT_MS);

  afterAll(async () => {
    await started?.stop();
    await projects?.close();
    await pool?.end();
    await database?.drop();
  });

  const asOwner = (cast: IsolationCast) => as(client, cast.owner);

  const aSegment = async (cast: IsolationCast, kind = SegmentKind.SEGMENT_KIND_AUDIENCE): Promise<audiencesV1.Segment> =>
    (await call(asOwner(cast).createSegment({ projectId: cast.projectId, name: 'Клиенты', kind, pastedList: PASTED, defaultCountry: '' }))).segment!;

  const anUpload = async (cast: IsolationCast): Promise<string> =>
    (await call(asOwner(cast).uploadImport({ projectId: cast.projectId, fileName: 'клиенты.csv', content: Buffer.from(IMPORT_CSV), uploadId: '' }))).uploadId;

  const startImport = (metadata: Metadata, uploadId: string, segmentId: string) =>
    call(
      client.startImport(
        {
          uploadId,
          segmentId,
          hasHeader: true,
          mapping: [
            { kind: Kind.KIND_PHONE, customFieldKey: '' },
            { kind: Kind.KIND_IGNORE, customFieldKey: '' },
          ],
          options: OPTIONS,
          encoding: TextEncoding.TEXT_ENCODING_UNSPECIFIED,
          delimiter: '',
          customFieldKeys: [],
          rejectBrokenRows: false,
        },
        metadata,
      ),
    );

  /** An import of the owner's into a segment of the case's project, finished. */
  const aFinishedJob = async (cast: IsolationCast): Promise<string> => {
    const { segmentId } = await aSegment(cast);
    const { job } = await startImport(principalMetadata(cast.owner), await anUpload(cast), segmentId);
    await eventually(async () => (await call(asOwner(cast).getImportJob({ jobId: job!.jobId }))).job!.state !== ImportJobState.IMPORT_JOB_STATE_RUNNING, {
      what: `import job ${job!.jobId} to finish`,
      timeoutMs: 20_000,
      intervalMs: 20,
    });
    return job!.jobId;
  };

  const aContact = async (cast: IsolationCast, segmentId: string): Promise<string> =>
    (await call(asOwner(cast).listContacts({ segmentId, filter: undefined, page: { pageSize: 1, pageToken: '' } }))).contacts[0]!.contactId;

  const onProject = (name: string, need: IsolationVerb['need'], run: (metadata: Metadata, projectId: string) => Promise<unknown>): IsolationVerb => ({
    name,
    need,
    call: (metadata, { projectId }) => run(metadata, projectId),
  });
  const onSegment = (
    name: string,
    need: IsolationVerb['need'],
    run: (metadata: Metadata, segment: audiencesV1.Segment, cast: IsolationCast) => Promise<unknown>,
    kind = SegmentKind.SEGMENT_KIND_AUDIENCE,
  ): IsolationVerb => ({
    name,
    need,
    call: async (metadata, cast) => run(metadata, await aSegment(cast, kind), cast),
  });
  const onUpload = (name: string, need: IsolationVerb['need'], run: (metadata: Metadata, uploadId: string, cast: IsolationCast) => Promise<unknown>): IsolationVerb => ({
    name,
    need,
    call: async (metadata, cast) => run(metadata, await anUpload(cast), cast),
  });
  const onJob = (name: string, need: IsolationVerb['need'], run: (metadata: Metadata, jobId: string) => Promise<unknown>): IsolationVerb => ({
    name,
    need,
    call: async (metadata, cast) => run(metadata, await aFinishedJob(cast)),
  });

  const listSegments = (metadata: Metadata, projectId: string, kind = SegmentKind.SEGMENT_KIND_UNSPECIFIED) =>
    call(client.listSegments({ projectId, kind, page: undefined }, metadata));
  const createSegment = (metadata: Metadata, projectId: string, kind: audiencesV1.SegmentKind) =>
    call(client.createSegment({ projectId, name: 'Новый', kind, pastedList: '+79160000001', defaultCountry: '' }, metadata));
  const deleteFirstContact = async (metadata: Metadata, segment: audiencesV1.Segment, cast: IsolationCast) => {
    const contactId = await aContact(cast, segment.segmentId);
    const { deleted } = await call(client.deleteContacts({ segmentId: segment.segmentId, contactIds: [contactId] }, metadata));
    // An allowed call must really delete: a "success" that did nothing would hide a broken check.
    expect(deleted).toBe(1);
  };

  const verbs: IsolationVerb[] = [
    // campaigns' dialer streams a launched campaign's audience without a principal (ADR 0009); a
    // call that carries one is checked like a read.
    {
      ...onSegment('StreamSegmentContacts', 'read', (metadata, segment) =>
        all(client.streamSegmentContacts({ projectId: segment.projectId, segmentId: segment.segmentId }, metadata)).then((contacts) => expect(contacts).toHaveLength(2)),
      ),
      trustsInternalCallers: true,
    },
    onProject('CreateSegment', 'write', (metadata, projectId) => createSegment(metadata, projectId, SegmentKind.SEGMENT_KIND_AUDIENCE)),
    onProject('CreateSegment (blacklist)', 'write', (metadata, projectId) => createSegment(metadata, projectId, SegmentKind.SEGMENT_KIND_BLACKLIST)),
    onProject('ListSegments', 'read', (metadata, projectId) => listSegments(metadata, projectId)),
    onProject('ListSegments (blacklists)', 'read', (metadata, projectId) => listSegments(metadata, projectId, SegmentKind.SEGMENT_KIND_BLACKLIST)),
    onSegment('GetSegment', 'read', (metadata, { segmentId }) => call(client.getSegment({ segmentId }, metadata))),
    onSegment('CopySegment', 'write', (metadata, { segmentId }) => call(client.copySegment({ segmentId, name: '' }, metadata))),
    onSegment('RenameSegment', 'write', (metadata, { segmentId }) => call(client.renameSegment({ segmentId, name: 'Переименован' }, metadata))),
    onSegment('DeleteSegment', 'write', (metadata, { segmentId }) => call(client.deleteSegment({ segmentId }, metadata))),
    onSegment('DeleteSegment (blacklist)', 'write', (metadata, { segmentId }) => call(client.deleteSegment({ segmentId }, metadata)), SegmentKind.SEGMENT_KIND_BLACKLIST),
    onProject('UploadImport (a new upload)', 'write', (metadata, projectId) =>
      call(client.uploadImport({ projectId, fileName: 'клиенты.csv', content: Buffer.from(IMPORT_CSV), uploadId: '' }, metadata)),
    ),
    // The next chunk names the upload only (the project in the request is not what is checked).
    onUpload('UploadImport (the next chunk)', 'write', (metadata, uploadId) =>
      call(client.uploadImport({ projectId: '', fileName: 'клиенты.csv', content: Buffer.from('+79161234570;Борис\r\n'), uploadId }, metadata)),
    ),
    onUpload('PreviewImport', 'write', (metadata, uploadId) => call(client.previewImport({ uploadId, encoding: TextEncoding.TEXT_ENCODING_UNSPECIFIED, delimiter: '', rows: 5 }, metadata))),
    onUpload('StartImport', 'write', async (metadata, uploadId, cast) => startImport(metadata, uploadId, (await aSegment(cast)).segmentId)),
    onJob('GetImportJob', 'read', (metadata, jobId) => call(client.getImportJob({ jobId }, metadata))),
    onJob('GetImportErrorReport', 'read', (metadata, jobId) => call(client.getImportErrorReport({ jobId }, metadata))),
    onSegment('ListContacts', 'read', (metadata, { segmentId }) => call(client.listContacts({ segmentId, filter: NO_FILTER, page: undefined }, metadata))),
    onSegment('UpdateContact', 'write', async (metadata, { segmentId }, cast) =>
      call(client.updateContact({ contactId: await aContact(cast, segmentId), status: ContactStatus.CONTACT_STATUS_INACTIVE, customFields: { name: 'Анна' }, setCustomFields: true }, metadata)),
    ),
    onSegment('DeleteContacts', 'write', deleteFirstContact),
    onSegment('DeleteContacts (blacklist)', 'write', deleteFirstContact, SegmentKind.SEGMENT_KIND_BLACKLIST),
    onSegment('ExportSegment (CSV)', 'read', (metadata, { segmentId }) => call(client.exportSegment({ segmentId, format: ExportFormat.EXPORT_FORMAT_CSV }, metadata))),
    onSegment('ExportSegment (XLSX)', 'read', (metadata, { segmentId }) => call(client.exportSegment({ segmentId, format: ExportFormat.EXPORT_FORMAT_XLSX }, metadata))),
    onSegment('CreateSegmentFromFilter', 'write', (metadata, { segmentId }) => call(client.createSegmentFromFilter({ segmentId, filter: NO_FILTER, name: 'Отобранные' }, metadata))),
    onSegment('ValidatePhones (in place)', 'write', (metadata, { segmentId }) =>
      call(client.validatePhones({ segmentId, kind: PhoneValidationKind.PHONE_VALIDATION_KIND_BASIC, newSegmentName: '' }, metadata)),
    ),
    onSegment('ValidatePhones (into a new segment)', 'write', (metadata, { segmentId }) =>
      call(client.validatePhones({ segmentId, kind: PhoneValidationKind.PHONE_VALIDATION_KIND_EXTENDED, newSegmentName: 'Проверенные' }, metadata)),
    ),
    onSegment('ValidateEmails (in place)', 'write', (metadata, { segmentId }) => call(client.validateEmails({ segmentId, newSegmentName: '' }, metadata))),
    onSegment('ValidateEmails (into a new segment)', 'write', (metadata, { segmentId }) => call(client.validateEmails({ segmentId, newSegmentName: 'Почта проверена' }, metadata))),
  ];

  /** Segments of a project of the stranger's own, once the owner sees the case's segment listed. */
  const strangersOwnListing = (kind: audiencesV1.SegmentKind) => async (metadata: Metadata, cast: IsolationCast) => {
    const theirs = await projects.create({ owner: cast.stranger });
    await createSegment(metadata, theirs, kind);
    const { segmentId } = await aSegment(cast, kind);
    expect((await listSegments(principalMetadata(cast.owner), cast.projectId, kind)).segments.map((segment) => segment.segmentId)).toContain(segmentId);
    const listed = (await listSegments(metadata, theirs, kind)).segments;
    expect(listed).toHaveLength(1);
    return listed.map((segment) => segment.projectId);
  };

  describeTenantIsolation('audiences', () => ({
    givenProject: ({ owner, editor }) => projects.create({ owner, editor }),
    verbs,
    listings: [
      { name: 'ListSegments of the stranger’s own project', ids: strangersOwnListing(SegmentKind.SEGMENT_KIND_UNSPECIFIED) },
      { name: 'ListSegments (blacklists) of the stranger’s own project', ids: strangersOwnListing(SegmentKind.SEGMENT_KIND_BLACKLIST) },
    ],
  }));

  describe('resources of two tenants in one request', () => {
    /** The owner's project with a segment, and a project of the stranger's own with one. */
    const twoTenants = async () => {
      const owner = aPrincipal('owner');
      const stranger = aPrincipal('stranger');
      const cast: IsolationCast = { owner, editor: owner, support: owner, stranger, projectId: await projects.create({ owner }) };
      const theirs: IsolationCast = { owner: stranger, editor: stranger, support: stranger, stranger: owner, projectId: await projects.create({ owner: stranger }) };
      return { cast, theirs, ownersSegment: await aSegment(cast), strangersSegment: await aSegment(theirs) };
    };

    it("answers another tenant's segment, upload, job and contact exactly like missing ones", async () => {
      const { cast } = await twoTenants();
      const stranger = as(client, cast.stranger);
      const jobId = await aFinishedJob(cast);
      const { segmentId } = await aSegment(cast);
      const contactId = await aContact(cast, segmentId);
      const uploadId = await anUpload(cast);
      const missing = '0190a3b4-0000-7000-8000-000000000000';
      const answers = async (ids: { segmentId: string; jobId: string; contactId: string; uploadId: string }, language = new Metadata()) =>
        Promise.all(
          (
            [
              [ids.segmentId, stranger.getSegment({ segmentId: ids.segmentId }, language)],
              [ids.jobId, stranger.getImportJob({ jobId: ids.jobId }, language)],
              [ids.contactId, stranger.updateContact({ contactId: ids.contactId, status: ContactStatus.CONTACT_STATUS_INACTIVE, customFields: {}, setCustomFields: false }, language)],
              [ids.uploadId, stranger.previewImport({ uploadId: ids.uploadId, encoding: TextEncoding.TEXT_ENCODING_UNSPECIFIED, delimiter: '', rows: 1 }, language)],
            ] as const
          ).map(async ([id, attempt]) => {
            const error = await failure(attempt);
            // The message repeats the id the caller sent, and nothing else of it.
            return [GrpcStatus[error.code], error.details.replace(id, '<id>')];
          }),
        );

      const theirs = { segmentId, jobId, contactId, uploadId };
      const made = { segmentId: missing, jobId: missing, contactId: missing, uploadId: missing };
      expect((await answers(theirs)).map(([code]) => code)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
      // The words too: "Segment <id> not found", never the project's refusal, in either language.
      expect(await answers(theirs)).toEqual(await answers(made));
      expect(await answers(theirs, inEnglish())).toEqual(await answers(made, inEnglish()));
    });

    it("imports neither the stranger's file into the owner's segment nor the owner's file into the stranger's segment", async () => {
      const { cast, theirs, ownersSegment, strangersSegment } = await twoTenants();
      const asStranger = principalMetadata(cast.stranger);

      const intoTheirs = await failure(
        client.startImport(
          { uploadId: await anUpload(theirs), segmentId: ownersSegment.segmentId, hasHeader: true, mapping: [], options: OPTIONS, encoding: 0 as never, delimiter: '', customFieldKeys: [], rejectBrokenRows: false },
          asStranger,
        ),
      );
      const fromTheirs = await failure(
        client.startImport(
          { uploadId: await anUpload(cast), segmentId: strangersSegment.segmentId, hasHeader: true, mapping: [], options: OPTIONS, encoding: 0 as never, delimiter: '', customFieldKeys: [], rejectBrokenRows: false },
          asStranger,
        ),
      );

      expect([intoTheirs.code, fromTheirs.code]).toEqual([GrpcStatus.NOT_FOUND, GrpcStatus.NOT_FOUND]);
      const owners = (await call(asOwner(cast).getSegment({ segmentId: ownersSegment.segmentId }))).segment!;
      expect([owners.counts!.total, owners.lastImportJobId]).toEqual([2, '']);
    });

    it("deletes none of the owner's contacts named in a request on the stranger's own segment", async () => {
      const { cast, ownersSegment, strangersSegment } = await twoTenants();
      const contactId = await aContact(cast, ownersSegment.segmentId);

      const { deleted } = await call(as(client, cast.stranger).deleteContacts({ segmentId: strangersSegment.segmentId, contactIds: [contactId] }));

      expect(deleted).toBe(0);
      const contacts = (await call(asOwner(cast).listContacts({ segmentId: ownersSegment.segmentId, filter: undefined, page: undefined }))).contacts;
      expect(contacts.map((contact) => contact.contactId)).toContain(contactId);
    });

    it("streams the owner's segment to nobody who names the stranger's own project with it", async () => {
      const { cast, theirs, ownersSegment } = await twoTenants();

      const asStranger = await failure(as(client, cast.stranger).streamSegmentContacts({ projectId: theirs.projectId, segmentId: ownersSegment.segmentId }));
      const internal = await failure(client.streamSegmentContacts({ projectId: theirs.projectId, segmentId: ownersSegment.segmentId }));

      expect([asStranger.code, internal.code]).toEqual([GrpcStatus.NOT_FOUND, GrpcStatus.NOT_FOUND]);
    });
  });

  // The do-not-call list belongs to an account, not to a project: the project contract's cast (an
  // editor of another account allowed to write) does not fit it, so its cases are spelled out here.
  describe('the account-wide do-not-call list', () => {
    const PHONE = '+79161234567';
    const ofAccount = (principal: Principal, accountId = principal.accountId) => ({
      list: () => call(as(client, principal).listDoNotCall({ accountId, page: undefined })),
      add: (phones = [PHONE]) => call(as(client, principal).addToDoNotCall({ accountId, phones, defaultCountry: '' })),
      remove: (phones = [PHONE]) => call(as(client, principal).removeFromDoNotCall({ accountId, phones, defaultCountry: '' })),
    });
    const phonesOn = async (principal: Principal) => (await ofAccount(principal).list()).entries.map((entry) => entry.phone);
    /** Every verb on `accountId`'s list as `principal`, by name: the gRPC code each answers. */
    const codesFor = async (principal: Principal, accountId: string) => {
      const verbs = ofAccount(principal, accountId);
      const codes: Record<string, string> = {};
      for (const [name, attempt] of [
        ['ListDoNotCall', verbs.list],
        ['AddToDoNotCall', verbs.add],
        ['RemoveFromDoNotCall', verbs.remove],
      ] as const)
        codes[name] = await attempt().then(
          () => 'OK',
          (error: { code: GrpcStatus }) => GrpcStatus[error.code] ?? String(error.code),
        );
      return codes;
    };

    it("never lets another account's user read or change an account's list, whatever account_id the request names", async () => {
      const owner = aPrincipal('owner');
      const stranger = aPrincipal('stranger');
      await ofAccount(owner).add();

      expect(await codesFor(stranger, owner.accountId)).toEqual({ ListDoNotCall: 'PERMISSION_DENIED', AddToDoNotCall: 'PERMISSION_DENIED', RemoveFromDoNotCall: 'PERMISSION_DENIED' });
      // The refusal is the same for any account not the caller's own: it confirms no account id.
      const theirs = await failure(as(client, stranger).listDoNotCall({ accountId: owner.accountId, page: undefined }));
      const madeUp = await failure(as(client, stranger).listDoNotCall({ accountId: 'account-that-never-was', page: undefined }));
      expect([madeUp.code, madeUp.details]).toEqual([theirs.code, theirs.details]);
      expect(await phonesOn(owner)).toEqual([PHONE]);
    });

    it("keeps each account's list its own: a stranger's own list shows and changes nothing of the owner's", async () => {
      const owner = aPrincipal('owner');
      const stranger = aPrincipal('stranger');
      await ofAccount(owner).add(['+79161234567', '+79161234568']);

      expect(await phonesOn(stranger)).toEqual([]);
      await ofAccount(stranger).add(['+79160000009']);
      expect((await ofAccount(stranger).remove(['+79161234567'])).removed).toBe(0);

      expect(await phonesOn(owner)).toEqual(['+79161234567', '+79161234568']);
      expect(await phonesOn(stranger)).toEqual(['+79160000009']);
    });

    it("lets an editor of the owner's project (another account) no nearer the owner's account list; support reads it, writes nothing; nobody is unauthenticated", async () => {
      const owner = aPrincipal('owner');
      const editor = aPrincipal('editor');
      await projects.create({ owner, editor });
      const support = aPrincipal('support', ['user', 'support']);
      const nobody = async () => {
        const request = { accountId: owner.accountId, phones: [PHONE], defaultCountry: '' };
        return Promise.all([
          failure(client.listDoNotCall({ accountId: owner.accountId, page: undefined })),
          failure(client.addToDoNotCall(request)),
          failure(client.removeFromDoNotCall(request)),
        ]).then((errors) => errors.map((error) => GrpcStatus[error.code]));
      };

      expect(await codesFor(owner, owner.accountId)).toEqual({ ListDoNotCall: 'OK', AddToDoNotCall: 'OK', RemoveFromDoNotCall: 'OK' });
      expect(await codesFor(editor, owner.accountId)).toEqual({ ListDoNotCall: 'PERMISSION_DENIED', AddToDoNotCall: 'PERMISSION_DENIED', RemoveFromDoNotCall: 'PERMISSION_DENIED' });
      expect(await codesFor(support, owner.accountId)).toEqual({ ListDoNotCall: 'OK', AddToDoNotCall: 'PERMISSION_DENIED', RemoveFromDoNotCall: 'PERMISSION_DENIED' });
      expect(await nobody()).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    });

    it("blacklists a number in the owner's stream only from the owner's account list, never from another account's", async () => {
      const owner = aPrincipal('owner');
      const stranger = aPrincipal('stranger');
      const projectId = await projects.create({ owner });
      await eventually(async () => (await pool.query('SELECT 1 FROM audiences.project_accounts WHERE project_id = $1', [projectId])).rowCount === 1, {
        what: `audiences to know the account of ${projectId}`,
      });
      const cast: IsolationCast = { owner, editor: owner, support: owner, stranger, projectId };
      const { segmentId } = await aSegment(cast);
      const blacklisted = async () =>
        (await all(client.streamSegmentContacts({ projectId, segmentId }))).filter(({ contact }) => contact!.blacklisted).map(({ contact }) => contact!.phone);

      await ofAccount(stranger).add([PHONE]);
      expect(await blacklisted()).toEqual([]);
      await ofAccount(owner).add([PHONE]);
      expect(await blacklisted()).toEqual([PHONE]);
    });
  });
});
