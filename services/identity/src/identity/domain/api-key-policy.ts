import type { Violation } from './identity.errors';
import { isScope } from './roles';

export const API_KEY_MARK = 'zk';

/** A whole key is `zk_<prefix>_<secret>`: the prefix finds the row, the hash of the whole key proves it. */
export const formatApiKey = (prefix: string, secret: string): string => `${API_KEY_MARK}_${prefix}_${secret}`;

export function parseApiKey(key: string): { prefix: string } | undefined {
  const match = /^zk_([a-z0-9]{8,16})_([A-Za-z0-9_-]{32,64})$/.exec(key);
  return match ? { prefix: match[1]! } : undefined;
}

export function apiKeyViolations(name: string, scopes: readonly string[]): Violation[] {
  const violations: Violation[] = [];
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 100) violations.push({ field: 'name', code: 'INVALID_LENGTH' });
  if (scopes.length === 0) violations.push({ field: 'scopes', code: 'REQUIRED' });
  scopes.forEach((scope, index) => {
    if (!isScope(scope)) violations.push({ field: `scopes[${index}]`, code: 'UNKNOWN_SCOPE' });
  });
  return violations;
}
