/** The shapes projects keeps; no transport or storage types. */

export type ProjectStatus = 'Active' | 'Archived';
export type MemberRole = 'owner' | 'editor';
export type CustomFieldType = 'string' | 'number' | 'date' | 'boolean';

export type CustomField = { readonly key: string; readonly name: string; readonly type: CustomFieldType };

export type Project = {
  readonly projectId: string;
  readonly name: string;
  readonly description: string;
  readonly status: ProjectStatus;
  readonly ownerAccountId: string;
  readonly ownerUserId: string;
  readonly customFields: readonly CustomField[];
  readonly tags: readonly string[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly archivedAt: Date | undefined;
};

/** A project as one caller sees it: with the caller's role (undefined for staff read-only). */
export type ProjectView = Project & { readonly myRole: MemberRole | undefined };

export type Member = {
  readonly projectId: string;
  readonly userId: string;
  readonly accountId: string;
  readonly email: string;
  readonly role: MemberRole;
  readonly grantedAt: Date;
};

export type InvitationStatus = 'Pending' | 'Accepted';

export type Invitation = {
  readonly invitationId: string;
  readonly projectId: string;
  readonly projectName: string;
  readonly email: string;
  readonly status: InvitationStatus;
  readonly invitedByUserId: string;
  readonly invitedAt: Date;
};

/** The facts other services learn from projects (project_events.proto), as projects emits them. */
export type ProjectFact =
  | { type: 'ProjectCreated'; projectId: string; accountId: string; ownerUserId: string; name: string; at: Date }
  | { type: 'ProjectMemberGranted'; projectId: string; userId: string; accountId: string; role: MemberRole; at: Date }
  | { type: 'ProjectMemberRevoked'; projectId: string; userId: string; at: Date }
  | { type: 'ProjectArchived'; projectId: string; at: Date }
  | { type: 'ProjectUnarchived'; projectId: string; at: Date };
