/** The parts of schemathesis 4's JSON run report (`--report json`) the spec reads. */
export interface SchemathesisReport {
  readonly schemathesis_version: string;
  readonly seed: number;
  readonly complete: boolean;
  readonly stop_reason: string;
  readonly operations: {
    readonly total: number;
    readonly selected: number;
    readonly tested: number;
    readonly errored: number;
    readonly skipped: number;
  };
  readonly test_cases: { readonly generated: number; readonly with_failures: number; readonly errored: number };
  readonly failures: readonly {
    readonly code: string;
    readonly title: string;
    readonly count: number;
    readonly operations: readonly string[];
  }[];
  readonly errors: readonly unknown[];
  readonly warnings: { readonly missing_auth?: readonly string[] } & Record<string, unknown>;
  readonly auth: { readonly reauth_broke?: boolean };
}

/**
 * Everything that makes the run a failure, one line each: every check that failed, named by its
 * code and operation ("ST101 Server error: GET /api/v1/..."), errors of the tool itself, and a run
 * that did not reach every operation or lost its credential half-way (then the operations that
 * answered only 401/403 were never really fuzzed, and a clean report would prove nothing) —
 * except the operations listed whose only honest answer to generated input is 401.
 */
export function findingsOf(
  report: SchemathesisReport,
  { onlyUnauthorizedByDesign = [] }: { onlyUnauthorizedByDesign?: readonly string[] } = {},
): string[] {
  const failures = report.failures.flatMap((failure) =>
    failure.operations.map((operation) => `${failure.code} ${failure.title}: ${operation}`),
  );
  const errors = report.errors.map((error) => `error: ${JSON.stringify(error).slice(0, 500)}`);
  const coverage = [
    ...(report.complete ? [] : [`the run did not complete (stop reason: ${report.stop_reason})`]),
    ...(report.operations.tested < report.operations.selected
      ? [`only ${report.operations.tested} of ${report.operations.selected} selected operations were tested`]
      : []),
    ...(report.operations.errored > 0 ? [`${report.operations.errored} operations errored`] : []),
    ...(report.test_cases.errored > 0 ? [`${report.test_cases.errored} test cases errored`] : []),
    ...(report.auth.reauth_broke ? ['the credential stopped working during the run'] : []),
    ...(report.warnings.missing_auth ?? [])
      .filter((operation) => !onlyUnauthorizedByDesign.includes(operation))
      .map((operation) => `answered only 401/403, so it was never fuzzed past authentication: ${operation}`),
  ];
  return [...failures, ...errors, ...coverage];
}

/** The FAILURES section of the CLI's output: each failing case with its response and a curl line. */
export function failureDetails(output: string): string {
  const start = output.indexOf('= FAILURES =');
  if (start < 0) return '';
  const end = output.indexOf('= SUMMARY =', start);
  return output.slice(start, end < 0 ? undefined : end).slice(0, 20_000);
}

/** One line on what the run covered, for the CI log. */
export function summaryOf(report: SchemathesisReport): string {
  return (
    `schemathesis ${report.schemathesis_version}, seed ${report.seed}: ${report.test_cases.generated} requests over ` +
    `${report.operations.tested}/${report.operations.total} operations (stop: ${report.stop_reason})`
  );
}
