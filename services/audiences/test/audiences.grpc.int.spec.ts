import { status as GrpcStatus } from '@grpc/grpc-js';
import type { OfflinePhoneIntelligence } from '@zvonar/phone-intelligence';
import { GENERATION_TIMEOUT_MS, offlineIntelligenceOverGeneratedData } from '@zvonar/phone-intelligence/src/testing';
import { fieldViolationsOf } from '@zvonar/platform';
import { createTestDatabase, describeWithPostgres, eventually } from '@zvonar/testing';
import { Pool } from 'pg';
import { encodeCp1251 } from '../src/import/infrastructure/testing/cp1251';
import { audiencesV1 } from '../src/segment/api/audiences.proto';
import { all, as, aUser, call, failure, inEnglish, startAudiences, type AudiencesClient } from './audiences.test-client';
import { ProjectsStandIn } from './project-stand-in';

const OWNER = aUser('owner');
const STRANGER = aUser('stranger');

const { ColumnTarget_Kind: Kind, ImportJobState, SegmentKind, SegmentStatus, TextEncoding, ContactStatus, ExportFormat } = audiencesV1;
const target = (kind: audiencesV1.ColumnTarget_Kind, customFieldKey = ''): audiencesV1.ColumnTarget => ({ kind, customFieldKey });
const LIMIT_BYTES = 256 * 1024;
const options: audiencesV1.NormalisationOptions = {
  defaultCountry: 'RU',
  splitMultiplePhones: true,
  idnEmails: true,
  unicodeToAscii: false,
  stripSubaddress: true,
  removeDuplicates: true,
};

// A Windows-1251 export as Excel writes it in Russia: `;`, numbers written every usual way, two
// numbers in one cell (different zones), a duplicate, a row without any usable number, an empty row.
const MESSY_CSV = [
  'Телефон;Имя;Город',
  '8 (4012) 55-12-34, +7 (4152) 41-23-45;Калинин;Калининград',
  '+7 (343) 371-00-00;Екатерина;Екатеринбург',
  '89161234567;Ёжиков;Москва',
  '',
  '8-916-123-45-67;Ёжиков снова;Москва',
  'не звонить;Отказник;Пермь',
  '7 (3812) 21-21-21;Омский;Омск',
].join('\r\n');

// Shared machines: the first project waits for the consumers to join; no step sleeps, each waits on a condition.
jest.setTimeout(30_000);

