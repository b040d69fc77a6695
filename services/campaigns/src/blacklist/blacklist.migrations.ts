import type { Migration } from '@zvonar/platform';

/**
 * The blacklist read model the dialer checks at dial time: project blacklists and each account's
 * do-not-call list, from audiences' BlacklistEntryAdded/Removed, plus which account owns a project
 * (so an account-wide entry reaches every project of that account).
 */
export const blacklistMigrations: readonly Migration[] = [
  {
    id: 'dialing_0100_create_blacklist_entries',
    sql: `
      CREATE TABLE blacklist_entries (
        scope text NOT NULL CHECK (scope IN ('project', 'account')),
        -- The project id for project scope, the account id for account scope.
        owner_id text NOT NULL,
        phone text NOT NULL,
        source text NOT NULL DEFAULT '',
        added_at timestamptz NOT NULL,
        PRIMARY KEY (scope, owner_id, phone)
      );
      CREATE INDEX blacklist_entries_phone ON blacklist_entries (phone);
      CREATE TABLE project_accounts (
        project_id text PRIMARY KEY,
        account_id text NOT NULL
      );`,
  },
];
