import { z } from 'zod';
import { ConfigError, type ConfigProblem } from './config.error';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Parses the environment with a zod object whose keys are variable names. Collects every
 * problem and throws one ConfigError naming each variable; never returns a partial config.
 *
 * @example
 * const config = loadConfig(z.object({ DATABASE_URL: envUrl('postgres') }), process.env, 'billing');
 */
export function loadConfig<S extends z.ZodObject>(schema: S, env: Env, service = 'service'): z.output<S> {
  // Empty strings come from `FOO=` in env files and Helm values; treating them as unset makes
  // defaults apply and "required" read as required instead of "invalid".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(
    service,
    result.error.issues.map((issue) => describe(issue, present)),
  );
}

function describe(issue: z.core.$ZodIssue, env: Env): ConfigProblem {
  const variable = issue.path.map(String).join('.') || '(environment)';
  if (env[variable] === undefined && issue.code === 'invalid_type')
    return { variable, problem: 'is required but not set' };
  return { variable, problem: issue.message };
}
