import { outboxMigration } from '@zvonar/outbox';
import type { Migration } from '@zvonar/platform';

/** The projects schema. Never edit an applied migration: add the next one. */
export const projectsMigrations: readonly Migration[] = [
  {
    id: '0001_create_projects',
    sql: `
      CREATE TABLE projects (
        project_id text PRIMARY KEY,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        status text NOT NULL CHECK (status IN ('Active', 'Archived')),
        owner_account_id text NOT NULL,
        owner_user_id text NOT NULL,
        tags text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        archived_at timestamptz,
        CHECK ((status = 'Archived') = (archived_at IS NOT NULL))
      );
      CREATE TABLE project_custom_fields (
        project_id text NOT NULL REFERENCES projects (project_id),
        key text NOT NULL,
        name text NOT NULL,
        type text NOT NULL CHECK (type IN ('string', 'number', 'date', 'boolean')),
        position bigint GENERATED ALWAYS AS IDENTITY,
        PRIMARY KEY (project_id, key)
      );
      -- {{Phone}} and {{phone}} would confuse people: keys are unique regardless of case.
      CREATE UNIQUE INDEX project_custom_fields_key ON project_custom_fields (project_id, lower(key));`,
  },
  {
    id: '0002_create_members_and_invitations',
    sql: `
      -- Who may act in a project: the owner (on creation) and editors (accepted invitations).
      CREATE TABLE project_members (
        project_id text NOT NULL REFERENCES projects (project_id),
        user_id text NOT NULL,
        account_id text NOT NULL,
        email text NOT NULL DEFAULT '',
        role text NOT NULL CHECK (role IN ('owner', 'editor')),
        granted_at timestamptz NOT NULL,
        PRIMARY KEY (project_id, user_id)
      );
      CREATE INDEX project_members_by_user ON project_members (user_id, role);
      CREATE TABLE project_invitations (
        invitation_id text PRIMARY KEY,
        project_id text NOT NULL REFERENCES projects (project_id),
        email text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('Pending', 'Accepted')),
        invited_by_user_id text NOT NULL,
        invited_at timestamptz NOT NULL,
        accepted_by_user_id text,
        accepted_at timestamptz
      );
      -- One pending invitation per address and project.
      CREATE UNIQUE INDEX project_invitations_pending ON project_invitations (project_id, email) WHERE status = 'Pending';
      CREATE INDEX project_invitations_by_email ON project_invitations (email) WHERE status = 'Pending';`,
  },
  {
    id: '0003_create_news_items',
    sql: `
      -- The dashboard's news, per language; written by operators (SQL or a future admin API).
      CREATE TABLE news_items (
        news_id text PRIMARY KEY,
        locale text NOT NULL CHECK (locale IN ('ru', 'en')),
        title text NOT NULL,
        body text NOT NULL DEFAULT '',
        url text NOT NULL DEFAULT '',
        published_at timestamptz NOT NULL
      );
      CREATE INDEX news_items_latest ON news_items (locale, published_at DESC);`,
  },
  outboxMigration('0004_create_outbox'),
  {
    id: '0005_invitation_expiry',
    sql: `
      -- Invitations expire (INVITATION_TTL_DAYS); those issued before expiry existed get the
      -- default lifetime of 7 days from when they were issued.
      ALTER TABLE project_invitations ADD COLUMN expires_at timestamptz;
      UPDATE project_invitations SET expires_at = invited_at + interval '7 days';
      ALTER TABLE project_invitations ALTER COLUMN expires_at SET NOT NULL;`,
  },
];
