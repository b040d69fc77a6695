import type { Pool } from 'pg';
import type { Page } from '../../campaign/application/campaign-list.port';
import { decodeCursor, encodeCursor, pageSizeOf } from '../../campaign/infrastructure/keyset-cursor';
import type { TemplatePageQuery, TemplateStore } from '../application/template-store.port';
import type { CallTaskTemplate, RedialRuleTemplate, TemplateSettings } from '../domain';
import type { RedialRules } from '../../dialing/domain';

type CallTaskRow = { template_id: string; project_id: string; name: string; settings: TemplateSettings; source_campaign_id: string; saved_at: Date };
type RedialRulesRow = { template_id: string; project_id: string; name: string; rules: RedialRules; saved_at: Date };

const callTaskOf = (row: CallTaskRow): CallTaskTemplate => ({
  templateId: row.template_id,
  projectId: row.project_id,
  name: row.name,
  settings: row.settings,
  sourceCampaignId: row.source_campaign_id,
  savedAt: row.saved_at,
});

const redialRulesOf = (row: RedialRulesRow): RedialRuleTemplate => ({
  templateId: row.template_id,
  projectId: row.project_id,
  name: row.name,
  rules: row.rules,
  savedAt: row.saved_at,
});

/** Templates in the `campaigns` schema (the pool's search_path). */
export class PostgresTemplateStore implements TemplateStore {
  constructor(private readonly pool: Pool) {}

  async saveCallTask(template: CallTaskTemplate): Promise<void> {
    await this.pool.query(
      `INSERT INTO call_task_templates (template_id, project_id, name, settings, source_campaign_id, saved_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [template.templateId, template.projectId, template.name, JSON.stringify(template.settings), template.sourceCampaignId, template.savedAt],
    );
  }

  async callTask(templateId: string): Promise<CallTaskTemplate | null> {
    const { rows } = await this.pool.query<CallTaskRow>('SELECT * FROM call_task_templates WHERE template_id = $1', [templateId]);
    return rows[0] ? callTaskOf(rows[0]) : null;
  }

  callTasks(query: TemplatePageQuery): Promise<Page<CallTaskTemplate>> {
    return this.newestFirst<CallTaskRow, CallTaskTemplate>('call_task_templates', query, callTaskOf);
  }

  async saveRedialRules(template: RedialRuleTemplate): Promise<void> {
    await this.pool.query(`INSERT INTO redial_rule_templates (template_id, project_id, name, rules, saved_at) VALUES ($1, $2, $3, $4, $5)`, [
      template.templateId,
      template.projectId,
      template.name,
      JSON.stringify(template.rules),
      template.savedAt,
    ]);
  }

  redialRules(query: TemplatePageQuery): Promise<Page<RedialRuleTemplate>> {
    return this.newestFirst<RedialRulesRow, RedialRuleTemplate>('redial_rule_templates', query, redialRulesOf);
  }

  /** A project's rows of `table`, newest first, keyset-paged on (saved_at, template_id). */
  private async newestFirst<Row extends { template_id: string; saved_at: Date }, T>(
    table: 'call_task_templates' | 'redial_rule_templates',
    query: TemplatePageQuery,
    toItem: (row: Row) => T,
  ): Promise<Page<T>> {
    const after = decodeCursor(query.after);
    const size = pageSizeOf(query.pageSize);
    const { rows } = await this.pool.query<Row>(
      `SELECT * FROM ${table} WHERE project_id = $1 AND ($2::timestamptz IS NULL OR (saved_at, template_id) < ($2, $3))
       ORDER BY saved_at DESC, template_id DESC LIMIT $4`,
      [query.projectId, after?.at ?? null, after?.id ?? '', size + 1],
    );
    const page = rows.slice(0, size);
    const last = page[page.length - 1];
    return { items: page.map(toItem), next: rows.length > size && last ? encodeCursor({ at: last.saved_at, id: last.template_id }) : undefined };
  }
}
