/**
 * Structural equality of plain data (objects, arrays, Dates, primitives), blind to key order and to
 * keys holding undefined. Duplicate detection needs it: the event store keeps data as jsonb, which
 * reorders keys and drops undefined ones, so a stored value compared by JSON text never equals the
 * same value in a retried command.
 */
export const sameValue = (left: unknown, right: unknown): boolean => {
  if (Object.is(left, right)) return true;
  if (left instanceof Date || right instanceof Date) {
    return left instanceof Date && right instanceof Date && left.getTime() === right.getTime();
  }
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  const a = left as Record<string, unknown>;
  const b = right as Record<string, unknown>;
  const keysOf = (value: Record<string, unknown>) => Object.keys(value).filter((key) => value[key] !== undefined);
  const keys = keysOf(a);
  return keys.length === keysOf(b).length && keys.every((key) => key in b && sameValue(a[key], b[key]));
};
