import { defaultCalleeBehaviour, type CalleeBehaviour, type CalleeReply, type SimulatedTelephonyConfig } from '../../src/telephony/simulated/callee-behaviour';
import type { VirtualScheduler } from '../../src/telephony/time/virtual.scheduler';

// Builders for the simulated telephony: behaviour mixes that make one outcome certain.

const only = (outcome: keyof CalleeBehaviour['outcomes']): CalleeBehaviour['outcomes'] => ({ answer: 0, busy: 0, noAnswer: 0, rejected: 0, congestion: 0, [outcome]: 1 });

export const silence: CalleeReply = { kind: 'silence' };
export const keys = (digits: string): CalleeReply => ({ kind: 'dtmf', digits });
export const says = (text: string, confidence = 0.9): CalleeReply => ({ kind: 'speech', text, confidence });

/** A person who answers, never hangs up early, and replies to `prompt` with `replies` in turn. */
export const aPersonWho = (prompt: string, ...replies: CalleeReply[]): CalleeBehaviour => ({
  ...defaultCalleeBehaviour,
  outcomes: only('answer'),
  machineShare: 0,
  hangUpMidPromptShare: 0,
  repliesByPrompt: { [prompt]: replies },
  replies: [{ ...silence, weight: 1 }],
});

export const aBusyLine = (): CalleeBehaviour => ({ ...defaultCalleeBehaviour, outcomes: only('busy') });
export const nobodyAnswers = (): CalleeBehaviour => ({ ...defaultCalleeBehaviour, outcomes: only('noAnswer') });
export const aRejectingCallee = (): CalleeBehaviour => ({ ...defaultCalleeBehaviour, outcomes: only('rejected'), ringMs: { minMs: 1_000, maxMs: 3_000 } });
export const anAnsweringMachine = (): CalleeBehaviour => ({ ...defaultCalleeBehaviour, outcomes: only('answer'), machineShare: 1 });
export const aPersonWhoHangsUpMidPrompt = (): CalleeBehaviour => ({ ...defaultCalleeBehaviour, outcomes: only('answer'), machineShare: 0, hangUpMidPromptShare: 1 });

export const aSimulatedNetwork = (behaviour: CalleeBehaviour = defaultCalleeBehaviour, overrides: Partial<SimulatedTelephonyConfig> = {}): SimulatedTelephonyConfig => ({
  seed: 42,
  maxChannels: 1_000,
  behaviour,
  ...overrides,
});

/**
 * Moves virtual time task by task, letting every call process settle between tasks, until
 * nothing is scheduled (or `untilMs` is reached). No wall-clock waits.
 */
export async function runVirtualTime(scheduler: VirtualScheduler, host: { whenIdle(): Promise<void> }, untilMs = Number.POSITIVE_INFINITY): Promise<void> {
  for (let tasks = 0; tasks < 5_000_000; tasks += 1) {
    await host.whenIdle();
    const due = scheduler.nextDueAt;
    if (due === null || due > untilMs) return;
    scheduler.runNext();
  }
  throw new Error('virtual time never settled: a timer keeps rescheduling itself');
}
