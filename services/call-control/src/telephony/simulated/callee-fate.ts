import type { CalleeBehaviour } from './callee-behaviour';
import type { SeededRandom } from './seeded-random';

/** Q.850 causes and SIP codes as networks give them. */
export const Causes = {
  normal: { cause: 16 },
  busy: { cause: 17, sipCode: 486 },
  noAnswer: { cause: 19, sipCode: 480 },
  rejected: { cause: 21, sipCode: 603 },
  congestion: { cause: 34, sipCode: 503 },
} as const;

export type NetworkEnding = { readonly cause: number; readonly sipCode?: number };

/** What will happen to an originated call, drawn once when it is placed. */
export type CalleeFate =
  | { readonly kind: 'unanswered'; readonly ringingAfterMs: number | null; readonly endAfterMs: number; readonly ending: NetworkEnding }
  | {
      readonly kind: 'answered';
      readonly ringingAfterMs: number;
      readonly answerAfterMs: number;
      readonly machine: { readonly greetingMs: number } | null;
      /** The person hangs up during this prompt (0-based), this far into it (0..1). */
      readonly hangUpDuringPrompt: { readonly index: number; readonly fraction: number } | null;
    };

/** Draws a call's fate; a ring longer than the ring timeout becomes a no-answer (cause 19). */
export function drawFate(behaviour: CalleeBehaviour, random: SeededRandom, ringTimeoutMs: number): CalleeFate {
  const setup = random.within(behaviour.setupMs);
  const ring = random.within(behaviour.ringMs);
  const outcome = random.pick(behaviour.outcomes);
  switch (outcome) {
    case 'busy':
      return { kind: 'unanswered', ringingAfterMs: null, endAfterMs: setup, ending: Causes.busy };
    case 'congestion':
      return { kind: 'unanswered', ringingAfterMs: null, endAfterMs: setup, ending: Causes.congestion };
    case 'rejected':
      return { kind: 'unanswered', ringingAfterMs: setup, endAfterMs: setup + Math.min(ring, ringTimeoutMs), ending: ring < ringTimeoutMs ? Causes.rejected : Causes.noAnswer };
    case 'noAnswer':
      return { kind: 'unanswered', ringingAfterMs: setup, endAfterMs: setup + ringTimeoutMs, ending: Causes.noAnswer };
    case 'answer': {
      if (ring >= ringTimeoutMs) return { kind: 'unanswered', ringingAfterMs: setup, endAfterMs: setup + ringTimeoutMs, ending: Causes.noAnswer };
      const machine = random.chance(behaviour.machineShare) ? { greetingMs: random.within(behaviour.machineGreetingMs) } : null;
      const hangsUp = machine === null && random.chance(behaviour.hangUpMidPromptShare);
      return {
        kind: 'answered',
        ringingAfterMs: setup,
        answerAfterMs: setup + ring,
        machine,
        hangUpDuringPrompt: hangsUp ? { index: Math.floor(random.next() * 2), fraction: 0.2 + random.next() * 0.6 } : null,
      };
    }
  }
}
