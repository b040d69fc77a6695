import { queuedChannel, type Handler } from '../../handler';
import { noContent } from '../../reply';

/** POST /channels/{id}/dtmf: the digits go to the far end; nothing comes back to the application. */
export const sendDtmf: Handler = async (ctx) => {
  ctx.params.require('dtmf', 'DTMF is required');
  await queuedChannel(ctx);
  return noContent();
};
