import { z } from 'zod';
import { MAX_CALLS_PER_SECOND, type Trunk } from './domain';

const e164 = z.string().regex(/^\+[1-9]\d{7,14}$/, 'must be an E.164 number');

/** One trunk as an operator writes it in TRUNKS; what it leaves out comes from the service's defaults. */
const trunkSpecSchema = z.strictObject({
  id: z.string({ error: 'is required (a string)' }).regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, "_", "." or "-"'),
  /** The callee's dial string over ARI (`{number}`, `{trunk}` replaced); ARI_DIAL_TEMPLATE when absent. */
  dialTemplate: z.string().min(1, 'must not be empty').optional(),
  /** Calls at once; CHANNELS_PER_TRUNK when absent. */
  channels: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').optional(),
  /** Originates per second; no cap here when absent. */
  callsPerSecond: z.number({ error: 'must be a number' }).positive('must be above 0').max(MAX_CALLS_PER_SECOND, `must be at most ${MAX_CALLS_PER_SECOND}`).optional(),
  callerIds: z.strictObject(
    {
      numbers: z.array(e164, { error: 'must be a list of E.164 numbers' }).min(1, 'must list at least one number'),
      choice: z.enum(['round-robin', 'random'], { error: 'must be round-robin or random' }).default('round-robin'),
    },
    { error: 'is required: {"numbers": [...], "choice": "round-robin" | "random"}' },
  ),
  /** E.164 prefixes it serves (`+7`, `+7495`); none: every number. */
  prefixes: z.array(z.string({ error: 'must be a string' }).regex(/^\+\d{1,14}$/, 'must be "+" and 1-14 digits')).default([]),
  /** Only for PlaceCalls naming it; the dial plan never picks it. */
  namedOnly: z.boolean({ error: 'must be true or false' }).default(false),
  enabled: z.boolean({ error: 'must be true or false' }).default(true),
});

export type TrunkSpec = z.output<typeof trunkSpecSchema>;

/** How a problem inside TRUNKS is reported: the trunk by its id (its position when it has none), then the field. */
const trunkLabel = (raw: unknown, index: number): string => {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? id : `#${index}`;
};

/**
 * TRUNKS: a JSON array of trunks. Problems are reported per trunk and field at boot, e.g.
 * `TRUNKS.carrier-msk.callerIds.numbers.0: must be an E.164 number`.
 */
export const trunksVariable = () =>
  z.string().transform((text, ctx): TrunkSpec[] => {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of trunks' });
      return z.NEVER;
    }
    if (!Array.isArray(raw) || raw.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of at least one trunk' });
      return z.NEVER;
    }
    const trunks: TrunkSpec[] = [];
    const seen = new Set<string>();
    raw.forEach((item: unknown, index) => {
      const label = trunkLabel(item, index);
      const parsed = trunkSpecSchema.safeParse(item);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: [label, ...issue.path] });
        return;
      }
      if (seen.has(parsed.data.id)) ctx.addIssue({ code: 'custom', message: 'is the id of an earlier trunk', path: [label, 'id'] });
      seen.add(parsed.data.id);
      trunks.push(parsed.data);
    });
    return trunks;
  });

/** What the implicit trunk and trunks that leave fields out take (today's variables). */
export type TrunkDefaults = {
  readonly DEFAULT_TRUNK_ID: string;
  readonly DEFAULT_CALLER_ID: string;
  readonly CHANNELS_PER_TRUNK: number;
  readonly ARI_DIAL_TEMPLATE: string;
  readonly TRUNKS?: readonly TrunkSpec[] | undefined;
};

/**
 * The trunk catalogue. Without TRUNKS, one catch-all trunk `DEFAULT_TRUNK_ID` presenting
 * DEFAULT_CALLER_ID (or any caller ID a PlaceCall names, as before trunks), CHANNELS_PER_TRUNK
 * channels, no calls-per-second cap: setups from before trunks run unchanged.
 */
export function trunkCatalogueOf(config: TrunkDefaults): readonly Trunk[] {
  if (config.TRUNKS === undefined) {
    return [
      {
        id: config.DEFAULT_TRUNK_ID,
        dialTemplate: config.ARI_DIAL_TEMPLATE,
        channels: config.CHANNELS_PER_TRUNK,
        callsPerSecond: null,
        callerIds: { numbers: [config.DEFAULT_CALLER_ID], choice: 'round-robin', acceptsOthers: true },
        prefixes: [],
        namedOnly: false,
        enabled: true,
      },
    ];
  }
  return config.TRUNKS.map((spec) => ({
    id: spec.id,
    dialTemplate: spec.dialTemplate ?? config.ARI_DIAL_TEMPLATE,
    channels: spec.channels ?? config.CHANNELS_PER_TRUNK,
    callsPerSecond: spec.callsPerSecond ?? null,
    callerIds: { numbers: spec.callerIds.numbers, choice: spec.callerIds.choice, acceptsOthers: false },
    prefixes: spec.prefixes,
    namedOnly: spec.namedOnly,
    enabled: spec.enabled,
  }));
}
