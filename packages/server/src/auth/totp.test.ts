import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptTotp, newTotpSecret, TOTP_STEP_MS, totpCode, totpStep } from './totp.ts';

test('totpStep numbers steps as acceptTotp stores them, and a stored step is not accepted again', async () => {
  const secret = newTotpSecret();
  // The last millisecond of a step and the first of the next (RFC 6238: T = floor(unix / 30 s)).
  const end = new Date(1_800_000_000_000 + TOTP_STEP_MS - 1);
  const next = new Date(end.getTime() + 1);
  assert.equal(totpStep(next), totpStep(end) + 1);
  const step = await acceptTotp({
    secret,
    code: await totpCode(secret, end),
    now: end,
    afterStep: null,
  });
  assert.equal(step, totpStep(end));
  const replay = await acceptTotp({
    secret,
    code: await totpCode(secret, end),
    now: end,
    afterStep: step,
  });
  assert.equal(replay, null, 'the same step is refused once stored');
  const later = await acceptTotp({
    secret,
    code: await totpCode(secret, next),
    now: next,
    afterStep: step,
  });
  assert.equal(later, totpStep(next));
});
