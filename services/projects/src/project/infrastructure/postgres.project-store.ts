import { withTransaction } from '@zvonar/messaging-postgres';
import type { ProjectAccessFacts, ProjectAccessRecord } from '@zvonar/project-access';
import type { Pool, PoolClient } from 'pg';
import type {
  NewsItem,
  ProjectChanges,
  ProjectCursor,
  ProjectListName,
  ProjectListQuery,
  ProjectQueries,
  ProjectSortKey,
  ProjectStore,
  StoredInvitation,
} from '../application/project-store.port';
import type { CustomField, CustomFieldType, Invitation, Member, MemberRole, Project, ProjectFact, ProjectView } from '../domain/project';

type Queryable = Pool | PoolClient;

type ProjectRow = {
  project_id: string;
  name: string;
  description: string;
  status: 'Active' | 'Archived';
  owner_account_id: string;
  owner_user_id: string;
  tags: string[];
  created_at: Date;
  updated_at: Date;
  archived_at: Date | null;
  my_role: MemberRole | null;
  custom_fields: { key: string; name: string; type: CustomFieldType }[];
  sort_key?: string;
};

type InvitationRow = {
  invitation_id: string;
  project_id: string;
  project_name: string;
  email: string;
  status: 'Pending' | 'Accepted';
  invited_by_user_id: string;
  invited_at: Date;
  expires_at: Date;
};

// The custom fields come along in the same statement: a GET is one round trip (the gateway
// benchmark counted three per GET, one of them for the fields).
const PROJECT_COLUMNS = `p.project_id, p.name, p.description, p.status, p.owner_account_id, p.owner_user_id, p.tags,
  p.created_at, p.updated_at, p.archived_at, m.role AS my_role,
  COALESCE((SELECT json_agg(json_build_object('key', f.key, 'name', f.name, 'type', f.type) ORDER BY f.position)
              FROM project_custom_fields f WHERE f.project_id = p.project_id), '[]'::json) AS custom_fields`;

const toView = (row: ProjectRow): ProjectView => ({
  projectId: row.project_id,
  name: row.name,
  description: row.description,
  status: row.status,
  ownerAccountId: row.owner_account_id,
  ownerUserId: row.owner_user_id,
  tags: row.tags,
  customFields: row.custom_fields,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  archivedAt: row.archived_at ?? undefined,
  myRole: row.my_role ?? undefined,
});

const listFilter: Record<ProjectListName, string> = {
  mine: `p.status = 'Active' AND m.role = 'owner'`,
  shared: `p.status = 'Active' AND m.role = 'editor'`,
  archive: `p.status = 'Archived'`,
};
// The sort expression, its cast for the cursor value, and its natural direction.
const sortBy: Record<ProjectSortKey, { expression: string; cast: string; descending: boolean }> = {
  updated: { expression: 'p.updated_at', cast: 'timestamptz', descending: true },
  created: { expression: 'p.created_at', cast: 'timestamptz', descending: true },
  // Code-point order of the lower-cased name, the same on every server whatever its collation, so
  // a cursor taken on one replica means the same on another.
  name: { expression: '(lower(p.name) COLLATE "C")', cast: 'text', descending: false },
};

const toInvitation = (row: InvitationRow): Invitation => ({
  invitationId: row.invitation_id,
  projectId: row.project_id,
  projectName: row.project_name,
  email: row.email,
  status: row.status,
  invitedByUserId: row.invited_by_user_id,
  invitedAt: row.invited_at,
  expiresAt: row.expires_at,
});

const INVITATION_COLUMNS = `i.invitation_id, i.project_id, p.name AS project_name, i.email, i.status, i.invited_by_user_id, i.invited_at,
  i.expires_at`;

/** Reads of the projects schema on the pool or on a transaction's client. */
class PostgresProjectQueries implements ProjectQueries {
  constructor(protected readonly db: Queryable) {}

  async factsOf(projectId: string, userId: string): Promise<ProjectAccessFacts | undefined> {
    return this.facts(projectId, userId, '');
  }

