/**
 * Sends chart entries through the in-memory outbox: each entry is shown as unsynced until the server
 * acknowledges it, failures of unknown outcome are retried with the same id (the server answers the
 * stored entry, never a duplicate) by themselves every few seconds and when the browser is back
 * online, and refusals stay visible with the server's reason. While anything is unsynced, closing or
 * reloading the page or following an in-app link asks first: the entries live only in its memory
 * (outbox-store.ts, which keeps them across the sign-in form when the sign-in session ends).
 * A refused entry can be taken back into its form ("Edit and resend", chart-draft.ts): `editing` is
 * the one chosen, and a submit that `replaces` it queues the correction in its place.
 */
import type { ChartEntryRequest } from '@ketaflow/contract';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { ApiError } from '../../api/problem.ts';
import { guardLeaving } from '../../app/router.ts';
import { useReadySession } from '../../app/session.tsx';
import {
  acknowledged,
  discard,
  enqueue,
  isEditable,
  isRetryable,
  refused,
  resend,
  retryAll,
  unsent,
  type Outbox,
  type OutboxItem,
} from './chart-outbox.ts';
import type { ChartDraft } from './chart-draft.ts';
import { heldOutbox, holdOutbox, subscribeHeld } from './outbox-store.ts';
import { writeChartEntry } from './session-api.ts';

type WriteResult = Awaited<ReturnType<typeof writeChartEntry>>;

/** Unsent entries are sent again this often without anyone pressing "Retry sending". */
const AUTO_RETRY_MS = 5_000;

export interface SubmitOptions {
  /** What was typed, kept with the entry so a refusal can be corrected in the form. */
  readonly draft?: ChartDraft;
  /** The refused entry this one corrects: it leaves the outbox as this one is queued. */
  readonly replaces?: string | undefined;
}

export interface ChartOutbox {
  readonly items: Outbox;
  readonly submit: (request: ChartEntryRequest, options?: SubmitOptions) => void;
  readonly retry: () => void;
  readonly discard: (id: string) => void;
  /** The refused entry being corrected in its form, if any (still in the outbox, still refused). */
  readonly editing: OutboxItem | null;
  /** Chooses a refused entry to correct in its form; null stops correcting (the entry stays). */
  readonly edit: (id: string | null) => void;
}

export function useChartOutbox(
  sessionId: string,
  onAcknowledged: (result: WriteResult) => void,
): ChartOutbox {
  const userId = useReadySession().info.user.id;
  const items = useSyncExternalStore(subscribeHeld, () => heldOutbox(sessionId));
  // An answer that arrives after this screen has gone (the sign-in form replaced it) still lands in
  // the store, which the screen reads again when it is back.
  const update = useCallback(
    (change: (box: Outbox) => Outbox) => {
      holdOutbox(sessionId, userId, change(heldOutbox(sessionId)));
    },
    [sessionId, userId],
  );
  const send = useCallback(
    async (request: ChartEntryRequest) => {
      try {
        const result = await writeChartEntry(sessionId, request);
        update((box) => acknowledged(box, request.id));
        onAcknowledged(result);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const { problem } = error;
        update((box) =>
          isRetryable(problem.status)
            ? unsent(box, request.id, problem.detail)
            : refused(box, request.id, problem),
        );
      }
    },
    [sessionId, update, onAcknowledged],
  );
  const [editingId, setEditingId] = useState<string | null>(null);
  const submit = useCallback(
    (request: ChartEntryRequest, options: SubmitOptions = {}) => {
      const { draft, replaces } = options;
      update((box) =>
        replaces === undefined
          ? enqueue(box, request, draft)
          : resend(box, replaces, request, draft),
      );
      if (replaces !== undefined) setEditingId(null);
      void send(request);
    },
    [send, update],
  );
  const retry = useCallback(() => {
    const { outbox, toSend } = retryAll(heldOutbox(sessionId));
    update(() => outbox);
    for (const request of toSend) void send(request);
  }, [sessionId, send, update]);
  const hasUnsent = items.some((i) => i.status === 'unsent');
  useEffect(() => {
    if (!hasUnsent) return undefined;
    const timer = setInterval(retry, AUTO_RETRY_MS);
    window.addEventListener('online', retry);
    return () => {
      clearInterval(timer);
      window.removeEventListener('online', retry);
    };
  }, [hasUnsent, retry]);
  const hasPending = items.length > 0;
  useEffect(() => {
    if (!hasPending) return undefined;
    const askFirst = (event: BeforeUnloadEvent): void => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', askFirst);
    const unguard = guardLeaving(() => {
      const count = heldOutbox(sessionId).length;
      return count === 0
        ? null
        : `${String(count)} chart entr${count === 1 ? 'y is' : 'ies are'} not saved yet. Leave this page and lose ${count === 1 ? 'it' : 'them'}?`;
    });
    return () => {
      window.removeEventListener('beforeunload', askFirst);
      unguard();
    };
  }, [hasPending, sessionId]);
  const drop = useCallback(
    (id: string) => {
      update((box) => discard(box, id));
      setEditingId((current) => (current === id ? null : current));
    },
    [update],
  );
  const editing = items.find((i) => i.request.id === editingId && isEditable(i)) ?? null;
  return { items, submit, retry, discard: drop, editing, edit: setEditingId };
}
