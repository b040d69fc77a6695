import type { MsRange } from './seeded-random';

/** What a virtual callee does when the bot listens. */
export type CalleeReply =
  | { readonly kind: 'dtmf'; readonly digits: string }
  | { readonly kind: 'speech'; readonly text: string; readonly confidence: number }
  | { readonly kind: 'silence' };

export type WeightedReply = CalleeReply & { readonly weight: number };

/**
 * The behaviour mix of a project's virtual callees. Shares are weights (normalised), drawn per
 * call from the seed, so the same seed gives the same calls.
 */
export type CalleeBehaviour = {
  /** How an originate ends: answered, busy (17), no answer (19), rejected (21), congestion (34). */
  readonly outcomes: { readonly answer: number; readonly busy: number; readonly noAnswer: number; readonly rejected: number; readonly congestion: number };
  /** Share of answered calls taken by an answering machine. */
  readonly machineShare: number;
  /** Share of answering people who hang up in the middle of a prompt. */
  readonly hangUpMidPromptShare: number;
  /** From the originate to the ringing. */
  readonly setupMs: MsRange;
  /** From the ringing to the answer (or the rejection); past the ring timeout the network gives up. */
  readonly ringMs: MsRange;
  /** How the callee answers each recognition when no script names the prompt. */
  readonly replies: readonly WeightedReply[];
  /**
   * Scripted replies by prompt (its text, or its material id): the n-th recognition after that
   * prompt takes the n-th reply, the last one repeats.
   */
  readonly repliesByPrompt: Readonly<Record<string, readonly CalleeReply[]>>;
  /** From the end of the prompt (or the recognition start, when nothing plays) to the reply. */
  readonly replyDelayMs: MsRange;
  /** Spoken prompt length per character of text; materials take `materialMs` unless listed. */
  readonly promptMsPerCharacter: number;
  readonly materialMs: number;
  readonly materialDurationsMs: Readonly<Record<string, number>>;
  /** How long an answering machine's greeting talks, and when the machine hangs up after it. */
  readonly machineGreetingMs: MsRange;
  readonly machineHangupAfterGreetingMs: number;
  /** How long machine detection takes to decide. */
  readonly machineDetectionMs: MsRange;
  /** A person never stays on the line longer than this. */
  readonly patienceMs: number;
  /** Transfers: the operator answers this share, after this long, then talks this long. */
  readonly operatorAnswerShare: number;
  readonly operatorRingMs: MsRange;
  readonly operatorTalkMs: MsRange;
};

export const defaultCalleeBehaviour: CalleeBehaviour = {
  outcomes: { answer: 60, busy: 10, noAnswer: 20, rejected: 5, congestion: 5 },
  machineShare: 0.15,
  hangUpMidPromptShare: 0.1,
  setupMs: { minMs: 80, maxMs: 400 },
  ringMs: { minMs: 2_000, maxMs: 15_000 },
  replies: [
    { kind: 'dtmf', digits: '1', weight: 40 },
    { kind: 'dtmf', digits: '2', weight: 20 },
    { kind: 'speech', text: 'да', confidence: 0.92, weight: 15 },
    { kind: 'speech', text: 'нет', confidence: 0.9, weight: 10 },
    { kind: 'silence', weight: 15 },
  ],
  repliesByPrompt: {},
  replyDelayMs: { minMs: 600, maxMs: 3_000 },
  promptMsPerCharacter: 65,
  materialMs: 4_000,
  materialDurationsMs: {},
  machineGreetingMs: { minMs: 6_000, maxMs: 16_000 },
  machineHangupAfterGreetingMs: 20_000,
  machineDetectionMs: { minMs: 2_500, maxMs: 4_000 },
  patienceMs: 180_000,
  operatorAnswerShare: 0.8,
  operatorRingMs: { minMs: 3_000, maxMs: 12_000 },
  operatorTalkMs: { minMs: 30_000, maxMs: 180_000 },
};

/** A project's configured callees: its seed and its overrides of the default mix. */
export type SimulationProfile = { readonly seed: number; readonly behaviour: Partial<CalleeBehaviour> };

/** Where the profiles live (call-control keeps them in PostgreSQL so a restart keeps them). */
export interface SimulationProfiles {
  profileOf(projectId: string): Promise<SimulationProfile | undefined>;
}

export type SimulatedTelephonyConfig = {
  readonly seed: number;
  /** Channels at once; an originate beyond it is refused like a full trunk (cause 34). */
  readonly maxChannels: number;
  readonly behaviour: CalleeBehaviour;
  /** Per project (the originate's `projectId` tag): overrides of the default mix. */
  readonly behaviourByProject?: Readonly<Record<string, Partial<CalleeBehaviour>>>;
  /** Configured per project at run time; a profile's seed and mix win over the two above. */
  readonly profiles?: SimulationProfiles;
};

export const behaviourFor = (config: SimulatedTelephonyConfig, projectId: string | undefined, profile?: SimulationProfile): CalleeBehaviour => ({
  ...config.behaviour,
  ...(projectId === undefined ? {} : config.behaviourByProject?.[projectId]),
  ...profile?.behaviour,
});
