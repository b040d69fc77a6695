import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseScenario } from '../model/scenario.parser';
import { aCatalogue } from '../testing/scenario.mother';
import { brokenScenario, DEFECTS } from '../testing/defects.arbitraries';
import { validScenario } from '../testing/scenario.arbitraries';
import { validateScenario } from './scenario.validator';
import { runs } from '../testing/property-runs';

const catalogue = aCatalogue({
  materials: { ...aCatalogue().materials, 'sms-pending': { kind: 'sms', status: 'pending' } },
  integrations: { ...aCatalogue().integrations, 'crm-off': { status: 'disabled' } },
});

describe('validateScenario (properties)', () => {
  it('accepts every generated valid scenario', () => {
    fc.assert(
      fc.property(validScenario(), (scenario) => expect(validateScenario(scenario, catalogue)).toEqual([])),
      { numRuns: runs(2_000) },
    );
  });

  it(`rejects each of the ${DEFECTS.length} invalid patterns with the broken node's id, and only that node`, () => {
    fc.assert(
      fc.property(brokenScenario, ({ scenario, nodeId, code }) => {
        const issues = validateScenario(scenario, catalogue);
        expect(issues.map((issue) => issue.code)).toContain(code);
        expect(issues.map((issue) => issue.nodeId)).toEqual(issues.map(() => nodeId));
      }),
      { numRuns: runs(10_000) },
    );
  });

  it('parses every valid scenario back from its JSON document', () => {
    fc.assert(
      fc.property(validScenario(), (scenario) => {
        const document = { ...scenario, nodes: Object.values(scenario.nodes) };
        const parsed = parseScenario(JSON.parse(JSON.stringify(document)));
        expect(parsed).toEqual({ ok: true, scenario });
      }),
      { numRuns: runs(1_000) },
    );
  });

  it('never throws on arbitrary JSON, and reports field violations instead', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (input) => {
        const result = parseScenario(input);
        expect(result.ok || result.violations.length > 0).toBe(true);
      }),
      { numRuns: runs(10_000) },
    );
  });
});
