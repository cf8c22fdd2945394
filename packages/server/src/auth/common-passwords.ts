/**
 * The list of common passwords new passwords are checked against (case-insensitively), shipped as
 * common-passwords.txt beside this file; its header says where it comes from. Loaded once, on first use.
 */
import { readFileSync } from 'node:fs';

let list: ReadonlySet<string> | null = null;

function load(): ReadonlySet<string> {
  const text = readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8');
  return new Set(
    text
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => line.trim().toLowerCase()),
  );
}

export function isCommonPassword(password: string): boolean {
  list ??= load();
  return list.has(password.toLowerCase());
}

/** Number of entries (for tests and the operator guide). */
export function commonPasswordCount(): number {
  list ??= load();
  return list.size;
}
