#!/usr/bin/env node
// Collects the Kafka broker's classpath from Maven Central into the cache (skips when cached).
// Usage: node tools/kafka/fetch.mjs   (ZVONAR_CACHE_DIR, ZVONAR_KAFKA_VERSION override the defaults)
import { fetchKafka } from './launcher.mjs';

try {
  console.log(fetchKafka());
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
