import { randomBytes } from 'node:crypto';
import { PostgresEventStore } from '@zvonar/event-store-postgres';
import type { IntegrationMessage } from '@zvonar/messaging';
import { PostgresIntegrationBus } from '@zvonar/messaging-postgres';
import { relayToIntegrationBus, type OutboxRelay } from '@zvonar/outbox';
import { createLogger, createPool, runMigrations, TestClock } from '@zvonar/platform';
import { callControlV1, projectsV1, type audiencesV1 } from '@zvonar/proto-ts';
import { PROJECT_EVENT_TYPES, PROJECT_TOPIC, PROJECTS_BUS_SCHEMA } from '@zvonar/project-access';
import { createTestDatabase, eventually } from '@zvonar/testing';
import type { Pool } from 'pg';
import { campaignStreamId, DEFAULT_SETTINGS, type CampaignEvent, type CampaignSettings } from '../../../campaign/domain';
import { publishedScenariosMigrations } from '../../../published-scenarios/published-scenarios.migrations';
import type { DialingLoopOptions } from '../../application/dialing-loop';
import type { TelephonyAvailability } from '../../application/telephony.port';
import type { InterruptionRetryPolicy } from '../../domain';
import { PLACE_CALL_TOPIC } from '../../integration/place-call.message';
import { CALL_CONTROL_BUS_SCHEMA, CALL_EVENTS_TOPIC } from '../../integration/call-outcomes.consumer';
import { AUDIENCES_BUS_SCHEMA } from '../../../blacklist/blacklist.consumer';
import { startDialer, type RunningDialer } from '../dialer.runtime';
import { dialingMigrations } from '../dialing.migrations';
import { GrpcSegmentContacts } from '../grpc.segment-contacts';
import { startFakeAudiences, type FakeAudiences } from './fake-audiences.server';

export const PROJECT = 'project-dialer';
export const logger = createLogger({ service: 'dialer-spec', level: 'silent' });

export const aContact = (index: number, zones: readonly string[], phone = `+7916${String(1_000_000 + index).padStart(7, '0')}`): audiencesV1.SegmentContact => ({
  contactId: `contact-${index}`,
  phone,
  timeZones: [...zones],
  region: '',
  fields: { name: `Имя ${index}` },
  blacklisted: false,
});

/** Settings of a campaign that may call at any hour, at `callsPerSecond`, with `cap` calls at once. */
export const dialerSettings = (overrides: Partial<CampaignSettings> = {}): CampaignSettings => ({
  ...DEFAULT_SETTINGS,
  name: 'Dialer spec',
  scenario: { scenarioId: 'scenario-1', version: 1 },
  audienceIds: ['audience-1'],
  telephony: { ...DEFAULT_SETTINGS.telephony, callerNumbers: ['+74950000000'], trunkCallsPerSecondCap: 100 },
  schedule: { startDate: '2026-01-01', startTime: '00:00', timeZone: 'Europe/Moscow', dailyWindow: { from: '00:00', to: '24:00' }, weekdays: [1, 2, 3, 4, 5, 6, 7] },
  ...overrides,
});

export type DecodedPlaceCall = callControlV1.PlaceCall & { readonly messageId: string };

/**
 * One test file's world: a fresh database with the campaigns schema migrated, the campaign event
 * store, call-control's and audiences' embedded bus logs (the test plays both services), a real
 * gRPC server for the segment stream, and a clock the test moves.
 */
export class DialerWorld {
  readonly clock: TestClock;
  /** Clean-ups of crashed dialers, awaited before the database goes. */
  private readonly remains: Promise<unknown>[] = [];
  private readonly dialers: { dialer: RunningDialer; pool: Pool; store: PostgresEventStore; buses: PostgresIntegrationBus[]; relay: OutboxRelay | undefined }[] = [];

  private constructor(
    readonly database: { url: string; drop(): Promise<void> },
    readonly pool: Pool,
    readonly store: PostgresEventStore,
    readonly callControl: PostgresIntegrationBus,
    readonly audiencesBus: PostgresIntegrationBus,
    /** The projects service's bus log (embedded): a spec publishes ProjectCreated here. */
    readonly projectsBus: PostgresIntegrationBus,
    readonly audiences: FakeAudiences,
    start: Date,
  ) {
    this.clock = new TestClock(start);
  }

