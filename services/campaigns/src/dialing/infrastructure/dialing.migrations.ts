import { outboxMigration } from '@zvonar/outbox';
import type { Migration } from '@zvonar/platform';
import { blacklistMigrations } from '../../blacklist/blacklist.migrations';

/**
 * The dialer's tables in the campaigns schema. Ids start with `dialing_` so they sort after the
 * lifecycle's numbered migrations and never collide with them; the outbox migration is written
 * with IF NOT EXISTS, so the lifecycle may add its own without harm.
 */
export const dialingTableMigrations: readonly Migration[] = [
  outboxMigration('dialing_0001_create_outbox'),
  {
    id: 'dialing_0002_create_dialing_campaigns',
    sql: `
      -- One row per campaign the dialer knows: its status as the campaign's events said
      -- (revision guards against replays), the settings it dials with, how far the audience
      -- load got (a crash resumes from here) and the pacer, shared by every process because
      -- claims lock this row.
      CREATE TABLE dialing_campaigns (
        campaign_id text PRIMARY KEY,
        project_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('running', 'paused', 'stopped', 'completed')),
        last_revision integer NOT NULL,
        plan jsonb NOT NULL,
        loaded boolean NOT NULL DEFAULT false,
        load_segment integer NOT NULL DEFAULT 0,
        load_consumed integer NOT NULL DEFAULT 0,
        next_index integer NOT NULL DEFAULT 0,
        duplicates_skipped integer NOT NULL DEFAULT 0,
        pacer_due_ms double precision NOT NULL DEFAULT 0,
        pacer_idle boolean NOT NULL DEFAULT true,
        progress_reported jsonb,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX dialing_campaigns_active ON dialing_campaigns (status) WHERE status = 'running';`,
  },
  {
    id: 'dialing_0003_create_dialing_contacts',
    sql: `
      -- The attempt table: one row per campaign contact. A leased row's due_at is its lease
      -- expiry, so one index finds both due contacts and leases to re-send; 'unconfirmed' is a
      -- lease that expired (no slot held) waiting for its re-send with the same attempt id.
      -- attempt is never reset (restart moves round_base), so an attempt id is never reused.
      CREATE TABLE dialing_contacts (
        campaign_id text NOT NULL,
        contact_index integer NOT NULL,
        contact_id text NOT NULL,
        phone text NOT NULL,
        time_zones text[] NOT NULL,
        region text NOT NULL DEFAULT '',
        variables jsonb NOT NULL DEFAULT '{}',
        state text NOT NULL CHECK (state IN ('waiting', 'leased', 'unconfirmed', 'finished')),
        attempt integer NOT NULL DEFAULT 0,
        round_base integer NOT NULL DEFAULT 0,
        carousel_used boolean NOT NULL DEFAULT false,
        carousel_next boolean NOT NULL DEFAULT false,
        due_at timestamptz,
        lease_expires_at timestamptz,
        last_outcome text,
        finish_reason text,
        reached boolean NOT NULL DEFAULT false,
        PRIMARY KEY (campaign_id, contact_index),
        UNIQUE (campaign_id, phone)
      );
      -- Due contacts per state (re-sends first, then new dials), expired leases, calls in flight.
      CREATE INDEX dialing_contacts_due ON dialing_contacts (campaign_id, state, due_at, contact_index) WHERE state <> 'finished';
      CREATE INDEX dialing_contacts_by_contact ON dialing_contacts (campaign_id, contact_id);`,
  },
  {
    id: 'dialing_0004_create_dialing_attempts',
    sql: `
      -- Every attempt sent (re-sends of the same id counted in sends) and how it ended.
      CREATE TABLE dialing_attempts (
        attempt_id text PRIMARY KEY,
        campaign_id text NOT NULL,
        contact_index integer NOT NULL,
        attempt integer NOT NULL,
        phone text NOT NULL,
        time_zone text NOT NULL,
        placed_at timestamptz NOT NULL,
        sends integer NOT NULL DEFAULT 1,
        outcome text,
        goal boolean NOT NULL DEFAULT false,
        talk_seconds double precision NOT NULL DEFAULT 0,
        ended_at timestamptz,
        redial_scheduled boolean NOT NULL DEFAULT false,
        seq bigint GENERATED ALWAYS AS IDENTITY
      );
      CREATE INDEX dialing_attempts_page ON dialing_attempts (campaign_id, seq);
      -- Goals by call id: CallEnded and GoalReached may both report the same one.
      CREATE TABLE dialing_goals (
        call_id text PRIMARY KEY,
        campaign_id text NOT NULL,
        contact_id text NOT NULL
      );
      CREATE INDEX dialing_goals_campaign ON dialing_goals (campaign_id);`,
  },
  {
    id: 'dialing_0005_dialing_campaigns_pause_reason',
    sql: `
      -- Why a paused campaign is paused, as its events said: the telephony watch resumes the
      -- campaigns paused for TelephonyUnavailable (and only those) when call-control is back.
      ALTER TABLE dialing_campaigns ADD COLUMN pause_reason text;
      CREATE INDEX dialing_campaigns_paused_for_telephony ON dialing_campaigns (campaign_id) WHERE status = 'paused' AND pause_reason = 'TelephonyUnavailable';`,
  },
  {
    id: 'dialing_0006_dialing_contacts_interrupted_retries',
    sql: `
      -- Attempts of the contact's current round lost to our infrastructure (CALL_OUTCOME_INTERRUPTED)
      -- and retried without using a redial attempt; capped, so a broken trunk cannot loop forever.
      ALTER TABLE dialing_contacts ADD COLUMN interrupted_retries integer NOT NULL DEFAULT 0;`,
  },
];

/** Everything the dialer needs in the campaigns schema: the module merges it into its list. */
export const dialingMigrations: readonly Migration[] = [...dialingTableMigrations, ...blacklistMigrations];
