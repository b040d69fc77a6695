import type { Handler } from '../../handler';
import { ok } from '../../reply';

export const listChannels: Handler = ({ core }) => ok([...core.ast.channels.values()].filter((c) => !c.destroyed).map((c) => c.snapshot()));
