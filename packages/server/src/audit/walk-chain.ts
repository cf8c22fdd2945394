/**
 * Walks one hash chain in sequence order, a batch of links at a time, and stops at its first broken
 * link: a gap in the sequence (a link deleted or inserted), a predecessor hash that is not the
 * previous link's hash (links reordered or moved), or a link whose content no longer hashes to its
 * stored hash (edited). The audit trail's verifier (verify.ts) and the controlled-substance ledger's
 * (ledger/verify.ts) both walk their chains with it; each reads and hashes its own rows, names its
 * links, and may add checks of its own.
 */
import { GENESIS_HASH } from './chain.ts';

/** What every link of a chain stores besides its content. */
export interface ChainLink {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

export type LinkProblem = 'gap' | 'prev-hash-mismatch' | 'content-hash-mismatch';

export interface ChainWalk<Row, Problem extends string> {
  /** Up to `limit` rows whose seq is at least `fromSeq`, in seq order. */
  readonly batch: (fromSeq: number, limit: number) => Promise<readonly Row[]>;
  readonly link: (row: Row) => ChainLink;
  /** The hash the row's content has when chained after `prevHash`. */
  readonly contentHash: (prevHash: string, row: Row) => string;
  /** How messages name the link numbered seq ("ledger entry 7") and, briefly, its predecessor ("entry 6"). */
  readonly name: (seq: number) => string;
  readonly predecessor: (seq: number) => string;
  /** A further check of a link that passed the chain's own: its problem, or undefined. */
  readonly check?: (row: Row, seq: number) => { problem: Problem; message: string } | undefined;
}

export type ChainWalkResult<Problem extends string> =
  | { readonly ok: true; readonly length: number; readonly headHash: string }
  | {
      readonly ok: false;
      /** Links verified before the broken one. */
      readonly verified: number;
      readonly seq: number;
      readonly problem: LinkProblem | Problem;
      readonly message: string;
    };

const BATCH = 5_000;

export async function walkChain<Row, Problem extends string = never>(
  walk: ChainWalk<Row, Problem>,
): Promise<ChainWalkResult<Problem>> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  const broken = (seq: number, problem: LinkProblem | Problem, message: string) =>
    ({ ok: false, verified: expectedSeq - 1, seq, problem, message }) as const;
  for (;;) {
    const rows = await walk.batch(expectedSeq, BATCH);
    for (const row of rows) {
      const { seq, prevHash: storedPrev, hash } = walk.link(row);
      if (seq !== expectedSeq) {
        return broken(
          expectedSeq,
          'gap',
          `${walk.name(expectedSeq)} is missing (next present is ${String(seq)})`,
        );
      }
      if (storedPrev !== prevHash) {
        return broken(
          seq,
          'prev-hash-mismatch',
          `${walk.name(seq)} does not follow ${walk.predecessor(seq - 1)} (moved, inserted or predecessor changed)`,
        );
      }
      if (walk.contentHash(prevHash, row) !== hash) {
        return broken(
          seq,
          'content-hash-mismatch',
          `${walk.name(seq)} was altered after it was written`,
        );
      }
      const further = walk.check?.(row, seq);
      if (further !== undefined) return broken(seq, further.problem, further.message);
      prevHash = hash;
      expectedSeq += 1;
    }
    if (rows.length < BATCH) return { ok: true, length: expectedSeq - 1, headHash: prevHash };
  }
}
