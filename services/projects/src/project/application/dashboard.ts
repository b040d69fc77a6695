import { Inject, Injectable } from '@nestjs/common';
import type { Locale, Principal } from '@zvonar/project-access';
import type { ProjectView } from '../domain/project';
import { PERSONAL_MANAGER, PROJECT_STORE } from '../../projects.di-tokens';
import type { NewsItem, ProjectStore } from './project-store.port';

export type PersonalManager = { readonly name: string; readonly email: string; readonly phone: string };

export const RECENT_PROJECTS = 3;
export const NEWS_ITEMS = 5;

/**
 * The console's start page. The balance and ticket blocks join when billing and ticketing exist
 * (the gateway composes them; projects answers only for what it owns).
 */
@Injectable()
export class Dashboard {
  constructor(
    @Inject(PROJECT_STORE) private readonly store: ProjectStore,
    @Inject(PERSONAL_MANAGER) private readonly manager: PersonalManager,
  ) {}

  async of(principal: Principal, locale: Locale): Promise<{ recent: ProjectView[]; manager: PersonalManager; news: NewsItem[] }> {
    const [recent, news] = await Promise.all([this.store.recent(principal.userId, RECENT_PROJECTS), this.store.news(locale, NEWS_ITEMS)]);
    return { recent, manager: this.manager, news };
  }
}
