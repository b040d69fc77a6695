#!/usr/bin/env node
// Starts (or finds running) the local single-node KRaft broker; prints its address.
// Usage: node tools/kafka/start.mjs [--dir <state dir>]   (default .zvonar/kafka at the repo root)
// Writes <dir>/brokers (host:port) and <dir>/pid; stop it with tools/kafka/stop.mjs.
import { DEFAULT_DIR, startKafka } from './launcher.mjs';

const at = process.argv.indexOf('--dir');
const dir = at > 0 ? process.argv[at + 1] : DEFAULT_DIR;
try {
  const { brokers } = await startKafka({ dir, log: (line) => console.error(line) });
  console.log(brokers);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
