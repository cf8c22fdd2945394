/**
 * TOTP second factor (RFC 6238: SHA-1, 6 digits, 30-second steps) with otplib. Secrets are 20 random
 * bytes (160 bits, RFC 4226 §4 recommends it; at least 16). A code is accepted once: the last accepted
 * time step is stored and only later steps pass (T-16, no replay inside the window).
 */
import { generate, generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { TOTP_ISSUER } from './policy.ts';

const SECRET_BYTES = 20;
/** One step of clock drift either way (RFC 6238 §5.2 recommends at most one step of tolerance). */
const DRIFT_SECONDS = 30;
/** RFC 6238's time step (otplib's default): codes, and the once-only rule, go by it. */
export const TOTP_STEP_MS = 30_000;

/** The RFC 6238 time step `now` falls in (the number `acceptTotp` returns and stores). */
export const totpStep = (now: Date): number => Math.floor(now.getTime() / TOTP_STEP_MS);

export function newTotpSecret(): string {
  return generateSecret({ length: SECRET_BYTES });
}

/**
 * Checks a code at `now`. Returns the accepted time step, or null when the code is wrong or its step
 * is not after `afterStep` (a replay).
 */
export async function acceptTotp(input: {
  secret: string;
  code: string;
  now: Date;
  afterStep: number | null;
}): Promise<number | null> {
  const result = await verify({
    secret: input.secret,
    token: input.code,
    epoch: Math.floor(input.now.getTime() / 1000),
    epochTolerance: DRIFT_SECONDS,
    ...(input.afterStep === null ? {} : { afterTimeStep: input.afterStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** The code an authenticator app shows at `now` (tests and the demo). */
export function totpCode(secret: string, now: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(now.getTime() / 1000) });
}

export async function enrolmentFor(
  secret: string,
  email: string,
): Promise<{ secret: string; otpauthUri: string; qrCodePngDataUrl: string }> {
  const otpauthUri = generateURI({ issuer: TOTP_ISSUER, label: email, secret });
  const qrCodePngDataUrl = await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M' });
  return { secret, otpauthUri, qrCodePngDataUrl };
}