describeWithPostgres('AudiencesService over gRPC', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let started: Awaited<ReturnType<typeof startAudiences>>;
  let client: AudiencesClient['service'];
  /** Without a principal: what campaigns is (the dialer's stream). */
  let internal: AudiencesClient['service'];
  let projects: ProjectsStandIn;
  let pool: Pool;
  let intelligence: OfflinePhoneIntelligence;
  let projectNumber = 0;
  const newProject = async () => projects.create(`project-${++projectNumber}`, OWNER);

  beforeAll(async () => {
    intelligence = offlineIntelligenceOverGeneratedData();
    database = await createTestDatabase(serverUrl, 'audiences_grpc');
    pool = new Pool({ connectionString: database.url, max: 4 });
    projects = await ProjectsStandIn.connect(pool);
    started = await startAudiences({ DATABASE_URL: database.url, BUS: 'embedded', AUDIENCES_IMPORT_LIMIT_BYTES: String(LIMIT_BYTES) });
    internal = started.client.service;
    client = as(internal, OWNER);
  }, GENERATION_TIMEOUT_MS);

  afterAll(async () => {
    await started?.stop();
    await projects?.close();
    await pool?.end();
    await database?.drop();
  });

  const createSegment = async (projectId: string, name = 'Клиенты', kind = SegmentKind.SEGMENT_KIND_AUDIENCE, pastedList = '') =>
    call(client.createSegment({ projectId, name, kind, pastedList, defaultCountry: '' }));

  const importInto = async (segment: audiencesV1.Segment, file: Buffer, request: Partial<audiencesV1.StartImportRequest>) => {
    const upload = await call(client.uploadImport({ projectId: segment.projectId, fileName: 'audience.csv', content: file, uploadId: '' }));
    const { job } = await call(
      client.startImport({
        uploadId: upload.uploadId,
        segmentId: segment.segmentId,
        hasHeader: true,
        mapping: [],
        options,
        encoding: TextEncoding.TEXT_ENCODING_UNSPECIFIED,
        delimiter: '',
        customFieldKeys: [],
        rejectBrokenRows: false,
        ...request,
      }),
    );
    return eventually(
      async () => {
        const polled = (await call(client.getImportJob({ jobId: job!.jobId }))).job!;
        // Live progress balances at every poll, not only at the end.
        expect(polled.rowsImported + polled.rowsRejected + polled.rowsDuplicate).toBe(polled.rowsRead);
        return polled.state !== ImportJobState.IMPORT_JOB_STATE_RUNNING && polled;
      },
      { what: 'the import job to finish', timeoutMs: 20_000, intervalMs: 20 },
    );
  };

  describe('segments', () => {
    it('creates, lists, renames, copies and deletes segments of a project', async () => {
      const projectId = await newProject();
      const { segment } = await createSegment(projectId, '  Клиенты ', SegmentKind.SEGMENT_KIND_AUDIENCE, '8 916 123-45-67\nivan@пример.рф\nне номер');
      expect(segment).toMatchObject({ name: 'Клиенты', kind: SegmentKind.SEGMENT_KIND_AUDIENCE, status: SegmentStatus.SEGMENT_STATUS_READY, counts: { total: 2, active: 2 } });
      const renamed = (await call(client.renameSegment({ segmentId: segment!.segmentId, name: 'VIP' }))).segment!;
      const copy = (await call(client.copySegment({ segmentId: segment!.segmentId, name: '' }))).segment!;
      expect(copy).toMatchObject({ name: 'VIP (копия)', counts: { total: 2 } });
      await createSegment(projectId, 'Не звонить', SegmentKind.SEGMENT_KIND_BLACKLIST);
      await createSegment(await newProject(), 'Чужой');

      const listed = await call(client.listSegments({ projectId, kind: SegmentKind.SEGMENT_KIND_UNSPECIFIED, page: { pageSize: 2, pageToken: '' } }));
      expect(listed.segments.map((s) => s.name)).toEqual([renamed.name, 'VIP (копия)']);
      const rest = await call(client.listSegments({ projectId, kind: SegmentKind.SEGMENT_KIND_UNSPECIFIED, page: { pageSize: 2, pageToken: listed.page!.nextPageToken } }));
      expect(rest.segments.map((s) => s.name)).toEqual(['Не звонить']);
      expect(rest.page!.nextPageToken).toBe('');
      const blacklists = await call(client.listSegments({ projectId, kind: SegmentKind.SEGMENT_KIND_BLACKLIST, page: undefined }));
      expect(blacklists.segments.map((s) => s.name)).toEqual(['Не звонить']);

      await call(client.deleteSegment({ segmentId: copy.segmentId }));
      const gone = await failure(client.getSegment({ segmentId: copy.segmentId }));
      expect(gone.code).toBe(GrpcStatus.NOT_FOUND);
    });

    it('reports the rejected lines of a pasted list with their reason', async () => {
      const created = await createSegment(await newProject(), 'Вставка', SegmentKind.SEGMENT_KIND_AUDIENCE, '+7 916 123 45 67\n\n8 916 123-45-67\nабв');
      expect(created.segment!.counts!.total).toBe(1);
      expect(created.rejectedLines.map((line) => [line.lineNumber, line.text])).toEqual([
        [3, '8 916 123-45-67'],
        [4, 'абв'],
      ]);
      expect(created.rejectedLines[0]!.reason).toContain('duplicate');
    });

    it('answers a blank name with INVALID_ARGUMENT naming the field, in English when asked', async () => {
      const error = await failure(client.createSegment({ projectId: await newProject(), name: ' ', kind: 0 as never, pastedList: '', defaultCountry: 'XX' }, inEnglish()));
      expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      expect(fieldViolationsOf(error.metadata)).toEqual([
        { field: 'name', code: 'INVALID_LENGTH', message: 'A name of 1 to 200 characters' },
        { field: 'defaultCountry', code: 'UNKNOWN_COUNTRY', message: 'A two-letter ISO country code such as RU' },
      ]);
      const russian = await failure(client.createSegment({ projectId: await newProject(), name: '', kind: SegmentKind.SEGMENT_KIND_AUDIENCE, pastedList: '', defaultCountry: '' }));
      expect(fieldViolationsOf(russian.metadata)[0]?.message).toBe('Название от 1 до 200 символов');
    });
  });

  describe('access', () => {
    it('checks the caller on the project of every resource: strangers get NOT_FOUND, calls without a principal UNAUTHENTICATED, the dialer streams without one', async () => {
      const projectId = await newProject();
      const { segment } = await createSegment(projectId, 'Свои', SegmentKind.SEGMENT_KIND_AUDIENCE, '+79161234567');
      const stranger = as(internal, STRANGER);
      for (const attempt of [
        stranger.getSegment({ segmentId: segment!.segmentId }),
        stranger.listContacts({ segmentId: segment!.segmentId, filter: undefined, page: undefined }),
        stranger.exportSegment({ segmentId: segment!.segmentId, format: ExportFormat.EXPORT_FORMAT_CSV }),
        stranger.createSegment({ projectId, name: 'Чужой', kind: SegmentKind.SEGMENT_KIND_AUDIENCE, pastedList: '', defaultCountry: '' }),
        stranger.listSegments({ projectId, kind: 0 as never, page: undefined }),
        stranger.streamSegmentContacts({ projectId, segmentId: segment!.segmentId }),
      ])
        expect((await failure(attempt)).code).toBe(GrpcStatus.NOT_FOUND);
      expect((await failure(stranger.listDoNotCall({ accountId: OWNER.accountId, page: undefined }))).code).toBe(GrpcStatus.PERMISSION_DENIED);
      expect((await failure(internal.getSegment({ segmentId: segment!.segmentId }))).code).toBe(GrpcStatus.UNAUTHENTICATED);

      const streamed = await all(internal.streamSegmentContacts({ projectId, segmentId: segment!.segmentId }));
      expect(streamed.map(({ contact }) => contact!.phone)).toEqual(['+79161234567']);
    });
  });

  describe('imports', () => {
    it('imports a CP1251 file with ; and mixed numbers: every row accounted for, zones stored, rejected rows reported', async () => {
      const { segment } = await createSegment(await newProject());
      const file = Buffer.from(encodeCp1251(MESSY_CSV));
      const upload = await call(client.uploadImport({ projectId: segment!.projectId, fileName: 'клиенты.csv', content: file, uploadId: '' }));
      expect(upload).toMatchObject({ sizeBytes: file.length, limitBytes: LIMIT_BYTES });
      const preview = await call(client.previewImport({ uploadId: upload.uploadId, encoding: 0 as never, delimiter: '', rows: 3 }));
      expect(preview).toMatchObject({ fileKind: 'csv', encoding: TextEncoding.TEXT_ENCODING_WINDOWS_1251, delimiter: ';', columnCount: 3, headerGuessed: true });
      expect(preview.rows[1]!.cells).toEqual(['8 (4012) 55-12-34, +7 (4152) 41-23-45', 'Калинин', 'Калининград']);
      expect(preview.suggestedMapping[0]).toEqual(target(Kind.KIND_PHONE));

      const job = await importInto(segment!, file, { mapping: [target(Kind.KIND_PHONE), target(Kind.KIND_CUSTOM, 'name'), target(Kind.KIND_IGNORE)], customFieldKeys: ['name'] });
      expect(job).toMatchObject({ state: ImportJobState.IMPORT_JOB_STATE_COMPLETED, rowsRead: 6, rowsImported: 4, rowsRejected: 1, rowsDuplicate: 1, contactsCreated: 5, rowsTotal: 6, rowsTotalIsEstimate: false });

      const contacts = (await call(client.listContacts({ segmentId: segment!.segmentId, filter: undefined, page: { pageSize: 0, pageToken: '' } }))).contacts;
      expect(contacts.map((c) => [c.phone, c.customFields['name'], c.timeZones])).toEqual([
        ['+74012551234', 'Калинин', ['Europe/Kaliningrad']],
        ['+74152412345', 'Калинин', ['Asia/Kamchatka']],
        ['+73433710000', 'Екатерина', ['Asia/Yekaterinburg']],
        ['+79161234567', 'Ёжиков', expect.arrayContaining(['Europe/Moscow', 'Asia/Kamchatka'])],
        ['+73812212121', 'Омский', ['Asia/Omsk']],
      ]);
      expect(contacts[3]).toMatchObject({ lineType: 'mobile', status: ContactStatus.CONTACT_STATUS_ACTIVE });
      const stored = (await call(client.getSegment({ segmentId: segment!.segmentId }))).segment!;
      expect(stored).toMatchObject({ status: SegmentStatus.SEGMENT_STATUS_READY, counts: { total: 5, active: 5 }, lastImportJobId: job.jobId });

      const report = await call(client.getImportErrorReport({ jobId: job.jobId }));
      const lines = Buffer.from(report.csv).toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(report.rows).toBe(2);
      expect(lines).toEqual(['row;reasons;values', '6;duplicate of row 4 (+79161234567);8-916-123-45-67;Ёжиков снова;Москва', '7;phone: not-a-phone (не звонить);не звонить;Отказник;Пермь']);

      const byZone = await call(client.listContacts({ segmentId: segment!.segmentId, filter: { status: 0 as never, timeZone: 'Asia/Omsk', region: '', lineType: '', emailStatus: 0 as never }, page: undefined }));
      expect(byZone.contacts.map((c) => c.phone)).toEqual(expect.arrayContaining(['+73812212121', '+79161234567']));
      expect(byZone.contacts.map((c) => c.phone)).not.toContain('+74012551234');
    });

    it('removes duplicates across imports: a second import of the same file into the segment adds nothing and says why', async () => {
      const { segment } = await createSegment(await newProject());
      const request = { mapping: [target(Kind.KIND_PHONE), target(Kind.KIND_CUSTOM, 'name'), target(Kind.KIND_IGNORE)], customFieldKeys: ['name'] };
      await importInto(segment!, Buffer.from(encodeCp1251(MESSY_CSV)), request);
      const again = await importInto(segment!, Buffer.from(encodeCp1251(`${MESSY_CSV}\r\n8 999 123-45-67;Новый;Москва`)), request);
      expect(again).toMatchObject({ state: ImportJobState.IMPORT_JOB_STATE_COMPLETED, rowsRead: 7, rowsImported: 1, rowsRejected: 1, rowsDuplicate: 5, contactsCreated: 1 });
      expect((await call(client.getSegment({ segmentId: segment!.segmentId }))).segment!.counts!.total).toBe(6);
      const report = Buffer.from((await call(client.getImportErrorReport({ jobId: again.jobId }))).csv).toString('utf8');
      expect(report).toContain('3;already in the segment (+73433710000)');
    });

    it('streams the active contacts in a stable order with their zones, and pages contacts by cursor', async () => {
      const { segment } = await createSegment(await newProject());
      await importInto(segment!, Buffer.from(encodeCp1251(MESSY_CSV)), { mapping: [target(Kind.KIND_PHONE), target(Kind.KIND_CUSTOM, 'name'), target(Kind.KIND_IGNORE)], customFieldKeys: ['name'] });
      const [first] = (await call(client.listContacts({ segmentId: segment!.segmentId, filter: undefined, page: { pageSize: 1, pageToken: '' } }))).contacts;
      await call(client.updateContact({ contactId: first!.contactId, status: ContactStatus.CONTACT_STATUS_INACTIVE, customFields: {}, setCustomFields: false }));

      const streamed = await all(client.streamSegmentContacts({ projectId: segment!.projectId, segmentId: segment!.segmentId }));
      expect(streamed.map(({ contact }) => [contact!.phone, contact!.timeZones.length === 1 ? contact!.timeZones[0] : 'several', contact!.fields['name']])).toEqual([
        ['+74152412345', 'Asia/Kamchatka', 'Калинин'],
        ['+73433710000', 'Asia/Yekaterinburg', 'Екатерина'],
        ['+79161234567', 'several', 'Ёжиков'],
        ['+73812212121', 'Asia/Omsk', 'Омский'],
      ]);
      const again = await all(client.streamSegmentContacts({ projectId: segment!.projectId, segmentId: segment!.segmentId }));
      expect(again.map(({ contact }) => contact!.contactId)).toEqual(streamed.map(({ contact }) => contact!.contactId));
      expect(streamed[1]!.contact!.region).not.toBe('');

      const pages: string[] = [];
      let pageToken = '';
      do {
        const page = await call(client.listContacts({ segmentId: segment!.segmentId, filter: undefined, page: { pageSize: 2, pageToken } }));
        pages.push(page.contacts.map((c) => c.phone).join(','));
        pageToken = page.page!.nextPageToken;
      } while (pageToken !== '');
      expect(pages).toHaveLength(3);

      const otherProject = await failure(client.streamSegmentContacts({ projectId: 'someone-else', segmentId: segment!.segmentId }));
      expect(otherProject.code).toBe(GrpcStatus.NOT_FOUND);
    });

    it('exports CSV and XLSX that import back to the same contacts', async () => {
      const { segment } = await createSegment(await newProject());
      await importInto(segment!, Buffer.from(encodeCp1251(MESSY_CSV)), { mapping: [target(Kind.KIND_PHONE), target(Kind.KIND_CUSTOM, 'name'), target(Kind.KIND_IGNORE)], customFieldKeys: ['name'] });
      const original = (await call(client.listContacts({ segmentId: segment!.segmentId, filter: undefined, page: undefined }))).contacts.map((c) => [c.phone, c.customFields['name'], c.timeZones]);

      for (const format of [ExportFormat.EXPORT_FORMAT_CSV, ExportFormat.EXPORT_FORMAT_XLSX]) {
        const exported = await call(client.exportSegment({ segmentId: segment!.segmentId, format }));
        expect(exported).toMatchObject({ contacts: 5, fileName: `Клиенты.${format === ExportFormat.EXPORT_FORMAT_CSV ? 'csv' : 'xlsx'}` });
        const copy = (await createSegment(segment!.projectId, `Из файла ${format}`)).segment!;
        // Exported columns: phone, email, telegram, whatsapp, viber, status, region, operator, time_zones, line_type, then custom fields.
        const mapping = [target(Kind.KIND_PHONE), target(Kind.KIND_EMAIL), ...Array.from({ length: 8 }, () => target(Kind.KIND_IGNORE)), target(Kind.KIND_CUSTOM, 'name')];
        const job = await importInto(copy, exported.content, { mapping, customFieldKeys: ['name'] });
        expect(job).toMatchObject({ state: ImportJobState.IMPORT_JOB_STATE_COMPLETED, rowsRead: 5, rowsImported: 5 });
        const reimported = (await call(client.listContacts({ segmentId: copy.segmentId, filter: undefined, page: undefined }))).contacts.map((c) => [c.phone, c.customFields['name'], c.timeZones]);
        expect(reimported).toEqual(original);
      }
    });

    it('saves the contacts matching a filter as a new segment, and validates phones into a new segment with a scoring run', async () => {
      const { segment } = await createSegment(await newProject());
      await importInto(segment!, Buffer.from(encodeCp1251(MESSY_CSV)), { mapping: [target(Kind.KIND_PHONE), target(Kind.KIND_CUSTOM, 'name'), target(Kind.KIND_IGNORE)], customFieldKeys: ['name'] });
      const siberia = (
        await call(client.createSegmentFromFilter({ segmentId: segment!.segmentId, name: 'Омск', filter: { status: 0 as never, timeZone: 'Asia/Omsk', region: '', lineType: '', emailStatus: 0 as never } }))
      ).segment!;
      expect(siberia.counts!.total).toBe(2);
      const mobiles = (await call(client.createSegmentFromFilter({ segmentId: segment!.segmentId, name: 'Мобильные', filter: { status: 0 as never, timeZone: '', region: '', lineType: 'mobile', emailStatus: 0 as never } }))).segment!;
      expect(mobiles.counts!.total).toBe(1);

      // The copy's numbers lose their details first, so the run visibly restores them.
      await pool.query(`UPDATE audiences.contacts SET operator = NULL, line_type = NULL WHERE segment_id = $1`, [siberia.segmentId]);
      const validation = await call(client.validatePhones({ segmentId: siberia.segmentId, kind: audiencesV1.PhoneValidationKind.PHONE_VALIDATION_KIND_EXTENDED, newSegmentName: 'Омск проверенный' }));
      expect(validation.run).toMatchObject({ kind: 'phone-extended', state: 'running' });
      expect(validation.segment!.segmentId).not.toBe(siberia.segmentId);
      const finished = await eventually(
        async () => {
          const stored = (await call(client.getSegment({ segmentId: validation.segment!.segmentId }))).segment!;
          return stored.scoringHistory[0]?.state === 'completed' && stored;
        },
        { what: 'the validation run to complete' },
      );
      expect(finished.scoringHistory).toEqual([expect.objectContaining({ runId: validation.run!.runId, contactsChecked: 2 })]);
      const validated = (await call(client.listContacts({ segmentId: finished.segmentId, filter: undefined, page: undefined }))).contacts;
      expect(validated.map((c) => [c.phone, c.lineType])).toEqual([
        ['+79161234567', 'mobile'],
        ['+73812212121', 'fixed-line'],
      ]);
      const operator = (phone: string) => intelligence.describe(phone).operator;
      expect(validated.map((c) => c.operator)).toEqual(['+79161234567', '+73812212121'].map((phone) => operator(phone)?.ru ?? operator(phone)?.en ?? ''));
      const untouched = (await call(client.listContacts({ segmentId: siberia.segmentId, filter: undefined, page: undefined }))).contacts;
      expect(untouched.map((c) => c.lineType)).toEqual(['', '']);
      const error = await failure(client.validatePhones({ segmentId: siberia.segmentId, kind: 0 as never, newSegmentName: '' }));
      expect(fieldViolationsOf(error.metadata).map((v) => v.field)).toEqual(['kind']);
    });

    it('refuses a mapping without phone or e-mail, naming the fields', async () => {
      const { segment } = await createSegment(await newProject());
      const upload = await call(client.uploadImport({ projectId: segment!.projectId, fileName: 'a.csv', content: Buffer.from('phone;name\n89161234567;Иван\n'), uploadId: '' }));
      const error = await failure(
        client.startImport({
          uploadId: upload.uploadId,
          segmentId: segment!.segmentId,
          hasHeader: true,
          mapping: [target(Kind.KIND_IGNORE), target(Kind.KIND_UNSPECIFIED), target(Kind.KIND_CUSTOM, 'city')],
          options,
          encoding: 0 as never,
          delimiter: '',
          customFieldKeys: [],
          rejectBrokenRows: false,
        }),
      );
      expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      expect(fieldViolationsOf(error.metadata).map((v) => [v.field, v.code])).toEqual([['mapping[1].kind', 'REQUIRED']]);
      const mapped = await failure(
        client.startImport({
          uploadId: upload.uploadId,
          segmentId: segment!.segmentId,
          hasHeader: true,
          mapping: [target(Kind.KIND_IGNORE), target(Kind.KIND_CUSTOM, 'name'), target(Kind.KIND_CUSTOM, 'city')],
          options,
          encoding: 0 as never,
          delimiter: '',
          customFieldKeys: ['name'],
          rejectBrokenRows: false,
        }),
      );
      expect(fieldViolationsOf(mapped.metadata).map((v) => [v.field, v.code])).toEqual([
        ['mapping', 'NO_PHONE_OR_EMAIL'],
        ['mapping[2]', 'COLUMN_NOT_IN_FILE'],
        ['mapping[2].customFieldKey', 'UNKNOWN_CUSTOM_FIELD'],
      ]);
    });

    it('refuses an upload over the limit, naming it, and keeps chunks appended under it', async () => {
      const projectId = await newProject();
      const error = await failure(client.uploadImport({ projectId, fileName: 'big.csv', content: Buffer.alloc(LIMIT_BYTES + 1, 0x31), uploadId: '' }, inEnglish()));
      expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      expect(error.details).toContain(String(LIMIT_BYTES));
      expect(fieldViolationsOf(error.metadata)[0]).toMatchObject({ field: 'content', code: 'FILE_TOO_LARGE' });

      const first = await call(client.uploadImport({ projectId, fileName: 'big.csv', content: Buffer.alloc(LIMIT_BYTES / 2, 0x31), uploadId: '' }));
      const second = await call(client.uploadImport({ projectId, fileName: '', content: Buffer.alloc(LIMIT_BYTES / 2, 0x31), uploadId: first.uploadId }));
      expect(second.sizeBytes).toBe(LIMIT_BYTES);
      const over = await failure(client.uploadImport({ projectId, fileName: '', content: Buffer.from('1'), uploadId: first.uploadId }));
      expect(over.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    });

    it('fails a job on broken quotes and leaves the segment without any of its rows', async () => {
      const { segment } = await createSegment(await newProject());
      const job = await importInto(segment!, Buffer.from('phone;name\n89161234567;a\n"89161234568;b\n89161234569;c\n'), { mapping: [target(Kind.KIND_PHONE), target(Kind.KIND_IGNORE)] });
      expect(job).toMatchObject({ state: ImportJobState.IMPORT_JOB_STATE_FAILED, failureCode: 'broken-quotes', contactsCreated: 0 });
      expect(job.failureMessage).toContain('кавычки');
      const stored = (await call(client.getSegment({ segmentId: segment!.segmentId }))).segment!;
      expect(stored).toMatchObject({ status: SegmentStatus.SEGMENT_STATUS_IMPORT_FAILED, counts: { total: 0 } });
      const report = Buffer.from((await call(client.getImportErrorReport({ jobId: job.jobId }))).csv).toString('utf8');
      expect(report).toContain('unclosed-quote');
    });
  });
});
