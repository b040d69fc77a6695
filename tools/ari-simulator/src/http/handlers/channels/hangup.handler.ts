import { requireChannel, type Handler } from '../../handler';
import { noContent } from '../../reply';

// ARI `reason` values and the Q.850 causes Asterisk maps them to.
const REASON_CAUSE: Readonly<Record<string, number>> = {
  normal: 16,
  busy: 17,
  congestion: 34,
  no_answer: 19,
  timeout: 19,
  rejected: 21,
  unallocated: 1,
  normal_unspecified: 31,
  answered_elsewhere: 26,
};

/** DELETE /channels/{id}: not queued behind playback; the 204 and the events race (trace note). */
export const hangupChannel: Handler = (ctx) => {
  const channel = requireChannel(ctx);
  const code = ctx.params.number('reason_code', NaN);
  const cause = Number.isFinite(code) ? code : (REASON_CAUSE[ctx.params.get('reason') ?? 'normal'] ?? 16);
  const { core } = ctx;
  core.ast.scheduler.after(0, () => {
    if (channel.destroyed) return;
    const call = core.calls.get(channel.id);
    if (call) return call.hangupByApp(cause);
    core.ast.hangupRequest(channel, 32, { soft: true });
    core.ast.finishStasisChannel(channel, cause);
  });
  return noContent();
};
