/** Every rule the validator knows, with the text the editor shows next to the red card. */
export const issueMessages = {
  DUPLICATE_PLAY: { en: 'A node may hold at most one Play card', ru: 'В узле может быть не больше одной карточки «Воспроизведение»' },
  DUPLICATE_TRANSFER: { en: 'A node may hold at most one Transfer card', ru: 'В узле может быть не больше одной карточки «Перевод»' },
  PLAY_WITHOUT_SOURCE: { en: 'The Play card has neither a material nor a text', ru: 'В карточке «Воспроизведение» не выбран материал и не задан текст' },
  RECORDING_OUTSIDE_START: { en: 'Call recording is allowed only in the start node', ru: 'Запись разговора можно включить только в стартовом узле' },
  MACHINE_FILTER_OUTSIDE_START: { en: 'The answering-machine filter is allowed only in the start node', ru: 'Фильтр автоответчика можно поставить только в стартовом узле' },
  BRANCH_TARGET_MISSING: { en: 'A branch leads to a node that does not exist', ru: 'Ветка ведёт в несуществующий узел' },
  CARD_AFTER_EXIT: { en: 'Cards after a card that leaves the node never run', ru: 'Карточки после карточки, которая уводит из узла, никогда не выполнятся' },
  PATH_NOT_TERMINATED: { en: 'A path from this node never reaches a hangup, a transfer or a hand-over', ru: 'Путь из этого узла не заканчивается завершением звонка, переводом или передачей в другой сценарий' },
  LOOP_WITHOUT_INPUT: { en: 'This loop can repeat without the caller answering: it must pass through a recognition answer', ru: 'Цикл может повторяться без ответа абонента: он должен проходить через ответ в распознавании' },
  RETRY_CAP: { en: 'Recognition retries must be capped at 5', ru: 'Число повторов распознавания должно быть не больше 5' },
  DTMF_CHOICE_TOO_LONG: { en: 'A key sequence is longer than the maximum number of digits, so it can never be typed', ru: 'Последовательность клавиш длиннее максимального числа цифр: её невозможно набрать' },
  SPLIT_NOT_100: { en: 'Random split shares must add up to 100%', ru: 'Доли случайного разделения должны в сумме давать 100%' },
  MATERIAL_NOT_FOUND: { en: 'The referenced material does not exist', ru: 'Указанный материал не найден' },
  MATERIAL_NOT_APPROVED: { en: 'The referenced material is not approved by moderation', ru: 'Указанный материал не прошёл модерацию' },
  MATERIAL_WRONG_KIND: { en: 'The referenced material is of the wrong kind for this card', ru: 'Указанный материал не подходит для этой карточки по типу' },
  INTEGRATION_NOT_FOUND: { en: 'The referenced integration does not exist', ru: 'Указанная интеграция не найдена' },
  INTEGRATION_NOT_APPROVED: { en: 'The referenced integration is not active', ru: 'Указанная интеграция не активна' },
  SCENARIO_NOT_FOUND: { en: 'The scenario to hand over to has no published version', ru: 'У сценария для передачи нет опубликованной версии' },
} as const satisfies Record<string, { en: string; ru: string }>;

export type IssueCode = keyof typeof issueMessages;
export type Locale = 'ru' | 'en';

/** One broken rule, pinned to the node (and card) the editor paints red. */
export type ValidationIssue = { readonly nodeId: string; readonly cardId?: string; readonly code: IssueCode; readonly message: string };

/** What a rule reports before the message is chosen for the reader's language. */
export type IssueDraft = { readonly nodeId: string; readonly cardId?: string; readonly code: IssueCode };

export const localise = (draft: IssueDraft, locale: Locale): ValidationIssue => ({ ...draft, message: issueMessages[draft.code][locale] });
