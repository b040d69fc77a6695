import { ConfigError } from '@zvonar/platform';
import type { Pool } from 'pg';
import { createIntegrationBus, integrationBusConnector } from './integration-bus.factory';

describe('integrationBusConnector', () => {
  // Never queried: the configuration is refused before any connection.
  const pool = {} as Pool;

  it('refuses BUS=kafka without KAFKA_BROKERS at once, naming the variable', async () => {
    const refusal = (() => {
      try {
        integrationBusConnector({ service: 'identity', BUS: 'kafka', pool, schema: 'identity' });
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(ConfigError);
    expect((refusal as ConfigError).problems).toEqual([{ variable: 'KAFKA_BROKERS', problem: 'is required when BUS=kafka' }]);
    expect((refusal as ConfigError).message).toContain('identity: invalid configuration');
    await expect(createIntegrationBus({ service: 'scenarios', BUS: 'kafka', KAFKA_BROKERS: [], pool, schema: 'scenarios' })).rejects.toBeInstanceOf(ConfigError);
  });
});
