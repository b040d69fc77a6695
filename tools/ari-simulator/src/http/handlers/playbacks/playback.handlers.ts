import { notFound } from '../../ari-error';
import { found, pathParam, type Handler } from '../../handler';
import { noContent, ok } from '../../reply';

export const getPlayback: Handler = (ctx) => ok(found(ctx.core.playbacks.get(pathParam(ctx, 'playbackId')), 'Playback'));

/** DELETE /playbacks/{id}: PlaybackFinished with state `done`. */
export const stopPlayback: Handler = (ctx) => {
  if (!ctx.core.playbacks.stop(pathParam(ctx, 'playbackId'))) throw notFound('Playback');
  return noContent();
};
