import { ConfigError, createLogger } from '@zvonar/platform';
import { eventually } from '@zvonar/testing';
import { Writable } from 'node:stream';
import { Pool } from 'pg';
import { ProjectAccessConsumer } from './project-access.consumer';

/** A logger whose lines the test can read. */
const recordingLogger = () => {
  const lines: { message: string }[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as { message: string });
      done();
    },
  });
  return { lines, logger: createLogger({ service: 'consumer-spec', level: 'warn', destination }) };
};

describe('ProjectAccessConsumer joining', () => {
  // Never queried: joining fails before any message could be handled.
  const pool = new Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none' });
  afterAll(() => pool.end());

  it('keeps trying while the bus cannot take it, and stops trying when stopped', async () => {
    const { lines, logger } = recordingLogger();
    // Nothing listens on port 1: every attempt fails like a Kafka that is down.
    const consumer = new ProjectAccessConsumer({ service: 'spec', schema: 'spec', pool, BUS: 'kafka', KAFKA_BROKERS: ['127.0.0.1:1'], logger });
    const joining = consumer.keepJoining({ initialBackoffMs: 10, maxBackoffMs: 20 });
    await eventually(() => lines.filter((line) => line.message.includes('retrying')).length >= 2, { what: 'two retries', timeoutMs: 60_000 });
    await consumer.stop();
    await expect(joining).resolves.toBeUndefined();
    expect(consumer.joined).toBe(false);
  }, 90_000);

  it('gives up at once on a configuration mistake', async () => {
    const { logger } = recordingLogger();
    const consumer = new ProjectAccessConsumer({ service: 'spec', schema: 'spec', pool, BUS: 'kafka', KAFKA_BROKERS: undefined, logger });
    await expect(consumer.keepJoining({ initialBackoffMs: 10 })).rejects.toBeInstanceOf(ConfigError);
  });
});
