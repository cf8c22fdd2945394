/**
 * Session lookups coalesced: the auth hook reads the session on every request, and under load those
 * reads were most of the statements an API write makes (bench/README.md, Charting). While one lookup
 * statement of a database is in flight, the requests that arrive wait and are looked up together in
 * the next one (repository.ts takes a list of token hashes). Each request is still answered from a
 * read issued after it arrived, never from an earlier request's result, so a logout, an expiry, a
 * disabled user or a changed membership is seen exactly as when every request read alone. Without
 * load a lookup goes at once: nothing waits for a batch to fill.
 */
import type { Db } from '../db/client.ts';
import { findSessions, type ResolvedSession } from './repository.ts';

/** Bounds one statement's list of token hashes; more waiting lookups go into the next batch. */
const MAX_BATCH = 128;

interface Waiting {
  readonly tokenHash: string;
  readonly resolve: (session: ResolvedSession | null) => void;
  readonly reject: (error: unknown) => void;
}

interface Queue {
  waiting: Waiting[];
  busy: boolean;
}

const queues = new WeakMap<Db, Queue>();

/** The session of `tokenHash` as stored once this call was made; null when there is none. */
export function lookUpSession(db: Db, tokenHash: string): Promise<ResolvedSession | null> {
  let queue = queues.get(db);
  if (queue === undefined) {
    queue = { waiting: [], busy: false };
    queues.set(db, queue);
  }
  const q = queue;
  return new Promise((resolve, reject) => {
    q.waiting.push({ tokenHash, resolve, reject });
    if (!q.busy) void drain(db, q);
  });
}

/** One lookup statement at a time per database; whoever arrives meanwhile joins the next. */
async function drain(db: Db, queue: Queue): Promise<void> {
  queue.busy = true;
  while (queue.waiting.length > 0) {
    const batch = queue.waiting.splice(0, MAX_BATCH);
    try {
      const found = await findSessions(db, [...new Set(batch.map((w) => w.tokenHash))]);
      for (const waiting of batch) waiting.resolve(found.get(waiting.tokenHash) ?? null);
    } catch (error) {
      // Each request of the batch fails as its own lookup would have.
      for (const waiting of batch) waiting.reject(error);
    }
  }
  queue.busy = false;
}
