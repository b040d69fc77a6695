import { ValidationError } from '@zvonar/eventsourcing';
import type { Pool } from 'pg';

/** How an attempt ended, as stored in dialing_attempts.outcome (null = pending). */
export const ATTEMPT_OUTCOMES = ['Answered', 'Goal', 'Blacklisted', 'AnsweringMachine', 'NoAnswer', 'Busy', 'Failed', 'Rejected', 'InvalidNumber', 'Interrupted'] as const;
export type StoredOutcome = (typeof ATTEMPT_OUTCOMES)[number];
export type AttemptOutcomeFilter = StoredOutcome | 'Pending';

export type CampaignReport = {
  readonly totalContacts: number;
  readonly audienceLoaded: boolean;
  readonly duplicatesSkipped: number;
  readonly contacts: {
    readonly waiting: number;
    readonly inCall: number;
    readonly awaitingResend: number;
    readonly finished: number;
    readonly reached: number;
    readonly exhausted: number;
    readonly blacklisted: number;
    readonly outsideEveryWindow: number;
    /** Ended after their calls kept being lost to our infrastructure (the retries' cap). */
    readonly interrupted: number;
    readonly other: number;
  };
  readonly calls: {
    readonly placed: number;
    readonly answered: number;
    readonly goals: number;
    readonly blacklisted: number;
    readonly answeringMachines: number;
    readonly notAnswered: number;
    readonly busy: number;
    readonly failed: number;
    /** Lost to our infrastructure (call-control or Asterisk gone); not counted in failed. */
    readonly interrupted: number;
    readonly redialsScheduled: number;
    readonly inProgress: number;
  };
};

export type AttemptView = {
  readonly attemptId: string;
  readonly contactIndex: number;
  readonly attempt: number;
  readonly phone: string;
  readonly timeZone: string;
  readonly placedAt: Date;
  readonly sends: number;
  readonly outcome: StoredOutcome | null;
  readonly endedAt: Date | null;
  readonly talkSeconds: number;
  readonly redialScheduled: boolean;
};

export type AttemptPage = { readonly items: AttemptView[]; readonly next: string | null };

/** The report of a campaign that exists but was never started. */
export const NOTHING_DIALLED: CampaignReport = {
  totalContacts: 0,
  audienceLoaded: false,
  duplicatesSkipped: 0,
  contacts: { waiting: 0, inCall: 0, awaitingResend: 0, finished: 0, reached: 0, exhausted: 0, blacklisted: 0, outsideEveryWindow: 0, interrupted: 0, other: 0 },
  calls: { placed: 0, answered: 0, goals: 0, blacklisted: 0, answeringMachines: 0, notAnswered: 0, busy: 0, failed: 0, interrupted: 0, redialsScheduled: 0, inProgress: 0 },
};

const DEFAULT_PAGE = 50;
const MAX_PAGE = 500;

const decodeToken = (token: string): number => {
  const seq = Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(seq) || seq < 0) {
    throw new ValidationError('The page token is invalid', [{ field: 'page.pageToken', code: 'INVALID_PAGE_TOKEN', message: 'pass the nextPageToken of the previous page' }]);
  }
  return seq;
};

/** The dialer's numbers for the API: counted from the attempt table, so they always add up. */
export class DialingReports {
  constructor(private readonly pool: Pool) {}

