/** The authenticated user as the data layer sees them: one clinic, one role, at a time. */
import type { Role } from './permissions.ts';

export interface Actor {
  readonly userId: string;
  readonly role: Role;
  /** The active clinic (clinic switcher); every query is scoped to it. */
  readonly clinicId: string;
  /** For the patient role: the only patient record this account may see. */
  readonly patientId: string | null;
}
