import { outboxMigration } from '@zvonar/outbox';
import type { Migration } from '@zvonar/platform';

/** The audiences schema. Never edit an applied migration: add the next one. */
export const audiencesMigrations: readonly Migration[] = [
  {
    id: '0001_create_segments',
    sql: `
      CREATE TABLE segments (
        segment_id text PRIMARY KEY,
        project_id text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('audience', 'blacklist')),
        status text NOT NULL CHECK (status IN ('ready', 'importing', 'import-failed')),
        -- The blacklist calls' opt-outs land in (one per project, made on first use).
        is_project_blacklist boolean NOT NULL DEFAULT false,
        total_count bigint NOT NULL DEFAULT 0,
        active_count bigint NOT NULL DEFAULT 0,
        inactive_count bigint NOT NULL DEFAULT 0,
        not_russian_count bigint NOT NULL DEFAULT 0,
        last_import_job_id text,
        created_at timestamptz NOT NULL,
        changed_at timestamptz NOT NULL
      );
      CREATE INDEX segments_by_project ON segments (project_id, segment_id);
      CREATE UNIQUE INDEX one_project_blacklist ON segments (project_id) WHERE is_project_blacklist;`,
  },
  {
    id: '0002_create_contacts',
    sql: `
      CREATE TABLE contacts (
        contact_id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
        segment_id text NOT NULL REFERENCES segments (segment_id) ON DELETE CASCADE,
        -- The stable order of a segment (file order at import): the dialer numbers contacts by it.
        position bigint GENERATED ALWAYS AS IDENTITY,
        phone text,
        email text,
        telegram text,
        whatsapp text,
        viber text,
        custom_fields jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('active', 'inactive', 'not-russian')),
        region text,
        operator text,
        time_zones text[] NOT NULL DEFAULT '{}',
        line_type text,
        row_number integer,
        -- Blacklist segments: BlacklistEntryAdded written to the outbox (false while the project's account is unknown).
        blacklist_announced boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        changed_at timestamptz NOT NULL DEFAULT now(),
        CHECK (phone IS NOT NULL OR email IS NOT NULL)
      );
      CREATE INDEX contacts_in_order ON contacts (segment_id, position);
      CREATE INDEX contacts_by_phone ON contacts (segment_id, phone);`,
  },
  {
    id: '0003_create_imports',
    sql: `
      -- Uploaded files, kept in chunks as they arrived, so reading one never needs it whole in memory.
      CREATE TABLE import_uploads (
        upload_id text PRIMARY KEY,
        project_id text NOT NULL,
        file_name text NOT NULL,
        size_bytes bigint NOT NULL DEFAULT 0,
        chunks integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL
      );
      CREATE TABLE import_upload_chunks (
        upload_id text NOT NULL REFERENCES import_uploads (upload_id) ON DELETE CASCADE,
        seq integer NOT NULL,
        bytes bytea NOT NULL,
        PRIMARY KEY (upload_id, seq)
      );
      CREATE TABLE import_jobs (
        job_id text PRIMARY KEY,
        segment_id text NOT NULL,
        upload_id text NOT NULL REFERENCES import_uploads (upload_id),
        state text NOT NULL CHECK (state IN ('running', 'completed', 'failed')),
        rows_read bigint NOT NULL DEFAULT 0,
        rows_imported bigint NOT NULL DEFAULT 0,
        rows_rejected bigint NOT NULL DEFAULT 0,
        rows_duplicate bigint NOT NULL DEFAULT 0,
        contacts_created bigint NOT NULL DEFAULT 0,
        rows_total bigint NOT NULL DEFAULT 0,
        rows_total_is_estimate boolean NOT NULL DEFAULT true,
        mapping jsonb NOT NULL,
        options jsonb NOT NULL,
        failure_code text,
        failure_message text,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        CHECK (state = 'running' OR rows_imported + rows_rejected + rows_duplicate = rows_read)
      );
      -- The error report as the import wrote it (CSV), chunk by chunk.
      CREATE TABLE import_error_report_chunks (
        job_id text NOT NULL REFERENCES import_jobs (job_id) ON DELETE CASCADE,
        seq integer NOT NULL,
        bytes bytea NOT NULL,
        PRIMARY KEY (job_id, seq)
      );`,
  },
  {
    id: '0004_create_scoring_runs',
    sql: `
      CREATE TABLE scoring_runs (
        run_id text PRIMARY KEY,
        segment_id text NOT NULL REFERENCES segments (segment_id) ON DELETE CASCADE,
        kind text NOT NULL,
        state text NOT NULL CHECK (state IN ('running', 'completed', 'failed')),
        contacts_checked bigint NOT NULL DEFAULT 0,
        started_at timestamptz NOT NULL,
        finished_at timestamptz
      );
      CREATE INDEX scoring_runs_by_segment ON scoring_runs (segment_id, started_at);`,
  },
  {
    id: '0005_create_blacklists',
    sql: `
      -- The account a project belongs to, from the projects service's ProjectCreated.
      CREATE TABLE project_accounts (
        project_id text PRIMARY KEY,
        account_id text NOT NULL
      );
      -- The account-wide do-not-call list.
      CREATE TABLE do_not_call (
        account_id text NOT NULL,
        phone text NOT NULL,
        source text NOT NULL,
        added_at timestamptz NOT NULL,
        PRIMARY KEY (account_id, phone)
      );
      -- Opt-outs to the do-not-call list of a project whose account is not known yet (ProjectCreated not
      -- received): moved to do_not_call, and published, when it arrives.
      CREATE TABLE pending_do_not_call (
        project_id text NOT NULL,
        phone text NOT NULL,
        source text NOT NULL,
        added_at timestamptz NOT NULL,
        PRIMARY KEY (project_id, phone)
      );
      -- Message ids of the inbound integration events already applied (idempotent consumers).
      CREATE TABLE processed_messages (
        consumer text NOT NULL,
        message_id text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      );`,
  },
  outboxMigration('0006_create_outbox'),
  {
    id: '0007_index_contacts_by_phone',
    // The stream checks every dialable number against the project's blacklist segments.
    sql: `CREATE INDEX contacts_phone ON contacts (phone) WHERE phone IS NOT NULL;`,
  },
  {
    id: '0008_contacts_blacklist_source',
    // Why a number is on a blacklist segment when that is not the segment itself (an opt-out in
    // a call), kept until it is announced: the account may only be known later.
    sql: `ALTER TABLE contacts ADD COLUMN blacklist_source text;`,
  },
  {
    id: '0009_import_in_batches',
    // Imports commit batch by batch (one long transaction held back every subscription on the
    // server). A running job's contacts are already stored but hidden from readers until the job
    // completes (`import_job_id` = the segment's last_import_job_id while it is importing), and
    // removed batch by batch when it fails. `dedup_key` is set on contacts written with
    // "remove duplicates": the database refuses a second contact with the same key in a segment.
    // The job keeps its checkpoint (batches and source records consumed, the whole tally) so a run
    // that stopped resumes after its last batch.
    sql: `
      ALTER TABLE contacts ADD COLUMN import_job_id text, ADD COLUMN dedup_key text;
      CREATE INDEX contacts_by_import_job ON contacts (import_job_id) WHERE import_job_id IS NOT NULL;
      CREATE UNIQUE INDEX contacts_unique_key ON contacts (segment_id, dedup_key) WHERE dedup_key IS NOT NULL;
      ALTER TABLE import_jobs
        ADD COLUMN batches_done integer NOT NULL DEFAULT 0,
        ADD COLUMN records_done bigint NOT NULL DEFAULT 0,
        ADD COLUMN empty_rows bigint NOT NULL DEFAULT 0,
        ADD COLUMN header_rows bigint NOT NULL DEFAULT 0,
        ADD COLUMN broken_quote_rows bigint NOT NULL DEFAULT 0,
        ADD COLUMN attempts integer NOT NULL DEFAULT 0,
        ADD CONSTRAINT balanced_at_every_batch CHECK (rows_imported + rows_rejected + rows_duplicate = rows_read);`,
  },
  {
    id: '0010_email_validation',
    // E-mail validation runs: each contact's last verdict (NULL: never validated), and a run's counts
    // per verdict, kept with its progress (NULL for runs that keep none, such as phone runs).
    sql: `
      ALTER TABLE contacts ADD COLUMN email_status text
        CHECK (email_status IN ('valid', 'invalid-syntax', 'no-mail-server', 'disposable', 'unknown'));
      ALTER TABLE scoring_runs ADD COLUMN results jsonb;`,
  },
  {
    id: '0011_resumable_scoring_runs',
    // A validation run's checkpoint: the position of the last contact its last committed batch
    // covered. A run a stopped process left running resumes after it (at boot, by whichever replica
    // takes the run's lock), its counts carried on from the stored ones.
    sql: `
      ALTER TABLE scoring_runs ADD COLUMN last_position bigint NOT NULL DEFAULT 0;
      CREATE INDEX scoring_runs_running ON scoring_runs (started_at) WHERE state = 'running';`,
  },
];
