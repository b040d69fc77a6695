import { Writable } from 'node:stream';
import pino from 'pino';
import { KafkaIntegrationBus } from './kafka.integration-bus';

// Services pass their pino logger. pino's methods read their logger through `this`, so the bus must
// call them on the logger, never detached: a detached call threw inside kafkajs' log path.
describe('KafkaIntegrationBus logging', () => {
  it('logs kafkajs records through a pino logger passed by a service', async () => {
    const lines: { level: number; msg: string; kafka?: { namespace?: string } }[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const logger = pino({ level: 'warn' }, destination);

    // Nothing listens on port 1 of this host: kafkajs logs the refused connections, then connect fails.
    const failure = await KafkaIntegrationBus.connect({ brokers: ['127.0.0.1:1'], clientId: 'logger-spec', logger, retries: 1 }).catch((error: unknown) => error);

    expect(failure).toMatchObject({ name: 'IntegrationBusError', code: 'BUS_UNAVAILABLE' });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => typeof line.kafka?.namespace === 'string' && line.msg.length > 0)).toBe(true);
  });
});
