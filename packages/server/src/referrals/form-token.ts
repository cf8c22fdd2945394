/**
 * The referral form's anti-robot token: issued when the form is shown, it carries the issue time and
 * an HMAC, so a submission can prove the form was loaded and took at least REFERRAL_MIN_FILL_MS to
 * fill (robots post at once). No third-party captcha. The key lives in the process: after a restart
 * old tokens are refused and the form asks to reload.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const KEY = randomBytes(32);

/** A token older than this is refused (the form asks to reload): 2 hours. */
export const FORM_TOKEN_MAX_AGE_MS = 2 * 60 * 60 * 1000;

const sign = (payload: string): string =>
  createHmac('sha256', KEY).update(payload).digest('base64url');

export function issueFormToken(clinicId: string, now: Date): string {
  const payload = `${clinicId}.${String(now.getTime())}.${randomBytes(8).toString('base64url')}`;
  return `${payload}.${sign(payload)}`;
}

export type FormTokenCheck = 'ok' | 'invalid' | 'too-fast' | 'expired';

/** Checks a token for `clinicId` at `now` with the minimum fill time. */
export function checkFormToken(
  token: string,
  clinicId: string,
  now: Date,
  minFillMs: number,
): FormTokenCheck {
  const cut = token.lastIndexOf('.');
  if (cut < 0) return 'invalid';
  const payload = token.slice(0, cut);
  const given = Buffer.from(token.slice(cut + 1));
  const expected = Buffer.from(sign(payload));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  const [tokenClinic, issued] = payload.split('.');
  if (tokenClinic !== clinicId) return 'invalid';
  const age = now.getTime() - Number(issued);
  if (!Number.isFinite(age) || age < 0) return 'invalid';
  if (age < minFillMs) return 'too-fast';
  if (age > FORM_TOKEN_MAX_AGE_MS) return 'expired';
  return 'ok';
}
