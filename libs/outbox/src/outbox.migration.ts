import type { Migration } from '@zvonar/platform';

/**
 * The outbox table, as a migration of the service that writes it: `runMigrations` applies it with
 * the service's schema first on the search_path, so the table lands in that schema. It is written
 * to be safe over an older outbox of the same shape (identity's lacked `headers`), so a service
 * that already has one adds this as its next migration instead of editing an applied one.
 *
 * ```ts
 * export const callsMigrations = [..., outboxMigration('0007_create_outbox')];
 * ```
 */
export const outboxMigration = (id: string): Migration => ({
  id,
  sql: `
    -- Integration events written in the transaction of the change they announce; the relay
    -- publishes them in position order and marks them once the bus acknowledged them.
    CREATE TABLE IF NOT EXISTS outbox (
      position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      message_id text NOT NULL UNIQUE,
      topic text NOT NULL,
      message_key text NOT NULL,
      type text NOT NULL,
      payload bytea NOT NULL,
      headers jsonb NOT NULL DEFAULT '{}',
      occurred_at timestamptz NOT NULL,
      published_at timestamptz
    );
    ALTER TABLE outbox ADD COLUMN IF NOT EXISTS headers jsonb NOT NULL DEFAULT '{}';
    CREATE INDEX IF NOT EXISTS outbox_unpublished ON outbox (position) WHERE published_at IS NULL;`,
});
