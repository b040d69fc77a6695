// `npm start`: the whole platform in one Node process on an embedded PostgreSQL.
// PostgreSQL keeps its data in .zvonar/data/postgres (ZVONAR_DATA_DIR moves it), so a second
// start finds everything the first one wrote. Ctrl+C or SIGTERM stops the platform first (it
// drains and closes its pools), then PostgreSQL.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '@zvonar/embedded-postgres';
import { prepareNumberingData } from './numbering-data.mjs';
import { repoRoot } from './steps.mjs';

const DATABASE = 'zvonar';
const dataDir = path.resolve(process.env.ZVONAR_DATA_DIR ?? path.join(repoRoot, '.zvonar/data'));
const say = (line) => process.stdout.write(`[zvonar] ${line}\n`);

let child;
let postgres;
let stopping = false;

async function stopPostgres() {
  const server = postgres;
  postgres = undefined;
  if (server) {
    await server.stop();
    say('PostgreSQL stopped');
  }
}

// The platform runs in its own process group (detached), so a terminal's Ctrl+C reaches only
// this script, which forwards exactly one SIGTERM; a second Ctrl+C forwards a second one, which
// the platform takes as "stop now".
function onSignal(signal) {
  if (child && child.exitCode === null && child.signalCode === null) {
    say(`${signal}: stopping the platform${stopping ? ' now' : ''}`);
    stopping = true;
    child.kill('SIGTERM');
    return;
  }
  if (!stopping) {
    stopping = true;
    stopPostgres().finally(() => process.exit(0));
  }
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

async function ensureDatabase(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

prepareNumberingData(say);

try {
  const port = Number(process.env.ZVONAR_POSTGRES_PORT ?? 0);
  postgres = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port });
  await ensureDatabase(postgres.url);
} catch (error) {
  // embedded-postgres rejects with no Error at all when the server process exits during start-up,
  // most often because another server still holds this data folder.
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  const reason =
    error instanceof Error
      ? error.message
      : `the server exited during start-up${existsSync(pidFile) ? `; another PostgreSQL may still be running on this data folder (${pidFile})` : ''}`;
  process.stderr.write(`[zvonar] PostgreSQL did not start: ${reason}\n`);
  await stopPostgres().catch(() => undefined);
  process.exit(1);
}
const databaseUrl = postgres.urlFor(DATABASE);
say(`PostgreSQL ${databaseUrl} (data in ${path.join(dataDir, 'postgres')})`);
if (stopping) {
  await stopPostgres();
  process.exit(0);
}

child = spawn(process.execPath, ['-r', '@swc-node/register', 'services/all-in-one/src/main.ts'], {
  cwd: repoRoot,
  detached: true,
  // The IPC channel lets the platform notice if this script dies without forwarding a signal.
  stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  env: {
    ...process.env,
    SWCRC: 'true',
    ZVONAR_MODE: 'all-in-one',
    DATABASE_URL: databaseUrl,
    // Adapters of the embedded mode; services choose theirs from these at their composition root.
    BUS: process.env.BUS ?? 'embedded',
    TELEPHONY_ADAPTER: process.env.TELEPHONY_ADAPTER ?? 'simulated',
    PROVIDERS: process.env.PROVIDERS ?? 'local',
    HTTP_HOST: process.env.HTTP_HOST ?? '127.0.0.1',
    GRPC_HOST: process.env.GRPC_HOST ?? '127.0.0.1',
  },
});

child.on('exit', async (code, signal) => {
  const status = code ?? (signal ? 1 : 0);
  if (!stopping) say(`the platform exited on its own (${signal ?? `code ${code}`})`);
  await stopPostgres().catch((error) =>
    process.stderr.write(`[zvonar] PostgreSQL did not stop cleanly: ${error.message}\n`),
  );
  process.exit(status);
});
