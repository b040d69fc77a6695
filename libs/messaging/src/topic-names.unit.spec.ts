import { deadLetterTopic, integrationTopic, isDeadLetterTopic } from './topic-names';

describe('topic names', () => {
  it('builds zvonar.<service>.<category>.v<N>', () => {
    expect(integrationTopic({ service: 'call-control', category: 'calls', version: 2 })).toBe('zvonar.call-control.calls.v2');
  });

  it.each([
    { service: 'Calls', category: 'calls', version: 1 },
    { service: 'calls', category: 'calls.ended', version: 1 },
    { service: 'calls', category: 'calls', version: 0 },
  ])('rejects %o', (parts) => {
    expect(() => integrationTopic(parts)).toThrow(TypeError);
  });

  it('names the dead-letter topic <topic>.dlq', () => {
    expect(deadLetterTopic('zvonar.billing.ledger.v1')).toBe('zvonar.billing.ledger.v1.dlq');
    expect(isDeadLetterTopic('zvonar.billing.ledger.v1.dlq')).toBe(true);
    expect(isDeadLetterTopic('zvonar.billing.ledger.v1')).toBe(false);
  });
});
