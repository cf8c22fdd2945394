/**
 * Errors are values in core: every fallible function returns a Result whose error carries a
 * stable dotted code (`dose.above-hard-limit`), the offending field when there is one, and a
 * message a clinician can act on.
 */

export interface CoreError<C extends string = string> {
  /** Stable, dotted, machine-readable code, e.g. `number.leading-decimal-point`. */
  readonly code: C;
  /** Dotted path of the offending input field, e.g. `patient.weightKg`. */
  readonly field?: string;
  /** One sentence that names the field and says how to fix it. */
  readonly message: string;
}

export type Result<T, E = CoreError> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): { readonly ok: true; readonly value: T } => ({ ok: true, value });

export const err = <E>(error: E): { readonly ok: false; readonly error: E } => ({
  ok: false,
  error,
});

/** A non-blocking finding attached to a result (warnings are data, never console output). */
export interface Warning {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}
