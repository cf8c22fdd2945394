/**
 * Session and CSRF tokens: 256 random bits each, base64url. Only the SHA-256 of the session token is
 * stored, so a copy of the database does not hand out live sessions.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = '__Host-ketaflow_session';

/**
 * `__Host-` prefix: Secure, Path=/, no Domain (RFC 6265bis §4.1.3.2); HttpOnly against script theft;
 * SameSite=Strict against cross-site requests (T-13).
 */
export const SESSION_COOKIE_OPTIONS = {
  path: '/',
  secure: true,
  httpOnly: true,
  sameSite: 'strict',
} as const;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Constant-time string equality (for the CSRF token). */
export function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
