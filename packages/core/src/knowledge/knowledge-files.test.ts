/**
 * Walks every file under packages/core/knowledge/: each must be a valid envelope stored at
 * `<kind>/<id>@<version>.json`, and every released file must be locked with an unchanged hash.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseEnvelope, checkKnowledgePath } from './envelope.ts';
import { checkLock, parseLock, type LockCandidate } from './lock.ts';

const knowledgeDir = new URL('../../knowledge/', import.meta.url).pathname;
const lockPath = join(knowledgeDir, 'lock.json');

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (path !== lockPath) out.push(path);
  }
  return out.sort();
}

const files = walk(knowledgeDir);
const candidates: LockCandidate[] = [];

for (const file of files) {
  const rel = relative(knowledgeDir, file).split(sep).join('/');
  test(`knowledge file ${rel} is a valid envelope at its canonical path`, () => {
    assert.ok(rel.endsWith('.json'), `${rel}: only .json files belong in the knowledge folder`);
    const bytes = readFileSync(file);
    const envelope = parseEnvelope(JSON.parse(bytes.toString('utf8')));
    assert.ok(envelope.ok, envelope.ok ? '' : `${rel}: ${envelope.error.message}`);
    assert.equal(checkKnowledgePath(rel, envelope.value)?.message, undefined);
    candidates.push({
      path: rel,
      status: envelope.value.status,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  });
}

test('lock.json: every released file is locked and no locked file changed or disappeared', () => {
  assert.equal(
    candidates.length,
    files.length,
    'every knowledge file must parse before the lock check',
  );
  const lock = parseLock(JSON.parse(readFileSync(lockPath, 'utf8')));
  assert.ok(lock.ok, lock.ok ? '' : lock.error.message);
  assert.deepEqual(
    checkLock(candidates, lock.value).map((p) => p.message),
    [],
  );
});
