import { ConfigError } from '@zvonar/platform';
import type { Logger } from 'pino';
import type { CallControlConfig } from '../config/call-control.config';
import { AriTelephony, type AriDialPlan } from '../telephony/ari';
import { defaultCalleeBehaviour, type SimulationProfiles } from '../telephony/simulated/callee-behaviour';
import { SimulatedTelephony } from '../telephony/simulated/simulated.telephony';
import type { PromptMedia, Telephony } from '../telephony/telephony.port';
import { RealTimeScheduler } from '../telephony/time/real-time.scheduler';
import type { Scheduler } from '../telephony/time/scheduler.port';
import { chooseTrunk } from '../trunks/domain';
import type { TrunkRouter } from '../trunks/trunk-router';

/** The telephony adapter chosen by TELEPHONY, with its clock and its connection's life. */
export interface TelephonyRuntime {
  readonly telephony: Telephony;
  readonly scheduler: Scheduler;
  /**
   * Simulated seconds per wall second of the call times this telephony reports: above 1 when
   * virtual callees run faster than real time on the wall clock (SIMULATION_CLOCK=wall), so call
   * durations are recorded in the callees' time while timestamps stay the wall's.
   */
  readonly durationScale: number;
  /** False while the adapter cannot place calls (ARI disconnected). */
  connected(): boolean;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Prompts over ARI play stored sounds: a material is `sound:<material id>` (the media pipeline
 * that turns materials and TTS into Asterisk sounds is not built yet), an inline text prompt a beep.
 */
const ariMedia = (media: PromptMedia) => (media.kind === 'text' ? (['sound:beep'] as const) : ([`sound:${media.materialId}`] as const));

const dial = (template: string, number: string, trunkId: string): string => template.replaceAll('{number}', number).replaceAll('{trunk}', trunkId);

/**
 * Dial strings through each trunk's own template (ARI_DIAL_TEMPLATE for a trunk the catalogue
 * does not know). An operator's phone number goes out through the trunk its transfer names, or
 * the one the dial plan picks for the number.
 */
export const dialPlanOf = (trunks: TrunkRouter, fallbackTemplate: string): AriDialPlan => ({
  callee: (request) => dial(trunks.trunk(request.trunkId)?.dialTemplate ?? fallbackTemplate, request.number, request.trunkId),
  operator: (target) => {
    if (target.kind === 'sip') return `PJSIP/${target.uri.replace(/^sip:/, '')}`;
    const choice = chooseTrunk(trunks.trunks, target.number, target.dialPlanId);
    if (choice.kind === 'chosen') return dial(choice.trunk.dialTemplate, target.number, choice.trunk.id);
    return dial(fallbackTemplate, target.number, target.dialPlanId ?? 'default');
  },
  media: ariMedia,
});

/** `http://asterisk:8088` from either that or Asterisk's documented `http://asterisk:8088/ari` (the client adds `/ari`). */
export const ariBaseUrl = (url: string): string => url.replace(/\/+$/, '').replace(/\/ari$/, '');

function ariRuntime(config: CallControlConfig, logger: Logger, trunks: TrunkRouter): TelephonyRuntime {
  const { ARI_URL, ARI_USERNAME, ARI_PASSWORD } = config;
  if (ARI_URL === undefined || ARI_USERNAME === undefined || ARI_PASSWORD === undefined) {
    const missing = (['ARI_URL', 'ARI_USERNAME', 'ARI_PASSWORD'] as const).filter((key) => config[key] === undefined);
    throw new ConfigError('call-control', missing.map((variable) => ({ variable, problem: 'is required when TELEPHONY=ari' })));
  }
  const scheduler = new RealTimeScheduler(1);
  const telephony = new AriTelephony({
    ari: { baseUrl: ariBaseUrl(ARI_URL), username: ARI_USERNAME, password: ARI_PASSWORD, app: config.ARI_APPLICATION ?? config.ARI_APP ?? 'zvonar' },
    dialPlan: dialPlanOf(trunks, config.ARI_DIAL_TEMPLATE),
    clock: scheduler,
    log: (entry) => logger.warn({ channelId: entry.channelId, detail: entry.detail }, entry.message),
    onResync: (resync) => logger.info({ adopted: resync.adopted.length, hungUp: resync.hungUp.length, lost: resync.lost.length, reconnected: resync.reconnected }, 'ARI resync'),
    onConnectionState: (state) => logger.info({ state }, 'ARI connection'),
  });
  return { telephony, scheduler, durationScale: 1, connected: () => telephony.state === 'connected', start: () => telephony.start(), stop: () => telephony.stop() };
}

/**
 * On the wall clock a time-scaled call's timestamps are compressed: its durations are scaled back
 * to the callees' time. A `scaled` clock already runs at the callees' pace, so nothing to scale.
 */
const simulatedDurationScale = (config: CallControlConfig): number =>
  config.SIMULATION_CLOCK === 'wall' ? config.SIMULATION_TIME_SCALE : 1;

function simulatedRuntime(config: CallControlConfig, profiles: SimulationProfiles): TelephonyRuntime {
  const scheduler = new RealTimeScheduler(config.SIMULATION_TIME_SCALE, Date.now(), config.SIMULATION_CLOCK);
  const telephony = new SimulatedTelephony({ seed: config.SIMULATION_SEED, maxChannels: Number.MAX_SAFE_INTEGER, behaviour: defaultCalleeBehaviour, profiles }, scheduler);
  // The virtual callees live in this process: stopping it ends them, as a crash would.
  return { telephony, scheduler, durationScale: simulatedDurationScale(config), connected: () => true, start: () => undefined, stop: async () => scheduler.cancelAll() };
}

export function createTelephonyRuntime(config: CallControlConfig, logger: Logger, profiles: SimulationProfiles, trunks: TrunkRouter): TelephonyRuntime {
  return config.TELEPHONY === 'ari' ? ariRuntime(config, logger, trunks) : simulatedRuntime(config, profiles);
}
