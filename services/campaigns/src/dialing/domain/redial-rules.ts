/** How a finished call attempt ended, as call-control reports it. */
export type CallOutcome =
  | { readonly kind: 'Answered'; readonly talkSeconds: number }
  | { readonly kind: 'Goal' }
  | { readonly kind: 'Blacklisted' }
  | { readonly kind: 'Busy' }
  | { readonly kind: 'NoAnswer' }
  | { readonly kind: 'AnsweringMachine' }
  /** Network failure or congestion. */
  | { readonly kind: 'Failed' };

export type OutcomeKind = CallOutcome['kind'];

/** `attempts` is the total number of attempts allowed while calls keep ending this way (1 = no redial). */
export type RedialRule = { readonly attempts: number; readonly intervalSeconds: number };

export type RedialRules = {
  readonly busy: RedialRule;
  readonly noAnswer: RedialRule;
  readonly answeringMachine: RedialRule;
  /** An answered call shorter than `underSeconds` counts as not reached. */
  readonly shortCall: RedialRule & { readonly underSeconds: number };
  readonly failure: RedialRule;
  /** One more attempt, from a random carousel number, once a rule has run out. */
  readonly carouselExtraAttempt: boolean;
};

export const REDIAL_INTERVAL_RANGE = { min: 60, max: 12_000 } as const;
export const REDIAL_ATTEMPTS_RANGE = { min: 1, max: 10 } as const;

export const DEFAULT_REDIAL_RULES: RedialRules = {
  busy: { attempts: 3, intervalSeconds: 300 },
  noAnswer: { attempts: 3, intervalSeconds: 600 },
  answeringMachine: { attempts: 1, intervalSeconds: 3600 },
  shortCall: { attempts: 1, intervalSeconds: 600, underSeconds: 5 },
  failure: { attempts: 3, intervalSeconds: 300 },
  carouselExtraAttempt: false,
};

/** The rule that applies to an outcome; null when the contact is done (reached, goal, blacklisted). */
export const ruleFor = (rules: RedialRules, outcome: CallOutcome): RedialRule | null => {
  switch (outcome.kind) {
    case 'Busy':
      return rules.busy;
    case 'NoAnswer':
      return rules.noAnswer;
    case 'AnsweringMachine':
      return rules.answeringMachine;
    case 'Failed':
      return rules.failure;
    case 'Answered':
      return outcome.talkSeconds < rules.shortCall.underSeconds ? rules.shortCall : null;
    case 'Goal':
    case 'Blacklisted':
      return null;
    default: {
      const unknown: never = outcome;
      return unknown;
    }
  }
};

/** No contact is ever dialled more often than this. */
export const maxAttempts = (rules: RedialRules): number =>
  Math.max(rules.busy.attempts, rules.noAnswer.attempts, rules.answeringMachine.attempts, rules.shortCall.attempts, rules.failure.attempts) +
  (rules.carouselExtraAttempt ? 1 : 0);

export type RedialDecision =
  | { readonly kind: 'Done'; readonly reason: 'Reached' | 'Exhausted' }
  | { readonly kind: 'Redial'; readonly afterSeconds: number; readonly carousel: boolean };

/** What follows attempt number `attempt` (1-based) ending with `outcome`. */
export const decideRedial = (rules: RedialRules, outcome: CallOutcome, attempt: number, carouselUsed: boolean): RedialDecision => {
  const rule = ruleFor(rules, outcome);
  if (!rule) return { kind: 'Done', reason: 'Reached' };
  if (attempt < rule.attempts) return { kind: 'Redial', afterSeconds: rule.intervalSeconds, carousel: false };
  if (rules.carouselExtraAttempt && !carouselUsed) return { kind: 'Redial', afterSeconds: rule.intervalSeconds, carousel: true };
  return { kind: 'Done', reason: 'Exhausted' };
};
