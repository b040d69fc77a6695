/**
 * Integration suites ask for their servers here. The jest global setup resolved them (env URL,
 * local launcher, testcontainers) and exported their URLs; a missing server skips the suite,
 * unless REQUIRE_INTEGRATION=1, where the global setup already failed the run.
 */
export type ServerName = 'DATABASE_URL' | 'KAFKA_BROKERS';

export const serverUrl = (name: ServerName): string | undefined => process.env[name];

const describeWithServer =
  (name: ServerName) =>
  (title: string, body: (url: string) => void): void => {
    const url = serverUrl(name);
    if (url) {
      describe(title, () => body(url));
    } else {
      const why = process.env[`ZVONAR_MISSING_${name}`] ?? `${name} is not set`;
      describe.skip(`${title} (skipped: ${why})`, () => body(''));
    }
  };

/** `describeWithPostgres('PostgresEventStore', (url) => { ... })` */
export const describeWithPostgres = describeWithServer('DATABASE_URL');
/** `describeWithKafka('Kafka bus', (brokers) => { ... })` */
export const describeWithKafka = describeWithServer('KAFKA_BROKERS');
