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
 * The numbers among `phones` a project may not call: its own blacklist and its account's
 * do-not-call list. One query for a whole claimed batch.
 */
export async function blockedPhones(db: ClientBase, projectId: string, phones: readonly string[]): Promise<Set<string>> {
  if (phones.length === 0) return new Set();
  const { rows } = await db.query<{ phone: string }>(
    `SELECT DISTINCT phone FROM blacklist_entries
      WHERE phone = ANY($2::text[])
        AND ((scope = 'project' AND owner_id = $1)
          OR (scope = 'account' AND owner_id IN (SELECT account_id FROM project_accounts WHERE project_id = $1)))`,
    [projectId, phones],
  );
  return new Set(rows.map((row) => row.phone));
}
