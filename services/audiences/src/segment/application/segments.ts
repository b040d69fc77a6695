import { Inject, Injectable } from '@nestjs/common';
import { IllegalStateError, type FieldViolation } from '@zvonar/eventsourcing';
import { withTransaction } from '@zvonar/messaging-postgres';
import { CLOCK, ID_GENERATOR, SERVICE_CONFIG, type Clock, type IdGenerator } from '@zvonar/platform';
import type { CountryCode } from 'libphonenumber-js/max';
import type { PoolClient } from 'pg';
import { DESCRIBE_NUMBER, OUTBOX_WRITTEN, SEGMENT_STORE } from '../../audiences.di-tokens';
import type { AudiencesConfig } from '../../config/audiences.config';
import { ContactNormaliser } from '../../contact/domain';
import { describeReason } from '../../import/domain/error-report';
import { toNewContact, type DescribeNumber } from '../domain/new-contact';
import { checkedSegmentName, type ContactStatus, type NewContact, type Segment, type SegmentKind, type StoredContact } from '../domain/segment';
import type { ContactFilter, ContactPage, PostgresSegmentStore } from '../infrastructure/postgres.segment-store';
import { exportSegment, type ExportedFile, type ExportFormat } from '../infrastructure/segment-export';
import { Blacklists } from './blacklists';
import { countryOf } from './country';
import type { Locale } from './locale';
import { invalid, notFound, required, texts } from './texts';

export type RejectedLine = { readonly lineNumber: number; readonly text: string; readonly reason: string };

const looksLikeEmail = (line: string): boolean => line.includes('@');

/** Segments and their contacts: create (empty, blacklist, from a pasted list), copy, rename, delete, edit contacts. */
@Injectable()
export class Segments {
  constructor(
    @Inject(SEGMENT_STORE) private readonly store: PostgresSegmentStore,
    @Inject(DESCRIBE_NUMBER) private readonly describe: DescribeNumber,
    @Inject(SERVICE_CONFIG) private readonly config: AudiencesConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(OUTBOX_WRITTEN) private readonly outboxWritten: () => void,
    private readonly blacklists: Blacklists,
  ) {}

  async create(
    input: { projectId: string; name: string; kind: SegmentKind; pastedList: string; defaultCountry: string },
    locale: Locale,
  ): Promise<{ segment: Segment; rejectedLines: RejectedLine[] }> {
    const violations: FieldViolation[] = [];
    if (input.projectId.trim() === '') violations.push(required('projectId', locale));
    const name = checkedSegmentName(input.name);
    if (name === null) violations.push({ field: 'name', code: 'INVALID_LENGTH', message: texts.name[locale] });
    const country = countryOf(input.defaultCountry, this.config.AUDIENCES_DEFAULT_COUNTRY, 'defaultCountry', locale);
    if ('violation' in country) violations.push(country.violation);
    if (violations.length > 0 || name === null || 'violation' in country) throw invalid(violations, locale);

    const { contacts, rejectedLines } = this.readPastedList(input.pastedList, country.country);
    const at = this.clock.now();
    const segmentId = this.ids.next();
    await withTransaction(this.store.pool, async (tx) => {
      await this.store.create(tx, { segmentId, projectId: input.projectId, name, kind: input.kind, status: 'ready', createdAt: at, changedAt: at });
      await this.addContacts(tx, { segmentId, projectId: input.projectId, kind: input.kind }, contacts);
    });
    if (input.kind === 'blacklist' && contacts.length > 0) this.outboxWritten();
    return { segment: await this.get(segmentId, locale), rejectedLines };
  }

  /** Appends contacts to a segment in the caller's transaction; a blacklist's numbers are published. */
  async addContacts(tx: PoolClient, segment: { segmentId: string; projectId: string; kind: SegmentKind }, contacts: readonly NewContact[]): Promise<void> {
    await this.store.insertContacts(tx, segment.segmentId, contacts);
    await this.store.refreshCounts(tx, segment.segmentId, this.clock.now());
    if (segment.kind === 'blacklist') await this.blacklists.announceSegment(tx, segment.segmentId, segment.projectId);
  }

