import { badRequest } from '../../ari-error';
import { requireStasisChannel, type Handler } from '../../handler';
import { created } from '../../reply';

/** POST /channels/{id}/play[/{playbackId}]: `media` may list several URIs separated by commas. */
export const playOnChannel: Handler = (ctx) => {
  const channel = requireStasisChannel(ctx);
  const media = (ctx.params.get('media') ?? '').split(',').filter((m) => m !== '');
  if (media.length === 0) throw badRequest('Missing parameter media');
  const id = ctx.path['playbackId'] ?? ctx.params.get('playbackId') ?? ctx.core.newResourceId();
  return created(ctx.core.playbacks.play(channel, id, media, ctx.params.get('lang') ?? 'en'));
};
