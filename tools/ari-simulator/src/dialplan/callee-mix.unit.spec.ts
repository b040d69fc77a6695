import { MIXED_BEHAVIOURS, parseCalleeMix, pickMixedBehaviour, type CalleeMix, type MixedBehaviour } from './callee-mix';

const numbers = (count: number): string[] => Array.from({ length: count }, (_, index) => `+7495${String(2_000_000 + index)}`);

const mix: CalleeMix = { seed: 20261121, shares: { press1: 0.24, press2: 0.12, silent: 0.12, busy: 0.2, noAnswer: 0.2, machine: 0.12 } };

const countBy = (picks: readonly MixedBehaviour[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const pick of picks) counts[pick] = (counts[pick] ?? 0) + 1;
  return counts;
};

describe('pickMixedBehaviour: what the callee at a number does under a seeded mix', () => {
  it('gives a number the same behaviour every time for a seed', () => {
    const sample = numbers(200);

    expect(sample.map((number) => pickMixedBehaviour(mix, number))).toEqual(sample.map((number) => pickMixedBehaviour({ ...mix, shares: { ...mix.shares } }, number)));
  });

  it('gives another seed another population', () => {
    const sample = numbers(200);
    const other = { ...mix, seed: mix.seed + 1 };

    const changed = sample.filter((number) => pickMixedBehaviour(mix, number) !== pickMixedBehaviour(other, number));

    expect(changed.length).toBeGreaterThan(100);
  });

  it('comes out in proportion to the shares over many numbers (within 1.5 points on 20 000 numbers)', () => {
    const counts = countBy(numbers(20_000).map((number) => pickMixedBehaviour(mix, number)));

    const total = Object.values(mix.shares).reduce((sum, share) => sum + (share ?? 0), 0);
    for (const behaviour of MIXED_BEHAVIOURS) {
      const expected = (mix.shares[behaviour] ?? 0) / total;
      expect({ behaviour, off: Math.abs((counts[behaviour] ?? 0) / 20_000 - expected) <= 0.015 }).toEqual({ behaviour, off: true });
    }
  });

  it('never picks a behaviour without a share, and takes weights, not only fractions', () => {
    const picks = numbers(2_000).map((number) => pickMixedBehaviour({ seed: 7, shares: { busy: 3, reject: 1, machine: 0 } }, number));

    expect(new Set(picks)).toEqual(new Set(['busy', 'reject']));
    expect(Math.abs(picks.filter((pick) => pick === 'busy').length / 2_000 - 0.75)).toBeLessThan(0.04);
  });

  it('refuses a mix with no positive share', () => {
    expect(() => pickMixedBehaviour({ seed: 1, shares: { busy: 0 } }, '+74950000001')).toThrow('at least one positive share');
  });
});

describe('parseCalleeMix: the --callee-mix option', () => {
  it('reads a seed and shares', () => {
    expect(parseCalleeMix('{"seed": 5, "shares": {"press1": 2, "busy": 1}}')).toEqual({ seed: 5, shares: { press1: 2, busy: 1 } });
  });

  it('names every problem', () => {
    expect(() => parseCalleeMix('{"seed": 1.5, "shares": {"press3": 1, "busy": -1}}')).toThrow(
      '--callee-mix: seed must be an integer; shares.press3 is not a behaviour (press1, press2, silent, busy, noAnswer, machine, reject); shares.busy must be a number >= 0',
    );
    expect(() => parseCalleeMix('{"shares": {"busy": 0}}')).toThrow('at least one share must be above 0');
    expect(() => parseCalleeMix('nope')).toThrow('--callee-mix is not JSON');
  });
});
