import type { ProjectHistory } from '../domain';

/** What the pre-flight asks the campaigns schema, a batch of numbers at a time. */
export interface PreflightLookups {
  /** The numbers among `phones` the project may not call (its blacklist, its account's do-not-call list). */
  blocked(projectId: string, phones: readonly string[]): Promise<Set<string>>;
  /**
   * The numbers among `phones` an earlier run of the campaign finished: every finished one, or
   * only those reached when `reachedOnly` (a restart dials the others again).
   */
  done(campaignId: string, phones: readonly string[], reachedOnly: boolean): Promise<Set<string>>;
  /** What the project's other campaigns dialled, for the forecast. */
  history(projectId: string, exceptCampaignId: string): Promise<ProjectHistory>;
}
