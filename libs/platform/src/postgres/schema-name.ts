/**
 * Schema names go into SQL text (search_path, CREATE SCHEMA), where parameters are not allowed;
 * so only plain lower-case identifiers are accepted and nothing needs quoting.
 */
export function assertSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`Invalid schema name "${schema}": use lower-case letters, digits and _ (max 63)`);
  }
  return schema;
}
