import { eventually } from '@zvonar/testing';
import type { ConformingClient } from './conforming-client';
import type { Answer, Loose } from './rest-client';

let counter = 0;

/** A fresh, valid registration. */
export const aRegistration = () => ({
  email: `marketer-${Date.now()}-${(counter += 1)}@example.test`,
  password: 'Zvonar-Password-2026',
  consent: { accepted: true, textVersion: '2026-01' },
});

/** The six-digit code of the newest outbox message to `email`, read through the dev outbox route. */
export async function emailedCode(api: ConformingClient, email: string): Promise<string> {
  const outbox = await api.get(`/api/v1/dev/outbox?recipient=${encodeURIComponent(email)}&limit=1`);
  const body = (outbox.body.items as { body: string }[])[0]?.body ?? '';
  const code = /\b(\d{6})\b/.exec(body)?.[1];
  if (!code) throw new Error(`no six-digit code in the outbox for ${email}: ${JSON.stringify(outbox.body)}`);
  return code;
}

/** Registers, confirms through the outbox and signs in over REST: a client carrying the access token. */
export async function signedUpUser(api: ConformingClient): Promise<{ client: ConformingClient; email: string; accessToken: string; refreshToken: string }> {
  const registration = aRegistration();
  await api.post('/api/v1/auth/register', registration);
  await api.post('/api/v1/auth/email/confirm', { email: registration.email, code: await emailedCode(api, registration.email) });
  const login = await api.post('/api/v1/auth/login', { email: registration.email, password: registration.password });
  if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
  return {
    client: api.with({ authorization: `Bearer ${login.body.accessToken}` }),
    email: registration.email,
    accessToken: login.body.accessToken,
    refreshToken: login.body.refreshToken,
  };
}

/** A publishable scenario: a greeting, then 1 = goal, 2 = blacklist, no input = goodbye. */
export const aDtmfScenarioGraph = () => ({
  startNodeId: 'answer',
  nodes: [
    {
      id: 'answer',
      cards: [
        { type: 'Play', id: 'greeting', source: { kind: 'text', text: 'Здравствуйте, {{name}}! Нажмите 1 или 2.' } },
        { type: 'Recognition', id: 'question', mode: 'dtmf', retries: 1, choices: [{ digits: '1', next: 'goal' }, { digits: '2', next: 'optout' }], noInput: { next: 'bye' }, noMatch: { next: 'bye' } },
      ],
    },
    { id: 'goal', cards: [{ type: 'Goal', id: 'lead', tag: 'interested' }, { type: 'Hangup', id: 'goal-end' }] },
    { id: 'optout', cards: [{ type: 'Blacklist', id: 'block', scope: 'project' }, { type: 'Hangup', id: 'optout-end' }] },
    { id: 'bye', cards: [{ type: 'Hangup', id: 'bye-end' }] },
  ],
});

/** A project of the signed-in user behind `client`, created through the API. */
export async function aProject(client: ConformingClient, name = 'Проект'): Promise<string> {
  const created = await client.post('/api/v1/projects', { name });
  if (created.status !== 201) throw new Error(`project not created: ${JSON.stringify(created.body)}`);
  return created.body.projectId as string;
}

/**
 * A request about a project that was just created: services that check membership learn the
 * project from its event, so until then they answer 404 like for a stranger's project.
 */
export const once404Passes = (request: () => Promise<Answer<Loose>>, what: string): Promise<Answer<Loose>> =>
  eventually(
    async () => {
      const answer = await request();
      return answer.status !== 404 && answer;
    },
    { timeoutMs: 20_000, what },
  );
