import { z } from 'zod';
import { ConfigError } from './config.error';
import { envBoolean, envList, envPort, envUrl } from './env.schemas';
import { loadConfig } from './load-config';
import { platformConfigShape } from './platform.config';

const schema = z.object({
  ...platformConfigShape,
  DATABASE_URL: envUrl('postgres', 'postgresql'),
  KAFKA_BROKERS: envList(),
  METRICS_PORT: envPort(),
  DIALER_ENABLED: envBoolean().default(true),
});

const problemsOf = (env: Record<string, string | undefined>) => {
  try {
    loadConfig(schema, env, 'campaigns');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  const valid = {
    DATABASE_URL: 'postgres://u:p@db:5432/zvonar',
    KAFKA_BROKERS: 'k1:9092, k2:9092',
    METRICS_PORT: '9464',
  };

  it('parses and coerces a valid environment, applying defaults', () => {
    expect(loadConfig(schema, { ...valid, HTTP_PORT: '3000' })).toMatchObject({
      HTTP_PORT: 3000,
      GRPC_PORT: 50051,
      KAFKA_BROKERS: ['k1:9092', 'k2:9092'],
      METRICS_PORT: 9464,
      DIALER_ENABLED: true,
      LOG_LEVEL: 'info',
    });
  });

  it('names every missing or malformed variable at once, with the reason', () => {
    const error = problemsOf({
      DATABASE_URL: 'mysql://db/zvonar',
      METRICS_PORT: '70000',
      HTTP_PORT: 'eighty',
      DIALER_ENABLED: 'maybe',
    });
    expect(error.problems).toEqual(
      expect.arrayContaining([
        { variable: 'DATABASE_URL', problem: 'must be a URL starting with postgres:// or postgresql://' },
        { variable: 'KAFKA_BROKERS', problem: 'is required but not set' },
        { variable: 'METRICS_PORT', problem: 'must be 0..65535' },
        { variable: 'HTTP_PORT', problem: 'must be a port number' },
        { variable: 'DIALER_ENABLED', problem: 'must be true or false' },
      ]),
    );
    expect(error.problems).toHaveLength(5);
    expect(error.message).toContain('campaigns: invalid configuration (5 problems)');
    expect(error.message).toContain('  KAFKA_BROKERS: is required but not set');
  });

  it('treats an empty value as unset, so a required variable reads as missing', () => {
    expect(problemsOf({ ...valid, DATABASE_URL: '' }).problems).toEqual([
      { variable: 'DATABASE_URL', problem: 'is required but not set' },
    ]);
  });

  it('ignores variables the schema does not name', () => {
    expect(() => loadConfig(schema, { ...valid, PATH: '/usr/bin', HOME: '/root' })).not.toThrow();
  });
});
