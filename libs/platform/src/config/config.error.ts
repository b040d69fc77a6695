/** One environment variable that is missing or malformed, and why. */
export interface ConfigProblem {
  readonly variable: string;
  readonly problem: string;
}

/**
 * Every configuration problem found at boot, at once: an operator fixing a Helm values file
 * should not have to redeploy once per missing variable.
 */
export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(
      [`${service}: invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'})`]
        .concat(problems.map(({ variable, problem }) => `  ${variable}: ${problem}`))
        .join('\n'),
    );
    this.name = 'ConfigError';
  }
}
