import type { Bridge } from '@zvonar/ari-model';
import type { Asterisk } from './asterisk';
import type { SimChannel } from './sim-channel';

interface SimBridge {
  id: string;
  type: string;
  name: string;
  channels: SimChannel[];
  creationtime: string;
  apps: Set<string>;
}

/** Stasis mixing bridges: no BridgeCreated event, BRIDGEPEER bookkeeping, BridgeDestroyed. */
export class BridgeRegistry {
  private readonly bridges = new Map<string, SimBridge>();

  constructor(private readonly ast: Asterisk) {
    ast.onTeardown((channel) => {
      const bridge = channel.bridgeId === undefined ? undefined : this.bridges.get(channel.bridgeId);
      if (bridge) this.removeChannel(bridge.id, channel);
    });
  }

  has(id: string): boolean {
    return this.bridges.has(id);
  }

  get(id: string): Bridge | undefined {
    const bridge = this.bridges.get(id);
    return bridge && snapshot(bridge);
  }

  list(): Bridge[] {
    return [...this.bridges.values()].map(snapshot);
  }

  create(id: string, type: string, name: string): Bridge {
    const bridge: SimBridge = { id, type, name, channels: [], creationtime: this.ast.timestamp(), apps: new Set() };
    this.bridges.set(id, bridge);
    return snapshot(bridge);
  }

  addChannel(id: string, channel: SimChannel): void {
    const bridge = this.bridges.get(id);
    if (!bridge || bridge.channels.includes(channel)) return;
    if (channel.bridgeId !== undefined) this.removeChannel(channel.bridgeId, channel);
    bridge.channels.push(channel);
    channel.bridgeId = id;
    if (channel.subscribedApp) bridge.apps.add(channel.subscribedApp);
    this.ast.emit(channel, { type: 'ChannelEnteredBridge', bridge: snapshot(bridge), channel: channel.snapshot() });
    const [first, second] = bridge.channels;
    if (bridge.channels.length === 2 && first && second) {
      this.ast.setVariable(first, 'BRIDGEPEER', second.name);
      this.ast.setVariable(second, 'BRIDGEPEER', first.name);
    }
  }

  removeChannel(id: string, channel: SimChannel): boolean {
    const bridge = this.bridges.get(id);
    if (!bridge || !bridge.channels.includes(channel)) return false;
    if (channel.variables.get('BRIDGEPEER')) this.ast.setVariable(channel, 'BRIDGEPEER', '');
    bridge.channels = bridge.channels.filter((c) => c !== channel);
    channel.bridgeId = undefined;
    this.ast.emit(channel, { type: 'ChannelLeftBridge', bridge: snapshot(bridge), channel: channel.snapshot() });
    return true;
  }

  destroy(id: string): boolean {
    const bridge = this.bridges.get(id);
    if (!bridge) return false;
    for (const channel of [...bridge.channels]) this.removeChannel(id, channel);
    this.bridges.delete(id);
    for (const app of bridge.apps) this.ast.hub.emit(app, { type: 'BridgeDestroyed', bridge: snapshot(bridge) });
    return true;
  }
}

function snapshot(bridge: SimBridge): Bridge {
  return {
    id: bridge.id,
    technology: bridge.channels.length > 2 ? 'softmix' : 'simple_bridge',
    bridge_type: bridge.type,
    bridge_class: 'stasis',
    creator: 'Stasis',
    name: bridge.name,
    channels: bridge.channels.map((c) => c.id),
    creationtime: bridge.creationtime,
    video_mode: 'talker',
  };
}
