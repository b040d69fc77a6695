// dialer-postgres: claiming 100 due contacts from the dialer's PostgreSQL attempt table against
// the raw claim query over the same rows in the same database, interleaved.
//
// Subject: claimDueContacts (services/campaigns dialing): one transaction that locks the campaign
// row (shared pacer), expires leases and counts calls in flight, selects due contacts with
// FOR UPDATE SKIP LOCKED, checks the blacklist read model, decides (pace, cap, local windows,
// attempt limits), leases the contacts, records their attempts and writes 100 PlaceCall messages
// to the outbox. Baseline: the least a claim can be, one statement
// `UPDATE ... WHERE key IN (SELECT ... ORDER BY due_at LIMIT 100 FOR UPDATE SKIP LOCKED)` on a
// copy of the same table and index. Issue 5 target: claim p99 <= 3x the raw query's p99.
// `--quick` runs fewer claims.
import { createPool, runMigrations } from '@zvonar/platform';
import { dialingMigrations } from '../services/campaigns/src/dialing/dialing.module';
import { claimDueContacts } from '../services/campaigns/src/dialing/infrastructure/attempt-claim';
import { DEFAULT_REDIAL_RULES, type DialPlan } from '../services/campaigns/src/dialing/domain';
import { resolveSchedule } from '../services/campaigns/src/calling-window/domain';
import { publishedScenariosMigrations } from '../services/campaigns/src/published-scenarios/published-scenarios.migrations';
import { openBenchmarkDatabase } from './lib/database';
import { interleave, log, median, percentile, report } from './lib/harness';

const quick = process.argv.includes('--quick');
const CLAIM = 100;
const CLAIMS_PER_ROUND = quick ? 20 : 200;
const PAIRS = quick ? 3 : 5;
const CONTACTS = (PAIRS + 2) * CLAIMS_PER_ROUND * CLAIM + 10 * CLAIM;
const TARGET = 3;
const CAMPAIGN = 'bench-campaign';
const T0 = Date.parse('2026-03-02T06:00:00Z');

/** 100 calls a second with a burst of 99: a claim one simulated second after the last dials exactly 100. */
const plan: DialPlan = {
  projectId: 'bench-project',
  scenarioId: 'scenario-1',
  scenarioVersion: 1,
  audienceIds: ['audience-1'],
  blacklistIds: [],
  callerNumbers: ['+74950000000'],
  carouselNumbers: [],
  trunkId: '',
  pace: { callsPerSecond: 100, callsPerHour: 360_000, burst: CLAIM - 1 },
  concurrencyCap: 1_000,
  redialRules: DEFAULT_REDIAL_RULES,
  schedule: resolveSchedule({ startDate: '2026-01-01', startTime: '00:00', timeZone: 'Europe/Moscow', dailyWindow: { from: '00:00', to: '24:00' }, weekdays: [1, 2, 3, 4, 5, 6, 7] }),
  answerWaitSeconds: 27,
  actionWaitSeconds: 7,
  record: true,
  detectMachine: true,
  leaseMs: 3_600_000,
};

