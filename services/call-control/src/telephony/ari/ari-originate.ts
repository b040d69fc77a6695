import { AriBadRequestError, AriHttpError, AriUnavailableError, type AriCommands } from '../../ari';
import type { OriginateResult } from '../telephony.port';

export type ChannelOriginate = {
  readonly channelId: string;
  readonly endpoint: string;
  readonly appArgs: readonly string[];
  readonly ringTimeoutMs: number;
  readonly callerId?: string;
  readonly variables?: Readonly<Record<string, string>>;
};

/** Channel variables for the originate's tags: `ZVONAR_<TAG>` (callId → ZVONAR_CALLID). */
export const tagVariables = (tags: Readonly<Record<string, string>> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(tags ?? {}).map(([key, value]) => [`ZVONAR_${key.replace(/[^A-Za-z0-9]/g, '_').toUpperCase()}`, value]));

/**
 * POST /channels into our app with our channel id. An answer that never came is retried with the
 * same id: Asterisk's 409 then means the first try went through, so nothing rings twice.
 */
export async function originateChannel(commands: AriCommands, request: ChannelOriginate, attempts: number): Promise<OriginateResult> {
  const ariRequest = {
    endpoint: request.endpoint,
    channelId: request.channelId,
    appArgs: request.appArgs,
    timeoutSeconds: Math.max(1, Math.ceil(request.ringTimeoutMs / 1000)),
    ...(request.callerId === undefined ? {} : { callerId: request.callerId }),
    ...(request.variables === undefined ? {} : { variables: request.variables }),
  };
  let lastError: unknown;
  for (let attempt = 0; attempt < Math.max(1, attempts); attempt += 1) {
    try {
      const placed = await commands.originate(ariRequest);
      return placed.kind === 'originated' ? { kind: 'originated' } : { kind: 'already-originated' };
    } catch (error) {
      lastError = error;
      if (!(error instanceof AriUnavailableError)) break;
    }
  }
  return refusal(lastError);
}

function refusal(error: unknown): OriginateResult {
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof AriBadRequestError) return { kind: 'refused', reason: 'InvalidNumber', cause: 28, detail };
  // Asterisk answers 500 "Allocation failed" for a technology or trunk it cannot use.
  if (error instanceof AriHttpError && error.status >= 500) return { kind: 'refused', reason: 'TrunkUnavailable', cause: 38, detail };
  return { kind: 'refused', reason: 'OriginateFailed', cause: 41, detail };
}
