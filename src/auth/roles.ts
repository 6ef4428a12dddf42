/**
 * Roles and what they may do. Enforced by the API on every call; the dashboard only mirrors it.
 * Content (prompts, responses) is readable by the security analyst alone: not even admin, so
 * that operating Sightline does not imply reading what users asked.
 */
export const ROLES = ['admin', 'analyst', 'ml_platform', 'finops', 'auditor', 'ingest', 'app'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'events:write',
  'events:read',
  'content:read',
  'alerts:read',
  'alerts:write',
  'actions:write',
  'rules:read',
  'rules:write',
  'keys:manage',
  'audit:read',
  'config:write',
  'gateway:invoke',
  'costs:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: [
    'events:read',
    'events:write',
    'alerts:read',
    'alerts:write',
    'actions:write',
    'rules:read',
    'rules:write',
    'keys:manage',
    'audit:read',
    'config:write',
    'costs:read',
  ],
  analyst: [
    'events:read',
    'content:read',
    'alerts:read',
    'alerts:write',
    'actions:write',
    'rules:read',
    'costs:read',
  ],
  ml_platform: ['events:read', 'alerts:read', 'rules:read', 'costs:read'],
  finops: ['events:read', 'costs:read'],
  auditor: ['audit:read', 'events:read', 'rules:read'],
  ingest: ['events:write'],
  app: ['gateway:invoke'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return GRANTS[role];
}
