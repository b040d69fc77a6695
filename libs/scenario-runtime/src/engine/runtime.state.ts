import type { ScenarioVersion } from '../model/scenario.model';
import type { HangupCause } from './runtime.commands';

/** The callee as the runtime sees it: `fields` holds contact and project custom fields. */
export type Contact = { readonly id: string; readonly phone: string; readonly name?: string; readonly fields: Readonly<Record<string, string>> };

export type RuntimeSettings = {
  /** The action wait: how long a recognition waits for the caller (7 s). */
  readonly actionWaitMs?: number;
  readonly interDigitTimeoutMs?: number;
  /** A playback the network never reports as finished is given up after this long. */
  readonly playbackGuardMs?: number;
  readonly machineDetectionTimeoutMs?: number;
  /** Extra time past a transfer's ring timeout before the runtime stops waiting for the network. */
  readonly transferGraceMs?: number;
  readonly answerTimeoutMs?: number;
  /** Node entries per call; a caller-driven loop is cut off here. */
  readonly maxNodeVisits?: number;
  /** Seeds the A/B split so a call replays identically (derive it from the call id). */
  readonly seed?: number;
};

export const defaultSettings = {
  actionWaitMs: 7_000,
  interDigitTimeoutMs: 3_000,
  playbackGuardMs: 120_000,
  machineDetectionTimeoutMs: 5_000,
  transferGraceMs: 5_000,
  answerTimeoutMs: 60_000,
  maxNodeVisits: 200,
  seed: 1,
} as const satisfies Required<RuntimeSettings>;

export type ResolvedSettings = { readonly [K in keyof typeof defaultSettings]: number };

export type RuntimeStatus = 'Ringing' | 'Active' | 'Transferred' | 'HandedOver' | 'Ended';

/** What the runtime is waiting for; `Nothing` only between events or once the call is over. */
export type Waiting = 'Answer' | 'Playback' | 'MachineMessage' | 'Input' | 'MachineResult' | 'TransferAnswer' | 'Talking' | 'Pause' | 'Nothing';

/**
 * One live call. Plain data only (no functions, no class instances), so call-control can store
 * it as JSON; `scenario` and `contact` are shared references, see `toSnapshot`.
 */
export type RuntimeState = {
  readonly scenario: ScenarioVersion;
  readonly contact: Contact;
  readonly settings: ResolvedSettings;
  readonly status: RuntimeStatus;
  readonly waiting: Waiting;
  readonly nodeId: string;
  readonly cardIndex: number;
  /** The playback in progress; the runtime never starts a second one. */
  readonly playbackId: string | null;
  readonly recognising: boolean;
  readonly recording: boolean;
  /** Machine detection ran already: a caller looping back to the start node is not tested again. */
  readonly machineChecked: boolean;
  /** The only timer whose firing means something; any other timer id is stale. */
  readonly timerId: string | null;
  /** Source of playback, transfer and timer ids. */
  readonly sequence: number;
  readonly attempts: number;
  readonly digits: string;
  readonly transferId: string | null;
  readonly operatorIndex: number;
  readonly variables: Readonly<Record<string, string>>;
  readonly random: number;
  readonly visits: number;
  readonly cause: HangupCause | 'CallerHungUp' | null;
  readonly startedAt: number;
};

export type MutableState = { -readonly [K in keyof RuntimeState]: RuntimeState[K] };

export const isFinished = (state: RuntimeState): boolean => state.status === 'Ended' || state.status === 'Transferred' || state.status === 'HandedOver';

/** The state without the scenario graph, for persisting next to the call: the version id pins it. */
export type RuntimeSnapshot = Omit<RuntimeState, 'scenario'> & { readonly scenarioRef: { readonly scenarioId: string; readonly version: number } };

export const toSnapshot = ({ scenario, ...rest }: RuntimeState): RuntimeSnapshot => ({ ...rest, scenarioRef: { scenarioId: scenario.scenarioId, version: scenario.version } });

/** Rebuilds a live state from a snapshot and the pinned version it names. */
export const fromSnapshot = ({ scenarioRef: _ref, ...rest }: RuntimeSnapshot, scenario: ScenarioVersion): RuntimeState => ({ ...rest, scenario });
