import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataReader } from './data-reader.ts';

test('reads typed values by dotted path and reports the first problem with its full field path', () => {
  const r = new DataReader(
    { a: { b: 2, s: 'x', list: [{ n: 1 }, { n: -1 }] }, flag: true },
    'data',
  );
  assert.equal(r.number('a.b', { positive: true }), 2);
  assert.equal(r.string('a.s'), 'x');
  assert.equal(r.boolean('flag'), true);
  const items = r.at('a').each('list');
  assert.deepEqual(
    items.map((i) => i.number('n')),
    [1, -1],
  );
  assert.deepEqual(r.finish('value'), { ok: true, value: 'value' });
  items[1]?.number('n', { min: 0 });
  r.number('a.missing');
  const result = r.finish('value');
  assert.ok(!result.ok);
  assert.equal(
    result.error.field,
    'data.a.list[1].n',
    'the first problem wins, child readers included',
  );
  assert.equal(result.error.message, 'data.a.list[1].n must be ≥ 0.');
});

test('oneOf, integer and require rules', () => {
  const r = new DataReader({ kind: 'x', n: 1.5 }, 'data');
  assert.equal(r.oneOf('kind', ['a', 'b']), 'a');
  const res = r.finish(null);
  assert.ok(!res.ok);
  assert.equal(res.error.field, 'data.kind');
  const q = new DataReader({ n: 1.5 }, 'd');
  q.number('n', { integer: true });
  q.require(false, 'n', 'is wrong.');
  const res2 = q.finish(null);
  assert.ok(!res2.ok);
  assert.equal(res2.error.message, 'd.n must be a whole number.');
});
