/**
 * Property run counts. The suite's defaults keep `jest` fast on a shared machine; a soak run
 * (`PROPERTY_SOAK=20 npx jest libs/scenario-runtime`) multiplies them to hunt rarer cases,
 * which is how the machine filter re-running on a loop back to the start node was found.
 */
export const runs = (base: number): number => {
  const factor = Number(process.env['PROPERTY_SOAK'] ?? '1');
  return Number.isFinite(factor) && factor > 1 ? Math.round(base * factor) : base;
};
