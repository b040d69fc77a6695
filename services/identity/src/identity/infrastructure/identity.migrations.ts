import { outboxMigration } from '@zvonar/outbox';
import type { Migration } from '@zvonar/platform';

/** The identity schema. Never edit an applied migration: add the next one. */
export const identityMigrations: readonly Migration[] = [
  {
    id: '0001_create_users',
    sql: `
      CREATE TABLE users (
        user_id text PRIMARY KEY,
        account_id text NOT NULL UNIQUE,
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        email_confirmed_at timestamptz,
        phone text,
        phone_confirmed_at timestamptz,
        password_hash text NOT NULL,
        password_changed_at timestamptz NOT NULL,
        roles text[] NOT NULL DEFAULT '{user}',
        last_name text NOT NULL DEFAULT '',
        first_name text NOT NULL DEFAULT '',
        middle_name text NOT NULL DEFAULT '',
        gender text CHECK (gender IN ('female', 'male')),
        promo_code text NOT NULL DEFAULT '',
        -- Consent to personal-data processing (152-FZ): which text, and when.
        consent_text_version text NOT NULL,
        consent_accepted_at timestamptz NOT NULL,
        registered_at timestamptz NOT NULL
      );
      -- One pending code per user and purpose; a new one replaces it.
      CREATE TABLE confirmation_codes (
        user_id text NOT NULL REFERENCES users (user_id),
        purpose text NOT NULL CHECK (purpose IN ('email', 'phone')),
        code_hash text NOT NULL,
        target text NOT NULL,
        expires_at timestamptz NOT NULL,
        failed_attempts integer NOT NULL DEFAULT 0,
        consumed_at timestamptz,
        issued_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, purpose)
      );
      CREATE TABLE password_resets (
        token_hash text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users (user_id),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        issued_at timestamptz NOT NULL
      );`,
  },
  {
    id: '0002_create_sessions',
    sql: `
      CREATE TABLE session_families (
        family_id text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users (user_id),
        started_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoke_reason text
      );
      CREATE INDEX session_families_live_by_user ON session_families (user_id) WHERE revoked_at IS NULL;
      -- Only hashes: a leaked table yields no usable token.
      CREATE TABLE refresh_tokens (
        token_hash text PRIMARY KEY,
        family_id text NOT NULL REFERENCES session_families (family_id),
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        rotated_at timestamptz
      );
      CREATE TABLE login_throttle (
        throttle_key text PRIMARY KEY,
        failures integer NOT NULL,
        window_started_at timestamptz NOT NULL,
        locked_until timestamptz
      );`,
  },
  {
    id: '0003_create_api_keys_and_local_outbox',
    sql: `
      CREATE TABLE api_keys (
        api_key_id text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users (user_id),
        account_id text NOT NULL,
        name text NOT NULL,
        prefix text NOT NULL UNIQUE,
        secret_hash text NOT NULL,
        scopes text[] NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz
      );
      CREATE INDEX api_keys_by_account ON api_keys (account_id, created_at DESC);
      -- What the local Mailer and SmsSender "sent": read by developers in the embedded mode.
      CREATE TABLE local_outbox (
        position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        recipient text NOT NULL,
        subject text NOT NULL DEFAULT '',
        body text NOT NULL,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX local_outbox_by_recipient ON local_outbox (recipient, position DESC);`,
  },
  {
    id: '0004_create_outbox',
    sql: `
      -- Integration events written in the transaction of the change they announce; the forwarder
      -- hands them to the bus and marks them, so a crash republishes (same message id) instead of losing one.
      CREATE TABLE outbox (
        position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        message_id text NOT NULL UNIQUE,
        topic text NOT NULL,
        message_key text NOT NULL,
        type text NOT NULL,
        payload bytea NOT NULL,
        occurred_at timestamptz NOT NULL,
        published_at timestamptz
      );
      CREATE INDEX outbox_pending ON outbox (position) WHERE published_at IS NULL;`,
  },
  // The shared outbox's shape (adds headers, for trace context) and its index, replacing ours.
  outboxMigration('0005_shared_outbox'),
  { id: '0006_drop_outbox_pending_index', sql: 'DROP INDEX IF EXISTS outbox_pending;' },
  {
    id: '0007_create_processed_messages',
    sql: `
      -- Integration messages identity's consumers have handled (project invitations to email),
      -- recorded in the transaction of the effect: a redelivered message sends nothing twice.
      CREATE TABLE processed_messages (
        consumer text NOT NULL,
        message_id text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      );`,
  },
];