  protected async facts(projectId: string, userId: string, lock: string): Promise<ProjectAccessFacts | undefined> {
    const { rows } = await this.db.query<{ archived: boolean; role: MemberRole | null }>(
      `SELECT p.status = 'Archived' AS archived, m.role
         FROM projects p LEFT JOIN project_members m ON m.project_id = p.project_id AND m.user_id = $2
        WHERE p.project_id = $1 ${lock}`,
      [projectId, userId],
    );
    const [row] = rows;
    return row ? { archived: row.archived, role: row.role ?? undefined } : undefined;
  }

  async accessRecord(projectId: string, userId: string): Promise<ProjectAccessRecord | undefined> {
    const { rows } = await this.db.query<{
      owner_account_id: string;
      archived_at: Date | null;
      created_at: Date;
      role: MemberRole | null;
      member_account_id: string | null;
      granted_at: Date | null;
    }>(
      `SELECT p.owner_account_id, p.archived_at, p.created_at, m.role, m.account_id AS member_account_id, m.granted_at
         FROM projects p LEFT JOIN project_members m ON m.project_id = p.project_id AND m.user_id = $2
        WHERE p.project_id = $1`,
      [projectId, userId],
    );
    const [row] = rows;
    if (!row) return undefined;
    return {
      projectId,
      accountId: row.owner_account_id,
      archived: row.archived_at !== null,
      changedAt: row.archived_at ?? row.created_at,
      member:
        row.role && row.member_account_id !== null && row.granted_at
          ? { userId, accountId: row.member_account_id, role: row.role, grantedAt: row.granted_at }
          : undefined,
    };
  }

  async project(projectId: string, userId: string): Promise<ProjectView | undefined> {
    const { rows } = await this.db.query<ProjectRow>(
      `SELECT ${PROJECT_COLUMNS} FROM projects p
         LEFT JOIN project_members m ON m.project_id = p.project_id AND m.user_id = $2
        WHERE p.project_id = $1`,
      [projectId, userId],
    );
    const [view] = rows.map(toView);
    return view;
  }

  async list(query: ProjectListQuery): Promise<{ items: ProjectView[]; cursorOf(item: ProjectView): ProjectCursor }> {
    const sort = sortBy[query.sort];
    const descending = sort.descending !== query.reverse;
    const direction = descending ? 'DESC' : 'ASC';
    const parameters: unknown[] = [query.userId, query.limit];
    let after = '';
    if (query.after) {
      parameters.push(query.after.value, query.after.projectId);
      after = `AND (${sort.expression}, p.project_id) ${descending ? '<' : '>'} ($3::${sort.cast}, $4)`;
    }
    const { rows } = await this.db.query<ProjectRow>(
      `SELECT ${PROJECT_COLUMNS}, (${sort.expression})::text AS sort_key
         FROM projects p JOIN project_members m ON m.project_id = p.project_id AND m.user_id = $1
        WHERE ${listFilter[query.list]} ${after}
        ORDER BY ${sort.expression} ${direction}, p.project_id ${direction}
        LIMIT $2`,
      parameters,
    );
    const items = rows.map(toView);
    const keys = new Map(items.map((item, index) => [item, rows[index]!.sort_key ?? '']));
    return { items, cursorOf: (item) => ({ value: keys.get(item) ?? '', projectId: item.projectId }) };
  }

  async recent(userId: string, limit: number): Promise<ProjectView[]> {
    const { rows } = await this.db.query<ProjectRow>(
      `SELECT ${PROJECT_COLUMNS}
         FROM projects p JOIN project_members m ON m.project_id = p.project_id AND m.user_id = $1
        WHERE p.status = 'Active'
        ORDER BY p.updated_at DESC, p.project_id DESC
        LIMIT $2`,
      [userId, limit],
    );
    return rows.map(toView);
  }

  async members(projectId: string): Promise<Member[]> {
    const { rows } = await this.db.query<{ user_id: string; account_id: string; email: string; role: MemberRole; granted_at: Date }>(
      `SELECT user_id, account_id, email, role, granted_at FROM project_members WHERE project_id = $1
        ORDER BY role = 'owner' DESC, granted_at, user_id`,
      [projectId],
    );
    return rows.map((row) => ({ projectId, userId: row.user_id, accountId: row.account_id, email: row.email, role: row.role, grantedAt: row.granted_at }));
  }

