import { SIM_CALLEES, type DialplanStep } from './callees';

/**
 * What a mixed callee does with a call. The first three answer as a person (a short "hello", so
 * AMD hears a human) and then listen to the bot: one presses 1, one presses 2, one never presses.
 */
export const MIXED_BEHAVIOURS = ['press1', 'press2', 'silent', 'busy', 'noAnswer', 'machine', 'reject'] as const;
export type MixedBehaviour = (typeof MIXED_BEHAVIOURS)[number];

/**
 * A seeded population of callees for numbers the dialplan does not know (real phone numbers such
 * as `+74951234567`): each number always behaves the same way for a given seed, and over many
 * numbers the behaviours come out in proportion to `shares` (weights; normalised, absent = 0).
 */
export interface CalleeMix {
  readonly seed: number;
  readonly shares: Readonly<Partial<Record<MixedBehaviour, number>>>;
}

/** Numbers only (an optional `+`, then digits): a mistyped extension stays unknown, as in Asterisk. */
const PHONE_NUMBER = /^\+?\d{3,20}$/;

const answer = (): DialplanStep => ({ app: 'Answer' });
const wait = (seconds: number): DialplanStep => ({ app: 'Wait', seconds });
// The phone rings 2 s, then the person says a short "Алло?" and goes quiet, which AMD takes for a
// human. The 0.4 s `beep` stands for it: AMD calls a greeting still going 1.76 s in a machine, and
// the 1.4 s `hello-world` left too thin a margin once timers lag on a loaded machine (a person was
// once judged a machine in the distributed e2e).
const hello = (): DialplanStep[] => [{ app: 'Ringing' }, wait(2), answer(), wait(1), { app: 'Playback', files: ['beep'] }];
// Long enough for any bot to finish with them: the bot, not the callee, ends these calls.
const STAY_ON_LINE_SECONDS = 600;
// Listens to the bot's prompt to its end and a pause after it, then presses the key. Anchoring the
// key on the prompt (not on a fixed delay from the answer) keeps it inside the bot's recognition
// whatever the time scale and the bot's latency; pressing again after the next prompt covers a
// key that came before the bot listened (it repeats the question on no input).
const LISTEN_PAUSE_MS = 2_000;
const pressAfterPrompt = (digit: string): DialplanStep[] => [
  { app: 'WaitForNoise', ms: 100 },
  { app: 'WaitForSilence', ms: LISTEN_PAUSE_MS },
  { app: 'SendDTMF', digits: digit },
];

const stepsOf = (steps: readonly DialplanStep[] | undefined, name: string): readonly DialplanStep[] => {
  if (!steps) throw new Error(`no sim callee ${name}`);
  return steps;
};

/** The dialplan each behaviour runs; the network-side ones are the recorded `sim` callees. */
export const MIXED_DIALPLANS: Readonly<Record<MixedBehaviour, readonly DialplanStep[]>> = {
  press1: [...hello(), ...pressAfterPrompt('1'), ...pressAfterPrompt('1'), wait(STAY_ON_LINE_SECONDS), { app: 'Hangup' }],
  press2: [...hello(), ...pressAfterPrompt('2'), ...pressAfterPrompt('2'), wait(STAY_ON_LINE_SECONDS), { app: 'Hangup' }],
  silent: [...hello(), wait(STAY_ON_LINE_SECONDS), { app: 'Hangup' }],
  busy: stepsOf(SIM_CALLEES['busy'], 'busy'),
  noAnswer: stepsOf(SIM_CALLEES['noanswer'], 'noanswer'),
  machine: stepsOf(SIM_CALLEES['machine'], 'machine'),
  reject: stepsOf(SIM_CALLEES['reject'], 'reject'),
};

/** FNV-1a over the text, then the murmur3 finaliser: a well-spread 32-bit hash, as a fraction in [0, 1). */
function uniformOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 4294967296;
}

/** Whether `exten` is a phone number a mix can take (known extensions never are looked up here). */
export const isPhoneNumber = (exten: string): boolean => PHONE_NUMBER.test(exten);

/**
 * What the callee at `number` does under `mix`: a pure function of the seed and the number, so a
 * test computes every number's fate before dialling it.
 */
export function pickMixedBehaviour(mix: CalleeMix, number: string): MixedBehaviour {
  const weights = MIXED_BEHAVIOURS.map((behaviour) => Math.max(0, mix.shares[behaviour] ?? 0));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (!(total > 0)) throw new Error('a callee mix needs at least one positive share');
  let draw = uniformOf(`${mix.seed}:${number}`) * total;
  for (const [index, weight] of weights.entries()) {
    draw -= weight;
    if (draw < 0 && weight > 0) return MIXED_BEHAVIOURS[index]!;
  }
  // Rounding left the draw at the very top: the last behaviour with a share.
  return MIXED_BEHAVIOURS[weights.map((weight) => weight > 0).lastIndexOf(true)]!;
}

/** A mix from its JSON (`--callee-mix`): every problem named, nothing guessed. */
export function parseCalleeMix(json: string): CalleeMix {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new Error(`--callee-mix is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const problems: string[] = [];
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  if (record !== value) problems.push('must be an object {"seed": <integer>, "shares": {<behaviour>: <weight>}}');
  const seed = record['seed'] ?? 1;
  if (typeof seed !== 'number' || !Number.isInteger(seed)) problems.push('seed must be an integer');
  const shares = record['shares'];
  const sharesRecord = typeof shares === 'object' && shares !== null ? (shares as Record<string, unknown>) : undefined;
  if (!sharesRecord) problems.push(`shares must be an object with weights for ${MIXED_BEHAVIOURS.join(', ')}`);
  for (const [name, weight] of Object.entries(sharesRecord ?? {})) {
    if (!(MIXED_BEHAVIOURS as readonly string[]).includes(name)) problems.push(`shares.${name} is not a behaviour (${MIXED_BEHAVIOURS.join(', ')})`);
    else if (typeof weight !== 'number' || !(weight >= 0)) problems.push(`shares.${name} must be a number >= 0`);
  }
  if (problems.length === 0 && !Object.values(sharesRecord ?? {}).some((weight) => (weight as number) > 0)) problems.push('at least one share must be above 0');
  if (problems.length > 0) throw new Error(`--callee-mix: ${problems.join('; ')}`);
  return { seed: seed as number, shares: sharesRecord as CalleeMix['shares'] };
}