void (async () => {
  const database = await openBenchmarkDatabase('dialer_pg');
  const pool = createPool(database.url, { schema: 'campaigns', max: 4 });
  try {
    await runMigrations(pool, 'campaigns', [...publishedScenariosMigrations, ...dialingMigrations]);
    await pool.query(`INSERT INTO dialing_campaigns (campaign_id, project_id, status, last_revision, plan, loaded) VALUES ($1, $2, 'running', 0, $3, true)`, [
      CAMPAIGN,
      plan.projectId,
      JSON.stringify(plan),
    ]);
    // Every contact due an hour before the first claim, spread over the Russian zones that are inside the window.
    await pool.query(
      `INSERT INTO dialing_contacts (campaign_id, contact_index, contact_id, phone, time_zones, variables, state, due_at)
       SELECT $1, n, 'contact-' || n, '+7916' || lpad(n::text, 7, '0'),
              ARRAY[(ARRAY['Europe/Moscow', 'Asia/Yekaterinburg', 'Asia/Novosibirsk', 'Asia/Vladivostok'])[1 + n % 4]],
              jsonb_build_object('name', 'Имя ' || n), 'waiting', to_timestamp($3 / 1000.0) - interval '1 hour'
         FROM generate_series(0, $2 - 1) AS n`,
      [CAMPAIGN, CONTACTS, T0],
    );
    await pool.query(`CREATE TABLE raw_contacts (LIKE dialing_contacts INCLUDING ALL)`);
    await pool.query(`INSERT INTO raw_contacts SELECT * FROM dialing_contacts`);
    await pool.query('ANALYZE');

    const rawClaim = {
      name: 'raw_claim',
      text: `UPDATE raw_contacts SET state = 'leased'
              WHERE campaign_id = $1 AND contact_index IN (
                SELECT contact_index FROM raw_contacts
                 WHERE campaign_id = $1 AND state = 'waiting' AND due_at <= $2
                 ORDER BY due_at, contact_index LIMIT ${CLAIM} FOR UPDATE SKIP LOCKED)
              RETURNING contact_index, contact_id, phone`,
    };
    let simulatedMs = T0;
    // The pacer starts idle and lets one call through; from then on each simulated second holds 100.
    await claimDueContacts(pool, CAMPAIGN, new Date(simulatedMs));
    await pool.query(`UPDATE raw_contacts SET state = 'leased' WHERE contact_index = 0`);
    const medians = { baseline: [] as number[], subject: [] as number[] };
    const timed = async (table: 'dialing_contacts' | 'raw_contacts', operation: () => Promise<number>) => {
      const latencies: number[] = [];
      for (let index = 0; index < CLAIMS_PER_ROUND; index += 1) {
        // The calls of the previous claim ended (untimed): calls in flight stay near the cap, as in a campaign.
        await pool.query(`UPDATE ${table} SET state = 'finished', due_at = NULL WHERE campaign_id = $1 AND state = 'leased'`, [CAMPAIGN]);
        const started = process.hrtime.bigint();
        const claimed = await operation();
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        if (claimed !== CLAIM) throw new Error(`a claim took ${claimed} contacts, not ${CLAIM}`);
      }
      return latencies;
    };
    const run = await interleave(
      PAIRS,
      async (round) => {
        const latencies = await timed('raw_contacts', async () => (await pool.query({ ...rawClaim, values: [CAMPAIGN, new Date(T0)] })).rowCount ?? 0);
        const p99 = percentile(latencies, 99);
        if (round >= 0) medians.baseline.push(median(latencies));
        return p99;
      },
      async (round) => {
        const latencies = await timed('dialing_contacts', async () => {
          // One simulated second per claim: the pacer lets exactly 100 through.
          simulatedMs += 1_000;
          const result = await claimDueContacts(pool, CAMPAIGN, new Date(simulatedMs));
          return result?.dialed ?? 0;
        });
        const p99 = percentile(latencies, 99);
        if (round >= 0) medians.subject.push(median(latencies));
        return p99;
      },
    );
    const baseline = median(run.baseline);
    const subject = median(run.subject);
    const outbox = (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox')).rows[0]!.n;
    log(`server: ${database.server}; ${CONTACTS} contacts; ${CLAIMS_PER_ROUND} claims of ${CLAIM} per round, ${PAIRS} pairs`);
    log(`raw claim query p99 (median of rounds): ${baseline.toFixed(2)} ms`);
    log(`claimDueContacts p99 (median of rounds): ${subject.toFixed(2)} ms (${outbox} PlaceCalls written)`);
    log(`median latency: raw ${median(medians.baseline).toFixed(2)} ms, claim ${median(medians.subject).toFixed(2)} ms`);
    const pass = report('dialer-postgres', [{ name: 'claim 100 p99 vs raw FOR UPDATE SKIP LOCKED LIMIT 100 p99', ratio: subject / baseline, target: TARGET, kind: 'max' }], {
      baselineP99Ms: Math.round(baseline * 100) / 100,
      subjectP99Ms: Math.round(subject * 100) / 100,
    });
    process.exitCode = pass ? 0 : 1;
  } finally {
    await pool.end();
    await database.close();
  }
})();
