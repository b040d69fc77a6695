import { Inject, Injectable, Optional } from '@nestjs/common';
import { handleCommand, ValidationError, type EventStore, type FieldViolation } from '@zvonar/eventsourcing';
import { CLOCK, ID_GENERATOR, type Clock, type IdGenerator } from '@zvonar/platform';
import { ALWAYS_AVAILABLE, TELEPHONY_AVAILABILITY, type TelephonyAvailability } from '../../dialing/application/telephony.port';
import { PublishedScenarioVersions } from '../../published-scenarios/published-scenario-versions.reader';
import {
  campaignDecider,
  CampaignNotFoundError,
  campaignStreamId,
  copyCampaign,
  type CampaignCommand,
  type CampaignEvent,
  type CampaignSettings,
  type CampaignSettingsInput,
  type PauseReason,
} from '../domain';
import { launchViolations } from '../domain/commands/launch-campaign';
import type { ExistingCampaign } from '../domain';
import { CAMPAIGN_EVENTS } from './campaign-events.port';
import { evolveView, type CampaignView } from './campaign-view';
import { requireProjectId } from './require-project-id';

/** Commands that only name the campaign. */
type SimpleCommand = Extract<CampaignCommand, { data: { campaignId: string } }>['type'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Violations of the settings are reported under the request's `settings` field. */
const underSettings = (error: unknown): unknown =>
  error instanceof ValidationError
    ? new ValidationError(error.message, error.violations.map((violation: FieldViolation) => ({ ...violation, field: `settings.${violation.field}` })))
    : error;

/**
 * Every lifecycle command of a campaign, through the decider over its stream: the one entry point
 * for the gRPC API, the templates and the start scheduler. Answers with the campaign as its
 * stream now stands (read-your-writes; the list read model follows a moment later).
 */
@Injectable()
export class CampaignLifecycle {
  constructor(
    @Inject(CAMPAIGN_EVENTS) private readonly store: EventStore,
    private readonly publishedVersions: PublishedScenarioVersions,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    /** The telephony watch of this process (always available when the service runs without one). */
    @Optional() @Inject(TELEPHONY_AVAILABILITY) private readonly telephony: TelephonyAvailability = ALWAYS_AVAILABLE,
  ) {}

  /** The campaign folded from its stream; NOT_FOUND when it was never created. */
  async load(campaignId: string): Promise<CampaignView> {
    const { events } = await this.store.readStream<CampaignEvent>(campaignStreamId(campaignId));
    const view = events.reduce<CampaignView | null>((folded, event) => evolveView(folded, event, event.streamRevision), null);
    if (!view) throw new CampaignNotFoundError(campaignId);
    return view;
  }

  /** Sends a command built elsewhere (a copy, a template) and answers with the campaign. */
  async execute(command: CampaignCommand): Promise<CampaignView> {
    await handleCommand(this.store, campaignStreamId(command.data.campaignId), campaignDecider, command, { retry: { onVersionConflict: 3 } });
    return this.load(command.data.campaignId);
  }

  async create(input: { projectId: string; settings: CampaignSettingsInput; campaignId?: string }): Promise<CampaignView> {
    if (input.campaignId !== undefined && !UUID.test(input.campaignId)) {
      throw new ValidationError('The campaign id must be a UUID', [{ field: 'campaignId', code: 'INVALID_UUID', message: 'campaignId must be a UUID' }]);
    }
    requireProjectId(input.projectId);
    const campaignId = input.campaignId ?? this.ids.next();
    return this.execute({ type: 'CreateCampaign', data: { campaignId, projectId: input.projectId, settings: input.settings }, metadata: this.metadata() }).catch(
      (error: unknown) => Promise.reject(underSettings(error)),
    );
  }

  async update(campaignId: string, settings: CampaignSettings): Promise<CampaignView> {
    return this.execute({ type: 'ChangeCampaignSettings', data: { campaignId, settings }, metadata: this.metadata() }).catch((error: unknown) =>
      Promise.reject(underSettings(error)),
    );
  }

  /** Pre-flight: the pinned version must be in the published-scenarios read model. */
  async launch(campaignId: string): Promise<CampaignView> {
    const { campaign } = await this.load(campaignId);
    const scenarioVersionPublished = await this.scenarioVersionPublished(campaign);
    return this.execute({ type: 'LaunchCampaign', data: { campaignId, scenarioVersionPublished }, metadata: this.metadata() }).catch((error: unknown) =>
      Promise.reject(underSettings(error)),
    );
  }

  /**
   * Every reason LaunchCampaign would refuse the campaign's settings for now, named as it names
   * them (`settings.<field>`), without launching: the pre-flight shows them.
   */
  async launchProblems(campaign: ExistingCampaign): Promise<FieldViolation[]> {
    const violations = launchViolations(campaign.settings, await this.scenarioVersionPublished(campaign));
    return violations.map((violation) => ({ ...violation, field: `settings.${violation.field}` }));
  }

  private async scenarioVersionPublished({ settings }: ExistingCampaign): Promise<boolean> {
    return settings.scenario ? this.publishedVersions.isPublished(settings.scenario.scenarioId, settings.scenario.version) : false;
  }

  pause(campaignId: string, reason: PauseReason = 'User'): Promise<CampaignView> {
    return this.execute({ type: 'PauseCampaign', data: { campaignId, reason }, metadata: this.metadata() });
  }

  /**
   * The user's resume. While call-control is unavailable the campaign stays paused, for
   * TelephonyUnavailable, and resumes by itself when it is back (see ResumeCampaign).
   */
  resume(campaignId: string): Promise<CampaignView> {
    return this.execute({ type: 'ResumeCampaign', data: { campaignId, telephonyAvailable: this.telephony.available() }, metadata: this.metadata() });
  }

  /** Stop, Restart, Start (the scheduler), Complete, Archive, Unarchive. */
  send(
    type: Exclude<SimpleCommand, 'CreateCampaign' | 'ChangeCampaignSettings' | 'LaunchCampaign' | 'PauseCampaign' | 'ResumeCampaign' | 'RecordCampaignProgress'>,
    campaignId: string,
  ): Promise<CampaignView> {
    return this.execute({ type, data: { campaignId }, metadata: this.metadata() } as CampaignCommand);
  }

  async copy(sourceId: string, name: string): Promise<CampaignView> {
    const source = await this.load(sourceId);
    const copyName = name.trim() === '' ? `${source.campaign.settings.name} (копия)` : name;
    return this.execute(copyCampaign(source.campaign, { campaignId: this.ids.next(), name: copyName, now: this.clock.now() }));
  }

  private metadata(): { now: Date } {
    return { now: this.clock.now() };
  }
}
