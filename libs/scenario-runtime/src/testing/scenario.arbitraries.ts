import fc from 'fast-check';
import type { Card, MachineAction, PlaySource, RecognitionCard, ScenarioNode, ScenarioVersion } from '../model/scenario.model';
import type { RuntimeEvent } from '../engine/runtime.events';
import type { RuntimeState } from '../engine/runtime.state';
import { aScenario } from './scenario.mother';

// Generators for property tests. A generated scenario is valid by construction: every edge that
// a silent caller can take points forward (to a later node or to `bye`), and only answers that
// matched a recognition may point back, which is exactly what the loop rule allows.

export const VOCABULARY = ['да', 'Да, конечно!', 'нет', 'НЕТ, спасибо', 'перезвоните позже', 'не знаю', 'алло'] as const;

const nodeId = (index: number) => `n${index}`;

const source: fc.Arbitrary<PlaySource> = fc.oneof(
  fc.constantFrom('Здравствуйте, {{name}}!', 'Ваш город {{city}}?', 'Нажмите 1').map((value): PlaySource => ({ kind: 'text', text: value })),
  fc.constant<PlaySource>({ kind: 'audio', materialId: 'audio-1' }),
  fc.constant<PlaySource>({ kind: 'tts', materialId: 'tts-1' }),
);

type Targets = { readonly forward: fc.Arbitrary<string>; readonly any: fc.Arbitrary<string> };

const recognition = (id: string, targets: Targets): fc.Arbitrary<RecognitionCard> => {
  const common = { retries: fc.integer({ min: 0, max: 3 }), bargeIn: fc.boolean(), noInput: targets.forward, noMatch: targets.forward, timeoutMs: fc.constantFrom(undefined, 2_000) };
  const toCommon = (value: { retries: number; bargeIn: boolean; noInput: string; noMatch: string; timeoutMs: number | undefined }) => ({
    id,
    retries: value.retries,
    bargeIn: value.bargeIn,
    noInput: { next: value.noInput },
    noMatch: { next: value.noMatch },
    ...(value.timeoutMs === undefined ? {} : { timeoutMs: value.timeoutMs }),
    ...(value.retries === 2 ? { saveAs: 'answer' } : {}),
  });
  const dtmf = fc
    .record({ ...common, choices: fc.uniqueArray(fc.record({ digits: fc.constantFrom('1', '2', '12', '#'), next: targets.any }), { minLength: 1, maxLength: 3, selector: (choice) => choice.digits }), terminator: fc.boolean() })
    .map((value): RecognitionCard => ({
      type: 'Recognition',
      mode: 'dtmf',
      ...toCommon(value),
      choices: value.choices,
      maxDigits: 2,
      ...(value.terminator ? { terminator: '*' } : {}),
    }));
  const speech = fc
    .record({ ...common, choices: fc.array(fc.record({ phrase: fc.constantFrom(...VOCABULARY), word: fc.constantFrom('нет', 'позже', 'конечно'), next: targets.any }), { minLength: 1, maxLength: 3 }) })
    .map((value): RecognitionCard => ({
      type: 'Recognition',
      mode: 'speech',
      ...toCommon(value),
      minConfidence: 0.5,
      choices: value.choices.map((choice) => ({ phrases: [choice.phrase], containsWords: [choice.word], next: choice.next })),
    }));
  return fc.oneof(dtmf, speech);
};

/** The card (if any) that ends a node, or `undefined` for a node that goes on by `next`. */
const exit = (index: number, targets: Targets): fc.Arbitrary<Card | undefined> => {
  const id = `exit-${index}`;
  return fc.oneof(
    recognition(id, targets),
    fc.record({ rules: fc.array(targets.forward, { minLength: 1, maxLength: 2 }), otherwise: targets.forward }).map(
      (value): Card => ({
        type: 'Condition',
        id,
        rules: value.rules.map((next, at) => ({ source: at === 0 ? 'contact' : 'variable', field: at === 0 ? 'city' : 'answer', operator: 'equals', value: 'Казань', next })),
        otherwise: { next: value.otherwise },
      }),
    ),
    fc.record({ first: fc.integer({ min: 0, max: 100 }), a: targets.forward, b: targets.forward }).map(
      (value): Card => ({ type: 'RandomSplit', id, shares: [{ percent: value.first, next: value.a }, { percent: 100 - value.first, next: value.b }] }),
    ),
    fc.record({ operators: fc.integer({ min: 1, max: 3 }), noAnswer: targets.forward }).map(
      (value): Card => ({ type: 'Transfer', id, operators: Array.from({ length: value.operators }, (_, at) => ({ kind: 'sip', uri: `sip:op${at}@pbx` })), ringTimeoutMs: 10_000, noAnswer: { next: value.noAnswer } }),
    ),
    fc.constant<Card>({ type: 'Hangup', id }),
    fc.constant<Card>({ type: 'HandOver', id, scenarioId: 'scenario-2' }),
    fc.constant(undefined),
  );
};

const effects = (index: number): fc.Arbitrary<Card[]> =>
  fc.subarray<Card>([
    { type: 'Goal', id: `goal-${index}`, tag: 'lead' },
    { type: 'Blacklist', id: `blacklist-${index}`, scope: 'project' },
    { type: 'Integration', id: `integration-${index}`, integrationId: 'crm-1', fieldMapping: { client: '{{name}}' } },
    { type: 'Message', id: `message-${index}`, materialId: 'sms-1' },
    { type: 'Pause', id: `pause-${index}`, durationMs: 1_000 },
  ]);

