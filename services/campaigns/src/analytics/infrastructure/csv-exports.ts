import type { Pool } from 'pg';
import type { StoredOutcome } from '../../dialing/infrastructure/dialing-report.queries';
import { csvLine, UTF8_BOM, type CsvCell } from '../domain';

export type Locale = 'ru' | 'en';

/** Rows per keyset page: one page is one chunk of the stream, so memory holds one page at most. */
export const EXPORT_PAGE_ROWS = 1000;

const HEADERS = {
  goals: {
    ru: ['Телефон', 'Время звонка с целью', 'ID контакта', 'Номер контакта в кампании', 'ID звонка'],
    en: ['Phone', 'Goal call ended at', 'Contact ID', 'Contact index', 'Call ID'],
  },
  report: {
    ru: ['ID попытки', 'Номер контакта в кампании', 'ID контакта', 'Попытка', 'Телефон', 'Часовой пояс контакта', 'Набран', 'Завершён', 'Итог', 'Разговор, с', 'Отправок', 'Назначен перезвон', 'Цель'],
    en: ['Attempt ID', 'Contact index', 'Contact ID', 'Attempt', 'Phone', 'Contact time zone', 'Placed at', 'Ended at', 'Outcome', 'Talk seconds', 'Sends', 'Redial scheduled', 'Goal'],
  },
} as const;

const OUTCOME_LABELS: Record<StoredOutcome | 'Pending', Record<Locale, string>> = {
  Pending: { ru: 'В процессе', en: 'In progress' },
  Answered: { ru: 'Ответ', en: 'Answered' },
  Goal: { ru: 'Цель', en: 'Goal' },
  Blacklisted: { ru: 'Чёрный список', en: 'Blacklisted' },
  AnsweringMachine: { ru: 'Автоответчик', en: 'Answering machine' },
  NoAnswer: { ru: 'Нет ответа', en: 'No answer' },
  Busy: { ru: 'Занято', en: 'Busy' },
  Failed: { ru: 'Ошибка сети', en: 'Failed' },
  Rejected: { ru: 'Отклонён', en: 'Rejected' },
  InvalidNumber: { ru: 'Неверный номер', en: 'Invalid number' },
  Interrupted: { ru: 'Прерван по нашей вине', en: 'Interrupted' },
};

const outcomeLabel = (outcome: string | null, locale: Locale): string => OUTCOME_LABELS[(outcome ?? 'Pending') as StoredOutcome]?.[locale] ?? outcome ?? '';

/** Times as Excel reads them ("2026-03-01 10:15:00"), in the export's zone. */
const localTime = (column: string, zone: string) => `to_char(${column} AT TIME ZONE ${zone}, 'YYYY-MM-DD HH24:MI:SS')`;

type Page<Row> = (after: string | number, limit: number) => Promise<Row[]>;

/**
 * A file in chunks: the BOM and the header line first, then one chunk per keyset page, each page
 * read only when the consumer asks for the next chunk.
 */
async function* pagedCsv<Row>(header: readonly string[], page: Page<Row>, keyOf: (row: Row) => string | number, first: string | number, cells: (row: Row) => CsvCell[]): AsyncGenerator<Buffer> {
  yield Buffer.from(UTF8_BOM + csvLine(header), 'utf8');
  let after = first;
  for (;;) {
    const rows = await page(after, EXPORT_PAGE_ROWS);
    if (rows.length === 0) return;
    yield Buffer.from(rows.map((row) => csvLine(cells(row))).join(''), 'utf8');
    if (rows.length < EXPORT_PAGE_ROWS) return;
    after = keyOf(rows[rows.length - 1]!);
  }
}

type GoalRow = { call_id: string; contact_id: string; phone: string | null; contact_index: number | null; ended: string | null };
type AttemptRow = {
  seq: string;
  attempt_id: string;
  contact_index: number;
  contact_id: string | null;
  attempt: number;
  phone: string;
  time_zone: string;
  placed: string;
  ended: string | null;
  outcome: string | null;
  talk_seconds: number;
  sends: number;
  redial_scheduled: boolean;
  goal: boolean;
};

/** The downloads of a campaign, streamed from keyset pages of the dialer's tables. */
export class CsvExports {
  constructor(private readonly pool: Pool) {}

  /**
   * One line per goal call (call ids are unique, so a goal reported twice is one line). A call's
   * id is its attempt id, which gives its phone and end; the scenario's goal card is not recorded
   * by the dialer, so no goal name is written.
   */
  goals(campaignId: string, timeZone: string, locale: Locale): AsyncGenerator<Buffer> {
    const page: Page<GoalRow> = async (after, limit) =>
      (
        await this.pool.query<GoalRow>(
          `SELECT g.call_id, g.contact_id, a.phone, a.contact_index, ${localTime('a.ended_at', '$4')} AS ended
             FROM dialing_goals g LEFT JOIN dialing_attempts a ON a.attempt_id = g.call_id
            WHERE g.campaign_id = $1 AND g.call_id > $2
            ORDER BY g.call_id LIMIT $3`,
          [campaignId, after, limit, timeZone],
        )
      ).rows;
    return pagedCsv(HEADERS.goals[locale], page, (row) => row.call_id, '', (row) => [row.phone, row.ended, row.contact_id, row.contact_index, row.call_id]);
  }

  /**
   * One line per attempt in the order they were first placed, up to the last attempt placed when
   * the download began: a running campaign's file ends instead of chasing its newest calls.
   */
  async report(campaignId: string, timeZone: string, locale: Locale): Promise<AsyncGenerator<Buffer>> {
    const last = (await this.pool.query<{ last: string | null }>('SELECT max(seq)::text AS last FROM dialing_attempts WHERE campaign_id = $1', [campaignId])).rows[0]?.last ?? '0';
    const page: Page<AttemptRow> = async (after, limit) =>
      (
        await this.pool.query<AttemptRow>(
          `SELECT a.seq::text, a.attempt_id, a.contact_index, c.contact_id, a.attempt, a.phone, a.time_zone,
                  ${localTime('a.placed_at', '$5')} AS placed, ${localTime('a.ended_at', '$5')} AS ended,
                  a.outcome, a.talk_seconds, a.sends, a.redial_scheduled, a.goal
             FROM dialing_attempts a LEFT JOIN dialing_contacts c ON c.campaign_id = a.campaign_id AND c.contact_index = a.contact_index
            WHERE a.campaign_id = $1 AND a.seq > $2 AND a.seq <= $3
            ORDER BY a.seq LIMIT $4`,
          [campaignId, after, last, limit, timeZone],
        )
      ).rows;
    return pagedCsv(HEADERS.report[locale], page, (row) => row.seq, '0', (row) => [
      row.attempt_id,
      row.contact_index,
      row.contact_id,
      row.attempt,
      row.phone,
      row.time_zone,
      row.placed,
      row.ended,
      outcomeLabel(row.outcome, locale),
      row.talk_seconds,
      row.sends,
      row.redial_scheduled,
      row.goal,
    ]);
  }
}
