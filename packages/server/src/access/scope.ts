/**
 * The request's authority in the data layer. Repositories take a Scope and call `require` before
 * touching data and filter every query by `clinicId` (and `patientId` for patient accounts).
 */
import { forbidden } from '../http/errors.ts';
import type { Actor } from './actor.ts';
import { roleHas, type Permission } from './permissions.ts';

export class Scope {
  constructor(readonly actor: Actor) {}

  get clinicId(): string {
    return this.actor.clinicId;
  }

  get userId(): string {
    return this.actor.userId;
  }

  can(permission: Permission): boolean {
    return roleHas(this.actor.role, permission);
  }

  /** Throws a 403 DomainError (audited as denied by the error handler) unless the role has it. */
  require(permission: Permission): void {
    if (!this.can(permission)) throw forbidden(permission);
  }
}
