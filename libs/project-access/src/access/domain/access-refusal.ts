import { DomainError } from '@zvonar/eventsourcing';

/**
 * Why a caller may not do what it asked:
 * - unauthenticated: no principal came with a call that needs one (UNAUTHENTICATED);
 * - not-found: the project does not exist OR the caller has no access to it — the two are told
 *   apart by nobody, so ids of other tenants are never confirmed (NOT_FOUND);
 * - forbidden: the caller sees the project but its role does not allow this (PERMISSION_DENIED);
 * - archived: a write to an archived project (FAILED_PRECONDITION);
 * - unavailable: the read model did not know the project and the projects service, asked instead,
 *   did not answer: the access cannot be decided, so the caller retries (UNAVAILABLE) — never a
 *   NOT_FOUND that would tell a project's owner their project does not exist.
 */
export type AccessRefusalKind = 'unauthenticated' | 'not-found' | 'forbidden' | 'archived' | 'unavailable';

const codeOf: Record<AccessRefusalKind, string> = {
  unauthenticated: 'UNAUTHENTICATED',
  'not-found': 'PROJECT_NOT_FOUND',
  forbidden: 'PROJECT_ACCESS_DENIED',
  archived: 'PROJECT_ARCHIVED',
  unavailable: 'PROJECTS_UNAVAILABLE',
};

/**
 * A refusal by the access rules. It is a DomainError, so a service that forgot the
 * ProjectAccessGrpcFilter still answers a refusal (FAILED_PRECONDITION) rather than INTERNAL; the
 * filter gives each kind its own status and words it in the caller's language.
 */
export class ProjectAccessRefusal extends DomainError {
  constructor(
    readonly kind: AccessRefusalKind,
    readonly projectId?: string,
  ) {
    super(projectId === undefined ? codeOf[kind] : `${codeOf[kind]}: ${projectId}`, codeOf[kind]);
  }
}
