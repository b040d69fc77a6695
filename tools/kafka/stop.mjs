#!/usr/bin/env node
// Stops the broker recorded by tools/kafka/start.mjs (that PID only).
// Usage: node tools/kafka/stop.mjs [--dir <state dir>]
import { DEFAULT_DIR, stopKafka } from './launcher.mjs';

const at = process.argv.indexOf('--dir');
const dir = at > 0 ? process.argv[at + 1] : DEFAULT_DIR;
try {
  await stopKafka({ dir });
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
