/** a / b, or 0 when there is nothing to divide by (no calls: no rate, not NaN). */
export const ratio = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);

export type CallTotals = {
  readonly placed: number;
  readonly answered: number;
  readonly goals: number;
  readonly talkSeconds: number;
};

export type CallRates = {
  readonly answerRate: number;
  readonly goalRateOfAnswered: number;
  readonly goalRateOfContacts: number;
  readonly averageTalkSeconds: number;
};

/** The rates a statistics answer derives from its totals and the distinct contacts dialled. */
export const callRates = (totals: CallTotals, contactsDialed: number): CallRates => ({
  answerRate: ratio(totals.answered, totals.placed),
  goalRateOfAnswered: ratio(totals.goals, totals.answered),
  goalRateOfContacts: ratio(totals.goals, contactsDialed),
  averageTalkSeconds: ratio(totals.talkSeconds, totals.answered),
});
