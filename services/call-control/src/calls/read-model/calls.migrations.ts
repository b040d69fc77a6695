import type { Migration } from '@zvonar/platform';
import { trunkLimitsMigration } from '../../trunks/limits/trunk-limits.migrations';

/** The call_control schema's own tables (the event store migrates its tables itself). Never edit an applied migration. */
export const callControlMigrations: readonly Migration[] = [
  {
    id: '0001_create_calls',
    // `summary` is the projection's document; the columns beside it exist to filter and page.
    sql: `
      CREATE TABLE calls (
        call_id text PRIMARY KEY,
        project_id text NOT NULL,
        campaign_id text NOT NULL,
        contact_id text NOT NULL,
        outcome text,
        requested_at timestamptz NOT NULL,
        summary jsonb NOT NULL,
        revision integer NOT NULL
      );
      CREATE INDEX calls_by_project ON calls (project_id, requested_at DESC, call_id DESC);
      CREATE INDEX calls_by_campaign ON calls (campaign_id, requested_at DESC, call_id DESC);
      CREATE INDEX calls_by_contact ON calls (contact_id, requested_at DESC, call_id DESC);`,
  },
  {
    id: '0002_create_simulation_profiles',
    sql: `
      CREATE TABLE simulation_profiles (
        project_id text PRIMARY KEY,
        seed bigint NOT NULL,
        mix jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      );`,
  },
  {
    id: '0003_create_hosts',
    // Live call-control processes; a process's calls are left alone while its heartbeat is fresh.
    sql: `
      CREATE TABLE hosts (
        host_id text PRIMARY KEY,
        heartbeat_at timestamptz NOT NULL
      );
      ALTER TABLE calls ADD COLUMN host_id text;
      ALTER TABLE calls ADD COLUMN open boolean NOT NULL DEFAULT false;
      CREATE INDEX calls_open ON calls (host_id) WHERE open;`,
  },
  // Shared per-trunk limits (originate slots, channels, caller-ID turns) across replicas.
  trunkLimitsMigration,
];
