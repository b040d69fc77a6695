import type { ConformingClient } from './conforming-client';

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