  /** One number or e-mail per line (several per line when separated by , or ;), normalised like an import with duplicates removed. */
  private readPastedList(text: string, defaultCountry: CountryCode): { contacts: NewContact[]; rejectedLines: RejectedLine[] } {
    const normaliser = new ContactNormaliser({
      defaultCountry,
      splitMultiplePhones: true,
      email: { idnToAscii: true, unicodeToAscii: false, removeSubaddress: false },
      removeDuplicates: true,
    });
    const contacts: NewContact[] = [];
    const rejectedLines: RejectedLine[] = [];
    text.split(/\r\n|\r|\n/).forEach((raw, index) => {
      const line = raw.trim();
      if (line === '') return;
      const lineNumber = index + 1;
      const outcome = normaliser.normalise(looksLikeEmail(line) ? { rowNumber: lineNumber, email: line } : { rowNumber: lineNumber, phone: line });
      if (outcome.kind === 'accepted') {
        for (const contact of outcome.contacts) contacts.push(toNewContact({ contact, messengers: {}, customFields: {} }, this.describe));
      } else if (outcome.kind === 'rejected') {
        rejectedLines.push({ lineNumber, text: line, reason: outcome.reasons.map(describeReason).join('; ') });
      } else {
        rejectedLines.push({ lineNumber, text: line, reason: describeReason({ field: 'row', input: outcome.key, reason: 'duplicate', duplicateOf: outcome.duplicateOf }) });
      }
    });
    return { contacts, rejectedLines };
  }

  async get(segmentId: string, locale: Locale): Promise<Segment> {
    const segment = await this.store.get(segmentId);
    if (!segment) throw notFound('segment', segmentId, locale);
    return segment;
  }

  list(input: { projectId: string; kind: SegmentKind | undefined; after: string | undefined; pageSize: number }) {
    return this.store.list({ ...input, pageSize: Math.min(Math.max(input.pageSize, 1), 100) });
  }

  /** A new segment of the contacts (those matching `filter`, when given) in their order; named "<name> (копия)" when no name is given. */
  async copy(input: { segmentId: string; name: string; filter?: ContactFilter }, locale: Locale): Promise<Segment> {
    const original = await this.get(input.segmentId, locale);
    const name = input.name.trim() === '' ? `${original.name}${texts.blacklistCopy[locale]}`.slice(0, 200) : checkedSegmentName(input.name);
    if (name === null) throw invalid([{ field: 'name', code: 'INVALID_LENGTH', message: texts.name[locale] }], locale);
    const at = this.clock.now();
    const segmentId = this.ids.next();
    await withTransaction(this.store.pool, async (tx) => {
      const locked = await this.store.lock(tx, original.segmentId);
      if (!locked) throw notFound('segment', original.segmentId, locale);
      if (locked.status === 'importing') throw new IllegalStateError(texts.segmentBusy[locale], locked.status);
      await this.store.create(tx, { segmentId, projectId: original.projectId, name, kind: original.kind, status: 'ready', createdAt: at, changedAt: at });
      await this.store.copyContacts(tx, original.segmentId, segmentId, input.filter);
      await this.store.refreshCounts(tx, segmentId, at);
      if (original.kind === 'blacklist') await this.blacklists.announceSegment(tx, segmentId, original.projectId);
    });
    if (original.kind === 'blacklist') this.outboxWritten();
    return this.get(segmentId, locale);
  }

  async rename(input: { segmentId: string; name: string }, locale: Locale): Promise<Segment> {
    const name = checkedSegmentName(input.name);
    if (name === null) throw invalid([{ field: 'name', code: 'INVALID_LENGTH', message: texts.name[locale] }], locale);
    await this.get(input.segmentId, locale);
    await this.store.update(this.store.pool, input.segmentId, { name }, this.clock.now());
    return this.get(input.segmentId, locale);
  }