const machineAction = (targets: Targets): fc.Arbitrary<MachineAction> =>
  fc.oneof(
    fc.constant<MachineAction>({ kind: 'hangup' }),
    source.map((value): MachineAction => ({ kind: 'playThenHangup', source: value })),
    targets.forward.map((next): MachineAction => ({ kind: 'branch', next })),
  );

const node = (index: number, count: number): fc.Arbitrary<ScenarioNode> => {
  const later = [...Array.from({ length: count - index - 1 }, (_, at) => nodeId(index + 1 + at)), 'bye'];
  const targets: Targets = { forward: fc.constantFrom(...later), any: fc.constantFrom(...Array.from({ length: count }, (_, at) => nodeId(at)), 'bye') };
  const start = index === 0;
  return fc
    .record({
      recording: fc.boolean(),
      machine: fc.option(machineAction(targets), { nil: undefined }),
      effects: effects(index),
      silence: fc.option(targets.forward, { nil: undefined }),
      play: fc.option(source, { nil: undefined }),
      exit: exit(index, targets),
      next: targets.forward,
    })
    .map((value): ScenarioNode => {
      const cards: Card[] = [];
      if (start && value.recording) cards.push({ type: 'Recording', id: 'recording' });
      if (start && value.machine) cards.push({ type: 'MachineFilter', id: 'machine', onMachine: value.machine });
      cards.push(...value.effects);
      if (value.silence !== undefined) cards.push({ type: 'SilenceDetection', id: `silence-${index}`, thresholdMs: 3_000, onSilence: { next: value.silence } });
      if (value.play) cards.push({ type: 'Play', id: `play-${index}`, source: value.play });
      if (value.exit) cards.push(value.exit);
      return value.exit ? { id: nodeId(index), cards } : { id: nodeId(index), cards, next: value.next };
    });
};

const bye: ScenarioNode = { id: 'bye', cards: [{ type: 'Play', id: 'play-bye', source: { kind: 'text', text: 'До свидания' } }, { type: 'Hangup', id: 'hangup-bye' }] };

/** A valid scenario of 1 to `maxNodes` nodes plus `bye`, using every card type. */
export const validScenario = (maxNodes = 5): fc.Arbitrary<ScenarioVersion> =>
  fc.integer({ min: 1, max: maxNodes }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => node(index, count))).map((nodes) => aScenario([...nodes, bye], nodeId(0))));

/**
 * An event as the network might send it: ids are resolved against the state when it is
 * delivered, either to the current id or to a stale one, so both paths are exercised.
 */
export type EventTemplate = (state: RuntimeState) => RuntimeEvent;

const current = (id: string | null, stale: boolean) => (stale || id === null ? 'stale-id' : id);

export const eventTemplate: fc.Arbitrary<EventTemplate> = fc.oneof(
  { arbitrary: fc.constant<EventTemplate>(() => ({ type: 'CallAnswered' })), weight: 2 },
  { arbitrary: fc.boolean().map((stale): EventTemplate => (state) => ({ type: 'PlaybackStarted', playbackId: current(state.playbackId, stale) })), weight: 2 },
  { arbitrary: fc.boolean().map((stale): EventTemplate => (state) => ({ type: 'PlaybackFinished', playbackId: current(state.playbackId, stale) })), weight: 5 },
  { arbitrary: fc.boolean().map((stale): EventTemplate => (state) => ({ type: 'PlaybackFailed', playbackId: current(state.playbackId, stale) })), weight: 1 },
  { arbitrary: fc.constantFrom('1', '2', '#', '*', '9', 'x').map((digit): EventTemplate => () => ({ type: 'DtmfReceived', digit })), weight: 5 },
  {
    arbitrary: fc
      .record({ text: fc.oneof(fc.constantFrom(...VOCABULARY), fc.string({ maxLength: 12 })), confidence: fc.double({ min: 0, max: 1, noNaN: true }), final: fc.boolean() })
      .map((value): EventTemplate => () => ({ type: 'SpeechRecognised', ...value })),
    weight: 4,
  },
  { arbitrary: fc.constantFrom<EventTemplate>(() => ({ type: 'TalkingStarted' }), () => ({ type: 'TalkingFinished' })), weight: 2 },
  { arbitrary: fc.constantFrom('human', 'machine', 'unknown' as const).map((result): EventTemplate => () => ({ type: 'MachineDetectionCompleted', result })), weight: 2 },
  { arbitrary: fc.boolean().map((stale): EventTemplate => (state) => ({ type: 'TransferAnswered', transferId: current(state.transferId, stale) })), weight: 1 },
  { arbitrary: fc.boolean().map((stale): EventTemplate => (state) => ({ type: 'TransferFailed', transferId: current(state.transferId, stale) })), weight: 2 },
  { arbitrary: fc.boolean().map((stale): EventTemplate => (state) => ({ type: 'TimerFired', timerId: current(state.timerId, stale) })), weight: 6 },
  { arbitrary: fc.constant<EventTemplate>(() => ({ type: 'CallHungUp' })), weight: 1 },
);
