import { z } from 'zod';

// Building blocks for configuration schemas. Every value in the environment is a string; these
// turn it into the type a service wants and say, in words an operator understands, what is wrong.

/** A TCP port; 0 asks the OS for a free one. */
export const envPort = () =>
  z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be 0..65535')
    .max(65535, 'must be 0..65535');

/** A positive whole number of milliseconds. */
export const envMilliseconds = () =>
  z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number')
    .min(0, 'must not be negative');

/** A positive whole number (pool sizes, concurrency limits). */
export const envPositiveInt = () =>
  z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1');

/** An absolute URL whose scheme is one of `protocols` (without the colon). */
export const envUrl = (...protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.length === 0 || protocols.includes(new URL(value).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    },
    {
      error: `must be a URL${protocols.length ? ` starting with ${protocols.map((p) => `${p}://`).join(' or ')}` : ''}`,
    },
  );

/** `true`/`false`/`1`/`0`/`yes`/`no`, any case. */
export const envBoolean = () =>
  z
    .string()
    .toLowerCase()
    .refine((value) => ['true', 'false', '1', '0', 'yes', 'no'].includes(value), { error: 'must be true or false' })
    .transform((value) => ['true', '1', 'yes'].includes(value));

/** A comma-separated list, trimmed, without empty items (`KAFKA_BROKERS=a:9092, b:9092`). */
export const envList = () =>
  z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .refine((items) => items.length > 0, { error: 'must list at least one item' });

/** A loopback or wildcard listen address. */
export const envHost = () => z.string().regex(/^[\w.:-]+$/, 'must be a host name or IP address');
