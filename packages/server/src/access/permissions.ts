/**
 * The permission map: which role may do what. Default deny — a permission not listed for a role is
 * refused. Checked in the data layer (scope.ts), never hand-rolled in route handlers. Feature folders
 * add their permissions here, so the whole policy reads in one place.
 */
import { ROLES } from '../users/schema.ts';

export type Role = (typeof ROLES)[number];
export { ROLES };

const STAFF_CLINICAL = ['admin', 'prescriber', 'nurse', 'coordinator'] as const;

export const PERMISSIONS = {
  /** Read demographics of any patient of the clinic. */
  'patient.read': STAFF_CLINICAL,
  /** A patient account reads its own record (actor.patientId) and nothing else. */
  'patient.read-own': ['patient'],
  /** Create and update patient demographics. */
  'patient.write': STAFF_CLINICAL,
  /** Browse the audit trail. */
  'audit.read': ['admin'],
  /** Create users, change roles, disable users, end their sessions. */
  'user.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function roleHas(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
