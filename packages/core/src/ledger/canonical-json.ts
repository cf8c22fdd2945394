/**
 * Canonical JSON of a ledger entry for hashing: object keys in code-point order at every depth,
 * no whitespace, arrays in their given order, absent optional fields omitted. The same entry
 * always gives the same bytes, whatever order its fields were built in, so the server's hash
 * chain (safety-security.md T-42) is reproducible.
 */
import { err, ok, type Result } from '../result.ts';
import type { LedgerEntry } from './ledger-entry.ts';

function canonical(value: unknown, path: string): Result<string> {
  if (value === null || typeof value === 'boolean' || typeof value === 'string')
    return ok(JSON.stringify(value));
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? ok(JSON.stringify(value))
      : err({
          code: 'ledger.not-serialisable',
          field: path,
          message: `${path} is not a finite number.`,
        });
  }
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (const [i, item] of (value as readonly unknown[]).entries()) {
      const r = canonical(item, `${path}[${i}]`);
      if (!r.ok) return r;
      parts.push(r.value);
    }
    return ok(`[${parts.join(',')}]`);
  }
  if (typeof value === 'object') {
    const record = value as Readonly<Record<string, unknown>>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const item = record[key];
      if (item === undefined) continue;
      const r = canonical(item, path === '' ? key : `${path}.${key}`);
      if (!r.ok) return r;
      parts.push(`${JSON.stringify(key)}:${r.value}`);
    }
    return ok(`{${parts.join(',')}}`);
  }
  return err({
    code: 'ledger.not-serialisable',
    field: path,
    message: `${path} cannot be written as JSON.`,
  });
}

/** The canonical JSON text of an entry (UTF-16 code-point key order; hash its UTF-8 bytes). */
export const canonicalEntryJson = (entry: LedgerEntry): Result<string> => canonical(entry, '');
