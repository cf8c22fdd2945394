import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addReleasedToLock, checkLock, parseLock, type LockCandidate } from './lock.ts';

const h = (c: string): string => c.repeat(64);
const released = (path: string, sha256: string): LockCandidate => ({
  path,
  status: 'released',
  sha256,
});

test('parseLock accepts path → sha256 and rejects anything else', () => {
  assert.ok(parseLock({ 'a/b@1.0.0.json': h('a') }).ok);
  assert.equal(parseLock({ 'a/b@1.0.0.json': 'xyz' }).ok, false);
  assert.equal(parseLock([]).ok, false);
});

test('checkLock flags unlocked released files, changed hashes and deleted locked files', () => {
  const files = [
    released('p/a@1.0.0.json', h('a')),
    released('p/b@1.0.0.json', h('b')),
    { path: 'p/c@1.0.0.json', status: 'draft' as const, sha256: h('c') },
  ];
  assert.deepEqual(checkLock(files, { 'p/a@1.0.0.json': h('a'), 'p/b@1.0.0.json': h('b') }), []);
  const codes = checkLock(files, { 'p/a@1.0.0.json': h('f'), 'p/gone@1.0.0.json': h('d') }).map(
    (p) => `${p.code} ${p.field ?? ''}`,
  );
  assert.deepEqual(codes.sort(), [
    'knowledge.locked-file-changed p/a@1.0.0.json',
    'knowledge.locked-file-missing p/gone@1.0.0.json',
    'knowledge.released-not-locked p/b@1.0.0.json',
  ]);
});

test('a locked file stays checked even if its status is edited back to draft', () => {
  const problems = checkLock([{ path: 'p/a@1.0.0.json', status: 'draft', sha256: h('b') }], {
    'p/a@1.0.0.json': h('a'),
  });
  assert.equal(problems[0]?.code, 'knowledge.locked-file-changed');
});

test('addReleasedToLock adds only new released files, sorted, and never drafts', () => {
  const r = addReleasedToLock(
    [
      released('p/z@1.0.0.json', h('z')),
      released('p/a@1.0.0.json', h('a')),
      { path: 'p/d@1.0.0.json', status: 'draft', sha256: h('d') },
    ],
    { 'p/a@1.0.0.json': h('a') },
  );
  assert.ok(r.ok);
  assert.deepEqual(r.value.added, ['p/z@1.0.0.json']);
  assert.deepEqual(Object.keys(r.value.lock), ['p/a@1.0.0.json', 'p/z@1.0.0.json']);
});

test('addReleasedToLock refuses to change the hash of a locked file', () => {
  const r = addReleasedToLock([released('p/a@1.0.0.json', h('b'))], { 'p/a@1.0.0.json': h('a') });
  assert.ok(!r.ok);
  assert.equal(r.error.code, 'knowledge.locked-file-changed');
});
