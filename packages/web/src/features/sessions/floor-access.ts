/**
 * Which clinic-floor screens a role sees (mirrors board.read / session.read / course.read and
 * ledger.read in the server's permission map; the server enforces them and answers 403 otherwise).
 */
import type { RoleName } from '@ketaflow/contract';

const FLOOR_STAFF: readonly RoleName[] = ['prescriber', 'nurse', 'coordinator'];
const LEDGER_STAFF: readonly RoleName[] = ['admin', 'prescriber', 'nurse'];

export const canSeeFloor = (role: RoleName): boolean => FLOOR_STAFF.includes(role);
export const canSeeLedger = (role: RoleName): boolean => LEDGER_STAFF.includes(role);