  static async open(serverUrl: string, start: Date): Promise<DialerWorld> {
    const database = await createTestDatabase(serverUrl, 'dialer');
    const pool = createPool(database.url, { schema: 'campaigns', max: 6 });
    await runMigrations(pool, 'campaigns', [...publishedScenariosMigrations, ...dialingMigrations]);
    const store = await PostgresEventStore.connect({ connectionString: database.url, schema: 'campaign_events', poolConfig: { max: 3 } });
    const callControl = await PostgresIntegrationBus.connect({ pool, schema: CALL_CONTROL_BUS_SCHEMA });
    const audiencesBus = await PostgresIntegrationBus.connect({ pool, schema: AUDIENCES_BUS_SCHEMA });
    const projectsBus = await PostgresIntegrationBus.connect({ pool, schema: PROJECTS_BUS_SCHEMA });
    const audiences = await startFakeAudiences();
    return new DialerWorld(database, pool, store, callControl, audiencesBus, projectsBus, audiences, start);
  }

  /** A dialer process: its own pool (so a crash can cut exactly its connections), store and bus readers. */
  async startDialer(
    loop: Partial<DialingLoopOptions> & { manual?: boolean; relay?: boolean; loadBatch?: number; telephony?: TelephonyAvailability; interruption?: InterruptionRetryPolicy } = {},
  ): Promise<RunningDialer & { readonly name: string }> {
    const name = `dialer_${randomBytes(4).toString('hex')}`;
    const pool = createPool(this.database.url, { schema: 'campaigns', max: 16, applicationName: name });
    const store = await PostgresEventStore.connect({ pool, schema: 'campaign_events', migrate: false, subscriptions: { pollIntervalMs: 50 } });
    const callEvents = await PostgresIntegrationBus.connect({ pool, schema: CALL_CONTROL_BUS_SCHEMA, migrate: false, pollIntervalMs: 50, leaseMs: 1_000 });
    const blacklistEvents = await PostgresIntegrationBus.connect({ pool, schema: AUDIENCES_BUS_SCHEMA, migrate: false, pollIntervalMs: 50, leaseMs: 1_000 });
    const projectEvents = await PostgresIntegrationBus.connect({ pool, schema: PROJECTS_BUS_SCHEMA, migrate: false, pollIntervalMs: 50, leaseMs: 1_000 });
    const segments = new GrpcSegmentContacts(this.audiences.url, 60_000);
    // The outbox relay of this process, publishing PlaceCalls to the campaigns bus log.
    const relay = loop.relay ? relayToIntegrationBus({ service: 'campaigns', schema: 'campaigns', BUS: 'embedded', pool, logger }, { pollIntervalMs: 20 }) : undefined;
    relay?.start();
    const dialer = await startDialer({
      pool,
      eventStore: store,
      clock: this.clock,
      logger,
      segments,
      callEvents,
      blacklistEvents,
      projectEvents,
      groupPrefix: 'spec',
      announce: () => relay?.announce(),
      ...(loop.telephony ? { telephony: loop.telephony } : {}),
      ...(loop.interruption ? { interruption: loop.interruption } : {}),
      loop: { stepMs: 20, progressEverySteps: 5, loadBackoff: { initialMs: 50, maxMs: 1_000 }, ...loop },
      manual: loop.manual ?? false,
      ...(loop.loadBatch ? { loadBatch: loop.loadBatch } : {}),
    });
    this.dialers.push({ dialer, pool, store, buses: [callEvents, blacklistEvents, projectEvents], relay });
    return { ...dialer, name };
  }

