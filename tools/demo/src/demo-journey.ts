import { calleeMix, firstCampaignScenario, firstCampaignSettings } from './first-campaign/first-campaign-settings';
import { audienceCsv, audienceCustomFields, audienceImportRequest, zonedAudience } from './first-campaign/zoned-audience';
import type { Rest } from './rest';

/** What the demo created, for the live progress and the "look next" lines. */
export interface DemoCampaign {
  readonly api: Rest;
  readonly email: string;
  readonly password: string;
  readonly projectId: string;
  readonly campaignId: string;
  readonly contacts: number;
}

const PASSWORD = 'Zvonar-Demo-2026';

/** The six-digit code of the newest dev-outbox message to `email` (embedded mode: mail stays local). */
async function emailedCode(api: Rest, email: string): Promise<string> {
  for (let tries = 0; tries < 80; tries += 1) {
    const outbox = await api.expect(200, 'GET', `/api/v1/dev/outbox?recipient=${encodeURIComponent(email)}&limit=1`);
    const code = /\b(\d{6})\b/.exec(outbox.body.items[0]?.body ?? '')?.[1];
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no confirmation code reached the dev outbox for ${email}`);
}

/**
 * A marketer's first campaign through the public REST API: account (confirmed through the dev
 * outbox), project, simulated callees, a 60-contact CSV audience over five zones plus a blacklist,
 * the published scenario, and a campaign calling every hour of the day (the callees are virtual),
 * launched at `callsPerSecond`.
 */
export async function createDemoCampaign(anonymous: Rest, say: (line: string) => void, callsPerSecond: number): Promise<DemoCampaign> {
  const email = `demo-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}@zvonar.local`;
  await anonymous.expect(202, 'POST', '/api/v1/auth/register', { email, password: PASSWORD, consent: { accepted: true, textVersion: '2026-01' } });
  await anonymous.expect(204, 'POST', '/api/v1/auth/email/confirm', { email, code: await emailedCode(anonymous, email) });
  const login = await anonymous.expect(200, 'POST', '/api/v1/auth/login', { email, password: PASSWORD });
  const api = anonymous.signedIn(login.body.accessToken);
  say(`account   ${email} (password ${PASSWORD}), confirmed through the dev outbox`);

  const project = await api.expect(201, 'POST', '/api/v1/projects', {
    name: 'Демо: первый обзвон',
    customFields: audienceCustomFields,
  });
  const projectId = project.body.projectId as string;
  await api.expectOnceKnown(200, 'PUT', `/api/v1/projects/${projectId}/simulation`, { seed: 2026, mix: calleeMix });
  say(`project   ${projectId}: virtual callees answer 60%, busy 20%, no answer 20%; 20% of answers are machines; people press 1, 2 or nothing`);

  const contacts = zonedAudience(12);
  const audience = await api.expectOnceKnown(201, 'POST', `/api/v1/projects/${projectId}/segments`, { name: 'Демо-база', kind: 'audience' });
  const audienceId = audience.body.segment.segmentId as string;
  const upload = await api.expect(201, 'POST', `/api/v1/projects/${projectId}/imports?fileName=demo.csv`, audienceCsv(contacts), 'text/csv');
  const job = await api.expect(202, 'POST', `/api/v1/imports/${upload.body.uploadId}/start`, audienceImportRequest(audienceId));
  let imported = job.body;
  while (imported.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 250));
    imported = (await api.expect(200, 'GET', `/api/v1/import-jobs/${job.body.jobId}`)).body;
  }
  if (imported.state !== 'completed') throw new Error(`the audience import ended ${imported.state}: ${JSON.stringify(imported)}`);
  const blacklist = await api.expect(201, 'POST', `/api/v1/projects/${projectId}/segments`, { name: 'Не звонить', kind: 'blacklist', pastedList: contacts[0]!.phone });
  say(`audience  ${imported.rowsImported} contacts from a CSV (Kaliningrad, Moscow, Yekaterinburg, Novosibirsk, Vladivostok); blacklist: ${contacts[0]!.phone}`);

  const scenario = await api.expectOnceKnown(201, 'POST', `/api/v1/projects/${projectId}/scenarios`, { name: 'Предложение', graph: firstCampaignScenario() });
  const published = await api.expect(201, 'POST', `/api/v1/scenarios/${scenario.body.scenarioId}/versions`, { expectedRevision: scenario.body.draftRevision });
  say(`scenario  ${scenario.body.scenarioId} v${published.body.version}: greeting by {{name}}; 1 = goal + SMS + webhook, 2 = blacklist, silence = ask again, then goodbye`);

  const settings = firstCampaignSettings({
    name: 'Демо-кампания',
    scenarioId: scenario.body.scenarioId,
    version: published.body.version,
    audienceId,
    blacklistId: blacklist.body.segment.segmentId,
    // Virtual callees take calls at any hour; the acceptance test checks local windows.
    window: { from: '00:00', to: '24:00' },
    now: new Date(),
    callsPerSecond,
    concurrencyCap: 5,
  });
  const campaign = await api.expectOnceKnown(201, 'POST', `/api/v1/projects/${projectId}/campaigns`, { settings });
  const campaignId = campaign.body.campaignId as string;
  await api.expect(200, 'POST', `/api/v1/campaigns/${campaignId}/launch`, {});
  say(`campaign  ${campaignId} launched: ${callsPerSecond} call/s, at most 5 at once, busy and no answer redialled once a minute later`);
  return { api, email, password: PASSWORD, projectId, campaignId, contacts: contacts.length };
}
