import { ValidationError, type FieldViolation } from '@zvonar/eventsourcing';
import type { callControlV1 } from '@zvonar/proto-ts';
import type { Locale } from '@zvonar/scenario-runtime';
import { defaultCalleeBehaviour, type CalleeBehaviour, type WeightedReply } from '../telephony/simulated/callee-behaviour';

/** The part of the callee behaviour a project configures; the rest keeps the defaults. */
export type ConfiguredMix = Pick<CalleeBehaviour, 'outcomes' | 'machineShare' | 'hangUpMidPromptShare'> & Partial<Pick<CalleeBehaviour, 'replies' | 'ringMs'>>;

const SPEECH_CONFIDENCE = 0.9;
const DTMF = /^[0-9*#]{1,16}$/;

const texts = {
  invalid: { ru: 'Неверные настройки симуляции', en: 'Invalid simulation settings' },
  mixRequired: { ru: 'Укажите распределение поведения абонентов', en: 'The behaviour mix is required' },
  project: { ru: 'Укажите проект', en: 'The project is required' },
  negative: { ru: 'Вес не может быть отрицательным', en: 'A weight must not be negative' },
  emptyOutcomes: { ru: 'Хотя бы один исход звонка должен иметь положительный вес', en: 'At least one call outcome needs a positive weight' },
  share: { ru: 'Доля должна быть от 0 до 1', en: 'A share must be between 0 and 1' },
  reply: { ru: 'Ответ должен быть одним из: DTMF-цифры, фраза или молчание', en: 'A reply must be exactly one of: DTMF digits, a phrase or silence' },
  dtmf: { ru: 'DTMF: от 1 до 16 символов 0-9, * или #', en: 'DTMF: 1 to 16 of 0-9, * or #' },
  emptyReplies: { ru: 'Хотя бы один ответ должен иметь положительный вес', en: 'At least one reply needs a positive weight' },
  range: { ru: 'Диапазон: 0 ≤ min_ms ≤ max_ms', en: 'Range: 0 <= min_ms <= max_ms' },
} as const;

const outcomeFields = ['answer', 'busy', 'noAnswer', 'rejected', 'congestion'] as const;
const snake = (field: string): string => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** Every problem of a ConfigureSimulation request, by field (`mix.replies[1].dtmf`). */
export function mixViolations(request: callControlV1.ConfigureSimulationRequest, locale: Locale): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const violate = (field: string, code: string, message: string) => violations.push({ field, code, message });
  if (request.projectId.trim() === '') violate('project_id', 'REQUIRED', texts.project[locale]);
  const mix = request.mix;
  if (!mix) {
    violate('mix', 'REQUIRED', texts.mixRequired[locale]);
    return violations;
  }
  for (const field of outcomeFields) {
    if (!(mix[field] >= 0)) violate(`mix.${snake(field)}`, 'NEGATIVE_WEIGHT', texts.negative[locale]);
  }
  if (outcomeFields.every((field) => !(mix[field] > 0))) violate('mix', 'EMPTY_MIX', texts.emptyOutcomes[locale]);
  for (const field of ['machineShare', 'hangUpMidPromptShare'] as const) {
    if (!(mix[field] >= 0 && mix[field] <= 1)) violate(`mix.${snake(field)}`, 'SHARE_OUT_OF_RANGE', texts.share[locale]);
  }
  mix.replies.forEach((reply, index) => {
    const at = `mix.replies[${index}]`;
    if (!(reply.weight >= 0)) violate(`${at}.weight`, 'NEGATIVE_WEIGHT', texts.negative[locale]);
    const kinds = [reply.dtmf !== undefined, reply.speech !== undefined, reply.silence === true].filter(Boolean).length;
    if (kinds !== 1) violate(at, 'ONE_REPLY_KIND', texts.reply[locale]);
    else if (reply.dtmf !== undefined && !DTMF.test(reply.dtmf)) violate(`${at}.dtmf`, 'INVALID_DTMF', texts.dtmf[locale]);
    else if (reply.speech !== undefined && reply.speech.trim() === '') violate(`${at}.speech`, 'REQUIRED', texts.reply[locale]);
  });
  if (mix.replies.length > 0 && mix.replies.every((reply) => !(reply.weight > 0))) violate('mix.replies', 'EMPTY_MIX', texts.emptyReplies[locale]);
  if (mix.ring && !(mix.ring.minMs >= 0 && mix.ring.maxMs >= mix.ring.minMs)) violate('mix.ring', 'INVALID_RANGE', texts.range[locale]);
  return violations;
}

/** The validated request's mix in the simulated telephony's terms; throws ValidationError with every field problem. */
export function configuredMixOf(request: callControlV1.ConfigureSimulationRequest, locale: Locale): ConfiguredMix {
  const violations = mixViolations(request, locale);
  const mix = request.mix;
  if (violations.length > 0 || !mix) throw new ValidationError(texts.invalid[locale], violations);
  const replies: WeightedReply[] = mix.replies.map((reply) =>
    reply.dtmf !== undefined
      ? { kind: 'dtmf', digits: reply.dtmf, weight: reply.weight }
      : reply.speech !== undefined
        ? { kind: 'speech', text: reply.speech.trim(), confidence: SPEECH_CONFIDENCE, weight: reply.weight }
        : { kind: 'silence', weight: reply.weight },
  );
  return {
    outcomes: { answer: mix.answer, busy: mix.busy, noAnswer: mix.noAnswer, rejected: mix.rejected, congestion: mix.congestion },
    machineShare: mix.machineShare,
    hangUpMidPromptShare: mix.hangUpMidPromptShare,
    ...(replies.length > 0 ? { replies } : {}),
    ...(mix.ring ? { ringMs: { minMs: mix.ring.minMs, maxMs: mix.ring.maxMs } } : {}),
  };
}

/** The proto mix of a configured one (or of the defaults). */
export function toProtoMix(mix: ConfiguredMix): callControlV1.CalleeBehaviourMix {
  const replies = mix.replies ?? defaultCalleeBehaviour.replies;
  const ring = mix.ringMs ?? defaultCalleeBehaviour.ringMs;
  return {
    ...mix.outcomes,
    machineShare: mix.machineShare,
    hangUpMidPromptShare: mix.hangUpMidPromptShare,
    replies: replies.map((reply) =>
      reply.kind === 'dtmf' ? { weight: reply.weight, dtmf: reply.digits } : reply.kind === 'speech' ? { weight: reply.weight, speech: reply.text } : { weight: reply.weight, silence: true },
    ),
    ring: { minMs: ring.minMs, maxMs: ring.maxMs },
  };
}

export const defaultMix: ConfiguredMix = {
  outcomes: defaultCalleeBehaviour.outcomes,
  machineShare: defaultCalleeBehaviour.machineShare,
  hangUpMidPromptShare: defaultCalleeBehaviour.hangUpMidPromptShare,
};
