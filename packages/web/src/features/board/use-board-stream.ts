/**
 * The live chair board: one snapshot over HTTP, then server-sent `board` events (EventSource
 * reconnects by itself). Each event is parsed with the contract schema; a malformed one is ignored
 * and the connection state says whether what is shown is live.
 */
import { BoardSnapshot } from '@ketaflow/contract';
import { useEffect, useState } from 'react';
import { ApiError, type ApiProblem } from '../../api/problem.ts';
import { getBoard } from '../sessions/session-api.ts';

export interface BoardState {
  readonly snapshot: BoardSnapshot | null;
  readonly live: boolean;
  readonly problem: ApiProblem | null;
}

export function useBoardStream(): BoardState {
  const [state, setState] = useState<BoardState>({ snapshot: null, live: false, problem: null });
  useEffect(() => {
    const controller = new AbortController();
    getBoard(controller.signal).then(
      (snapshot) => {
        setState((s) => ({ ...s, snapshot: s.snapshot ?? snapshot, problem: null }));
      },
      (error: unknown) => {
        if (error instanceof ApiError) setState((s) => ({ ...s, problem: error.problem }));
      },
    );
    const source = new EventSource('/api/v1/board/stream', { withCredentials: true });
    source.onopen = () => {
      setState((s) => ({ ...s, live: true }));
    };
    source.onerror = () => {
      setState((s) => ({ ...s, live: false }));
    };
    source.addEventListener('board', (event: MessageEvent<string>) => {
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      const parsed = BoardSnapshot.safeParse(data);
      if (parsed.success) setState({ snapshot: parsed.data, live: true, problem: null });
    });
    return () => {
      controller.abort();
      source.close();
    };
  }, []);
  return state;
}
