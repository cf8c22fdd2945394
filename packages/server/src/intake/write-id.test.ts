import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../http/errors.ts';
import { isReplay, requestHash } from './write-id.ts';

test('the request hash ignores key order and undefined fields, not values', () => {
  const a = requestHash('k', 't', { x: 1, y: { b: [1, 2], a: 'z' } });
  assert.equal(a, requestHash('k', 't', { y: { a: 'z', b: [1, 2] }, x: 1, w: undefined }));
  assert.notEqual(a, requestHash('k', 't', { x: 1, y: { b: [2, 1], a: 'z' } }));
  assert.notEqual(a, requestHash('k', 'other-target', { x: 1, y: { b: [1, 2], a: 'z' } }));
  assert.notEqual(a, requestHash('other-kind', 't', { x: 1, y: { b: [1, 2], a: 'z' } }));
});

test('isReplay: new write, replay, or 409 key reused', () => {
  assert.equal(isReplay(undefined, 'h'), false);
  assert.equal(isReplay({ requestHash: 'h' }, 'h'), true);
  assert.throws(
    () => isReplay({ requestHash: 'h' }, 'other'),
    (e: unknown) =>
      e instanceof DomainError && e.status === 409 && e.code === 'idempotency.key-reused',
  );
});
