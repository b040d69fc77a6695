import { pickMixedBehaviour, type CalleeMix, type MixedBehaviour } from '../../../tools/ari-simulator/src';
import type { calleeMix as FirstCampaignCalleeMix } from '../../../tools/demo/src/first-campaign/first-campaign-settings';

/**
 * The first campaign's callee mix (shares of answer / busy / no answer, machines among those who
 * answer, and what people reply) as the ARI simulator's per-number population: every number's
 * callee is fixed by the seed, so a test knows what each contact does before it is dialled.
 */
export function ariCalleeMixOf(mix: typeof FirstCampaignCalleeMix, seed: number): CalleeMix {
  // The simulator's population has no congested trunk nor a person hanging up mid-prompt.
  if (mix.congestion > 0 || mix.hangUpMidPromptShare > 0) throw new Error('the ARI callee mix has no congestion nor mid-prompt hang-ups');
  const total = mix.answer + mix.busy + mix.noAnswer + mix.rejected;
  const people = (mix.answer / total) * (1 - mix.machineShare);
  const replies = mix.replies.reduce((sum, reply) => sum + reply.weight, 0);
  const replyShare = (digit: string | null) =>
    mix.replies.filter((reply) => (digit === null ? 'silence' in reply : 'dtmf' in reply && reply.dtmf === digit)).reduce((sum, reply) => sum + reply.weight, 0) / replies;
  return {
    seed,
    shares: {
      press1: people * replyShare('1'),
      press2: people * replyShare('2'),
      silent: people * replyShare(null),
      machine: (mix.answer / total) * mix.machineShare,
      busy: mix.busy / total,
      noAnswer: mix.noAnswer / total,
      reject: mix.rejected / total,
    },
  };
}

/** The outcome call-control records for a call the callee at that number takes (the public API's spelling). */
export const OUTCOME_OF: Readonly<Record<MixedBehaviour, string>> = {
  press1: 'goal',
  press2: 'blacklist',
  silent: 'completed',
  busy: 'busy',
  noAnswer: 'no_answer',
  machine: 'machine',
  reject: 'rejected',
};

/** Calls a contact gets under the first campaign's redial rules: one redial after busy, a rejection or no answer. */
export const CALLS_OF: Readonly<Record<MixedBehaviour, number>> = { press1: 1, press2: 1, silent: 1, busy: 2, noAnswer: 2, machine: 1, reject: 2 };

export { pickMixedBehaviour, type CalleeMix, type MixedBehaviour };
