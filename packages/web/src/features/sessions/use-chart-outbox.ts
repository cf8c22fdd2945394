/**
 * Sends chart entries through the in-memory outbox: each entry is shown as unsynced until the server
 * acknowledges it, failures of unknown outcome are retried with the same id (the server answers the
 * stored entry, never a duplicate), and refusals stay visible with the server's reason.
 */
import type { ChartEntryRequest } from '@ketaflow/contract';
import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../../api/problem.ts';
import {
  acknowledged,
  discard,
  enqueue,
  isRetryable,
  refused,
  retryAll,
  unsent,
  type Outbox,
} from './chart-outbox.ts';
import { writeChartEntry } from './session-api.ts';

type WriteResult = Awaited<ReturnType<typeof writeChartEntry>>;

export interface ChartOutbox {
  readonly items: Outbox;
  readonly submit: (request: ChartEntryRequest) => void;
  readonly retry: () => void;
  readonly discard: (id: string) => void;
}

export function useChartOutbox(
  sessionId: string,
  onAcknowledged: (result: WriteResult) => void,
): ChartOutbox {
  const [items, setItems] = useState<Outbox>([]);
  const current = useRef<Outbox>([]);
  const update = useCallback((change: (box: Outbox) => Outbox) => {
    current.current = change(current.current);
    setItems(current.current);
  }, []);
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
  const submit = useCallback(
    (request: ChartEntryRequest) => {
      update((box) => enqueue(box, request));
      void send(request);
    },
    [send, update],
  );
  const retry = useCallback(() => {
    const { outbox, toSend } = retryAll(current.current);
    update(() => outbox);
    for (const request of toSend) void send(request);
  }, [send, update]);
  const drop = useCallback(
    (id: string) => {
      update((box) => discard(box, id));
    },
    [update],
  );
  return { items, submit, retry, discard: drop };
}
