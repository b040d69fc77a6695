import type { Pool } from 'pg';
import { blockedPhones } from '../../blacklist/blacklist.projection';
import type { ProjectHistory } from '../domain';
import type { PreflightLookups } from '../application/preflight-lookups.port';

/** Outcomes of a call a person answered (as the dialing report counts them). */
const ANSWERED = ['Answered', 'Goal', 'Blacklisted'];
/**
 * Attempts that never were a call of the callee's: refused by call-control (no channel, no trunk)
 * or lost to our infrastructure. The history leaves them out, so they do not dilute the rates.
 */
const NOT_CALLS = ['Rejected', 'Interrupted'];

/** The pre-flight's questions, answered from the dialer's tables and the blacklist read model. */
export class PostgresPreflightLookups implements PreflightLookups {
  constructor(private readonly pool: Pool) {}

  async blocked(projectId: string, phones: readonly string[]): Promise<Set<string>> {
    if (phones.length === 0) return new Set();
    const client = await this.pool.connect();
    try {
      return await blockedPhones(client, projectId, phones);
    } finally {
      client.release();
    }
  }

  async done(campaignId: string, phones: readonly string[], reachedOnly: boolean): Promise<Set<string>> {
    if (phones.length === 0) return new Set();
    // A restart re-queues the finished contacts that were not reached, except those excluded at load.
    const { rows } = await this.pool.query<{ phone: string }>(
      `SELECT phone FROM dialing_contacts
        WHERE campaign_id = $1 AND phone = ANY($2::text[]) AND state = 'finished'
          AND (NOT $3 OR reached OR finish_reason = 'Excluded')`,
      [campaignId, phones, reachedOnly],
    );
    return new Set(rows.map((row) => row.phone));
  }

  async history(projectId: string, exceptCampaignId: string): Promise<ProjectHistory> {
    const { rows } = await this.pool.query<{ contacts: number; attempts: number; answered: number; answered_talk_seconds: number; goals: number }>(
      `WITH campaigns AS (SELECT campaign_id FROM dialing_campaigns WHERE project_id = $1 AND campaign_id <> $2),
            calls AS (
              SELECT a.campaign_id, a.contact_index, a.outcome, a.talk_seconds FROM dialing_attempts a
               WHERE a.campaign_id IN (SELECT campaign_id FROM campaigns) AND a.outcome IS NOT NULL AND a.outcome <> ALL($4::text[]))
       SELECT (SELECT count(*) FROM (SELECT DISTINCT campaign_id, contact_index FROM calls) AS c)::int AS contacts,
              (SELECT count(*) FROM calls)::int AS attempts,
              (SELECT count(*) FROM calls WHERE outcome = ANY($3::text[]))::int AS answered,
              (SELECT coalesce(sum(talk_seconds), 0) FROM calls WHERE outcome = ANY($3::text[]))::float8 AS answered_talk_seconds,
              (SELECT count(*) FROM (SELECT DISTINCT campaign_id, contact_id FROM dialing_goals WHERE campaign_id IN (SELECT campaign_id FROM campaigns)) AS g)::int AS goals`,
      [projectId, exceptCampaignId, ANSWERED, NOT_CALLS],
    );
    const row = rows[0]!;
    return { contacts: row.contacts, attempts: row.attempts, answered: row.answered, answeredTalkSeconds: row.answered_talk_seconds, goals: row.goals };
  }
}
