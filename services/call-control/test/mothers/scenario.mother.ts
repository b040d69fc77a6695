import {
  aBlacklist,
  aDtmfRecognition,
  aGoal,
  aHangup,
  aMachineFilter,
  aNode,
  aPlay,
  aRecording,
  aScenario,
  aSpeechRecognition,
  aTransfer,
  byeNode,
  text,
} from '@zvonar/scenario-runtime/src/testing/scenario.mother';
import type { ScenarioVersion } from '@zvonar/scenario-runtime';

export const MENU_PROMPT = 'Здравствуйте! Нажмите 1, если вам интересно, или 2, чтобы мы больше не звонили.';

/** Menu: 1 → goal, 2 → blacklist; no input or no match, after one repeat → goodbye. */
export const aDtmfMenuScenario = (): ScenarioVersion =>
  aScenario([
    aNode('answer', [aPlay(text(MENU_PROMPT)), aDtmfRecognition({ '1': 'goal', '2': 'blacklist' }, { retries: 1, timeoutMs: 5_000 })]),
    aNode('goal', [aGoal('lead'), aPlay(text('Спасибо! Менеджер свяжется с вами.')), aHangup()]),
    aNode('blacklist', [aBlacklist('project'), aPlay(text('Хорошо, больше не позвоним.')), aHangup()]),
    byeNode(),
  ]);

/** Filters answering machines (hang up) before the menu. */
export const aMachineFilteredScenario = (): ScenarioVersion =>
  aScenario([aNode('answer', [aMachineFilter({ kind: 'hangup' }), aPlay(text(MENU_PROMPT)), aDtmfRecognition({ '1': 'bye' })]), byeNode()]);

export const OPERATOR_PROMPT = 'Соединить вас с оператором? Скажите «да».';

/** Records the call, asks by voice, and on «да» transfers to an operator; otherwise goodbye. */
export const aSpeechTransferScenario = (): ScenarioVersion => ({
  ...aScenario([
    aNode('answer', [aRecording(), aPlay(text(OPERATOR_PROMPT)), aSpeechRecognition([{ phrases: ['да'], next: 'operator' }], { retries: 0, timeoutMs: 5_000 })]),
    aNode('operator', [aTransfer()]),
    byeNode(),
  ]),
  scenarioId: 'speech-transfer',
});

/** 1 → goal, 11 → blacklist: a key press counted twice would change the outcome. */
export const aTwoDigitMenuScenario = (): ScenarioVersion => ({
  ...aScenario([
    aNode('answer', [aPlay(text(MENU_PROMPT)), aDtmfRecognition({ '1': 'goal', '11': 'blacklist' }, { retries: 0, timeoutMs: 5_000, interDigitTimeoutMs: 1_000 })]),
    aNode('goal', [aGoal('lead'), aPlay(text('Спасибо!')), aHangup()]),
    aNode('blacklist', [aBlacklist('project'), aPlay(text('Больше не позвоним.')), aHangup()]),
    byeNode(),
  ]),
  scenarioId: 'two-digit-menu',
});
