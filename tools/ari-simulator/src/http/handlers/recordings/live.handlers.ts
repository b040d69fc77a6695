import { notFound } from '../../ari-error';
import { found, pathParam, type Handler } from '../../handler';
import { noContent, ok } from '../../reply';

export const getLiveRecording: Handler = (ctx) => ok(found(ctx.core.recordings.getLive(pathParam(ctx, 'recordingName')), 'Recording'));

/** POST /recordings/live/{name}/stop: 204, then RecordingFinished (duration in whole seconds). */
export const stopLiveRecording: Handler = (ctx) => {
  const name = pathParam(ctx, 'recordingName');
  if (!ctx.core.recordings.getLive(name)) throw notFound('Recording');
  ctx.core.ast.scheduler.after(0, () => ctx.core.recordings.stop(name));
  return noContent();
};
