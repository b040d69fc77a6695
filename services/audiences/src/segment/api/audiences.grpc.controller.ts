import type { Metadata } from '@grpc/grpc-js';
import { Controller, UseFilters } from '@nestjs/common';
import { ProjectAccessGrpcFilter } from '@zvonar/project-access';
import type { Observable } from 'rxjs';
import { ImportJobs } from '../../import-job/application/import-jobs';
import { Blacklists } from '../application/blacklists';
import { countryOf } from '../application/country';
import type { Locale } from '../application/locale';
import { Segments } from '../application/segments';
import { invalid, required, texts } from '../application/texts';
import { normalisePhone } from '../../contact/domain';
import {
  decodePageToken,
  encodePageToken,
  fromProtoContactStatus,
  fromProtoFilter,
  fromProtoEncoding,
  fromProtoKind,
  fromProtoTarget,
  toProtoContact,
  toProtoJob,
  toProtoPreview,
  toProtoScoringRun,
  toProtoSegment,
  toSegmentContact,
} from './audiences.grpc.mapper';
import { audiencesV1 } from './audiences.proto';
import { EmailValidations } from '../../validation/application/email-validations';
import { PhoneValidations } from '../../validation/application/phone-validations';
import type { PhoneValidationKind } from '../../validation/domain/phone-validation';
import { AudiencesAccess } from './audiences.access';
import { localeOf } from './call-locale';
import { pacedByCall, type PacedCall } from './segment-contacts.stream';
import type { FieldViolation } from '@zvonar/eventsourcing';

const validationKinds: Partial<Record<audiencesV1.PhoneValidationKind, PhoneValidationKind>> = {
  [audiencesV1.PhoneValidationKind.PHONE_VALIDATION_KIND_BASIC]: 'phone-basic',
  [audiencesV1.PhoneValidationKind.PHONE_VALIDATION_KIND_EXTENDED]: 'phone-extended',
};

/** zvonar.audiences.v1.AudiencesService: requests in, application calls, proto out. */
@Controller()
@UseFilters(ProjectAccessGrpcFilter)
@audiencesV1.AudiencesServiceControllerMethods()
export class AudiencesGrpcController implements audiencesV1.AudiencesServiceController {
  constructor(
    private readonly segments: Segments,
    private readonly imports: ImportJobs,
    private readonly blacklists: Blacklists,
    private readonly validations: PhoneValidations,
    private readonly emailValidations: EmailValidations,
    private readonly access: AudiencesAccess,
  ) {}

  streamSegmentContacts(request: audiencesV1.StreamSegmentContactsRequest, metadata?: Metadata, call?: PacedCall): Observable<audiencesV1.StreamSegmentContactsResponse> {
    const locale = localeOf(metadata);
    const segments = this.segments;
    const access = this.access;
    return pacedByCall(async function* () {
      await access.segmentForStream(metadata, request.segmentId);
      for await (const contact of segments.dialable(request, locale)) yield { contact: toSegmentContact(contact) };
    }, call);
  }

  async createSegment(request: audiencesV1.CreateSegmentRequest, metadata?: Metadata): Promise<audiencesV1.CreateSegmentResponse> {
    await this.access.project(metadata, request.projectId, 'write');
    const locale = localeOf(metadata);
    const kind = request.kind === audiencesV1.SegmentKind.SEGMENT_KIND_UNSPECIFIED ? 'audience' : fromProtoKind(request.kind);
    if (!kind) throw invalid([{ field: 'kind', code: 'UNKNOWN_KIND', message: texts.segmentKind[locale] }], locale);
    const created = await this.segments.create({ ...request, kind }, locale);
    return { segment: toProtoSegment(created.segment), rejectedLines: created.rejectedLines };
  }

  async listSegments(request: audiencesV1.ListSegmentsRequest, metadata?: Metadata): Promise<audiencesV1.ListSegmentsResponse> {
    await this.access.project(metadata, request.projectId, 'read');
    const locale = localeOf(metadata);
    if (request.projectId === '') throw invalid([required('projectId', locale)], locale);
    const page = await this.segments.list({
      projectId: request.projectId,
      kind: fromProtoKind(request.kind),
      after: decodePageToken(request.page?.pageToken ?? ''),
      pageSize: request.page?.pageSize || 100,
    });
    return { segments: page.items.map(toProtoSegment), page: { nextPageToken: encodePageToken(page.next) } };
  }

  async getSegment(request: audiencesV1.GetSegmentRequest, metadata?: Metadata): Promise<audiencesV1.GetSegmentResponse> {
    await this.access.segment(metadata, request.segmentId, 'read');
    return { segment: toProtoSegment(await this.segments.get(request.segmentId, localeOf(metadata))) };
  }

