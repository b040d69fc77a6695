import { describe, it } from '@jest/globals';
import { aBlacklist, aContact, aGoal, aHangup, aMessage, aNode, anIntegration, aRecording, aScenario } from '../../testing/scenario.mother';
import { answered, given } from '../../testing/runtime.specification';
import type { Card } from '../../model/scenario.model';

const running = (...cards: Card[]) => aScenario([aNode('answer', [...cards, aHangup()])]);

describe('Goal card', () => {
  it('marks the lead with its tag', () => given(running(aGoal('hot'))).when(answered).thenCommands([{ type: 'MarkGoal', tag: 'hot' }, { type: 'HangUp', cause: 'ScenarioCompleted' }]));
  it('marks the lead without a tag', () => given(running(aGoal())).when(answered).thenCommands([{ type: 'MarkGoal' }, { type: 'HangUp' }]));
});

describe('Blacklist card', () => {
  it('opts the contact out of the project', () => given(running(aBlacklist('project'))).when(answered).thenIncludes({ type: 'AddToBlacklist', scope: 'project' }));
  it('opts the contact out of the whole account', () => given(running(aBlacklist('account'))).when(answered).thenIncludes({ type: 'AddToBlacklist', scope: 'account' }));
});

describe('Integration card', () => {
  it('calls the integration with mapped fields rendered for this contact', () =>
    given(running(anIntegration({ client: '{{name}}', phone: '{{phone}}', city: '{{city}}', note: 'звонок {{missing}}' })), {
      contact: aContact({ name: 'Олег', phone: '+79001112233', fields: { city: 'Омск' } }),
    })
      .when(answered)
      .thenIncludes({ type: 'CallIntegration', integrationId: 'crm-1', fields: { client: 'Олег', phone: '+79001112233', city: 'Омск', note: 'звонок' } }));
});

describe('Message card', () => {
  it('sends the SMS material', () => given(running(aMessage('sms-1'))).when(answered).thenIncludes({ type: 'SendSms', materialId: 'sms-1' }));
});

describe('Recording card', () => {
  it('starts recording once even when it runs twice', () =>
    given(running(aRecording(), aRecording())).when(answered).thenCommands([{ type: 'StartRecording' }, { type: 'HangUp' }]));
});
