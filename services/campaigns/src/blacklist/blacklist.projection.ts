import type { ClientBase } from 'pg';

export type BlacklistScope = 'project' | 'account';

export type BlacklistEntry = {
  readonly accountId: string;
  readonly projectId: string;
  readonly scope: BlacklistScope;
  readonly phone: string;
  readonly source: string;
  readonly at: Date;
};

const ownerOf = (entry: Pick<BlacklistEntry, 'scope' | 'projectId' | 'accountId'>): string =>
  entry.scope === 'project' ? entry.projectId : entry.accountId;

/** Adds an entry (a repeated add keeps the first); a project entry also records its account. */
export async function addBlacklistEntry(tx: ClientBase, entry: BlacklistEntry): Promise<void> {
  await tx.query(
    `INSERT INTO blacklist_entries (scope, owner_id, phone, source, added_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (scope, owner_id, phone) DO NOTHING`,
    [entry.scope, ownerOf(entry), entry.phone, entry.source, entry.at],
  );
  if (entry.projectId !== '' && entry.accountId !== '') await recordProjectAccount(tx, entry.projectId, entry.accountId);
}

export async function removeBlacklistEntry(tx: ClientBase, entry: Omit<BlacklistEntry, 'source' | 'at'>): Promise<void> {
  await tx.query('DELETE FROM blacklist_entries WHERE scope = $1 AND owner_id = $2 AND phone = $3', [entry.scope, ownerOf(entry), entry.phone]);
}

export async function recordProjectAccount(tx: ClientBase, projectId: string, accountId: string): Promise<void> {
  await tx.query('INSERT INTO project_accounts (project_id, account_id) VALUES ($1, $2) ON CONFLICT (project_id) DO NOTHING', [projectId, accountId]);
}

/**
 * SQL that is true when the number in `phone` may not be called by the project in `project`
 * (both SQL expressions): its own blacklist or its account's do-not-call list.
 */
export const isBlockedSql = (phone: string, project: string): string =>
  `EXISTS (SELECT 1 FROM blacklist_entries b WHERE b.phone = ${phone}
             AND ((b.scope = 'project' AND b.owner_id = ${project})
               OR (b.scope = 'account' AND b.owner_id IN (SELECT account_id FROM project_accounts WHERE project_id = ${project}))))`;

/** The numbers among `phones` the project may not call; one query for a whole batch. */
export async function blockedPhones(db: ClientBase, projectId: string, phones: readonly string[]): Promise<Set<string>> {
  if (phones.length === 0) return new Set();
  const { rows } = await db.query<{ phone: string }>(`SELECT DISTINCT p.phone FROM unnest($2::text[]) AS p(phone) WHERE ${isBlockedSql('p.phone', '$1')}`, [projectId, phones]);
  return new Set(rows.map((row) => row.phone));
}
