/**
 * A schemathesis.toml that makes path ids real part of the time: each named path parameter takes
 * one of `values` with `probability`, otherwise a generated value. Random ids alone only ever
 * reach "404 not found"; real ones carry the requests into the services (validation, state
 * conflicts, successful answers and their schemas).
 */
export function schemathesisConfig(pathValues: Record<string, readonly string[]>, probability: number): string {
  const lines: string[] = [];
  for (const [name, values] of Object.entries(pathValues)) {
    lines.push(`[dictionaries.${name}]`, `values = [${values.map((value) => JSON.stringify(value)).join(', ')}]`, '');
  }
  lines.push('[parameters]');
  for (const name of Object.keys(pathValues)) {
    lines.push(`"path.${name}" = { dictionary = "${name}", probability = ${probability} }`);
  }
  return `${lines.join('\n')}\n`;
}
