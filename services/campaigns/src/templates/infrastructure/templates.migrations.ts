import type { Migration } from '@zvonar/platform';

/** Call-task templates and redial-rule templates: plain rows, written once, listed newest first. */
export const templatesMigrations: readonly Migration[] = [
  {
    id: '0200_create_templates',
    sql: `
      CREATE TABLE call_task_templates (
        template_id text PRIMARY KEY,
        project_id text NOT NULL,
        name text NOT NULL,
        settings jsonb NOT NULL,
        source_campaign_id text NOT NULL,
        saved_at timestamptz NOT NULL
      );
      CREATE INDEX call_task_templates_by_project ON call_task_templates (project_id, saved_at DESC, template_id DESC);

      CREATE TABLE redial_rule_templates (
        template_id text PRIMARY KEY,
        project_id text NOT NULL,
        name text NOT NULL,
        rules jsonb NOT NULL,
        saved_at timestamptz NOT NULL
      );
      CREATE INDEX redial_rule_templates_by_project ON redial_rule_templates (project_id, saved_at DESC, template_id DESC);`,
  },
];
