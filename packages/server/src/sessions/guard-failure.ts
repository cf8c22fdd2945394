/**
 * A refused guard: answered 422 with the evidence (409 when the same request can succeed later,
 * e.g. a discharge before the minimum observation), nothing written but the audit event. Its own
 * module because core's guards, the server's transition guards and the cap checks all return it.
 */
export interface GuardFailure {
  readonly status?: 409 | 422;
  readonly code: string;
  readonly message: string;
  readonly field?: string;
  readonly evidence?: unknown;
}
