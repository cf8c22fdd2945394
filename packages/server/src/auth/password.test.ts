/** Password policy (NIST SP 800-63B §5.1.1.2 as configured in policy.ts) and argon2id parameters. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DomainError } from '../http/errors.ts';
import { commonPasswordCount, isCommonPassword } from './common-passwords.ts';
import {
  checkPasswordPolicy,
  hashParameters,
  hashPassword,
  needsRehash,
  newOneTimePassword,
  verifyPassword,
} from './password.ts';

const SEED = { seed: 20261125, numRuns: 200 };
/** Length in code points, as the policy counts it. */
const codePoints = (text: string): number => Array.from(text).length;

function codeOf(password: string): string | null {
  try {
    checkPasswordPolicy(password, 'body.newPassword');
    return null;
  } catch (error) {
    assert.ok(error instanceof DomainError);
    assert.equal(error.field, 'body.newPassword');
    assert.equal(error.status, 400);
    return error.code;
  }
}

test('fewer than 12 characters (code points) is too short, whatever they are', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 11 }), (password) => {
      fc.pre(codePoints(password) < 12);
      assert.equal(codeOf(password), 'password.too-short');
    }),
    SEED,
  );
  assert.equal(codeOf('😀'.repeat(11)), 'password.too-short', '11 emoji are 11 characters');
  assert.equal(codeOf('😀'.repeat(12)), null, 'and 12 are enough (no composition rules)');
});

test('more than 128 characters is too long', () => {
  assert.equal(codeOf('a quiet lake '.repeat(10)), 'password.too-long');
  assert.equal(codeOf('z'.repeat(127) + 'q'), null);
});

test('12..128 characters pass unless common: no composition rules, spaces and symbols allowed', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', minLength: 12, maxLength: 64 }), (password) => {
      fc.pre(codePoints(password) >= 12 && codePoints(password) <= 128);
      fc.pre(!isCommonPassword(password));
      assert.equal(codeOf(password), null);
    }),
    SEED,
  );
});

test('common passwords are refused in any letter case', () => {
  assert.ok(commonPasswordCount() >= 3000, 'a list of a few thousand');
  for (const common of ['password1234', 'qwertyuiop123', '123456789012', 'iloveyou2024']) {
    assert.equal(codeOf(common), 'password.too-common', common);
  }
  fc.assert(
    fc.property(
      fc.constantFrom('password1234', 'welcome12345', 'letmein12345', 'ketamine2025!'),
      fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
      (word, upper) => {
        const mixed = Array.from(word)
          .map((c, i) => (upper[i] === true ? c.toUpperCase() : c))
          .join('');
        assert.equal(codeOf(mixed), 'password.too-common');
      },
    ),
    SEED,
  );
});

test('a one-time password is 4 groups of 5 unambiguous characters and passes the policy', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i += 1) {
    const password = newOneTimePassword();
    assert.match(password, /^[a-km-np-z2-9]{5}(-[a-km-np-z2-9]{5}){3}$/);
    assert.equal(codeOf(password), null);
    seen.add(password);
  }
  assert.equal(seen.size, 200);
});

test('hashes are argon2id m=46 MiB t=1 p=1 and verify only the right password', async () => {
  const hash = await hashPassword('a long and unusual passphrase');
  assert.deepEqual(hashParameters(hash), { memoryKiB: 47_104, time: 1, parallelism: 1 });
  assert.equal(needsRehash(hash), false);
  assert.equal(await verifyPassword(hash, 'a long and unusual passphrase'), true);
  assert.equal(await verifyPassword(hash, 'a long and unusual passphrasE'), false);
  assert.equal(await verifyPassword('not a hash', 'anything'), false);
});

test('weaker or foreign hashes need a rehash', () => {
  const weak = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaA';
  assert.equal(needsRehash(weak), true);
  assert.equal(needsRehash('$argon2i$v=19$m=65536,t=3,p=1$c29tZXNhbHQ$aGFzaA'), true);
  assert.equal(needsRehash('$2b$12$abcdefghijklmnopqrstuv'), true);
  assert.equal(needsRehash('$argon2id$v=19$m=65536,t=3,p=1$c29tZXNhbHQ$aGFzaA'), false);
});
