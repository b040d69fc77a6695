/** What a segment is for: contacts to call, or numbers never to call in the project. */
export type SegmentKind = 'audience' | 'blacklist';

/** `importing` while an import fills it; `import-failed` when its last import failed (nothing of it was kept). */
export type SegmentStatus = 'ready' | 'importing' | 'import-failed';

/** `not-russian`: kept and shown, never dialled (campaigns call Russian numbers only). */
export type ContactStatus = 'active' | 'inactive' | 'not-russian';

export type SegmentCounts = {
  readonly total: number;
  readonly active: number;
  readonly inactive: number;
  readonly notRussian: number;
};

export type ScoringRun = {
  readonly runId: string;
  readonly kind: string;
  readonly state: 'running' | 'completed' | 'failed';
  readonly contactsChecked: number;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  /** Counts per verdict, for runs that keep them (e-mail validation); null for the others. */
  readonly results: Readonly<Record<string, number>> | null;
};

export type Segment = {
  readonly segmentId: string;
  readonly projectId: string;
  readonly name: string;
  readonly kind: SegmentKind;
  readonly status: SegmentStatus;
  readonly counts: SegmentCounts;
  readonly scoringHistory: readonly ScoringRun[];
  readonly lastImportJobId: string | null;
  readonly createdAt: Date;
  readonly changedAt: Date;
};

export type Messengers = {
  readonly telegram: string | null;
  readonly whatsapp: string | null;
  readonly viber: string | null;
};

/** What the numbering data says about a contact's phone (all null / empty for an e-mail-only contact). */
export type PhoneDetails = {
  readonly region: string | null;
  readonly operator: string | null;
  readonly timeZones: readonly string[];
  readonly lineType: string | null;
};

/** A contact about to be stored, in the order it is to be dialled. */
export type NewContact = Messengers &
  PhoneDetails & {
    readonly phone: string | null;
    readonly email: string | null;
    readonly customFields: Readonly<Record<string, string>>;
    readonly status: ContactStatus;
    readonly rowNumber: number | null;
  };

/** What the last e-mail validation made of a contact's address; null when it was never validated. */
export type EmailStatus = 'valid' | 'invalid-syntax' | 'no-mail-server' | 'disposable' | 'unknown';

export type StoredContact = NewContact & {
  readonly emailStatus: EmailStatus | null;
  readonly contactId: string;
  readonly segmentId: string;
  readonly changedAt: Date;
};

/** Campaigns dial Russian numbers only; an e-mail-only contact stays active for other channels. */
export function statusOfPhone(phoneCountry: string | null, phone: string | null): ContactStatus {
  if (phone === null) return 'active';
  return phoneCountry === 'RU' ? 'active' : 'not-russian';
}

export const SEGMENT_NAME_MAX = 200;

/** The name as stored (trimmed), or null when it is blank or too long. */
export function checkedSegmentName(name: string): string | null {
  const trimmed = name.trim();
  return trimmed === '' || trimmed.length > SEGMENT_NAME_MAX ? null : trimmed;
}
