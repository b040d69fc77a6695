import { conflict } from '../../ari-error';
import type { Handler } from '../../handler';
import { ok } from '../../reply';

/** POST /bridges and POST /bridges/{bridgeId}: 200 and no BridgeCreated event. */
export const createBridge: Handler = ({ core, params, path }) => {
  const id = path['bridgeId'] ?? params.get('bridgeId') ?? core.newResourceId();
  if (core.bridges.has(id)) throw conflict(`Bridge with id '${id}' already exists`);
  return ok(core.bridges.create(id, params.get('type') ?? 'mixing', params.get('name') ?? ''));
};
