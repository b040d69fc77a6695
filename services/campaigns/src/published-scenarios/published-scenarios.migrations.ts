import type { Migration } from '@zvonar/platform';

/**
 * The read model of published scenario versions in the campaigns schema, and the processed
 * message ids of campaigns' idempotent consumers (written in the same transaction as the effect).
 */
export const publishedScenariosMigrations: readonly Migration[] = [
  {
    id: '0001_create_processed_messages',
    sql: `
      CREATE TABLE processed_messages (
        consumer text NOT NULL,
        message_id text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      );`,
  },
  {
    id: '0002_create_published_scenario_versions',
    sql: `
      -- One row per published version: what a campaign may pin. A second insert of the same
      -- version fails loudly: the idempotent consumer must never let a duplicate through.
      CREATE TABLE published_scenario_versions (
        scenario_id text NOT NULL,
        version integer NOT NULL,
        project_id text NOT NULL,
        name text NOT NULL,
        node_count integer NOT NULL,
        published_at timestamptz NOT NULL,
        message_id text NOT NULL,
        PRIMARY KEY (scenario_id, version)
      );
      -- Per scenario: the newest version and how many versions were applied (the wizard's list).
      CREATE TABLE published_scenarios (
        scenario_id text PRIMARY KEY,
        project_id text NOT NULL,
        name text NOT NULL,
        latest_version integer NOT NULL,
        published_versions integer NOT NULL
      );`,
  },
];
