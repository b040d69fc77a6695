import type { SimCore } from '../sim-core';
import { runCallee } from './callee-runner';
import type { DialTarget } from './legs';
import type { OutboundCall } from './outbound-call';

/** The dial goes out: it is recorded as placed, then the callee's dialplan runs (or nobody is there). */
export function ringCallee(core: SimCore, call: OutboundCall, target: DialTarget): void {
  core.recordPlacedCall({
    channelId: call.caller.id,
    exten: target.exten,
    dialstring: target.dialstring,
    ...(target.callee?.behaviour === undefined ? {} : { behaviour: target.callee.behaviour }),
    variables: Object.fromEntries(call.caller.variables),
  });
  if (!target.callee) return call.unknownExtension();
  call.start();
  runCallee(core.ast, call, target.callee.steps);
}