  async copySegment(request: audiencesV1.CopySegmentRequest, metadata?: Metadata): Promise<audiencesV1.CopySegmentResponse> {
    await this.access.segment(metadata, request.segmentId, 'write');
    return { segment: toProtoSegment(await this.segments.copy(request, localeOf(metadata))) };
  }

  async renameSegment(request: audiencesV1.RenameSegmentRequest, metadata?: Metadata): Promise<audiencesV1.RenameSegmentResponse> {
    await this.access.segment(metadata, request.segmentId, 'write');
    return { segment: toProtoSegment(await this.segments.rename(request, localeOf(metadata))) };
  }

  async deleteSegment(request: audiencesV1.DeleteSegmentRequest, metadata?: Metadata): Promise<audiencesV1.DeleteSegmentResponse> {
    await this.access.segment(metadata, request.segmentId, 'write');
    await this.segments.delete(request.segmentId, localeOf(metadata));
    return {};
  }

  async uploadImport(request: audiencesV1.UploadImportRequest, metadata?: Metadata): Promise<audiencesV1.UploadImportResponse> {
    if (request.uploadId === '') await this.access.project(metadata, request.projectId, 'write');
    else await this.access.upload(metadata, request.uploadId, 'write');
    const upload = await this.imports.upload(request, localeOf(metadata));
    return { uploadId: upload.uploadId, sizeBytes: upload.sizeBytes, limitBytes: this.imports.limitBytes };
  }

  async previewImport(request: audiencesV1.PreviewImportRequest, metadata?: Metadata): Promise<audiencesV1.PreviewImportResponse> {
    await this.access.upload(metadata, request.uploadId, 'write');
    const preview = await this.imports.preview(
      { uploadId: request.uploadId, encoding: fromProtoEncoding(request.encoding), delimiter: request.delimiter, rows: request.rows },
      localeOf(metadata),
    );
    return toProtoPreview(preview);
  }

  async startImport(request: audiencesV1.StartImportRequest, metadata?: Metadata): Promise<audiencesV1.StartImportResponse> {
    await this.access.upload(metadata, request.uploadId, 'write');
    await this.access.segment(metadata, request.segmentId, 'write');
    const locale = localeOf(metadata);
    const options = request.options;
    const job = await this.imports.start(
      {
        uploadId: request.uploadId,
        segmentId: request.segmentId,
        hasHeader: request.hasHeader,
        columns: request.mapping.map(fromProtoTarget),
        customFieldKeys: request.customFieldKeys,
        options: {
          defaultCountry: options?.defaultCountry ?? '',
          splitMultiplePhones: options?.splitMultiplePhones ?? false,
          idnEmails: options?.idnEmails ?? false,
          unicodeToAscii: options?.unicodeToAscii ?? false,
          stripSubaddress: options?.stripSubaddress ?? false,
          removeDuplicates: options?.removeDuplicates ?? false,
        },
        encoding: fromProtoEncoding(request.encoding),
        delimiter: request.delimiter,
        rejectBrokenRows: request.rejectBrokenRows,
      },
      locale,
    );
    return { job: toProtoJob(job, locale) };
  }

  async getImportJob(request: audiencesV1.GetImportJobRequest, metadata?: Metadata): Promise<audiencesV1.GetImportJobResponse> {
    await this.access.job(metadata, request.jobId);
    const locale = localeOf(metadata);
    return { job: toProtoJob(await this.imports.get(request.jobId, locale), locale) };
  }

  async getImportErrorReport(request: audiencesV1.GetImportErrorReportRequest, metadata?: Metadata): Promise<audiencesV1.GetImportErrorReportResponse> {
    await this.access.job(metadata, request.jobId);
    return this.imports.errorReport(request.jobId, localeOf(metadata));
  }

  async listContacts(request: audiencesV1.ListContactsRequest, metadata?: Metadata): Promise<audiencesV1.ListContactsResponse> {
    await this.access.segment(metadata, request.segmentId, 'read');
    const page = await this.segments.listContacts(
      {
        segmentId: request.segmentId,
        filter: fromProtoFilter(request.filter),
        after: decodePageToken(request.page?.pageToken ?? '') ?? null,
        pageSize: request.page?.pageSize || 100,
      },
      localeOf(metadata),
    );
    return { contacts: page.contacts.map(toProtoContact), page: { nextPageToken: encodePageToken(page.next) } };
  }

  async updateContact(request: audiencesV1.UpdateContactRequest, metadata?: Metadata): Promise<audiencesV1.UpdateContactResponse> {
    await this.access.contact(metadata, request.contactId, 'write');
    const contact = await this.segments.updateContact(
      { contactId: request.contactId, status: fromProtoContactStatus(request.status), customFields: request.setCustomFields ? request.customFields : undefined },
      localeOf(metadata),
    );
    return { contact: toProtoContact(contact) };
  }

