import type { ColumnTarget } from '../../import/domain/column-mapping';
import type { TextEncoding } from '../../import/domain/import-failure';
import type { ImportJob } from '../../import-job/application/import-job';
import { describeJobFailure } from '../../import-job/application/import-texts';
import type { PreviewResult } from '../../import-job/application/import-jobs';
import type { Locale } from '../application/locale';
import type { ContactStatus, EmailStatus, ScoringRun, Segment, SegmentKind, SegmentStatus, StoredContact } from '../domain/segment';
import type { ContactFilter } from '../infrastructure/postgres.segment-store';
import { EMAIL_VALIDATION_KIND } from '../../validation/application/email-validations';
import { audiencesV1 } from './audiences.proto';

const { SegmentKind: Kind, SegmentStatus: Status, ContactStatus: ProtoContactStatus, ImportJobState, TextEncoding: ProtoEncoding } = audiencesV1;
const TargetKind = audiencesV1.ColumnTarget_Kind;

export const encodePageToken = (cursor: string | null | undefined): string => (cursor == null ? '' : Buffer.from(cursor, 'utf8').toString('base64url'));
export const decodePageToken = (token: string): string | undefined => (token === '' ? undefined : Buffer.from(token, 'base64url').toString('utf8'));

const kinds: Record<SegmentKind, audiencesV1.SegmentKind> = { audience: Kind.SEGMENT_KIND_AUDIENCE, blacklist: Kind.SEGMENT_KIND_BLACKLIST };
const statuses: Record<SegmentStatus, audiencesV1.SegmentStatus> = {
  ready: Status.SEGMENT_STATUS_READY,
  importing: Status.SEGMENT_STATUS_IMPORTING,
  'import-failed': Status.SEGMENT_STATUS_IMPORT_FAILED,
};
const contactStatuses: Record<ContactStatus, audiencesV1.ContactStatus> = {
  active: ProtoContactStatus.CONTACT_STATUS_ACTIVE,
  inactive: ProtoContactStatus.CONTACT_STATUS_INACTIVE,
  'not-russian': ProtoContactStatus.CONTACT_STATUS_NOT_RUSSIAN,
};
const encodings: Record<TextEncoding, audiencesV1.TextEncoding> = {
  'utf-8': ProtoEncoding.TEXT_ENCODING_UTF8,
  'utf-8-bom': ProtoEncoding.TEXT_ENCODING_UTF8_BOM,
  'windows-1251': ProtoEncoding.TEXT_ENCODING_WINDOWS_1251,
  'utf-16le': ProtoEncoding.TEXT_ENCODING_UTF16LE,
  'utf-16be': ProtoEncoding.TEXT_ENCODING_UTF16BE,
};

const reverse = <K extends string, V extends string>(map: Record<K, V>) => new Map(Object.entries(map).map(([key, value]) => [value as V, key as K]));
const kindOf = reverse(kinds);
const ProtoEmailStatus = audiencesV1.EmailStatus;
const emailStatuses: Record<EmailStatus, audiencesV1.EmailStatus> = {
  valid: ProtoEmailStatus.EMAIL_STATUS_VALID,
  'invalid-syntax': ProtoEmailStatus.EMAIL_STATUS_INVALID_SYNTAX,
  'no-mail-server': ProtoEmailStatus.EMAIL_STATUS_NO_MAIL_SERVER,
  disposable: ProtoEmailStatus.EMAIL_STATUS_DISPOSABLE,
  unknown: ProtoEmailStatus.EMAIL_STATUS_UNKNOWN,
};
const contactStatusOf = reverse(contactStatuses);
const emailStatusOf = reverse(emailStatuses);
const encodingOf = reverse(encodings);

export const fromProtoKind = (kind: audiencesV1.SegmentKind): SegmentKind | undefined => kindOf.get(kind);
export const fromProtoContactStatus = (status: audiencesV1.ContactStatus): ContactStatus | undefined => contactStatusOf.get(status);
export const fromProtoEncoding = (encoding: audiencesV1.TextEncoding): TextEncoding | undefined => encodingOf.get(encoding);

export const fromProtoFilter = (filter: audiencesV1.ContactFilter | undefined): ContactFilter => ({
  status: filter ? fromProtoContactStatus(filter.status) : undefined,
  timeZone: filter?.timeZone || undefined,
  region: filter?.region || undefined,
  lineType: filter?.lineType || undefined,
  emailStatus: filter ? emailStatusOf.get(filter.emailStatus) : undefined,
});

/** The counts of an e-mail run (kind "email"); other runs keep none. */
const toProtoEmailResults = (run: ScoringRun): audiencesV1.EmailValidationResults | undefined => {
  if (run.kind !== EMAIL_VALIDATION_KIND) return undefined;
  const count = (verdict: EmailStatus) => run.results?.[verdict] ?? 0;
  return { valid: count('valid'), invalidSyntax: count('invalid-syntax'), noMailServer: count('no-mail-server'), disposable: count('disposable'), unknown: count('unknown') };
};

export const toProtoScoringRun = (run: ScoringRun): audiencesV1.ScoringRun => ({
  runId: run.runId,
  kind: run.kind,
  state: run.state,
  contactsChecked: run.contactsChecked,
  startedAt: run.startedAt,
  finishedAt: run.finishedAt ?? undefined,
  emailResults: toProtoEmailResults(run),
});

