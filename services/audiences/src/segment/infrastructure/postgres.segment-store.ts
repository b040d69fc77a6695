import type { Pool, PoolClient } from 'pg';
import { contactKey } from '../../contact/domain';
import type {
  ContactStatus,
  EmailStatus,
  NewContact,
  ScoringRun,
  Segment,
  SegmentKind,
  SegmentStatus,
  StoredContact,
} from '../domain/segment';

type Queryable = Pick<Pool | PoolClient, 'query'>;

type SegmentRow = {
  segment_id: string;
  project_id: string;
  name: string;
  kind: SegmentKind;
  status: SegmentStatus;
  total_count: string;
  active_count: string;
  inactive_count: string;
  not_russian_count: string;
  last_import_job_id: string | null;
  created_at: Date;
  changed_at: Date;
};

type ContactRow = {
  contact_id: string;
  segment_id: string;
  position: string;
  phone: string | null;
  email: string | null;
  telegram: string | null;
  whatsapp: string | null;
  viber: string | null;
  custom_fields: Record<string, string>;
  status: ContactStatus;
  region: string | null;
  operator: string | null;
  time_zones: string[];
  line_type: string | null;
  row_number: number | null;
  email_status: EmailStatus | null;
  changed_at: Date;
};

const toSegment = (row: SegmentRow, scoringHistory: readonly ScoringRun[]): Segment => ({
  segmentId: row.segment_id,
  projectId: row.project_id,
  name: row.name,
  kind: row.kind,
  status: row.status,
  counts: {
    total: Number(row.total_count),
    active: Number(row.active_count),
    inactive: Number(row.inactive_count),
    notRussian: Number(row.not_russian_count),
  },
  scoringHistory,
  lastImportJobId: row.last_import_job_id,
  createdAt: row.created_at,
  changedAt: row.changed_at,
});

export const toStoredContact = (row: ContactRow): StoredContact => ({
  contactId: row.contact_id,
  segmentId: row.segment_id,
  phone: row.phone,
  email: row.email,
  telegram: row.telegram,
  whatsapp: row.whatsapp,
  viber: row.viber,
  customFields: row.custom_fields,
  status: row.status,
  region: row.region,
  operator: row.operator,
  timeZones: row.time_zones,
  lineType: row.line_type,
  rowNumber: row.row_number,
  emailStatus: row.email_status,
  changedAt: row.changed_at,
});

export type ContactFilter = {
  readonly status?: ContactStatus | undefined;
  readonly timeZone?: string | undefined;
  readonly region?: string | undefined;
  readonly lineType?: string | undefined;
  readonly emailStatus?: EmailStatus | undefined;
};

export type ContactPage = { readonly contacts: readonly StoredContact[]; readonly next: string | null };

/** The filter as SQL conditions on `contacts`, numbered from `$first`. */
function filterConditions(filter: ContactFilter, first: number): { sql: string; params: Array<string | null> } {
  return {
    sql: `($${first}::text IS NULL OR status = $${first}) AND ($${first + 1}::text IS NULL OR $${first + 1} = ANY(time_zones))
      AND ($${first + 2}::text IS NULL OR region = $${first + 2}) AND ($${first + 3}::text IS NULL OR line_type = $${first + 3})
      AND ($${first + 4}::text IS NULL OR email_status = $${first + 4})`,
    params: [filter.status ?? null, filter.timeZone ?? null, filter.region ?? null, filter.lineType ?? null, filter.emailStatus ?? null],
  };
}

const CONTACT_COLUMNS = `contact_id, segment_id, position, phone, email, telegram, whatsapp, viber, custom_fields,
  status, region, operator, time_zones, line_type, row_number, email_status, changed_at`;

/**
 * The contacts of segment `$n` its readers may see: not those of an import still running into it
 * (they are committed batch by batch, but the segment shows them only once the job completes, and
 * a failed job's are removed). One lookup of the segment per statement, not one per row.
 */
const visibleIn = (segmentParam: string): string =>
  `(contacts.import_job_id IS NULL OR contacts.import_job_id IS DISTINCT FROM
     (SELECT last_import_job_id FROM segments WHERE segment_id = ${segmentParam} AND status = 'importing'))`;

/** How imported contacts are written: the job that writes them, and whether the segment must hold each key once. */
export type ContactsWrite = { readonly importJobId?: string; readonly deduplicated?: boolean };

/** Rows fetched per round trip while streaming a segment: memory stays at one batch. */
const STREAM_BATCH = 1_000;

/** Segments and their contacts in the service's schema (search_path set by the pool). */
export class PostgresSegmentStore {
  constructor(readonly pool: Pool) {}

