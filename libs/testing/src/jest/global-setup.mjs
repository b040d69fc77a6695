// Resolves the real servers the integration suites need, once per jest run, in this order:
// a URL from the environment, a local launcher, testcontainers when a Docker engine answers.
// What it resolves is handed to the test workers through environment variables.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { watchOrphans } from './orphan-watchdog.mjs';
import { resolvePostgres, resolveKafka } from './servers.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

// Any suite that hosts audiences reads phone numbers through the offline numbering data. Specs
// that need it directly generate it in their own setup, but a suite that merely hosts audiences
// (the gateway's, the e2e journeys) would otherwise depend on one of those having run first.
function prepareNumberingData(required) {
  const cli = path.join(repoRoot, 'tools/numbering-data/cli.mjs');
  const result = spawnSync(process.execPath, [cli], { cwd: repoRoot, encoding: 'utf8', timeout: 170_000 });
  if (result.status === 0) return;
  const why = (result.stderr || result.error?.message || `exit ${result.status}`).trim();
  if (required) throw new Error(`REQUIRE_INTEGRATION=1 but the numbering data could not be generated: ${why}`);
  console.log(`\n[numbering data] unavailable, suites that read phone numbers will fail: ${why}`);
}

export default async function globalSetup() {
  const required = process.env.REQUIRE_INTEGRATION === '1';
  prepareNumberingData(required);
  const postgres = await resolvePostgres();
  const kafka = await resolveKafka();
  globalThis.__ZVONAR_SERVERS__ = [postgres, kafka];
  // Servers this run started end with it, even when it is killed before the teardown.
  const owned = [postgres, kafka].flatMap((server) => (server.owned?.pid > 0 ? [server.owned] : []));
  if (owned.length > 0) watchOrphans(process.pid, owned);
  for (const server of [postgres, kafka]) {
    if (server.url) {
      process.env[server.env] = server.url;
      console.log(`\n[servers] ${server.name}: ${server.source} (${server.url})`);
    } else if (required) {
      throw new Error(`REQUIRE_INTEGRATION=1 but no ${server.name} is available: ${server.why}`);
    } else {
      process.env[`ZVONAR_MISSING_${server.env}`] = server.why;
      console.log(`\n[servers] ${server.name}: unavailable, its suites are skipped (${server.why})`);
    }
  }
}
