import { createTestDatabase, describeWithPostgres } from '@zvonar/testing';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConformingClient } from '../services/gateway/test/conforming-client';
import { aProject, once404Passes, signedUpUser } from '../services/gateway/test/journey';
import { startAllInOne } from './support/first-campaign/all-in-one-platform';
import { describeWithSchemathesis, runSchemathesis } from './support/fuzzing/schemathesis-cli';
import { schemathesisConfig } from './support/fuzzing/schemathesis-config';
import { failureDetails, findingsOf, summaryOf } from './support/fuzzing/schemathesis-report';
import type { ServiceProcess } from './support/service-process';

/** Same seed, same generated requests: a failure found in CI replays on a developer's machine. */
const SEED = 20261121;
const EXAMPLES_PER_OPERATION = 10;
/** schemathesis' own budget (`--max-time`); the spec kills it a minute after that. */
const FUZZ_SECONDS = 90;
/** How often a path id is the account's real project / scenario instead of a generated value. */
const REAL_ID_PROBABILITY = 0.5;

/**
 * What the run does not send, each for a reason. Everything else in the document is fuzzed, the
 * public sign-in routes and the embedded dev outbox included.
 */
const EXCLUDED_PATHS = [
  // Ends every session of the account, the fuzzer's own access token with it: every later request
  // would answer 401 and nothing behind authentication would be fuzzed. identity.accounts.int.spec.ts
  // and gateway.robustness.e2e.spec.ts cover it.
  '/api/v1/auth/logout-everywhere',
];

/**
 * Operations whose only honest answer to generated input is 401: no generated email and password
 * ever match an account. Any other operation answering only 401/403 means the run lost its token.
 */
const ONLY_UNAUTHORIZED_BY_DESIGN = ['POST /api/v1/auth/login'];

const CHECKS = [
  'not_a_server_error', // no 5xx (a 500 from the gateway, a 502 from a service that failed)
  'status_code_conformance', // every status is documented for its operation
  'content_type_conformance', // application/json or application/problem+json, as documented
  'response_schema_conformance', // the body matches the documented schema of its status
];

/**
 * API fuzzing: schemathesis generates requests from the gateway's OpenAPI document (valid and
 * invalid bodies, query strings, path ids, boundary values) and checks every answer against the
 * same document. The platform is what `npm start` runs, on loopback ports and a throw-away
 * database; the fuzzer signs in as a confirmed user who owns a project and a scenario.
 */
describeWithSchemathesis('the REST API under schemathesis', (cli) => {
  describeWithPostgres('against the all-in-one platform', (serverUrl) => {
    let database: { url: string; drop(): Promise<void> };
    let platform: ServiceProcess;
    let workDir: string;
    let accessToken: string;
    let realIds: Record<string, string[]>;

    beforeAll(async () => {
      workDir = await mkdtemp(path.join(tmpdir(), 'zvonar-fuzzing-'));
      database = await createTestDatabase(serverUrl, 'e2e_api_fuzzing');
      platform = await startAllInOne(database.url, 1);
      const api = await ConformingClient.of(platform.httpUrl);
      const user = await signedUpUser(api);
      accessToken = user.accessToken;
      const projectId = await aProject(user.client, 'Фаззинг');
      // scenarios learns the project from its event: until then the project is unknown there
      const scenario = await once404Passes(
        () => user.client.post(`/api/v1/projects/${projectId}/scenarios`, { name: 'Фаззинг' }),
        'scenarios to know the project',
      );
      if (scenario.status !== 201) throw new Error(`scenario not created: ${JSON.stringify(scenario.body)}`);
      realIds = { projectId: [projectId], scenarioId: [scenario.body.scenarioId as string] };
    }, 180_000);

    afterAll(async () => {
      await platform?.stop();
      await database?.drop();
      if (workDir) await rm(workDir, { recursive: true, force: true });
    }, 60_000);

    it(
      'answers no generated request with a server error or with a status, content type or body its document does not promise',
      async () => {
        const configFile = path.join(workDir, 'schemathesis.toml');
        await writeFile(configFile, schemathesisConfig(realIds, REAL_ID_PROBABILITY));
        const run = await runSchemathesis(cli, {
          configFile,
          reportPath: path.join(workDir, 'report.json'),
          timeoutMs: (FUZZ_SECONDS + 60) * 1000,
          args: [
            `${platform.httpUrl}/api/openapi.json`,
            '--header',
            `Authorization: Bearer ${accessToken}`,
            '--checks',
            CHECKS.join(','),
            '--phases',
            'coverage,fuzzing',
            '--max-examples',
            String(EXAMPLES_PER_OPERATION),
            '--max-time',
            String(FUZZ_SECONDS),
            '--seed',
            String(SEED),
            // one worker: the same seed then sends the same requests in the same order (a CI failure
            // replays locally), and the tool's generator is not raced by threads (hypothesis on Python
            // 3.11 failed a case with "AST constructor recursion depth mismatch" under 4 workers)
            '--workers',
            '1',
            '--request-timeout',
            '10',
            // nothing remembered between runs: each run is its seed's, not the last run's failures
            '--generation-database',
            'none',
            '--no-color',
            ...EXCLUDED_PATHS.flatMap((excluded) => ['--exclude-path', excluded]),
          ],
        });

        console.info(summaryOf(run.report));
        const findings = findingsOf(run.report, { onlyUnauthorizedByDesign: ONLY_UNAUTHORIZED_BY_DESIGN });
        if (findings.length > 0 || run.exitCode !== 0) {
          throw new Error(
            `schemathesis ${run.report.schemathesis_version} (seed ${run.report.seed}, exit ${run.exitCode}) found:\n` +
              `${findings.map((finding) => `- ${finding}`).join('\n')}\n\n${failureDetails(run.output)}\n\nplatform log:\n${platform.log()}`,
          );
        }
        // A clean report must come from a real run: every operation but the excluded, many requests each.
        expect(run.report.operations.tested).toBe(run.report.operations.total - EXCLUDED_PATHS.length);
        expect(run.report.test_cases.generated).toBeGreaterThan(run.report.operations.tested * 3);
      },
      (FUZZ_SECONDS + 90) * 1000,
    );
  });
});
