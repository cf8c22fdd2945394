/**
 * Authenticator codes for ledger witnesses in the browser tests (safety-security.md T-44: a witness
 * signs with password + MFA). A code is accepted once per 30-second step (the server stores the last
 * step it took), so the code typed is one the running server has not seen: the current step's, or
 * the next one's when the current one is spent (the server allows one step of clock drift, RFC 6238
 * §5.2), and otherwise the test waits for the server's clock to move on.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { findUserById, updateUser } from '@ketaflow/server/auth/repository';
import { newTotpSecret, TOTP_STEP_MS, totpCode, totpStep } from '@ketaflow/server/auth/totp';
import type { E2e } from './harness.ts';

/**
 * Gives an existing user an authenticator app, as a finished enrolment leaves it (the set-up screen
 * itself is exercised in session.test.ts). Their API sessions that did not pass a second factor then
 * need one: call this after the fixtures used them.
 */
export async function giveAuthenticator(e2e: E2e, userId: string): Promise<string> {
  const secret = newTotpSecret();
  await updateUser(e2e.app.database.db, userId, { mfaSecret: secret, mfaLastStep: null });
  return secret;
}

/** A code of `secret` the server takes from `userId` now (see the module comment). */
export async function witnessCode(e2e: E2e, userId: string, secret: string): Promise<string> {
  for (;;) {
    const user = await findUserById(e2e.app.database.db, userId);
    const lastStep = user?.mfaLastStep ?? null;
    const nowMs = e2e.app.clock.now().getTime();
    const step = totpStep(new Date(nowMs));
    if (lastStep === null || lastStep < step) return totpCode(secret, new Date(nowMs));
    if (lastStep === step) return totpCode(secret, new Date(nowMs + TOTP_STEP_MS));
    await sleep(TOTP_STEP_MS - (nowMs % TOTP_STEP_MS) + 100);
  }
}
