#!/usr/bin/env node
// Generates the offline numbering data (skips when the pinned version is already there).
// Usage: node tools/numbering-data/cli.mjs [--force]   (ZVONAR_NUMBERING_DATA_DIR overrides the folder)
import { ensureNumberingData } from './generate.mjs';

try {
  const started = Date.now();
  const file = ensureNumberingData({ force: process.argv.includes('--force') });
  console.log(`numbering data ready: ${file} (${Date.now() - started} ms)`);
} catch (error) {
  console.error(`numbering data: ${error.message}`);
  process.exit(1);
}
