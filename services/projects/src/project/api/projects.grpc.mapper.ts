import type { ProjectAccessRecord } from '@zvonar/project-access';
import type { CustomFieldType, Invitation, Member, MemberRole, ProjectView } from '../domain/project';
import type { ProjectListName, ProjectSortKey, NewsItem } from '../application/project-store.port';
import type { PersonalManager } from '../application/dashboard';
import { projectsV1 } from './projects.proto';

const { ProjectRole, ProjectStatus, CustomFieldType: ProtoFieldType, ProjectList, ProjectSort, InvitationStatus } = projectsV1;

const roleToProto: Record<MemberRole, projectsV1.ProjectRole> = {
  owner: ProjectRole.PROJECT_ROLE_OWNER,
  editor: ProjectRole.PROJECT_ROLE_EDITOR,
};

const fieldTypeToProto: Record<CustomFieldType, projectsV1.CustomFieldType> = {
  string: ProtoFieldType.CUSTOM_FIELD_TYPE_STRING,
  number: ProtoFieldType.CUSTOM_FIELD_TYPE_NUMBER,
  date: ProtoFieldType.CUSTOM_FIELD_TYPE_DATE,
  boolean: ProtoFieldType.CUSTOM_FIELD_TYPE_BOOLEAN,
};

/** undefined for UNSPECIFIED or an unknown value: the rules report it as INVALID_TYPE on the field. */
export const fromProtoFieldType = (type: projectsV1.CustomFieldType | undefined): CustomFieldType | undefined =>
  (Object.keys(fieldTypeToProto) as CustomFieldType[]).find((key) => fieldTypeToProto[key] === type);

export const fromProtoField = (field: projectsV1.CustomField | undefined) => ({
  key: field?.key.trim() ?? '',
  name: field?.name ?? '',
  type: fromProtoFieldType(field?.type),
});

export const fromProtoList = (list: projectsV1.ProjectList): ProjectListName =>
  list === ProjectList.PROJECT_LIST_SHARED_WITH_ME ? 'shared' : list === ProjectList.PROJECT_LIST_ARCHIVE ? 'archive' : 'mine';

export const fromProtoSort = (sort: projectsV1.ProjectSort): ProjectSortKey =>
  sort === ProjectSort.PROJECT_SORT_CREATED ? 'created' : sort === ProjectSort.PROJECT_SORT_NAME ? 'name' : 'updated';

export const toProtoProject = (project: ProjectView): projectsV1.Project => ({
  projectId: project.projectId,
  name: project.name,
  description: project.description,
  status: project.status === 'Archived' ? ProjectStatus.PROJECT_STATUS_ARCHIVED : ProjectStatus.PROJECT_STATUS_ACTIVE,
  ownerAccountId: project.ownerAccountId,
  ownerUserId: project.ownerUserId,
  myRole: project.myRole ? roleToProto[project.myRole] : ProjectRole.PROJECT_ROLE_UNSPECIFIED,
  customFields: project.customFields.map((field) => ({ key: field.key, name: field.name, type: fieldTypeToProto[field.type] })),
  tags: [...project.tags],
  createdAt: project.createdAt,
  updatedAt: project.updatedAt,
  archivedAt: project.archivedAt,
});

export const toProtoInvitation = (invitation: Invitation, token = ''): projectsV1.Invitation => ({
  invitationId: invitation.invitationId,
  projectId: invitation.projectId,
  projectName: invitation.projectName,
  email: invitation.email,
  status: invitation.status === 'Accepted' ? InvitationStatus.INVITATION_STATUS_ACCEPTED : InvitationStatus.INVITATION_STATUS_PENDING,
  invitedByUserId: invitation.invitedByUserId,
  invitedAt: invitation.invitedAt,
  token,
  expiresAt: invitation.expiresAt,
});

export const toProtoMember = (member: Member): projectsV1.Member => ({
  userId: member.userId,
  accountId: member.accountId,
  email: member.email,
  role: roleToProto[member.role],
  grantedAt: member.grantedAt,
});

export const toProtoNews = (item: NewsItem): projectsV1.NewsItem => ({ ...item });
export const toProtoManager = (manager: PersonalManager): projectsV1.PersonalManager => ({ ...manager });

/** What CheckProjectAccess answers: the record, or `exists: false` with nothing else set. */
export const toProtoAccessRecord = (record: ProjectAccessRecord | undefined): projectsV1.CheckProjectAccessResponse => ({
  exists: record !== undefined,
  accountId: record?.accountId ?? '',
  archived: record?.archived ?? false,
  changedAt: record?.changedAt,
  role: record?.member ? roleToProto[record.member.role] : ProjectRole.PROJECT_ROLE_UNSPECIFIED,
  memberAccountId: record?.member?.accountId ?? '',
  grantedAt: record?.member?.grantedAt,
});
