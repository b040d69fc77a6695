import type { ProjectAccessFacts } from './domain/access-policy';
import type { ProjectAccessAuthority, ProjectAccessFactsSource, ProjectAccessRecord } from './project-access.port';
import { RecentMisses } from './recent-misses';

/** Two seconds of remembered unknown ids: long enough to absorb a burst of probes. */
export const DEFAULT_RECENT_MISSES = { ttlMs: 2_000, maxEntries: 10_000 } as const;

/** A read model that can take in what the projects service answered (PostgresProjectAccessFacts). */
export interface FillableProjectAccessFacts extends ProjectAccessFactsSource {
  fill(record: ProjectAccessRecord): Promise<void>;
}

/**
 * The read model, with the projects service asked on a miss: a project created a moment ago (or a
 * membership granted a moment ago) is known at once instead of after the bus delay, so a marketer
 * who creates a project and at once creates a scenario is not told the project does not exist.
 *
 * A hit (the caller is a member in the read model) never leaves the service. On a miss — no row
 * for the project, or none for this user — the answer of projects is filled into the read model
 * (rows that are absent only; the events overwrite them) and the decision is taken on the read
 * model again, so a revoke it has already applied keeps the member out. Strangers and staff miss
 * every time and are answered by projects. Ids projects does not know at all are remembered for a
 * moment (RecentMisses), so a script probing ids stays in the service; a known project's "no
 * member" is not, since an invitation accepted a second later must let the caller in at once.
 * An outage of projects is `unavailable`, not "not found".
 */
export class ReadYourWritesFacts implements ProjectAccessFactsSource {
  constructor(
    private readonly readModel: FillableProjectAccessFacts,
    private readonly projects: ProjectAccessAuthority,
    private readonly misses = new RecentMisses(DEFAULT_RECENT_MISSES),
  ) {}

  async factsOf(projectId: string, userId: string): Promise<ProjectAccessFacts | undefined> {
    const local = await this.readModel.factsOf(projectId, userId);
    if (local?.role !== undefined || this.misses.has(projectId, userId)) return local;
    const record = await this.projects.recordOf(projectId, userId);
    if (!record) this.misses.remember(projectId, userId);
    // Nothing to learn: projects does not know the project, or knows the user is no member of a
    // project the read model already has.
    if (!record || (local && !record.member)) return local;
    await this.readModel.fill(record);
    return this.readModel.factsOf(projectId, userId);
  }
}
