import type { Migration } from '@zvonar/platform';

/** The gateway schema. Never edit an applied migration: add the next one. */
export const gatewayMigrations: readonly Migration[] = [
  {
    id: '0001_create_idempotency_keys',
    sql: `
      -- One row per Idempotency-Key of an account: claimed while its first request runs, then the
      -- answer that request got, replayed to every retry until the row expires.
      CREATE TABLE idempotency_keys (
        account_id text NOT NULL,
        idempotency_key text NOT NULL,
        -- sha256 of method, path and body: the same key with another request is refused.
        fingerprint text NOT NULL,
        state text NOT NULL CHECK (state IN ('in_flight', 'completed')),
        response_status integer,
        response_body jsonb,
        -- A claim older than this was abandoned (its gateway died mid-request) and may be taken over.
        locked_until timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (account_id, idempotency_key),
        CHECK (state = 'in_flight' OR response_status IS NOT NULL)
      );
      CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (expires_at);
    `,
  },
];