  async delete(segmentId: string, locale: Locale): Promise<void> {
    const segment = await this.get(segmentId, locale);
    await withTransaction(this.store.pool, async (tx) => {
      const locked = await this.store.lock(tx, segmentId);
      if (!locked) return;
      if (locked.status === 'importing') throw new IllegalStateError(texts.segmentBusy[locale], locked.status);
      const removed = segment.kind === 'blacklist' ? await this.announcedNumbers(tx, segmentId) : [];
      await this.store.delete(tx, segmentId);
      await this.blacklists.retract(tx, segment.projectId, removed);
    });
    if (segment.kind === 'blacklist') this.outboxWritten();
  }

  private async announcedNumbers(tx: PoolClient, segmentId: string) {
    const { rows } = await tx.query<{ contact_id: string; phone: string }>(
      'SELECT contact_id, phone FROM contacts WHERE segment_id = $1 AND blacklist_announced',
      [segmentId],
    );
    return rows.map((row) => ({ contactId: row.contact_id, phone: row.phone, announced: true }));
  }

  async listContacts(input: { segmentId: string; filter: ContactFilter; after: string | null; pageSize: number }, locale: Locale): Promise<ContactPage> {
    await this.get(input.segmentId, locale);
    if (input.after !== null && !/^\d+$/.test(input.after)) throw invalid([{ field: 'page.pageToken', code: 'INVALID_TOKEN', message: 'page token' }], locale);
    return this.store.listContacts({ ...input, pageSize: Math.min(Math.max(input.pageSize, 1), 1_000) });
  }

  async updateContact(input: { contactId: string; status: ContactStatus | undefined; customFields: Record<string, string> | undefined }, locale: Locale): Promise<StoredContact> {
    const at = this.clock.now();
    const updated = await withTransaction(this.store.pool, async (tx) => {
      const contact = await this.store.contact(tx, input.contactId);
      if (!contact) throw notFound('contact', input.contactId, locale);
      await this.store.updateContact(tx, input.contactId, { ...(input.status ? { status: input.status } : {}), ...(input.customFields ? { customFields: input.customFields } : {}) }, at);
      await this.store.refreshCounts(tx, contact.segmentId, at);
      return this.store.contact(tx, input.contactId);
    });
    if (!updated) throw notFound('contact', input.contactId, locale);
    return updated;
  }

  async deleteContacts(input: { segmentId: string; contactIds: readonly string[] }, locale: Locale): Promise<number> {
    const segment = await this.get(input.segmentId, locale);
    const at = this.clock.now();
    const deleted = await withTransaction(this.store.pool, async (tx) => {
      const { rows } = await tx.query<{ contact_id: string; phone: string | null; blacklist_announced: boolean }>(
        'DELETE FROM contacts WHERE segment_id = $1 AND contact_id = ANY($2) RETURNING contact_id, phone, blacklist_announced',
        [input.segmentId, [...input.contactIds]],
      );
      await this.store.refreshCounts(tx, input.segmentId, at);
      if (segment.kind === 'blacklist')
        await this.blacklists.retract(tx, segment.projectId, rows.map((row) => ({ contactId: row.contact_id, phone: row.phone, announced: row.blacklist_announced })));
      return rows.length;
    });
    if (segment.kind === 'blacklist' && deleted > 0) this.outboxWritten();
    return deleted;
  }

  /** The segment as a CSV or XLSX file, named after it. */
  async exportFile(segmentId: string, format: ExportFormat, locale: Locale): Promise<ExportedFile & { fileName: string }> {
    const segment = await this.get(segmentId, locale);
    const file = await exportSegment(this.store, segmentId, format);
    return { ...file, fileName: `${segment.name}.${file.extension}` };
  }

  /** Active dialable contacts of the project's segment in their stable order. */
  async *dialable(input: { projectId: string; segmentId: string }, locale: Locale): AsyncGenerator<StoredContact & { readonly blacklisted: boolean }> {
    const segment = await this.get(input.segmentId, locale);
    if (input.projectId !== '' && segment.projectId !== input.projectId) throw notFound('segment', input.segmentId, locale);
    yield* this.store.activeContacts(input.segmentId, segment.projectId);
  }
}
