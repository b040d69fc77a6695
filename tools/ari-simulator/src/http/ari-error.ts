import type { AriErrorBody } from '@zvonar/ari-model';

/** An ARI error reply: status plus the body Asterisk sends (`{message}` or, for 500, `{error}`). */
export class AriError extends Error {
  constructor(
    readonly status: number,
    readonly body: AriErrorBody,
  ) {
    super('message' in body ? body.message : body.error);
  }
}

export const notFound = (what: 'Channel' | 'Bridge' | 'Playback' | 'Recording' | 'Sound' | 'Application'): AriError =>
  new AriError(404, { message: `${what} not found` });
export const badRequest = (message: string): AriError => new AriError(400, { message });
export const conflict = (message: string): AriError => new AriError(409, { message });