  async deleteContacts(request: audiencesV1.DeleteContactsRequest, metadata?: Metadata): Promise<audiencesV1.DeleteContactsResponse> {
    await this.access.segment(metadata, request.segmentId, 'write');
    return { deleted: await this.segments.deleteContacts(request, localeOf(metadata)) };
  }

  async exportSegment(request: audiencesV1.ExportSegmentRequest, metadata?: Metadata): Promise<audiencesV1.ExportSegmentResponse> {
    await this.access.segment(metadata, request.segmentId, 'read');
    const format = request.format === audiencesV1.ExportFormat.EXPORT_FORMAT_XLSX ? 'xlsx' : 'csv';
    const file = await this.segments.exportFile(request.segmentId, format, localeOf(metadata));
    return { content: file.content, fileName: file.fileName, contentType: file.contentType, contacts: file.contacts };
  }

  async createSegmentFromFilter(request: audiencesV1.CreateSegmentFromFilterRequest, metadata?: Metadata): Promise<audiencesV1.CreateSegmentFromFilterResponse> {
    await this.access.segment(metadata, request.segmentId, 'write');
    const locale = localeOf(metadata);
    if (request.name.trim() === '') throw invalid([{ field: 'name', code: 'INVALID_LENGTH', message: texts.name[locale] }], locale);
    return { segment: toProtoSegment(await this.segments.copy({ segmentId: request.segmentId, name: request.name, filter: fromProtoFilter(request.filter) }, locale)) };
  }

  async validatePhones(request: audiencesV1.ValidatePhonesRequest, metadata?: Metadata): Promise<audiencesV1.ValidatePhonesResponse> {
    await this.access.segment(metadata, request.segmentId, 'write');
    const locale = localeOf(metadata);
    const kind = validationKinds[request.kind];
    if (!kind) throw invalid([required('kind', locale)], locale);
    const started = await this.validations.start({ segmentId: request.segmentId, kind, newSegmentName: request.newSegmentName }, locale);
    return { segment: toProtoSegment(started.segment), run: toProtoScoringRun(started.run) };
  }

  async validateEmails(request: audiencesV1.ValidateEmailsRequest, metadata?: Metadata): Promise<audiencesV1.ValidateEmailsResponse> {
    await this.access.segment(metadata, request.segmentId, 'write');
    const started = await this.emailValidations.start({ segmentId: request.segmentId, newSegmentName: request.newSegmentName }, localeOf(metadata));
    return { segment: toProtoSegment(started.segment), run: toProtoScoringRun(started.run) };
  }

  /** Numbers as written, in E.164; a violation per number that is not one. */
  private phonesOf(request: { accountId: string; phones: readonly string[]; defaultCountry: string }, locale: Locale): string[] {
    const violations: FieldViolation[] = [];
    if (request.accountId === '') violations.push(required('accountId', locale));
    if (request.phones.length === 0) violations.push(required('phones', locale));
    const country = countryOf(request.defaultCountry, this.imports.defaultCountry, 'defaultCountry', locale);
    if ('violation' in country) throw invalid([...violations, country.violation], locale);
    const phones = request.phones.map((written, index) => {
      const outcome = normalisePhone(written, country.country);
      if (!outcome.ok) violations.push({ field: `phones[${index}]`, code: 'INVALID_PHONE', message: texts.phone[locale] });
      return outcome.ok ? outcome.phone.e164 : '';
    });
    if (violations.length > 0) throw invalid(violations, locale);
    return phones;
  }

  async addToDoNotCall(request: audiencesV1.AddToDoNotCallRequest, metadata?: Metadata): Promise<audiencesV1.AddToDoNotCallResponse> {
    this.access.account(metadata, request.accountId, 'write');
    const phones = this.phonesOf(request, localeOf(metadata));
    return { added: await this.blacklists.addToDoNotCallNow(request.accountId, phones, 'manual') };
  }

  async removeFromDoNotCall(request: audiencesV1.RemoveFromDoNotCallRequest, metadata?: Metadata): Promise<audiencesV1.RemoveFromDoNotCallResponse> {
    this.access.account(metadata, request.accountId, 'write');
    const phones = this.phonesOf(request, localeOf(metadata));
    return { removed: await this.blacklists.removeFromDoNotCall(request.accountId, phones) };
  }

  async listDoNotCall(request: audiencesV1.ListDoNotCallRequest, metadata?: Metadata): Promise<audiencesV1.ListDoNotCallResponse> {
    this.access.account(metadata, request.accountId, 'read');
    const locale = localeOf(metadata);
    if (request.accountId === '') throw invalid([required('accountId', locale)], locale);
    const page = await this.blacklists.listDoNotCall(request.accountId, decodePageToken(request.page?.pageToken ?? ''), Math.min(Math.max(request.page?.pageSize || 100, 1), 1_000));
    return { entries: page.items, page: { nextPageToken: encodePageToken(page.next) } };
  }
}
