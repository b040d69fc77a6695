import type { ClientBase, Pool } from 'pg';
import type { CampaignList, CampaignListQuery, Page } from '../application/campaign-list.port';
import type { CampaignView } from '../application/campaign-view';
import type { CampaignProgress, CampaignSettings, CampaignStatus, PauseReason } from '../domain';
import { decodeCursor, encodeCursor, pageSizeOf } from './keyset-cursor';

type CampaignRow = {
  campaign_id: string;
  project_id: string;
  status: CampaignStatus;
  pause_reason: PauseReason | null;
  archived: boolean;
  settings: CampaignSettings;
  progress: CampaignProgress;
  starts_at: Date | null;
  created_at: Date;
  copied_from: string | null;
  template_id: string | null;
  revision: number;
};

const COLUMNS = 'campaign_id, project_id, status, pause_reason, archived, settings, progress, starts_at, created_at, copied_from, template_id, revision';

export const viewOfRow = (row: CampaignRow): CampaignView => ({
  campaign: {
    campaignId: row.campaign_id,
    projectId: row.project_id,
    status: row.status,
    pauseReason: row.pause_reason,
    archived: row.archived,
    settings: row.settings,
    progress: row.progress,
    startsAt: row.starts_at,
  },
  createdAt: row.created_at,
  copiedFrom: row.copied_from,
  templateId: row.template_id,
  revision: row.revision,
});

/** The row of one campaign, locked for the projection's update; null before CampaignCreated. */
export async function lockCampaignRow(tx: ClientBase, campaignId: string): Promise<CampaignView | null> {
  const { rows } = await tx.query<CampaignRow>(`SELECT ${COLUMNS} FROM campaign_list WHERE campaign_id = $1 FOR UPDATE`, [campaignId]);
  return rows[0] ? viewOfRow(rows[0]) : null;
}

export async function saveCampaignRow(tx: ClientBase, view: CampaignView): Promise<void> {
  const { campaign } = view;
  await tx.query(
    `INSERT INTO campaign_list (campaign_id, project_id, name, status, pause_reason, archived, settings, progress, starts_at, created_at, copied_from, template_id, revision)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (campaign_id) DO UPDATE SET
       name = EXCLUDED.name, status = EXCLUDED.status, pause_reason = EXCLUDED.pause_reason, archived = EXCLUDED.archived,
       settings = EXCLUDED.settings, progress = EXCLUDED.progress, starts_at = EXCLUDED.starts_at, revision = EXCLUDED.revision`,
    [
      campaign.campaignId,
      campaign.projectId,
      campaign.settings.name,
      campaign.status,
      campaign.pauseReason,
      campaign.archived,
      JSON.stringify(campaign.settings),
      JSON.stringify(campaign.progress),
      campaign.startsAt,
      view.createdAt,
      view.copiedFrom,
      view.templateId,
      view.revision,
    ],
  );
}

/** Reads of the campaigns list read model in the `campaigns` schema (the pool's search_path). */
export class PostgresCampaignList implements CampaignList {
  constructor(private readonly pool: Pool) {}

  async get(campaignId: string): Promise<CampaignView | null> {
    const { rows } = await this.pool.query<CampaignRow>(`SELECT ${COLUMNS} FROM campaign_list WHERE campaign_id = $1`, [campaignId]);
    return rows[0] ? viewOfRow(rows[0]) : null;
  }

  async list(query: CampaignListQuery): Promise<Page<CampaignView>> {
    const after = decodeCursor(query.after);
    const size = pageSizeOf(query.pageSize);
    const newest = query.order === 'newest';
    const values: unknown[] = [query.projectId];
    const where = ['project_id = $1'];
    if (query.statuses.length > 0) {
      values.push(query.statuses);
      where.push(`status = ANY($${values.length})`);
    }
    if (query.archive !== 'all') where.push(query.archive === 'archived' ? 'archived' : 'NOT archived');
    if (after) {
      values.push(after.at, after.id);
      where.push(`(created_at, campaign_id) ${newest ? '<' : '>'} ($${values.length - 1}, $${values.length})`);
    }
    values.push(size + 1);
    const direction = newest ? 'DESC' : 'ASC';
    const { rows } = await this.pool.query<CampaignRow>(
      `SELECT ${COLUMNS} FROM campaign_list WHERE ${where.join(' AND ')}
       ORDER BY created_at ${direction}, campaign_id ${direction} LIMIT $${values.length}`,
      values,
    );
    const items = rows.slice(0, size).map(viewOfRow);
    const last = items[items.length - 1];
    const next = rows.length > size && last ? encodeCursor({ at: last.createdAt, id: last.campaign.campaignId }) : undefined;
    return { items, next };
  }

  async dueToStart(now: Date, limit: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ campaign_id: string }>(
      `SELECT campaign_id FROM campaign_list WHERE status = 'Scheduled' AND NOT archived AND starts_at <= $1 ORDER BY starts_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((row) => row.campaign_id);
  }
}
