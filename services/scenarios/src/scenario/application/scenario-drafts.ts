import { Inject, Injectable } from '@nestjs/common';
import { ValidationError } from '@zvonar/eventsourcing';
import { CLOCK, ID_GENERATOR, type Clock, type IdGenerator } from '@zvonar/platform';
import type { Locale, ValidationIssue } from '@zvonar/scenario-runtime';
import { REFERENCE_CATALOGUE, SCENARIO_STORE } from '../../scenarios.di-tokens';
import { readGraph } from '../domain/graph-document';
import { draftIssues } from './draft-issues';
import {
  assertEditable,
  assertRevision,
  initialGraph,
  newScenario,
  withDraft,
  type Scenario,
} from '../domain/scenario';
import type { ReferenceCatalogueSource } from './reference-catalogue.port';
import type { Page, ScenarioStore } from './scenario-store.port';

const MAX_PAGE = 100;
const texts = {
  name: { ru: 'Название должно содержать от 1 до 200 символов', en: 'The name must be 1 to 200 characters long' },
  invalid: { ru: 'Запрос содержит ошибки', en: 'The request has errors' },
  copy: { ru: ' (копия)', en: ' (copy)' },
} as const;

export const pageSize = (requested: number): number => (requested > 0 ? Math.min(requested, MAX_PAGE) : MAX_PAGE);

const checkedName = (name: string, locale: Locale): string => {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200) {
    throw new ValidationError(texts.invalid[locale], [
      { field: 'name', code: 'INVALID_LENGTH', message: texts.name[locale] },
    ]);
  }
  return trimmed;
};

/** Create, edit, copy, archive and read scenarios: the draft side. */
@Injectable()
export class ScenarioDrafts {
  constructor(
    @Inject(SCENARIO_STORE) private readonly store: ScenarioStore,
    @Inject(REFERENCE_CATALOGUE) private readonly references: ReferenceCatalogueSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async create(input: { projectId: string; name: string; graphJson: string }, locale: Locale): Promise<Scenario> {
    const scenarioId = this.ids.next();
    const name = checkedName(input.name, locale);
    const graph = input.graphJson.trim() === '' ? initialGraph() : readGraph(input.graphJson, scenarioId, locale).graph;
    const scenario = newScenario({ scenarioId, projectId: input.projectId, name, draft: graph, now: this.clock.now() });
    await this.store.create(scenario);
    return scenario;
  }

  /** The publishing rules the draft breaks now, for the editor to paint red. */
  issues(scenario: Scenario, locale: Locale): Promise<ValidationIssue[]> {
    return draftIssues(scenario, this.references, locale);
  }

  get(scenarioId: string): Promise<Scenario> {
    return this.store.get(scenarioId);
  }

  list(query: {
    projectId: string;
    includeArchived: boolean;
    after?: string;
    pageSize: number;
  }): Promise<Page<Scenario>> {
    return this.store.list({ ...query, limit: pageSize(query.pageSize) });
  }

  /** Saves the draft even when it breaks publishing rules; only a malformed graph is refused. */
  update(
    input: { scenarioId: string; expectedRevision: number; graphJson: string; name: string },
    locale: Locale,
  ): Promise<Scenario> {
    const graph =
      input.graphJson.trim() === '' ? undefined : readGraph(input.graphJson, input.scenarioId, locale).graph;
    const name = input.name === '' ? undefined : checkedName(input.name, locale);
    return this.store.change(input.scenarioId, async (scenario, change) => {
      assertEditable(scenario, locale);
      assertRevision(scenario, input.expectedRevision, locale);
      const updated = withDraft(scenario, graph ?? scenario.draft, name ?? scenario.name, this.clock.now());
      await change.save(updated);
      return updated;
    });
  }

  async copy(input: { scenarioId: string; name: string }, locale: Locale): Promise<Scenario> {
    const original = await this.store.get(input.scenarioId);
    const name =
      input.name === '' ? `${original.name}${texts.copy[locale]}`.slice(0, 200) : checkedName(input.name, locale);
    const copy = newScenario({
      scenarioId: this.ids.next(),
      projectId: original.projectId,
      name,
      draft: original.draft,
      now: this.clock.now(),
    });
    await this.store.create(copy);
    return copy;
  }

  /** Archiving twice changes nothing; campaigns keep running on versions of an archived scenario. */
  archive(scenarioId: string): Promise<Scenario> {
    return this.store.change(scenarioId, async (scenario, change) => {
      if (scenario.status === 'Archived') return scenario;
      const archived: Scenario = { ...scenario, status: 'Archived', updatedAt: this.clock.now() };
      await change.save(archived);
      return archived;
    });
  }
}
