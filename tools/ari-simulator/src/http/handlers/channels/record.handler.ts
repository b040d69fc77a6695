import { RECORDING_FORMATS } from '../../../media/recordings';
import { AriError } from '../../ari-error';
import { queuedChannel, type Handler } from '../../handler';
import { created } from '../../reply';

/** POST /channels/{id}/record: 201 with the live recording in state `queued`. */
export const recordChannel: Handler = async (ctx) => {
  const name = ctx.params.require('name', 'Recording name is required');
  const format = ctx.params.require('format', 'Recording format is required');
  const channel = await queuedChannel(ctx);
  if (!RECORDING_FORMATS.has(format)) throw new AriError(422, { message: 'specified format is unknown on this system' });
  return created(ctx.core.recordings.start(channel, name, format, ctx.params.number('maxDurationSeconds', 0)));
};
