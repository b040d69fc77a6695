import { aBlacklist, aDtmfRecognition, aGoal, aHangup, aMachineFilter, aNode, aPlay, aScenario, byeNode, text } from '@zvonar/scenario-runtime/src/testing/scenario.mother';
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
