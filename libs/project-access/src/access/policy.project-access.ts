import type { Principal } from '../principal/principal';
import { decideAccess, type AccessGrant, type AccessNeed } from './domain/access-policy';
import type { ProjectAccess, ProjectAccessFactsSource } from './project-access.port';

/** ProjectAccess over any source of facts: the one rule (decideAccess) for every service. */
export class PolicyProjectAccess implements ProjectAccess {
  constructor(private readonly facts: ProjectAccessFactsSource) {}

  async assertAccess(principal: Principal, projectId: string, need: AccessNeed): Promise<AccessGrant> {
    // An empty or malformed id cannot name a project: the same answer as a stranger's, no query.
    const facts = projectId.trim() === '' ? undefined : await this.facts.factsOf(projectId, principal.userId);
    return decideAccess(principal, projectId, facts, need);
  }
}