  async pendingInvitations(filter: { projectId: string } | { email: string }, now: Date): Promise<Invitation[]> {
    const [column, value] = 'projectId' in filter ? ['i.project_id', filter.projectId] : ['i.email', filter.email];
    // The same boundary as invitation-rules' isExpired: gone from its expiry instant on.
    const { rows } = await this.db.query<InvitationRow>(
      `SELECT ${INVITATION_COLUMNS} FROM project_invitations i JOIN projects p ON p.project_id = i.project_id
        WHERE ${column} = $1 AND i.status = 'Pending' AND i.expires_at > $2 ORDER BY i.invited_at, i.invitation_id`,
      [value, now],
    );
    return rows.map(toInvitation);
  }

  async news(locale: string, limit: number): Promise<NewsItem[]> {
    const { rows } = await this.db.query<{ news_id: string; title: string; body: string; url: string; published_at: Date }>(
      `SELECT news_id, title, body, url, published_at FROM news_items WHERE locale = $1
        ORDER BY published_at DESC, news_id DESC LIMIT $2`,
      [locale, limit],
    );
    return rows.map((row) => ({ newsId: row.news_id, title: row.title, body: row.body, url: row.url, publishedAt: row.published_at }));
  }

  /** The rows as views, each with its custom fields (one query for the whole page). */
}

/** Changes inside one open transaction; facts go to the outbox through `writeFact`. */
class PostgresProjectChanges extends PostgresProjectQueries implements ProjectChanges {
  constructor(
    private readonly tx: PoolClient,
    private readonly writeFact: (tx: PoolClient, fact: ProjectFact) => Promise<void>,
  ) {
    super(tx);
  }

  lockFacts(projectId: string, userId: string): Promise<ProjectAccessFacts | undefined> {
    return this.facts(projectId, userId, 'FOR UPDATE OF p');
  }

  async insertProject(project: Project): Promise<void> {
    await this.tx.query(
      `INSERT INTO projects (project_id, name, description, status, owner_account_id, owner_user_id, tags, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [project.projectId, project.name, project.description, project.status, project.ownerAccountId, project.ownerUserId, project.tags, project.createdAt, project.updatedAt],
    );
    for (const field of project.customFields) await this.insertCustomField(project.projectId, field);
  }

  async updateProject(
    projectId: string,
    changes: Partial<Pick<Project, 'name' | 'description' | 'status' | 'tags' | 'archivedAt'>> & { updatedAt: Date },
  ): Promise<void> {
    const columns: Record<string, unknown> = { updated_at: changes.updatedAt };
    if (changes.name !== undefined) columns['name'] = changes.name;
    if (changes.description !== undefined) columns['description'] = changes.description;
    if (changes.tags !== undefined) columns['tags'] = changes.tags;
    if (changes.status !== undefined) {
      columns['status'] = changes.status;
      columns['archived_at'] = changes.archivedAt ?? null;
    }
    const names = Object.keys(columns);
    await this.tx.query(
      `UPDATE projects SET ${names.map((name, index) => `${name} = $${index + 2}`).join(', ')} WHERE project_id = $1`,
      [projectId, ...names.map((name) => columns[name])],
    );
  }

  async customFields(projectId: string): Promise<CustomField[]> {
    const { rows } = await this.tx.query<CustomField>(
      'SELECT key, name, type FROM project_custom_fields WHERE project_id = $1 ORDER BY position',
      [projectId],
    );
    return rows;
  }

  async insertCustomField(projectId: string, field: CustomField): Promise<void> {
    await this.tx.query('INSERT INTO project_custom_fields (project_id, key, name, type) VALUES ($1, $2, $3, $4)', [projectId, field.key, field.name, field.type]);
  }

  async renameCustomField(projectId: string, key: string, name: string): Promise<boolean> {
    const { rowCount } = await this.tx.query('UPDATE project_custom_fields SET name = $3 WHERE project_id = $1 AND key = $2', [projectId, key, name]);
    return (rowCount ?? 0) > 0;
  }

  async deleteCustomField(projectId: string, key: string): Promise<boolean> {
    const { rowCount } = await this.tx.query('DELETE FROM project_custom_fields WHERE project_id = $1 AND key = $2', [projectId, key]);
    return (rowCount ?? 0) > 0;
  }

  async insertMember(member: Member): Promise<void> {
    await this.tx.query(
      'INSERT INTO project_members (project_id, user_id, account_id, email, role, granted_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [member.projectId, member.userId, member.accountId, member.email, member.role, member.grantedAt],
    );
  }

  async deleteMember(projectId: string, userId: string): Promise<Member | undefined> {
    const { rows } = await this.tx.query<{ account_id: string; email: string; role: MemberRole; granted_at: Date }>(
      'DELETE FROM project_members WHERE project_id = $1 AND user_id = $2 RETURNING account_id, email, role, granted_at',
      [projectId, userId],
    );
    const [row] = rows;
    return row ? { projectId, userId, accountId: row.account_id, email: row.email, role: row.role, grantedAt: row.granted_at } : undefined;
  }

  async memberByEmail(projectId: string, email: string): Promise<Member | undefined> {
    const { rows } = await this.tx.query<{ user_id: string }>('SELECT user_id FROM project_members WHERE project_id = $1 AND email = $2', [projectId, email]);
    const [row] = rows;
    return row ? (await this.members(projectId)).find((member) => member.userId === row.user_id) : undefined;
  }

  async insertInvitation(invitation: StoredInvitation): Promise<void> {
    await this.tx.query(
      `INSERT INTO project_invitations (invitation_id, project_id, email, token_hash, status, invited_by_user_id, invited_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        invitation.invitationId,
        invitation.projectId,
        invitation.email,
        invitation.tokenHash,
        invitation.status,
        invitation.invitedByUserId,
        invitation.invitedAt,
        invitation.expiresAt,
      ],
    );
  }

