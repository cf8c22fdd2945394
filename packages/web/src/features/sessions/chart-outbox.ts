/**
 * Chart entries the server has not yet acknowledged, kept in memory only (never in browser storage:
 * they are PHI). An entry leaves the outbox only when the server answered it (stored or refused with
 * a reason); a network failure keeps it with its original id, so a retry can never duplicate it.
 * A refused entry can be corrected: it leaves only when its correction is queued under a new id.
 */
import type { ChartEntryRequest } from '@ketaflow/contract';
import type { ApiProblem } from '../../api/problem.ts';
import type { ChartDraft } from './chart-draft.ts';

export type OutboxStatus = 'sending' | 'unsent' | 'refused';

export interface OutboxItem {
  readonly request: ChartEntryRequest;
  readonly status: OutboxStatus;
  /** Why the last attempt failed (network or the server's refusal), for the banner. */
  readonly message: string | null;
  /** The server's refusal, with its guardrail evidence for a refused rate change. */
  readonly problem?: ApiProblem;
  /** What was typed in the form, to correct the entry if it is refused (none for an alarm ack). */
  readonly draft?: ChartDraft;
}

export type Outbox = readonly OutboxItem[];

/** Adds a new entry, already marked as sending. */
export function enqueue(outbox: Outbox, request: ChartEntryRequest, draft?: ChartDraft): Outbox {
  if (outbox.some((item) => item.request.id === request.id)) return outbox;
  return [
    ...outbox,
    { request, status: 'sending', message: null, ...(draft === undefined ? {} : { draft }) },
  ];
}

/** True for a refused entry whose form can take it back ("Edit and resend"). */
export const isEditable = (item: OutboxItem): boolean =>
  item.status === 'refused' && item.draft !== undefined;

/**
 * Queues the correction of a refused entry: the corrected entry (a new id) is added and, in the
 * same step, the refused one of the same kind leaves; nothing is lost in between. The refused id is
 * never sent again (it stays refused on the server; another body under it would be a reused key).
 * A correction of another kind (a pain score sent while correcting a sedation score) leaves the
 * refused entry where it is.
 */
export function resend(
  outbox: Outbox,
  refusedId: string,
  request: ChartEntryRequest,
  draft?: ChartDraft,
): Outbox {
  if (request.id === refusedId) {
    throw new Error('A corrected chart entry needs a new id; the refused id stays refused.');
  }
  const old = outbox.find((i) => i.request.id === refusedId && i.status === 'refused');
  const queued = enqueue(outbox, request, draft);
  if (old === undefined || old.request.kind !== request.kind || queued === outbox) return queued;
  return queued.filter((i) => i !== old);
}

/** The server stored it (or had already stored it: a retry): it leaves the outbox. */
export function acknowledged(outbox: Outbox, id: string): Outbox {
  return outbox.filter((item) => item.request.id !== id);
}

/** No answer from the server: kept, to be retried with the same id. */
export function unsent(outbox: Outbox, id: string, message: string): Outbox {
  return outbox.map((item) =>
    item.request.id === id ? { ...item, status: 'unsent', message } : item,
  );
}

/** The server refused it (invalid, blocked): kept and shown with the reason until discarded. */
export function refused(outbox: Outbox, id: string, problem: ApiProblem): Outbox {
  return outbox.map((item) =>
    item.request.id === id
      ? { ...item, status: 'refused', message: problem.detail, problem }
      : item,
  );
}

/** Marks unsent entries as sending again (same ids) and returns those to send. */
export function retryAll(outbox: Outbox): { outbox: Outbox; toSend: readonly ChartEntryRequest[] } {
  const toSend = outbox.filter((i) => i.status === 'unsent').map((i) => i.request);
  return {
    outbox: outbox.map((item) =>
      item.status === 'unsent' ? { ...item, status: 'sending', message: null } : item,
    ),
    toSend,
  };
}

/** The user gives up a refused entry (it was never saved). */
export function discard(outbox: Outbox, id: string): Outbox {
  return outbox.filter((item) => item.request.id !== id || item.status !== 'refused');
}

/**
 * True when the entry may be sent again with its id: the failure says nothing about whether the
 * server stored it (network, 5xx, 408/429), or says it stored nothing because the sign-in session
 * had ended (401: the auth hook refuses before anything is read or written; the entry is sent once
 * the same user has signed in again).
 */
export function isRetryable(status: number): boolean {
  return status === 0 || status === 401 || status === 408 || status === 429 || status >= 500;
}

/**
 * Every reason the server gave for refusing an entry, so a nurse sees each field to fix at once,
 * not only the first: the problem's detail, then each field's message it did not already say.
 */
export function refusalReasons(problem: ApiProblem): string[] {
  const others = problem.errors.map((e) => e.message).filter((m) => m !== problem.detail);
  return [problem.detail, ...new Set(others)];
}
