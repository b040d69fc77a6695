#!/usr/bin/env node
// preStop hook of call-control: stop taking new calls, then wait until the active ones end, so a
// rollout or a node drain never cuts a conversation. Kubernetes sends SIGTERM only after this
// returns (bounded by terminationGracePeriodSeconds), and the service's own drain then closes it.
//
//   node deploy/scripts/drain-wait.mjs [--max-seconds 3590] [--port 8080]
//        [--metric zvonar_calls_active] [--begin-path /drain] [--interval-seconds 2]
//
// Contract with the service (both optional; what is missing is skipped, never waited for):
//   POST <begin-path>  the service stops taking new calls and turns unready
//   GET  /metrics      Prometheus text with the gauge <metric>: the calls still up in this pod
// Always exits 0: a failing preStop hook only delays the SIGTERM drain, which must still happen.
import { setTimeout as sleep } from 'node:timers/promises';

const options = {
  'max-seconds': '3590',
  port: process.env.HTTP_PORT || '8080',
  metric: 'zvonar_calls_active',
  'begin-path': '/drain',
  'interval-seconds': '2',
};
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '');
  if (!(key in options)) {
    console.error(`drain-wait: unknown option --${key}`);
    process.exit(0);
  }
  options[key] = process.argv[i + 1];
}
const base = `http://127.0.0.1:${options.port}`;
const deadline = Date.now() + Number(options['max-seconds']) * 1000;
const log = (message) => console.log(`${new Date().toISOString()} drain-wait: ${message}`);

function request(path, init) {
  return globalThis.fetch(`${base}${path}`, { ...init, signal: globalThis.AbortSignal.timeout(3000) });
}

/** The gauge's value summed over its label sets; undefined when the service does not export it. */
async function activeCalls() {
  const response = await request('/metrics');
  if (!response.ok) return undefined;
  const text = await response.text();
  let found = false;
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = new RegExp(`^${options.metric}(?:\\{[^}]*\\})?\\s+([0-9.eE+-]+)`).exec(line);
    if (match) {
      found = true;
      sum += Number(match[1]);
    }
  }
  return found ? sum : undefined;
}

try {
  const begin = await request(options['begin-path'], { method: 'POST' }).catch((error) => ({
    ok: false,
    status: error.message,
  }));
  log(
    begin.ok
      ? 'the service stopped taking new calls'
      : `no drain endpoint (${begin.status}); waiting on the gauge only`,
  );
  for (;;) {
    const active = await activeCalls().catch(() => undefined);
    if (active === undefined) {
      log(`no ${options.metric} gauge: nothing to wait for`);
      break;
    }
    if (active <= 0) {
      log('no active calls left');
      break;
    }
    if (Date.now() >= deadline) {
      log(`${active} calls still active after ${options['max-seconds']} s; leaving them to the shutdown`);
      break;
    }
    log(`${active} calls active`);
    await sleep(Number(options['interval-seconds']) * 1000);
  }
} catch (error) {
  log(`stopped waiting: ${error.message}`);
}
process.exit(0);
