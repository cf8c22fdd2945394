/**
 * Password hashing and policy. argon2id with m = 46 MiB (47 104 KiB), t = 1, p = 1: the first
 * configuration of the OWASP Password Storage Cheat Sheet and the minimum of OWASP ASVS 5.0
 * Appendix C (safety-security.md T-15). Hashes weaker than this are upgraded at the next sign-in.
 * Policy (NIST SP 800-63B §5.1.1.2): 12 to 128 characters, no composition rules, not a common password.
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html
 */
import { hash, verify, type Options } from '@node-rs/argon2';
import { randomInt } from 'node:crypto';
import { DomainError } from '../http/errors.ts';
import { isCommonPassword } from './common-passwords.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './policy.ts';

/** `algorithm: 2` is Algorithm.Argon2id (a const enum, which isolated modules cannot read). */
export const ARGON2_PARAMS = {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- see above.
  algorithm: 2,
  memoryCost: 47_104,
  timeCost: 1,
  parallelism: 1,
} as const satisfies Options;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a random password, verified against when the email is unknown so that an unknown email
 * and a wrong password take the same time (T-14).
 */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(`dummy-${String(randomInt(1, 2 ** 40))}-never-matches`);
  return dummyHash;
}

/** The argon2 parameters of a PHC string, or null when it is not argon2id. */
export function hashParameters(
  passwordHash: string,
): { memoryKiB: number; time: number; parallelism: number } | null {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(passwordHash);
  if (match === null) return null;
  return { memoryKiB: Number(match[1]), time: Number(match[2]), parallelism: Number(match[3]) };
}

/** True when the hash is weaker than the current parameters (upgrade it at sign-in). */
export function needsRehash(passwordHash: string): boolean {
  const parameters = hashParameters(passwordHash);
  return (
    parameters === null ||
    parameters.memoryKiB < ARGON2_PARAMS.memoryCost ||
    parameters.time < ARGON2_PARAMS.timeCost
  );
}

/** Length in Unicode code points, as NIST 800-63B counts characters. */
const lengthOf = (text: string): number => Array.from(text).length;

/**
 * Rejects a new password that breaks the policy, naming the field. Never repairs it (no trimming).
 * @param field the request field, e.g. `body.newPassword`
 */
export function checkPasswordPolicy(password: string, field: string): void {
  const length = lengthOf(password);
  if (length < PASSWORD_MIN_LENGTH) {
    throw new DomainError(
      'password.too-short',
      400,
      `Use at least ${PASSWORD_MIN_LENGTH} characters; a few unrelated words make a good password.`,
      field,
    );
  }
  if (length > PASSWORD_MAX_LENGTH) {
    throw new DomainError(
      'password.too-long',
      400,
      `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
      field,
    );
  }
  if (isCommonPassword(password)) {
    throw new DomainError(
      'password.too-common',
      400,
      'This password is on a list of commonly used passwords; choose another.',
      field,
    );
  }
}

const ONE_TIME_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/**
 * A one-time password for a new account: 4 groups of 5 characters from 32 unambiguous symbols
 * (100 bits), e.g. `k7m2q-…`. The user must replace it at first sign-in.
 */
export function newOneTimePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g += 1) {
    let group = '';
    for (let i = 0; i < 5; i += 1)
      group += ONE_TIME_ALPHABET.charAt(randomInt(ONE_TIME_ALPHABET.length));
    groups.push(group);
  }
  return groups.join('-');
}
