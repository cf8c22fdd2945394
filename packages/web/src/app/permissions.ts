/**
 * Which screens a role sees. This only hides navigation the role cannot use; the server enforces
 * every permission itself (packages/server/src/access/permissions.ts) and answers 403 otherwise.
 */
import type { RoleName } from '@ketaflow/contract';

const PATIENT_STAFF: readonly RoleName[] = ['admin', 'prescriber', 'nurse', 'coordinator'];

export const canSeePatients = (role: RoleName): boolean => PATIENT_STAFF.includes(role);
export const canSeeAudit = (role: RoleName): boolean => role === 'admin';
export const canManageUsers = (role: RoleName): boolean => role === 'admin';
