import type { Principal } from '../principal/principal';
import type { AccessGrant, AccessNeed, ProjectAccessFacts } from './domain/access-policy';

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
