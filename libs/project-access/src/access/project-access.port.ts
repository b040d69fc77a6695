import type { Principal } from '../principal/principal';
import type { AccessGrant, AccessNeed, MemberRole, ProjectAccessFacts } from './domain/access-policy';

/** The ProjectAccess port under this token in a service's module (ProjectAccessModule binds it). */
export const PROJECT_ACCESS = Symbol('PROJECT_ACCESS');

/** Answers whether a caller may do something in a project; throws ProjectAccessRefusal if not. */
export interface ProjectAccess {
  assertAccess(principal: Principal, projectId: string, need: AccessNeed): Promise<AccessGrant>;
}

/** Where the facts come from: a service's read model, or the projects service's own tables. */
export interface ProjectAccessFactsSource {
  factsOf(projectId: string, userId: string): Promise<ProjectAccessFacts | undefined>;
}

/**
 * What the projects service itself knows about one project and one user: the rows a read model
 * would have once the project events arrived. `member` is undefined when the user is not a member.
 */
export type ProjectAccessRecord = {
  readonly projectId: string;
  /** The owner's account. */
  readonly accountId: string;
  readonly archived: boolean;
  readonly changedAt: Date;
  readonly member: { readonly userId: string; readonly accountId: string; readonly role: MemberRole; readonly grantedAt: Date } | undefined;
};

/**
 * The source of truth behind a read model (the projects service), asked when the read model has
 * not heard of a project or a membership yet; undefined for a project it does not know. An outage
 * is a ProjectAccessRefusal of kind `unavailable`, never "not found".
 */
export interface ProjectAccessAuthority {
  recordOf(projectId: string, userId: string): Promise<ProjectAccessRecord | undefined>;
}
