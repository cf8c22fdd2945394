/**
 * The knowledge hash lockfile: `packages/core/knowledge/lock.json` maps each released file's
 * path (relative to the knowledge folder) to its SHA-256. A released file is immutable: a change
 * needs a new version. Hashing and file I/O happen in the caller (test, script); this module only
 * decides.
 */
import { err, ok, type CoreError, type Result } from '../result.ts';
import type { KnowledgeStatus } from './types.ts';

/** Path relative to the knowledge folder → lower-case hex SHA-256 of the file's bytes. */
export type KnowledgeLock = Readonly<Record<string, string>>;

/** One knowledge file as seen on disk. */
export interface LockCandidate {
  readonly path: string;
  readonly status: KnowledgeStatus;
  readonly sha256: string;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Validates the parsed lock.json. */
export function parseLock(raw: unknown): Result<KnowledgeLock> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return err({
      code: 'knowledge.lock-invalid',
      field: 'lock.json',
      message: 'lock.json must be an object of path → sha256.',
    });
  }
  for (const [path, hash] of Object.entries(raw)) {
    if (typeof hash !== 'string' || !SHA256.test(hash)) {
      return err({
        code: 'knowledge.lock-invalid',
        field: `lock.json.${path}`,
        message: `lock.json entry ${path} must be a 64-character lower-case hex SHA-256.`,
      });
    }
  }
  return ok(raw as KnowledgeLock);
}

/**
 * Every released file must be locked with its current hash; every locked file must still exist
 * with the locked hash (whatever its status now says). Returns all violations, empty when clean.
 */
export function checkLock(files: readonly LockCandidate[], lock: KnowledgeLock): CoreError[] {
  const problems: CoreError[] = [];
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (const file of files) {
    const locked = lock[file.path];
    if (locked === undefined) {
      if (file.status === 'released') {
        problems.push({
          code: 'knowledge.released-not-locked',
          field: file.path,
          message: `${file.path} is released but not in lock.json; run node --import tsx scripts/knowledge-lock.ts.`,
        });
      }
    } else if (locked !== file.sha256) {
      problems.push({
        code: 'knowledge.locked-file-changed',
        field: file.path,
        message: `${file.path} changed after release (hash differs from lock.json); restore it and publish the change as a new version.`,
      });
    }
  }
  for (const path of Object.keys(lock)) {
    if (!byPath.has(path)) {
      problems.push({
        code: 'knowledge.locked-file-missing',
        field: path,
        message: `${path} is in lock.json but missing; a released file may not be deleted or renamed.`,
      });
    }
  }
  return problems;
}

/**
 * Adds every released, not yet locked file to the lock. Refuses (and changes nothing) when a
 * locked file's hash differs: released files are immutable.
 */
export function addReleasedToLock(
  files: readonly LockCandidate[],
  lock: KnowledgeLock,
): Result<{ readonly lock: KnowledgeLock; readonly added: readonly string[] }> {
  const changed = files.filter((f) => lock[f.path] !== undefined && lock[f.path] !== f.sha256);
  const first = changed[0];
  if (first !== undefined) {
    return err({
      code: 'knowledge.locked-file-changed',
      field: first.path,
      message: `Refusing to re-lock ${changed.map((f) => f.path).join(', ')}: a released file is immutable; restore it and publish the change as a new version.`,
    });
  }
  const next: Record<string, string> = { ...lock };
  const added: string[] = [];
  for (const f of files) {
    if (f.status === 'released' && lock[f.path] === undefined) {
      next[f.path] = f.sha256;
      added.push(f.path);
    }
  }
  const sorted = Object.fromEntries(
    Object.keys(next)
      .sort()
      .map((k) => [k, next[k] as string]),
  );
  return ok({ lock: sorted, added });
}