export function toProtoSegment(segment: Segment): audiencesV1.Segment {
  return {
    segmentId: segment.segmentId,
    projectId: segment.projectId,
    name: segment.name,
    kind: kinds[segment.kind],
    status: statuses[segment.status],
    counts: segment.counts,
    scoringHistory: segment.scoringHistory.map(toProtoScoringRun),
    createdAt: segment.createdAt,
    changedAt: segment.changedAt,
    lastImportJobId: segment.lastImportJobId ?? '',
  };
}

export function toProtoContact(contact: StoredContact): audiencesV1.Contact {
  return {
    contactId: contact.contactId,
    segmentId: contact.segmentId,
    phone: contact.phone ?? '',
    email: contact.email ?? '',
    telegram: contact.telegram ?? '',
    whatsapp: contact.whatsapp ?? '',
    viber: contact.viber ?? '',
    customFields: { ...contact.customFields },
    status: contactStatuses[contact.status],
    region: contact.region ?? '',
    operator: contact.operator ?? '',
    timeZones: [...contact.timeZones],
    lineType: contact.lineType ?? '',
    changedAt: contact.changedAt,
    emailStatus: contact.emailStatus === null ? ProtoEmailStatus.EMAIL_STATUS_UNSPECIFIED : emailStatuses[contact.emailStatus],
  };
}

/** What the dialer reads: fields by variable key, custom fields first so a fixed one never hides behind them. */
export function toSegmentContact(contact: StoredContact & { readonly blacklisted: boolean }): audiencesV1.SegmentContact {
  const fields: Record<string, string> = { ...contact.customFields, phone: contact.phone ?? '' };
  if (contact.email) fields['email'] = contact.email;
  return { contactId: contact.contactId, phone: contact.phone ?? '', timeZones: [...contact.timeZones], region: contact.region ?? '', fields, blacklisted: contact.blacklisted };
}

const targets: Partial<Record<audiencesV1.ColumnTarget_Kind, (target: audiencesV1.ColumnTarget) => ColumnTarget>> = {
  [TargetKind.KIND_IGNORE]: () => ({ kind: 'ignore' }),
  [TargetKind.KIND_PHONE]: () => ({ kind: 'phone' }),
  [TargetKind.KIND_EMAIL]: () => ({ kind: 'email' }),
  [TargetKind.KIND_TELEGRAM]: () => ({ kind: 'telegram' }),
  [TargetKind.KIND_WHATSAPP]: () => ({ kind: 'whatsapp' }),
  [TargetKind.KIND_VIBER]: () => ({ kind: 'viber' }),
  [TargetKind.KIND_CUSTOM]: (target) => ({ kind: 'custom', fieldKey: target.customFieldKey.trim() }),
};

/** null for an unspecified kind: the application names the field. */
export const fromProtoTarget = (target: audiencesV1.ColumnTarget): ColumnTarget | null => targets[target.kind]?.(target) ?? null;

export function toProtoTarget(target: ColumnTarget): audiencesV1.ColumnTarget {
  switch (target.kind) {
    case 'custom':
      return { kind: TargetKind.KIND_CUSTOM, customFieldKey: target.fieldKey };
    case 'ignore':
      return { kind: TargetKind.KIND_IGNORE, customFieldKey: '' };
    case 'phone':
      return { kind: TargetKind.KIND_PHONE, customFieldKey: '' };
    case 'email':
      return { kind: TargetKind.KIND_EMAIL, customFieldKey: '' };
    case 'telegram':
      return { kind: TargetKind.KIND_TELEGRAM, customFieldKey: '' };
    case 'whatsapp':
      return { kind: TargetKind.KIND_WHATSAPP, customFieldKey: '' };
    case 'viber':
      return { kind: TargetKind.KIND_VIBER, customFieldKey: '' };
  }
}

export function toProtoPreview(preview: PreviewResult): audiencesV1.PreviewImportResponse {
  return {
    fileKind: preview.fileKind,
    encoding: preview.encoding ? encodings[preview.encoding] : ProtoEncoding.TEXT_ENCODING_UNSPECIFIED,
    delimiter: preview.delimiter ?? '',
    rows: preview.rows.map((row) =>
      row.kind === 'row'
        ? { rowNumber: row.rowNumber, cells: [...row.fields], problem: '' }
        : row.kind === 'broken-quotes'
          ? { rowNumber: row.rowNumber, cells: [row.raw], problem: row.reason }
          : { rowNumber: row.rowNumber, cells: [], problem: '' },
    ),
    columnCount: preview.columnCount,
    headerGuessed: preview.headerGuessed,
    suggestedMapping: preview.suggestedMapping.columns.map(toProtoTarget),
  };
}

const jobStates: Record<ImportJob['state'], audiencesV1.ImportJobState> = {
  running: ImportJobState.IMPORT_JOB_STATE_RUNNING,
  completed: ImportJobState.IMPORT_JOB_STATE_COMPLETED,
  failed: ImportJobState.IMPORT_JOB_STATE_FAILED,
};

export function toProtoJob(job: ImportJob, locale: Locale): audiencesV1.ImportJob {
  return {
    jobId: job.jobId,
    segmentId: job.segmentId,
    uploadId: job.uploadId,
    state: jobStates[job.state],
    rowsRead: job.rowsRead,
    rowsImported: job.rowsImported,
    rowsRejected: job.rowsRejected,
    rowsDuplicate: job.rowsDuplicate,
    contactsCreated: job.contactsCreated,
    rowsTotal: job.rowsTotal,
    rowsTotalIsEstimate: job.rowsTotalIsEstimate,
    failureCode: job.failure?.code ?? '',
    failureMessage: job.failure ? describeJobFailure(job.failure, locale) : '',
    startedAt: job.startedAt,
    finishedAt: job.finishedAt ?? undefined,
  };
}
