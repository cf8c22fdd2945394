/**
 * `node --import tsx scripts/knowledge-lock.ts`: adds every released knowledge file that is not
 * yet in packages/core/knowledge/lock.json, with its SHA-256. Refuses (exit 1, lock unchanged)
 * when a locked file's bytes changed: a released file is immutable, publish a new version.
 * Run Prettier on the file before releasing it, so formatting never changes a locked hash.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseEnvelope, checkKnowledgePath } from '../packages/core/src/knowledge/envelope.ts';
import {
  addReleasedToLock,
  parseLock,
  type LockCandidate,
} from '../packages/core/src/knowledge/lock.ts';

const knowledgeDir = new URL('../packages/core/knowledge/', import.meta.url).pathname;
const lockPath = join(knowledgeDir, 'lock.json');

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.name.endsWith('.json') && path !== lockPath) out.push(path);
  }
  return out.sort();
}

const candidates: LockCandidate[] = [];
const problems: string[] = [];
for (const file of walk(knowledgeDir)) {
  const rel = relative(knowledgeDir, file).split(sep).join('/');
  const bytes = readFileSync(file);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    problems.push(`${rel}: not valid JSON (${String(e)})`);
    continue;
  }
  const envelope = parseEnvelope(json);
  if (!envelope.ok) {
    problems.push(`${rel}: ${envelope.error.message}`);
    continue;
  }
  const pathProblem = checkKnowledgePath(rel, envelope.value);
  if (pathProblem) problems.push(pathProblem.message);
  candidates.push({
    path: rel,
    status: envelope.value.status,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  });
}

if (problems.length > 0) {
  process.stderr.write(`knowledge-lock: fix these files first:\n  ${problems.join('\n  ')}\n`);
  process.exit(1);
}

const lockJson: unknown = existsSync(lockPath) ? JSON.parse(readFileSync(lockPath, 'utf8')) : {};
const lock = parseLock(lockJson);
if (!lock.ok) {
  process.stderr.write(`knowledge-lock: ${lock.error.message}\n`);
  process.exit(1);
}
const result = addReleasedToLock(candidates, lock.value);
if (!result.ok) {
  process.stderr.write(`knowledge-lock: ${result.error.message}\n`);
  process.exit(1);
}
writeFileSync(lockPath, `${JSON.stringify(result.value.lock, null, 2)}\n`);
process.stdout.write(
  result.value.added.length > 0
    ? `knowledge-lock: locked ${result.value.added.join(', ')}\n`
    : 'knowledge-lock: nothing new to lock\n',
);
