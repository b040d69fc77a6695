import type { Migration } from '@zvonar/platform';

/**
 * The project-access read model, as migrations a service appends to its own list; the tables
 * land in the service's schema. Ids are prefixed so they never collide with the service's own.
 * `processed_messages` has the shape every idempotent consumer shares, so a service that already
 * has one keeps it.
 */
export const projectAccessMigrations: readonly Migration[] = [
  {
    id: 'project_access_0001_create_read_model',
    sql: `
      CREATE TABLE IF NOT EXISTS processed_messages (
        consumer text NOT NULL,
        message_id text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      );
      -- One row per project the projects service announced; archived freezes writes.
      CREATE TABLE project_access_projects (
        project_id text PRIMARY KEY,
        account_id text NOT NULL,
        archived boolean NOT NULL DEFAULT false,
        changed_at timestamptz NOT NULL
      );
      -- Who may act in a project, with which role; a revoke deletes the row.
      CREATE TABLE project_access_members (
        project_id text NOT NULL,
        user_id text NOT NULL,
        account_id text NOT NULL,
        role text NOT NULL CHECK (role IN ('owner', 'editor')),
        granted_at timestamptz NOT NULL,
        PRIMARY KEY (project_id, user_id)
      );
      CREATE INDEX project_access_members_by_user ON project_access_members (user_id, project_id);`,
  },
  {
    // A revoke leaves its time behind, so a membership filled in from the projects service (read
    // before the revoke, written after it) cannot bring the member back: a fill is refused when a
    // revoke at or after its grant is on record. A later grant is newer than the revoke and wins.
    id: 'project_access_0002_remember_revocations',
    sql: `
      CREATE TABLE project_access_revocations (
        project_id text NOT NULL,
        user_id text NOT NULL,
        revoked_at timestamptz NOT NULL,
        PRIMARY KEY (project_id, user_id)
      );`,
  },
];
