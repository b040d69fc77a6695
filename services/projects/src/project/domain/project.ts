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
  /** From this instant on it can no longer be accepted (see invitation-rules.ts). */
  readonly expiresAt: Date;
};

/** The facts other services learn from projects (project_events.proto), as projects emits them. */
export type ProjectFact =
  | { type: 'ProjectCreated'; projectId: string; accountId: string; ownerUserId: string; name: string; at: Date }
  | { type: 'ProjectMemberGranted'; projectId: string; userId: string; accountId: string; role: MemberRole; at: Date }
  | { type: 'ProjectMemberRevoked'; projectId: string; userId: string; at: Date }
  | { type: 'ProjectArchived'; projectId: string; at: Date }
  | { type: 'ProjectUnarchived'; projectId: string; at: Date }
  | ProjectInvitationIssued;

/**
 * The invitee is to get an email with the accept link. It carries the invitation's secret token,
 * so it leaves on a topic of its own, never on the project topic every service consumes.
 */
export type ProjectInvitationIssued = {
  type: 'ProjectInvitationIssued';
  projectId: string;
  invitationId: string;
  projectName: string;
  inviteeEmail: string;
  inviterUserId: string;
  /** Empty when the inviter called with an API key. */
  inviterEmail: string;
  token: string;
  /** The inviter's language: the email is worded in it. */
  language: 'ru' | 'en';
  at: Date;
  expiresAt: Date;
};
