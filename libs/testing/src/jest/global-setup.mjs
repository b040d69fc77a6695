// Resolves the real servers the integration suites need, once per jest run, in this order:
// a URL from the environment, a local launcher, testcontainers when a Docker engine answers.
// What it resolves is handed to the test workers through environment variables.
import { watchOrphans } from './orphan-watchdog.mjs';
import { resolvePostgres, resolveKafka } from './servers.mjs';

export default async function globalSetup() {
  const required = process.env.REQUIRE_INTEGRATION === '1';
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
