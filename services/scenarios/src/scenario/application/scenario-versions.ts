import { Inject, Injectable } from '@nestjs/common';
import { ConcurrencyError } from '@zvonar/eventsourcing';
import { CLOCK, type Clock } from '@zvonar/platform';
import type { Locale } from '@zvonar/scenario-runtime';
import { REFERENCE_CATALOGUE, SCENARIO_STORE } from '../../scenarios.di-tokens';
import { toModel } from '../domain/graph-document';
import { assertEditable, assertRevision, withDraft, type PublishedVersion, type Scenario } from '../domain/scenario';
import { diffVersions, type VersionDiff } from '../domain/version-diff';
import { draftIssues, publishRefused } from './draft-issues';
import type { ReferenceCatalogueSource } from './reference-catalogue.port';
import { pageSize } from './scenario-drafts';
import type { Page, ScenarioStore } from './scenario-store.port';

/** Publish, read, compare and restore the immutable versions of a scenario. */
@Injectable()
export class ScenarioVersions {
  constructor(
    @Inject(SCENARIO_STORE) private readonly store: ScenarioStore,
    @Inject(REFERENCE_CATALOGUE) private readonly references: ReferenceCatalogueSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Validates the draft (outside the row lock: the reference checks will be remote calls), then
   * stores the next version and its integration event in one transaction, provided the draft is
   * still the one that was validated.
   */
  async publish(input: { scenarioId: string; expectedRevision: number }, locale: Locale): Promise<PublishedVersion> {
    const validated = await this.store.get(input.scenarioId);
    assertEditable(validated, locale);
    assertRevision(validated, input.expectedRevision, locale, true);
    const issues = await draftIssues(validated, this.references, locale);
    if (issues.length > 0) throw publishRefused(issues, locale);
    return this.store.change(input.scenarioId, async (scenario, change) => {
      assertEditable(scenario, locale);
      if (scenario.draftRevision !== validated.draftRevision) {
        throw new ConcurrencyError(
          `scenario-${scenario.scenarioId}`,
          String(validated.draftRevision),
          String(scenario.draftRevision),
        );
      }
      const now = this.clock.now();
      const version: PublishedVersion = {
        scenarioId: scenario.scenarioId,
        version: scenario.latestVersion + 1,
        graph: scenario.draft,
        draftRevision: scenario.draftRevision,
        publishedAt: now,
        nodeCount: scenario.draft.nodes.length,
      };
      await change.addVersion(version, {
        scenarioId: scenario.scenarioId,
        projectId: scenario.projectId,
        version: version.version,
        name: scenario.name,
        publishedAt: now,
        nodeCount: version.nodeCount,
      });
      await change.save({ ...scenario, latestVersion: version.version, updatedAt: now });
      return version;
    });
  }

  get(scenarioId: string, version: number): Promise<PublishedVersion> {
    return this.store.getVersion(scenarioId, version);
  }

  list(query: { scenarioId: string; before?: number; pageSize: number }): Promise<Page<PublishedVersion>> {
    return this.store.listVersions({ ...query, limit: pageSize(query.pageSize) });
  }

  async diff(input: { scenarioId: string; fromVersion: number; toVersion: number }): Promise<VersionDiff> {
    const [from, to] = await Promise.all([
      this.store.getVersion(input.scenarioId, input.fromVersion),
      this.store.getVersion(input.scenarioId, input.toVersion),
    ]);
    return diffVersions(
      toModel(from.graph, from.scenarioId, from.version),
      toModel(to.graph, to.scenarioId, to.version),
    );
  }

  /** The version's graph becomes the draft (a new draft revision); the version itself is untouched. */
  async restore(
    input: { scenarioId: string; version: number; expectedRevision: number },
    locale: Locale,
  ): Promise<Scenario> {
    const version = await this.store.getVersion(input.scenarioId, input.version);
    return this.store.change(input.scenarioId, async (scenario, change) => {
      assertEditable(scenario, locale);
      assertRevision(scenario, input.expectedRevision, locale);
      const restored = withDraft(scenario, version.graph, scenario.name, this.clock.now());
      await change.save(restored);
      return restored;
    });
  }
}
