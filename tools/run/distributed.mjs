// The distributed mode on one machine: every service that has its own process (services/<name>/src/main.ts)
// started as a separate Node process against DATABASE_URL (each service migrates its own schema)
// and KAFKA_BROKERS (BUS=kafka). Prints where each listens; Ctrl+C or SIGTERM drains and stops them all.
//
//   DATABASE_URL=postgres://... KAFKA_BROKERS=127.0.0.1:9092 node tools/run/distributed.mjs
//   ZVONAR_SERVICES=scenarios,campaigns node tools/run/distributed.mjs   (a subset)
/* global fetch */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { prepareNumberingData } from './numbering-data.mjs';
import { repoRoot } from './steps.mjs';

const say = (line) => process.stdout.write(`[zvonar] ${line}\n`);
const fail = (line) => {
  process.stderr.write(`[zvonar] ${line}\n`);
  process.exit(1);
};

const missing = ['DATABASE_URL', 'KAFKA_BROKERS'].filter((name) => !process.env[name]);
if (missing.length > 0) {
  fail(
    `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set. The distributed mode needs a real PostgreSQL and Kafka, e.g.\n` +
      `  DATABASE_URL=postgres://user:password@127.0.0.1:5432/zvonar KAFKA_BROKERS=127.0.0.1:9092 node tools/run/distributed.mjs\n` +
      `(node tools/kafka/start.mjs starts a local broker; npm start runs everything in one process without either.)`,
  );
}

const wanted = process.env.ZVONAR_SERVICES?.split(',')
  .map((name) => name.trim())
  .filter(Boolean);
const available = readdirSync(path.join(repoRoot, 'services')).filter(
  (name) => name !== 'all-in-one' && existsSync(path.join(repoRoot, 'services', name, 'src', 'main.ts')),
);
const unknown = (wanted ?? []).filter((name) => !available.includes(name));
if (unknown.length > 0)
  fail(`no such service with a main.ts: ${unknown.join(', ')} (available: ${available.join(', ')})`);
const names = wanted ?? available;
if (names.length === 0) fail('no service has a src/main.ts yet');

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const children = new Map();
let stopping = false;

function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  const running = [...children.values()].filter(({ child }) => child.exitCode === null && child.signalCode === null);
  if (running.length === 0) process.exit(exitCode);
  say(`stopping ${running.map(({ name }) => name).join(', ')}`);
  let left = running.length;
  for (const { child } of running) {
    child.once('exit', () => {
      left -= 1;
      if (left === 0) process.exit(exitCode);
    });
    child.kill('SIGTERM');
  }
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

function prefixed(name, stream, target) {
  let rest = '';
  stream.on('data', (chunk) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop();
    for (const line of lines) target.write(`[${name}] ${line}\n`);
  });
}

// Every service learns where every other one listens (<NAME>_GRPC_URL) before any starts.
const grpcPorts = new Map();
const grpcUrls = {};

async function startService(name) {
  const httpPort = await freePort();
  const grpcPort = grpcPorts.get(name);
  // The gateway also serves the partners' public gRPC API, beside its REST API.
  const publicGrpcPort = name === 'gateway' ? await freePort() : undefined;
  const child = spawn(process.execPath, ['-r', '@swc-node/register', `services/${name}/src/main.ts`], {
    cwd: repoRoot,
    env: {
      ...process.env,
      SWCRC: 'true',
      ZVONAR_MODE: 'distributed',
      BUS: 'kafka',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(httpPort),
      GRPC_HOST: '127.0.0.1',
      GRPC_PORT: String(grpcPort),
      ...(publicGrpcPort ? { PUBLIC_GRPC_PORT: String(publicGrpcPort) } : {}),
      ...grpcUrls,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixed(name, child.stdout, process.stdout);
  prefixed(name, child.stderr, process.stderr);
  children.set(name, { name, child, httpPort, grpcPort, publicGrpcPort });
  child.once('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(`[zvonar] ${name} exited on its own (${signal ?? `code ${code}`}); stopping the rest\n`);
    stopAll(1);
  });
  return { name, child, httpPort, grpcPort, publicGrpcPort };
}

async function ready({ name, child, httpPort }) {
  // Readiness includes joining Kafka consumer groups, which can wait for a dead member's session.
  const deadline = Date.now() + 120_000;
  while (!stopping && child.exitCode === null && Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${httpPort}/readyz`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!stopping && child.exitCode === null)
    process.stderr.write(`[zvonar] ${name} is not ready after 120 s (still starting)\n`);
  return false;
}

say(
  `starting ${names.join(', ')} against ${new URL(process.env.DATABASE_URL).host} and Kafka ${process.env.KAFKA_BROKERS}`,
);
for (const name of names) {
  grpcPorts.set(name, await freePort());
  grpcUrls[`${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_GRPC_URL`] = `127.0.0.1:${grpcPorts.get(name)}`;
}
prepareNumberingData(say);
const started = await Promise.all(names.map(startService));
await Promise.all(started.map(ready));
if (!stopping) {
  say('services (Ctrl+C stops them all):');
  for (const { name, httpPort, grpcPort, publicGrpcPort } of started) {
    say(`  ${name.padEnd(14)} gRPC 127.0.0.1:${grpcPort}  HTTP http://127.0.0.1:${httpPort}  (/readyz, /healthz)`);
    if (publicGrpcPort) say(`  ${''.padEnd(14)} partners' public gRPC API 127.0.0.1:${publicGrpcPort}`);
  }
}
