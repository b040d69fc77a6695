import type { Trunk } from '../../src/trunks/domain';

// Builders for trunks: a valid catch-all trunk with a one-number round-robin pool, overridable.

export const aTrunk = (overrides: Partial<Trunk> = {}): Trunk => ({
  id: 'carrier',
  dialTemplate: 'PJSIP/{number}@{trunk}',
  channels: 100,
  callsPerSecond: null,
  callerIds: { numbers: ['+74950000001'], choice: 'round-robin', acceptsOthers: false },
  prefixes: [],
  namedOnly: false,
  enabled: true,
  ...overrides,
});

export const aPool = (numbers: readonly string[], choice: Trunk['callerIds']['choice'] = 'round-robin'): Trunk['callerIds'] => ({ numbers, choice, acceptsOthers: false });
