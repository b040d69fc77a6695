export const ROLES = ['user', 'moderator', 'support', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/**
 * What a credential may do. An access token carries every scope (the user's roles and project
 * membership decide the rest); an API key carries the scopes it was created with.
 */
export const SCOPES = [
  'projects.read',
  'projects.write',
  'audiences.read',
  'audiences.write',
  'materials.read',
  'materials.write',
  'scenarios.read',
  'scenarios.write',
  'campaigns.read',
  'campaigns.write',
  'reports.read',
  'billing.read',
] as const;
export type Scope = (typeof SCOPES)[number];

export const isScope = (value: string): value is Scope => (SCOPES as readonly string[]).includes(value);
