import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { GENESIS_HASH } from './chain.ts';
import { walkChain, type ChainWalk } from './walk-chain.ts';

interface Row {
  seq: number;
  prevHash: string;
  hash: string;
  content: string;
}

const hashOf = (prevHash: string, content: string): string =>
  createHash('sha256').update(`${prevHash}|${content}`).digest('hex');

/** A sound chain of n links whose contents are "c1" … "cn". */
function chainOf(n: number): Row[] {
  const rows: Row[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq += 1) {
    const content = `c${String(seq)}`;
    const hash = hashOf(prevHash, content);
    rows.push({ seq, prevHash, hash, content });
    prevHash = hash;
  }
  return rows;
}

/** Walks rows as a table would serve them (seq order, from a seq, at most `limit`); counts reads. */
function walkOf(rows: readonly Row[], extra: Partial<ChainWalk<Row, 'flagged'>> = {}) {
  const reads: number[] = [];
  const walk: ChainWalk<Row, 'flagged'> = {
    batch: (fromSeq, limit) => {
      reads.push(fromSeq);
      return Promise.resolve(
        [...rows]
          .sort((a, b) => a.seq - b.seq)
          .filter((r) => r.seq >= fromSeq)
          .slice(0, limit),
      );
    },
    link: (row) => row,
    contentHash: (prevHash, row) => hashOf(prevHash, row.content),
    name: (seq) => `link ${String(seq)}`,
    predecessor: (seq) => `link ${String(seq)}`,
    ...extra,
  };
  return { walk, reads };
}

test('a sound chain, longer than one batch, walks to its end with its last hash', async () => {
  const rows = chainOf(5_003);
  const { walk, reads } = walkOf(rows);
  const result = await walkChain(walk);
  assert.deepEqual(result, { ok: true, length: 5_003, headHash: rows.at(-1)?.hash });
  assert.deepEqual(reads, [1, 5_001], 'the second batch starts after the first');
});

test('an empty chain is sound and ends at the genesis hash', async () => {
  assert.deepEqual(await walkChain(walkOf([]).walk), {
    ok: true,
    length: 0,
    headHash: GENESIS_HASH,
  });
});

test('a deleted link is a gap at its number, after the links before it', async () => {
  const rows = chainOf(6).filter((r) => r.seq !== 4);
  assert.deepEqual(await walkChain(walkOf(rows).walk), {
    ok: false,
    verified: 3,
    seq: 4,
    problem: 'gap',
    message: 'link 4 is missing (next present is 5)',
  });
});

test('a deleted link across the batch boundary is still a gap', async () => {
  const rows = chainOf(5_002).filter((r) => r.seq !== 5_001);
  const result = await walkChain(walkOf(rows).walk);
  if (result.ok) assert.fail('the gap was not found');
  assert.deepEqual([result.seq, result.problem, result.verified], [5_001, 'gap', 5_000]);
});

test('two links swapped: the first out of place does not follow its predecessor', async () => {
  const rows = chainOf(5);
  const [third, fourth] = [rows[2], rows[3]];
  assert.ok(third !== undefined && fourth !== undefined);
  rows[2] = { ...fourth, seq: 3 };
  rows[3] = { ...third, seq: 4 };
  assert.deepEqual(await walkChain(walkOf(rows).walk), {
    ok: false,
    verified: 2,
    seq: 3,
    problem: 'prev-hash-mismatch',
    message: 'link 3 does not follow link 2 (moved, inserted or predecessor changed)',
  });
});

test('an edited link no longer matches its hash', async () => {
  const rows = chainOf(5).map((r) => (r.seq === 2 ? { ...r, content: 'changed' } : r));
  assert.deepEqual(await walkChain(walkOf(rows).walk), {
    ok: false,
    verified: 1,
    seq: 2,
    problem: 'content-hash-mismatch',
    message: 'link 2 was altered after it was written',
  });
});

test("the caller's own check runs on every sound link and stops the walk at the first it flags", async () => {
  const checked: number[] = [];
  const { walk } = walkOf(chainOf(5), {
    check: (_row, seq) => {
      checked.push(seq);
      return seq === 3 ? { problem: 'flagged', message: 'link 3 is flagged' } : undefined;
    },
  });
  assert.deepEqual(await walkChain(walk), {
    ok: false,
    verified: 2,
    seq: 3,
    problem: 'flagged',
    message: 'link 3 is flagged',
  });
  assert.deepEqual(checked, [1, 2, 3]);
});
