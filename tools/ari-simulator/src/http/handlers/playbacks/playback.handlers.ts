import { notFound } from '../../ari-error';
import { pathParam, type Handler } from '../../handler';
import { noContent, ok } from '../../reply';

export const getPlayback: Handler = (ctx) => {
  const playback = ctx.core.playbacks.get(pathParam(ctx, 'playbackId'));
  if (!playback) throw notFound('Playback');
  return ok(playback);
};

/** DELETE /playbacks/{id}: PlaybackFinished with state `done`. */
export const stopPlayback: Handler = (ctx) => {
  if (!ctx.core.playbacks.stop(pathParam(ctx, 'playbackId'))) throw notFound('Playback');
  return noContent();
};
