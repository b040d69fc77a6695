import path from 'node:path';
import { createDemoCampaign, type DemoCampaign } from './demo-journey';
import { ensurePlatform } from './platform';
import { allContactsDone, isOver, progressLine } from './progress';
import { Rest } from './rest';

const repoRoot = path.resolve(__dirname, '../../..');
const baseUrl = (process.env.ZVONAR_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
/** Simulated seconds per real second when the demo starts the platform: calls of a few seconds. */
const TIME_SCALE = 5;
const CALLS_PER_SECOND = 2;
const say = (line: string) => process.stdout.write(`${line}\n`);

type Call = { callId: string; goalReached: boolean; billableSeconds: number };

/** Every call of the campaign so far (newest first), page by page. */
async function callsOf(demo: DemoCampaign): Promise<Call[]> {
  const calls: Call[] = [];
  let cursor: string | null = null;
  do {
    const page = await demo.api.expect(200, 'GET', `/api/v1/projects/${demo.projectId}/calls?campaignId=${demo.campaignId}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    calls.push(...(page.body.items as Call[]));
    cursor = page.body.nextCursor;
  } while (cursor);
  return calls;
}

async function watch(demo: DemoCampaign): Promise<Call[]> {
  const started = Date.now();
  let allDoneSince: number | null = null;
  for (;;) {
    const [campaign, report, calls] = await Promise.all([
      demo.api.expect(200, 'GET', `/api/v1/campaigns/${demo.campaignId}`),
      demo.api.send('GET', `/api/v1/campaigns/${demo.campaignId}/report`),
      callsOf(demo),
    ]);
    // The report exists once the dialer has seen the campaign start.
    const counts = report.status === 200 ? report.body : { totalContacts: demo.contacts, finishedContacts: 0, audienceLoaded: false, contacts: { inCall: 0, waiting: 0 }, calls: { placed: 0, answered: 0, goals: 0 } };
    const status = campaign.body.status as string;
    say(
      progressLine({
        elapsedMs: Date.now() - started,
        status,
        totalContacts: Number(counts.totalContacts),
        finishedContacts: Number(counts.finishedContacts),
        placed: Number(counts.calls.placed),
        answered: Number(counts.calls.answered),
        goals: Number(counts.calls.goals),
        inCall: Number(counts.contacts.inCall),
        waiting: Number(counts.contacts.waiting),
        billableSeconds: calls.reduce((sum, call) => sum + call.billableSeconds, 0),
      }),
    );
    const done = allContactsDone({ totalContacts: Number(counts.totalContacts), finishedContacts: Number(counts.finishedContacts), inCall: Number(counts.contacts.inCall), audienceLoaded: Boolean(counts.audienceLoaded) });
    allDoneSince = done ? (allDoneSince ?? Date.now()) : null;
    if (isOver(status, allDoneSince === null ? null : Date.now() - allDoneSince)) return calls;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

async function main(): Promise<void> {
  const origin = await ensurePlatform(repoRoot, baseUrl, TIME_SCALE, say);
  say(origin.kind === 'running' ? `using the platform at ${baseUrl} (its SIMULATION_TIME_SCALE decides how fast calls go)` : `platform ready at ${baseUrl}`);
  const demo = await createDemoCampaign(new Rest(baseUrl), say, CALLS_PER_SECOND);
  say('');
  const calls = await watch(demo);
  const goal = calls.find((call) => call.goalReached) ?? calls[0];
  const auth = `-H "Authorization: Bearer $ZVONAR_TOKEN"`;
  say('');
  say('Where to look next:');
  say(`  API docs      ${baseUrl}/api/docs`);
  say(`  export ZVONAR_TOKEN=${demo.api.bearer}`);
  say(`                (valid 15 minutes; sign in again: POST ${baseUrl}/api/v1/auth/login {"email":"${demo.email}","password":"${demo.password}"})`);
  say(`  report        curl ${auth} ${baseUrl}/api/v1/campaigns/${demo.campaignId}/report`);
  say(`  calls         curl ${auth} '${baseUrl}/api/v1/projects/${demo.projectId}/calls?campaignId=${demo.campaignId}&limit=100'`);
  if (goal) say(`  one call      curl ${auth} ${baseUrl}/api/v1/calls/${encodeURIComponent(goal.callId)}   (its event timeline)`);
  if (origin.kind === 'started') say(`  the platform keeps running (log ${path.relative(repoRoot, origin.logFile)}); stop it with: kill ${origin.pid}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
