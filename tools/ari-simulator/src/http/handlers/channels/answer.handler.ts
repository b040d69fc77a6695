import { queuedChannel, type Handler } from '../../handler';
import { noContent } from '../../reply';

/** POST /channels/{id}/answer: 204 (also on a channel already Up), after any running playback. */
export const answerChannel: Handler = async (ctx) => {
  const channel = await queuedChannel(ctx);
  if (channel.state !== 'Up') ctx.core.ast.setState(channel, 'Up');
  return noContent();
};
