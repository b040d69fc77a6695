import { z } from 'zod';

/**
 * A protobuf Timestamp as the gRPC client hands it over (a Date where ts-proto's wrapper is
 * registered, `{seconds, nanos}` where it is not) → ISO 8601; null when unset.
 */
export function isoTime(value: unknown): string | null {
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object' && 'seconds' in value) {
    const { seconds, nanos } = value as { seconds: number | string; nanos?: number };
    return new Date(Number(seconds) * 1000 + Math.floor((nanos ?? 0) / 1e6)).toISOString();
  }
  return null;
}

/** A proto enum value → the REST spelling: `SCENARIO_STATUS_ACTIVE` with prefix `SCENARIO_STATUS_` → `active`. */
export const enumName = (value: string, prefix: string): string => value.replace(prefix, '').toLowerCase();

/** The REST spelling back to the proto enum value. */
export const enumValue = <E extends string>(name: string, prefix: string): E => `${prefix}${name.toUpperCase()}` as E;

/** ISO 8601 date-time in responses. */
export const dateTime = () => z.string().meta({ format: 'date-time' });

/** A UUID path parameter or field. */
export const id = (description: string) => z.string().min(1).max(100).describe(description);

/** A JSON document the services keep as text (scenario graphs), exposed as an object. */
export const jsonObject = (description: string) => z.record(z.string(), z.unknown()).describe(description);

/** Parses JSON text from a service; an empty string is null. */
export const parseJson = (text: string): unknown => (text === '' ? null : (JSON.parse(text) as unknown));