  async create(db: Queryable, segment: Omit<Segment, 'counts' | 'scoringHistory' | 'lastImportJobId'>, isProjectBlacklist = false): Promise<void> {
    await db.query(
      `INSERT INTO segments (segment_id, project_id, name, kind, status, is_project_blacklist, created_at, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [segment.segmentId, segment.projectId, segment.name, segment.kind, segment.status, isProjectBlacklist, segment.createdAt, segment.changedAt],
    );
  }

  async get(segmentId: string, db: Queryable = this.pool): Promise<Segment | null> {
    // The history first: a run completes in the transaction that refreshes the segment's counts, so
    // a read that sees the run completed must also see those counts (the other order could pair a
    // completed run with the counts from just before it).
    const history = await this.scoringHistory(db, [segmentId]);
    const { rows } = await db.query<SegmentRow>('SELECT * FROM segments WHERE segment_id = $1', [segmentId]);
    const row = rows[0];
    return row ? toSegment(row, history.get(segmentId) ?? []) : null;
  }

  /** Locks the segment row for the transaction (imports and copies must not interleave on one segment). */
  async lock(tx: PoolClient, segmentId: string): Promise<Segment | null> {
    const { rowCount } = await tx.query('SELECT 1 FROM segments WHERE segment_id = $1 FOR UPDATE', [segmentId]);
    return rowCount === 0 ? null : this.get(segmentId, tx);
  }

  async list(input: { projectId: string; kind: SegmentKind | undefined; after: string | undefined; pageSize: number }): Promise<{ items: Segment[]; next: string | undefined }> {
    const { rows } = await this.pool.query<SegmentRow>(
      `SELECT * FROM segments
        WHERE project_id = $1 AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR segment_id > $3)
        ORDER BY segment_id LIMIT $4`,
      [input.projectId, input.kind ?? null, input.after ?? null, input.pageSize + 1],
    );
    const page = rows.slice(0, input.pageSize);
    const history = await this.scoringHistory(this.pool, page.map((row) => row.segment_id));
    return {
      items: page.map((row) => toSegment(row, history.get(row.segment_id) ?? [])),
      next: rows.length > input.pageSize ? page[page.length - 1]?.segment_id : undefined,
    };
  }

  private async scoringHistory(db: Queryable, segmentIds: readonly string[]): Promise<Map<string, ScoringRun[]>> {
    const history = new Map<string, ScoringRun[]>();
    if (segmentIds.length === 0) return history;
    const { rows } = await db.query<{
      run_id: string;
      segment_id: string;
      kind: string;
      state: ScoringRun['state'];
      contacts_checked: string;
      started_at: Date;
      finished_at: Date | null;
      results: Record<string, number> | null;
    }>('SELECT * FROM scoring_runs WHERE segment_id = ANY($1) ORDER BY started_at', [segmentIds]);
    for (const row of rows) {
      const runs = history.get(row.segment_id) ?? [];
      runs.push({ runId: row.run_id, kind: row.kind, state: row.state, contactsChecked: Number(row.contacts_checked), startedAt: row.started_at, finishedAt: row.finished_at, results: row.results });
      history.set(row.segment_id, runs);
    }
    return history;
  }

  async update(db: Queryable, segmentId: string, change: { name?: string; status?: SegmentStatus; lastImportJobId?: string }, at: Date): Promise<void> {
    await db.query(
      `UPDATE segments SET name = coalesce($2, name), status = coalesce($3, status),
         last_import_job_id = coalesce($4, last_import_job_id), changed_at = $5
       WHERE segment_id = $1`,
      [segmentId, change.name ?? null, change.status ?? null, change.lastImportJobId ?? null, at],
    );
  }

  async delete(db: Queryable, segmentId: string): Promise<void> {
    await db.query('DELETE FROM segments WHERE segment_id = $1', [segmentId]);
  }

  /**
   * Appends contacts after the segment's last one, in the given order (one round trip per call);
   * returns the ids and phones of the contacts written. A `deduplicated` write that repeats a key the
   * segment holds from another deduplicated write is refused by the database (unique violation).
   */
  async insertContacts(db: Queryable, segmentId: string, contacts: readonly NewContact[], write: ContactsWrite = {}): Promise<Array<{ contactId: string; phone: string | null }>> {
    if (contacts.length === 0) return [];
    const column = <T>(pick: (contact: NewContact) => T): T[] => contacts.map(pick);
    const { rows } = await db.query<{ contact_id: string; phone: string | null }>(
      `INSERT INTO contacts (segment_id, phone, email, telegram, whatsapp, viber, custom_fields, status, region, operator, time_zones, line_type, row_number,
                            import_job_id, dedup_key)
       SELECT $1, phone, email, telegram, whatsapp, viber, custom_fields::jsonb, status, region, operator,
              CASE WHEN time_zones = '' THEN '{}'::text[] ELSE string_to_array(time_zones, ' ') END, line_type, row_number,
              $14, dedup_key
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::int[], $15::text[])
              WITH ORDINALITY AS c(phone, email, telegram, whatsapp, viber, custom_fields, status, region, operator, time_zones, line_type, row_number, dedup_key, n)
        ORDER BY n
       RETURNING contact_id, phone`,
      [
        segmentId,
        column((c) => c.phone),
        column((c) => c.email),
        column((c) => c.telegram),
        column((c) => c.whatsapp),
        column((c) => c.viber),
        column((c) => JSON.stringify(c.customFields)),
        column((c) => c.status),
        column((c) => c.region),
        column((c) => c.operator),
        // IANA zone ids hold no spaces.
        column((c) => c.timeZones.join(' ')),
        column((c) => c.lineType),
        column((c) => c.rowNumber),
        write.importJobId ?? null,
        column((c) => (write.deduplicated ? contactKey(c.phone, c.email) : null)),
      ],
    );
    return rows.map((row) => ({ contactId: row.contact_id, phone: row.phone }));
  }

  /** Recounts the segment's contacts by status (after any change to them, in the same transaction). */
  async refreshCounts(db: Queryable, segmentId: string, at: Date): Promise<void> {
    await db.query(
      `UPDATE segments s SET
         total_count = c.total, active_count = c.active, inactive_count = c.inactive, not_russian_count = c.not_russian, changed_at = $2
       FROM (SELECT count(*) AS total,
                    count(*) FILTER (WHERE status = 'active') AS active,
                    count(*) FILTER (WHERE status = 'inactive') AS inactive,
                    count(*) FILTER (WHERE status = 'not-russian') AS not_russian
               FROM contacts WHERE segment_id = $1 AND ${visibleIn('$1')}) c
       WHERE s.segment_id = $1`,
      [segmentId, at],
    );
  }

  /** The contacts of `from` (those matching `filter`) appended to `to` in the same order, as new contacts. */
  async copyContacts(db: Queryable, from: string, to: string, filter: ContactFilter = {}): Promise<void> {
    const conditions = filterConditions(filter, 3);
    await db.query(
      `INSERT INTO contacts (segment_id, phone, email, telegram, whatsapp, viber, custom_fields, status, region, operator, time_zones, line_type, row_number, dedup_key, email_status)
       SELECT $2, phone, email, telegram, whatsapp, viber, custom_fields, status, region, operator, time_zones, line_type, row_number, dedup_key, email_status
         FROM contacts WHERE segment_id = $1 AND ${visibleIn('$1')} AND ${conditions.sql} ORDER BY position`,
      [from, to, ...conditions.params],
    );
  }

  /**
   * Active dialable contacts in segment order, fetched by keyset in batches: memory stays at one
   * batch. Each says whether its number is on a blacklist of the segment's project or on the
   * do-not-call list of the project's account, as of the batch's read.
   */
  async *activeContacts(segmentId: string, projectId: string): AsyncGenerator<StoredContact & { readonly blacklisted: boolean }> {
    let after = '0';
    for (;;) {
      const { rows } = await this.pool.query<ContactRow & { blacklisted: boolean }>(
        `SELECT ${CONTACT_COLUMNS},
                EXISTS (SELECT 1 FROM contacts b JOIN segments s ON s.segment_id = b.segment_id
                         WHERE b.phone = contacts.phone AND s.project_id = $4 AND s.kind = 'blacklist')
             OR EXISTS (SELECT 1 FROM do_not_call d JOIN project_accounts p ON p.account_id = d.account_id
                         WHERE p.project_id = $4 AND d.phone = contacts.phone) AS blacklisted
           FROM contacts
          WHERE segment_id = $1 AND status = 'active' AND phone IS NOT NULL AND position > $2 AND ${visibleIn('$1')}
          ORDER BY position LIMIT $3`,
        [segmentId, after, STREAM_BATCH, projectId],
      );
      for (const row of rows) yield { ...toStoredContact(row), blacklisted: row.blacklisted };
      const last = rows[rows.length - 1];
      if (!last || rows.length < STREAM_BATCH) return;
      after = last.position;
    }
  }

  /** What identifies each contact of a segment (`contactKey`), read in batches. */
  async contactKeys(segmentId: string): Promise<string[]> {
    const keys: string[] = [];
    let after = '0';
    for (;;) {
      const { rows } = await this.pool.query<{ position: string; phone: string | null; email: string | null }>(
        `SELECT position, phone, email FROM contacts WHERE segment_id = $1 AND position > $2 AND ${visibleIn('$1')} ORDER BY position LIMIT $3`,
        [segmentId, after, STREAM_BATCH * 10],
      );
      for (const row of rows) keys.push(contactKey(row.phone, row.email));
      const last = rows[rows.length - 1];
      if (!last || rows.length < STREAM_BATCH * 10) return keys;
      after = last.position;
    }
  }

  /** Removes up to `limit` contacts an import job wrote; returns them (with whether each was announced on a blacklist). */
  async removeImportedContacts(db: Queryable, importJobId: string, limit: number): Promise<Array<{ contactId: string; phone: string | null; announced: boolean }>> {
    const { rows } = await db.query<{ contact_id: string; phone: string | null; blacklist_announced: boolean }>(
      `DELETE FROM contacts WHERE contact_id IN (SELECT contact_id FROM contacts WHERE import_job_id = $1 LIMIT $2)
       RETURNING contact_id, phone, blacklist_announced`,
      [importJobId, limit],
    );
    return rows.map((row) => ({ contactId: row.contact_id, phone: row.phone, announced: row.blacklist_announced }));
  }

  /** A failed import's contacts are gone: the segment is free again, marked `import-failed` (only if that job still holds it). */
  async endFailedImport(segmentId: string, importJobId: string, at: Date): Promise<void> {
    await this.pool.query(
      `UPDATE segments SET status = 'import-failed', changed_at = $3 WHERE segment_id = $1 AND status = 'importing' AND last_import_job_id = $2`,
      [segmentId, importJobId, at],
    );
  }

  /** Whether the segment shows a contact with this number (see `visibleIn`). */
  async showsPhone(db: Queryable, segmentId: string, phone: string): Promise<boolean> {
    const { rowCount } = await db.query(`SELECT 1 FROM contacts WHERE segment_id = $1 AND phone = $2 AND ${visibleIn('$1')}`, [segmentId, phone]);
    return (rowCount ?? 0) > 0;
  }

  /** The keys an import job's contacts took in the segment, with the row of each (a resumed job's de-duplication), read in batches. */
  async importedKeys(segmentId: string, importJobId: string): Promise<Array<readonly [string, number]>> {
    const keys: Array<readonly [string, number]> = [];
    let after = '0';
    for (;;) {
      const { rows } = await this.pool.query<{ position: string; dedup_key: string; row_number: number | null }>(
        `SELECT position, dedup_key, row_number FROM contacts
          WHERE segment_id = $1 AND import_job_id = $2 AND dedup_key IS NOT NULL AND position > $3 ORDER BY position LIMIT $4`,
        [segmentId, importJobId, after, STREAM_BATCH * 10],
      );
      for (const row of rows) keys.push([row.dedup_key, row.row_number ?? 0]);
      const last = rows[rows.length - 1];
      if (!last || rows.length < STREAM_BATCH * 10) return keys;
      after = last.position;
    }
  }

  /** Every contact of a segment in order, in batches (exports). */
  async *allContacts(segmentId: string): AsyncGenerator<readonly StoredContact[]> {
    let after: string | null = null;
    for (;;) {
      const page = await this.listContacts({ segmentId, filter: {}, after, pageSize: STREAM_BATCH });
      if (page.contacts.length > 0) yield page.contacts;
      if (page.next === null) return;
      after = page.next;
    }
  }

  async listContacts(input: { segmentId: string; filter: ContactFilter; after: string | null; pageSize: number }): Promise<ContactPage> {
    const conditions = filterConditions(input.filter, 4);
    const { rows } = await this.pool.query<ContactRow>(
      `SELECT ${CONTACT_COLUMNS} FROM contacts
        WHERE segment_id = $1 AND position > $2 AND ${visibleIn('$1')} AND ${conditions.sql}
        ORDER BY position LIMIT $3`,
      [input.segmentId, input.after ?? '0', input.pageSize + 1, ...conditions.params],
    );
    const page = rows.slice(0, input.pageSize);
    return { contacts: page.map(toStoredContact), next: rows.length > input.pageSize ? (page[page.length - 1]?.position ?? null) : null };
  }

  async contact(db: Queryable, contactId: string): Promise<StoredContact | null> {
    const { rows } = await db.query<ContactRow>(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE contact_id = $1`, [contactId]);
    return rows[0] ? toStoredContact(rows[0]) : null;
  }

  async updateContact(db: Queryable, contactId: string, change: { status?: ContactStatus; customFields?: Record<string, string> }, at: Date): Promise<void> {
    await db.query(
      `UPDATE contacts SET status = coalesce($2, status), custom_fields = coalesce($3::jsonb, custom_fields), changed_at = $4 WHERE contact_id = $1`,
      [contactId, change.status ?? null, change.customFields === undefined ? null : JSON.stringify(change.customFields), at],
    );
  }
}
