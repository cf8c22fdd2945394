/**
 * The security parameters of sign-in and sessions, each with its source. These are security policy,
 * not clinical data, so they live here as named constants rather than in knowledge files.
 */

/**
 * Idle timeout: a session ends after 30 minutes without a request. NIST SP 800-63B §4.2.3 (AAL2)
 * allows at most 30 minutes of inactivity; safety-security.md T-13.
 * @see https://pages.nist.gov/800-63-3/sp800-63b.html#aal2reauth
 */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;

/** Absolute session lifetime: 12 hours after sign-in (NIST SP 800-63B §4.2.3; T-13). */
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;

/**
 * `last_seen_at` is written at most this often, so an ordinary request costs no extra write; the idle
 * timeout is therefore exact to within this margin (in the user's favour by at most 15 s).
 */
export const LAST_SEEN_WRITE_INTERVAL_MS = 15 * 1000;

/** Consecutive failed sign-ins (password or one-time code) that lock the account (T-14a). */
export const LOCKOUT_THRESHOLD = 10;

/**
 * Progressive delay (T-14a): from the 5th consecutive failed password of an account the answer is held
 * FAILURE_DELAY_BASE_MS, doubling with each further failure up to FAILURE_DELAY_MAX_MS (1, 2, 4, 8,
 * 16 s), so guessing slows down well before the lockout at 10 without locking anyone out sooner.
 */
export const FAILURE_DELAY_FROM = 5;
export const FAILURE_DELAY_BASE_MS = 1_000;
export const FAILURE_DELAY_MAX_MS = 16_000;

/** How long a lockout lasts; temporary, and an admin may lift it earlier (T-14a, T-14c). */
export const LOCKOUT_DURATION_MS = 15 * 60 * 1000;

/**
 * Per-IP limit on each auth route: 60 requests per minute (T-14b, Medplum's figure); answered with
 * 429 and Retry-After.
 */
export const AUTH_RATE_LIMIT = { max: 60, timeWindow: 60_000 } as const;

/** Password length bounds (NIST SP 800-63B §5.1.1.2: at least 8, allow at least 64; we ask 12..128). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** Roles that must pass a second factor before reaching any clinic data (T-16). */
export const MFA_REQUIRED_ROLES: readonly string[] = ['admin', 'prescriber'];

/** The issuer shown in authenticator apps. */
export const TOTP_ISSUER = 'Ketaflow';
