import type { SimChannel } from '../asterisk/sim-channel';
import type { SimCore } from '../sim-core';
import { conflict, notFound } from './ari-error';
import type { Params } from './params';
import type { Reply } from './reply';

export interface HandlerContext {
  core: SimCore;
  params: Params;
  path: Readonly<Record<string, string>>;
}

export type Handler = (ctx: HandlerContext) => Reply | Promise<Reply>;

export function pathParam(ctx: HandlerContext, name: string): string {
  const value = ctx.path[name];
  if (value === undefined) throw new Error(`route has no :${name}`);
  return value;
}

export function requireChannel(ctx: HandlerContext, name = 'channelId'): SimChannel {
  const channel = ctx.core.ast.channels.get(pathParam(ctx, name));
  if (!channel || channel.destroyed) throw notFound('Channel');
  return channel;
}

export function requireStasisChannel(ctx: HandlerContext): SimChannel {
  const channel = requireChannel(ctx);
  if (channel.stasisApp === undefined) throw conflict('Channel not in Stasis application');
  return channel;
}

/**
 * Channel commands run on the channel's control queue, which a running playback blocks
 * (command-queue.json): the reply comes only when the playback queue drains.
 */
export async function queuedChannel(ctx: HandlerContext): Promise<SimChannel> {
  const channel = requireStasisChannel(ctx);
  if (!ctx.core.playbacks.isIdle(channel)) {
    ctx.core.activity.parked += 1;
    await ctx.core.playbacks.whenIdle(channel);
    ctx.core.activity.parked -= 1;
  }
  if (channel.destroyed) throw notFound('Channel');
  return channel;
}

/** The resource, or the 404 Asterisk sends for its kind. */
export function found<T>(value: T | undefined, what: Parameters<typeof notFound>[0]): T {
  if (value === undefined) throw notFound(what);
  return value;
}