  async pendingInvitationTo(projectId: string, email: string): Promise<Invitation | undefined> {
    const { rows } = await this.tx.query<InvitationRow>(
      `SELECT ${INVITATION_COLUMNS} FROM project_invitations i JOIN projects p ON p.project_id = i.project_id
        WHERE i.project_id = $1 AND i.email = $2 AND i.status = 'Pending'`,
      [projectId, email],
    );
    const [row] = rows;
    return row ? toInvitation(row) : undefined;
  }

  async lockInvitation(by: { invitationId: string } | { tokenHash: string }): Promise<Invitation | undefined> {
    const [column, value] = 'invitationId' in by ? ['i.invitation_id', by.invitationId] : ['i.token_hash', by.tokenHash];
    const { rows } = await this.tx.query<InvitationRow>(
      `SELECT ${INVITATION_COLUMNS} FROM project_invitations i JOIN projects p ON p.project_id = i.project_id
        WHERE ${column} = $1 FOR UPDATE OF i`,
      [value],
    );
    const [row] = rows;
    return row ? toInvitation(row) : undefined;
  }

  async deletePendingInvitation(projectId: string, invitationId: string): Promise<boolean> {
    const { rowCount } = await this.tx.query(
      `DELETE FROM project_invitations WHERE project_id = $1 AND invitation_id = $2 AND status = 'Pending'`,
      [projectId, invitationId],
    );
    return (rowCount ?? 0) > 0;
  }

  async markAccepted(invitationId: string, userId: string, at: Date): Promise<void> {
    await this.tx.query(
      `UPDATE project_invitations SET status = 'Accepted', accepted_by_user_id = $2, accepted_at = $3 WHERE invitation_id = $1`,
      [invitationId, userId, at],
    );
  }

  emit(fact: ProjectFact): Promise<void> {
    return this.writeFact(this.tx, fact);
  }
}

/** The ProjectStore on PostgreSQL: the projects schema, its outbox written in the same transactions. */
export class PostgresProjectStore extends PostgresProjectQueries implements ProjectStore {
  constructor(
    private readonly pool: Pool,
    private readonly writeFact: (tx: PoolClient, fact: ProjectFact) => Promise<void>,
    private readonly afterCommit: () => void,
  ) {
    super(pool);
  }

  async transaction<T>(work: (changes: ProjectChanges) => Promise<T>): Promise<T> {
    const result = await withTransaction(this.pool, (tx) => work(new PostgresProjectChanges(tx, this.writeFact)));
    this.afterCommit();
    return result;
  }
}
