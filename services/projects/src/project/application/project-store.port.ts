import type { ProjectAccessFacts, ProjectAccessFactsSource, ProjectAccessRecord } from '@zvonar/project-access';
import type { CustomField, Invitation, Member, Project, ProjectFact, ProjectView } from '../domain/project';

export type ProjectListName = 'mine' | 'shared' | 'archive';
export type ProjectSortKey = 'updated' | 'created' | 'name';

/** Keyset position: the sort value and the project id of the last item of the previous page. */
export type ProjectCursor = { readonly value: string; readonly projectId: string };

export type ProjectListQuery = {
  readonly userId: string;
  readonly list: ProjectListName;
  readonly sort: ProjectSortKey;
  readonly reverse: boolean;
  readonly after: ProjectCursor | undefined;
  readonly limit: number;
};

export type NewsItem = { readonly newsId: string; readonly title: string; readonly body: string; readonly url: string; readonly publishedAt: Date };

/** An invitation with what only the store knows: the hash of its token. */
export type StoredInvitation = Invitation & { readonly tokenHash: string };

/** Reads, on the pool or inside a transaction. */
export interface ProjectQueries extends ProjectAccessFactsSource {
  project(projectId: string, userId: string): Promise<ProjectView | undefined>;
  /** The project's and the user's rows as another service's access read model holds them. */
  accessRecord(projectId: string, userId: string): Promise<ProjectAccessRecord | undefined>;
  list(query: ProjectListQuery): Promise<{ items: ProjectView[]; cursorOf(item: ProjectView): ProjectCursor }>;
  /** The user's most recently changed active projects. */
  recent(userId: string, limit: number): Promise<ProjectView[]>;
  members(projectId: string): Promise<Member[]>;
  /** Pending invitations not yet expired at `now`, oldest first. */
  pendingInvitations(filter: { projectId: string } | { email: string }, now: Date): Promise<Invitation[]>;
  news(locale: string, limit: number): Promise<NewsItem[]>;
}

/** Changes inside one transaction; `emit` writes the fact to the outbox in the same transaction. */
export interface ProjectChanges extends ProjectQueries {
  /** The access facts with the project's row locked until commit (changes to one project queue up). */
  lockFacts(projectId: string, userId: string): Promise<ProjectAccessFacts | undefined>;
  insertProject(project: Project): Promise<void>;
  updateProject(
    projectId: string,
    changes: Partial<Pick<Project, 'name' | 'description' | 'status' | 'tags' | 'archivedAt'>> & { updatedAt: Date },
  ): Promise<void>;
  customFields(projectId: string): Promise<CustomField[]>;
  insertCustomField(projectId: string, field: CustomField): Promise<void>;
  renameCustomField(projectId: string, key: string, name: string): Promise<boolean>;
  deleteCustomField(projectId: string, key: string): Promise<boolean>;
  insertMember(member: Member): Promise<void>;
  deleteMember(projectId: string, userId: string): Promise<Member | undefined>;
  memberByEmail(projectId: string, email: string): Promise<Member | undefined>;
  insertInvitation(invitation: StoredInvitation): Promise<void>;
  /** The project's pending invitation to the address, expired or not (at most one). */
  pendingInvitationTo(projectId: string, email: string): Promise<Invitation | undefined>;
  /** A pending or accepted invitation, locked, by id or token hash. */
  lockInvitation(by: { invitationId: string } | { tokenHash: string }): Promise<Invitation | undefined>;
  /** Deletes a pending invitation of the project; false when there is none. */
  deletePendingInvitation(projectId: string, invitationId: string): Promise<boolean>;
  markAccepted(invitationId: string, userId: string, at: Date): Promise<void>;
  emit(fact: ProjectFact): Promise<void>;
}

export interface ProjectStore extends ProjectQueries {
  /** Runs `work` in one transaction; the relay is woken after it commits. */
  transaction<T>(work: (changes: ProjectChanges) => Promise<T>): Promise<T>;
}