  /** Null when the dialer never saw the campaign start. */
  async report(campaignId: string): Promise<CampaignReport | null> {
    const campaign = (await this.pool.query<{ loaded: boolean; duplicates_skipped: number }>('SELECT loaded, duplicates_skipped FROM dialing_campaigns WHERE campaign_id = $1', [campaignId])).rows[0];
    if (!campaign) return null;
    const contacts = (
      await this.pool.query<Record<string, number>>(
        `SELECT count(*)::int AS total,
                count(*) FILTER (WHERE state = 'waiting')::int AS waiting,
                count(*) FILTER (WHERE state = 'leased')::int AS in_call,
                count(*) FILTER (WHERE state = 'unconfirmed')::int AS awaiting_resend,
                count(*) FILTER (WHERE state = 'finished')::int AS finished,
                count(*) FILTER (WHERE state = 'finished' AND finish_reason = 'Reached')::int AS reached,
                count(*) FILTER (WHERE state = 'finished' AND finish_reason IN ('Exhausted', 'MaxAttempts'))::int AS exhausted,
                count(*) FILTER (WHERE state = 'finished' AND finish_reason IN ('Excluded', 'Blocked', 'Blacklisted'))::int AS blacklisted,
                count(*) FILTER (WHERE state = 'finished' AND finish_reason IN ('NoTimeZone', 'UnknownTimeZone', 'NoCommonWindow'))::int AS outside,
                count(*) FILTER (WHERE state = 'finished' AND finish_reason = 'Interrupted')::int AS interrupted
           FROM dialing_contacts WHERE campaign_id = $1`,
        [campaignId],
      )
    ).rows[0]!;
    const calls = (
      await this.pool.query<Record<string, number>>(
        `SELECT count(*)::int AS placed,
                count(*) FILTER (WHERE outcome IN ('Answered', 'Goal', 'Blacklisted'))::int AS answered,
                count(*) FILTER (WHERE outcome = 'Goal')::int AS goals,
                count(*) FILTER (WHERE outcome = 'Blacklisted')::int AS blacklisted,
                count(*) FILTER (WHERE outcome = 'AnsweringMachine')::int AS machines,
                count(*) FILTER (WHERE outcome = 'NoAnswer')::int AS not_answered,
                count(*) FILTER (WHERE outcome = 'Busy')::int AS busy,
                count(*) FILTER (WHERE outcome IN ('Failed', 'Rejected', 'InvalidNumber'))::int AS failed,
                count(*) FILTER (WHERE outcome = 'Interrupted')::int AS interrupted,
                count(*) FILTER (WHERE redial_scheduled)::int AS redials,
                count(*) FILTER (WHERE outcome IS NULL)::int AS in_progress
           FROM dialing_attempts WHERE campaign_id = $1`,
        [campaignId],
      )
    ).rows[0]!;
    const finished = contacts['finished']!;
    const named = contacts['reached']! + contacts['exhausted']! + contacts['blacklisted']! + contacts['outside']! + contacts['interrupted']!;
    return {
      totalContacts: contacts['total']!,
      audienceLoaded: campaign.loaded,
      duplicatesSkipped: campaign.duplicates_skipped,
      contacts: {
        waiting: contacts['waiting']!,
        inCall: contacts['in_call']!,
        awaitingResend: contacts['awaiting_resend']!,
        finished,
        reached: contacts['reached']!,
        exhausted: contacts['exhausted']!,
        blacklisted: contacts['blacklisted']!,
        outsideEveryWindow: contacts['outside']!,
        interrupted: contacts['interrupted']!,
        other: finished - named,
      },
      calls: {
        placed: calls['placed']!,
        answered: calls['answered']!,
        goals: calls['goals']!,
        blacklisted: calls['blacklisted']!,
        answeringMachines: calls['machines']!,
        notAnswered: calls['not_answered']!,
        busy: calls['busy']!,
        failed: calls['failed']!,
        interrupted: calls['interrupted']!,
        redialsScheduled: calls['redials']!,
        inProgress: calls['in_progress']!,
      },
    };
  }

  /** Attempts in the order they were first placed; the token is the last row's position. */
  async attempts(query: { campaignId: string; outcomes: readonly AttemptOutcomeFilter[]; pageSize: number; pageToken: string }): Promise<AttemptPage> {
    const size = Math.min(MAX_PAGE, query.pageSize > 0 ? query.pageSize : DEFAULT_PAGE);
    const after = query.pageToken ? decodeToken(query.pageToken) : 0;
    const outcomes = query.outcomes.filter((outcome) => outcome !== 'Pending');
    const pending = query.outcomes.includes('Pending');
    const filtered = query.outcomes.length > 0;
    const { rows } = await this.pool.query<{
      seq: string;
      attempt_id: string;
      contact_index: number;
      attempt: number;
      phone: string;
      time_zone: string;
      placed_at: Date;
      sends: number;
      outcome: StoredOutcome | null;
      ended_at: Date | null;
      talk_seconds: number;
      redial_scheduled: boolean;
    }>(
      `SELECT seq, attempt_id, contact_index, attempt, phone, time_zone, placed_at, sends, outcome, ended_at, talk_seconds, redial_scheduled
         FROM dialing_attempts
        WHERE campaign_id = $1 AND seq > $2
          AND (NOT $3 OR outcome = ANY($4::text[]) OR ($5 AND outcome IS NULL))
        ORDER BY seq
        LIMIT $6`,
      [query.campaignId, after, filtered, outcomes, pending, size + 1],
    );
    const page = rows.slice(0, size);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => ({
        attemptId: row.attempt_id,
        contactIndex: row.contact_index,
        attempt: row.attempt,
        phone: row.phone,
        timeZone: row.time_zone,
        placedAt: row.placed_at,
        sends: row.sends,
        outcome: row.outcome,
        endedAt: row.ended_at,
        talkSeconds: row.talk_seconds,
        redialScheduled: row.redial_scheduled,
      })),
      next: rows.length > size && last ? Buffer.from(last.seq).toString('base64url') : null,
    };
  }
}
