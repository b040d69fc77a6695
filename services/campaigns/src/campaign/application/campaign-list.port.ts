import type { CampaignStatus } from '../domain';
import type { CampaignView } from './campaign-view';

export type ArchiveFilter = 'active' | 'archived' | 'all';

export type CampaignListQuery = {
  readonly projectId: string;
  /** Empty = every status. */
  readonly statuses: readonly CampaignStatus[];
  readonly archive: ArchiveFilter;
  readonly order: 'newest' | 'oldest';
  /** The cursor of the previous page's last row; absent for the first page. */
  readonly after?: string;
  readonly pageSize: number;
};

export type Page<T> = { readonly items: readonly T[]; readonly next: string | undefined };

/** The campaigns read model (projected from the campaign streams): what list and get answer from. */
export interface CampaignList {
  get(campaignId: string): Promise<CampaignView | null>;
  list(query: CampaignListQuery): Promise<Page<CampaignView>>;
  /** Scheduled, unarchived campaigns whose start time is at or before `now`, oldest start first. */
  dueToStart(now: Date, limit: number): Promise<string[]>;
}

export const CAMPAIGN_LIST = Symbol('CAMPAIGN_LIST');
