import { add, close, tallyDecider, type Added } from '../../test/tally.decider';
import { IllegalStateError } from '../errors';
import { DeciderSpecification } from './decider.specification';

const given = DeciderSpecification.for(tallyDecider);
const added = (amount: number): Added => ({ type: 'Added', data: { amount } });

describe('DeciderSpecification', () => {
  it('passes when the command produces the expected events', () => {
    given([added(2)]).when(close()).then([{ type: 'Closed', data: { total: 2 } }]);
  });

  it('fails when the events differ', () => {
    expect(() => given([added(2)]).when(close()).then([{ type: 'Closed', data: { total: 3 } }])).toThrow();
  });

  it('asserts a thrown error class and predicate', () => {
    given([{ type: 'Closed', data: { total: 0 } }])
      .when(add(1))
      .thenThrows(IllegalStateError, (error) => error.state === 'Closed');
    expect(() => given([]).when(add(1)).thenThrows(IllegalStateError)).toThrow();
    expect(() =>
      given([{ type: 'Closed', data: { total: 0 } }])
        .when(add(1))
        .thenThrows(IllegalStateError, (error) => error.state === 'Open'),
    ).toThrow();
  });

  it('asserts that nothing happens', () => {
    given([{ type: 'Closed', data: { total: 0 } }]).when(close()).thenNothing();
    expect(() => given([]).when(close()).thenNothing()).toThrow();
  });
});
