import type { Migration } from '@zvonar/platform';

/** The campaigns list read model, projected from the campaign streams (see campaign-list.projection). */
export const campaignListMigrations: readonly Migration[] = [
  {
    id: '0100_create_campaign_list',
    sql: `
      -- One row per campaign as the cabinet lists and shows it. 'revision' is the stream revision
      -- of the last event applied: a redelivered event at or below it changes nothing.
      CREATE TABLE campaign_list (
        campaign_id text PRIMARY KEY,
        project_id text NOT NULL,
        name text NOT NULL,
        status text NOT NULL,
        pause_reason text,
        archived boolean NOT NULL,
        settings jsonb NOT NULL,
        progress jsonb NOT NULL,
        starts_at timestamptz,
        created_at timestamptz NOT NULL,
        copied_from text,
        template_id text,
        revision integer NOT NULL
      );
      -- The list: a project's campaigns by creation time (keyset paging on created_at, campaign_id).
      CREATE INDEX campaign_list_by_project ON campaign_list (project_id, created_at, campaign_id);
      -- The start scheduler's poll: only scheduled campaigns, by start time.
      CREATE INDEX campaign_list_due ON campaign_list (starts_at) WHERE status = 'Scheduled' AND NOT archived;`,
  },
];
