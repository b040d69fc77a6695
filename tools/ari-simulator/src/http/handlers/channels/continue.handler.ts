import { runAmd } from '../../../media/amd';
import { queuedChannel, type Handler } from '../../handler';
import { noContent } from '../../reply';

/**
 * POST /channels/{id}/continue: leaves Stasis for the dialplan. The simulator knows the `amd`
 * context of the traces: AMD(), then Stasis(<app>,amd-done,${AMDSTATUS},${AMDCAUSE}).
 * Any other context ends the call (the simulated dialplan has nothing else to run).
 */
export const continueInDialplan: Handler = async (ctx) => {
  const channel = await queuedChannel(ctx);
  const app = channel.stasisApp ?? '';
  const context = ctx.params.get('context') ?? '';
  const { ast } = ctx.core;
  ast.scheduler.after(0, () => {
    if (channel.destroyed) return;
    ast.leaveStasis(channel);
    if (context !== 'amd') {
      ast.hangupRequest(channel, 16);
      return ast.finishStasisChannel(channel, 16);
    }
    runAmd(ast, channel, ({ status, cause }) => {
      ast.setVariable(channel, 'AMDSTATUS', status);
      ast.setVariable(channel, 'AMDCAUSE', cause);
      const args = ['amd-done', status, cause];
      ast.dialplanApp(channel, 'Stasis', [app, ...args].join(','));
      ast.enterStasis(channel, app, args);
    });
  });
  return noContent();
};