  /**
   * The process dies: its connections are cut first, so whatever transaction it had open rolls
   * back exactly as in a crash; only then are its remains (timers, listeners) cleared away, so
   * they do not keep running inside the test process.
   */
  async crash(name: string): Promise<void> {
    const entry = this.dialers.find((candidate) => candidate.pool.options.application_name === name);
    if (!entry) throw new Error(`no dialer ${name}`);
    this.dialers.splice(this.dialers.indexOf(entry), 1);
    await this.pool.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [name]);
    const remains = Promise.allSettled([entry.dialer.stop(), entry.relay?.stop(), entry.store.close(), ...entry.buses.map((bus) => bus.close())]);
    // A bus whose member failed to stop on its dead connection gives up before closing its
    // LISTEN connection; the second close finds the member stopped and finishes the job.
    const closed = remains.then(() => Promise.allSettled(entry.buses.map((bus) => bus.close())));
    this.remains.push(closed.then(() => entry.pool.end().catch(() => undefined)));
    await remains;
  }

  /** What the projects service publishes when `accountId` creates `projectId`. */
  async projectCreated(projectId: string, accountId: string): Promise<void> {
    const createdAt = this.clock.now();
    await this.projectsBus.publish([
      {
        messageId: `ProjectCreated:${projectId}`,
        topic: PROJECT_TOPIC,
        key: projectId,
        type: PROJECT_EVENT_TYPES.created,
        payload: projectsV1.ProjectCreated.encode({ projectId, accountId, ownerUserId: `owner-of-${projectId}`, name: 'Проект', createdAt }).finish(),
        occurredAt: createdAt,
        headers: {},
      },
    ]);
  }

  async startCampaign(campaignId: string, settings: CampaignSettings, projectId = PROJECT): Promise<void> {
    const now = this.clock.now();
    const events: CampaignEvent[] = [
      { type: 'CampaignCreated', data: { campaignId, projectId, settings, createdAt: now, copiedFrom: null, templateId: null } },
      { type: 'CampaignScheduled', data: { campaignId, startsAt: now, scheduledAt: now } },
      { type: 'CampaignStarted', data: { campaignId, startedAt: now } },
    ];
    await this.store.appendToStream(campaignStreamId(campaignId), events);
  }

  /**
   * Starts `campaignId` over `contacts` (its own audience segment) with one attempt per contact
   * whatever the outcome, so any attempt a retry used would end the contact, and steps `dialer`
   * until the audience is in the attempt table.
   */
  async launchWithOneAttempt(dialer: RunningDialer, campaignId: string, contacts: audiencesV1.SegmentContact[]): Promise<void> {
    const once = { attempts: 1, intervalSeconds: 60 };
    const settings = dialerSettings({
      audienceIds: [`audience-${campaignId}`],
      redialRules: { ...DEFAULT_SETTINGS.redialRules, busy: once, noAnswer: once, answeringMachine: once, shortCall: { ...once, underSeconds: 5 }, failure: once },
    });
    this.audiences.segments.set(`audience-${campaignId}`, contacts);
    await this.startCampaign(campaignId, settings);
    await eventually(
      async () => {
        await dialer.loop.step();
        return (await this.pool.query('SELECT loaded FROM dialing_campaigns WHERE campaign_id = $1', [campaignId])).rows[0]?.loaded === true;
      },
      { what: `campaign ${campaignId} loaded` },
    );
  }

  /** Every PlaceCall the dialer wrote to its outbox, in order. */
  async placeCalls(campaignId?: string): Promise<DecodedPlaceCall[]> {
    const { rows } = await this.pool.query<{ message_id: string; payload: Buffer }>('SELECT message_id, payload FROM outbox WHERE topic = $1 ORDER BY position', [PLACE_CALL_TOPIC]);
    return rows
      .map((row) => ({ ...callControlV1.PlaceCall.decode(row.payload), messageId: row.message_id }))
      .filter((call) => campaignId === undefined || call.campaignId === campaignId);
  }

  async callEnded(attemptId: string, outcome: callControlV1.CallOutcome, extra: Partial<callControlV1.CallEnded> = {}): Promise<void> {
    const campaignId = attemptId.split(':')[0] ?? '';
    const event: callControlV1.CallEnded = { ...callControlV1.CallEnded.decode(new Uint8Array(0)), callId: `call-${attemptId}`, attemptId, campaignId, projectId: PROJECT, outcome, endedAt: this.clock.now(), ...extra };
    await this.callControl.publish([this.message(`CallEnded:${attemptId}`, campaignId, 'CallEnded', callControlV1.CallEnded.encode(event).finish())]);
  }

  message(messageId: string, key: string, type: string, payload: Uint8Array, topic = CALL_EVENTS_TOPIC): IntegrationMessage {
    return { messageId, topic, key, type: `zvonar.callcontrol.v1.${type}`, payload, occurredAt: this.clock.now(), headers: {} };
  }

  async contacts(campaignId: string): Promise<{ contact_index: number; phone: string; state: string; attempt: number; finish_reason: string | null; due_at: Date | null }[]> {
    return (await this.pool.query('SELECT contact_index, phone, state, attempt, finish_reason, due_at FROM dialing_contacts WHERE campaign_id = $1 ORDER BY contact_index', [campaignId])).rows;
  }

  async close(): Promise<void> {
    for (const entry of this.dialers) {
      await entry.dialer.stop();
      await entry.relay?.stop();
      await Promise.all(entry.buses.map((bus) => bus.close()));
      await entry.store.close();
      await entry.pool.end();
    }
    await Promise.all(this.remains);
    await this.callControl.close();
    await this.audiencesBus.close();
    await this.projectsBus.close();
    await this.audiences.stop();
    await this.store.close();
    await this.pool.end();
    await this.database.drop();
  }
}
