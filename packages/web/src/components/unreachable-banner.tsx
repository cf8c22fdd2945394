/**
 * The banner every signed-in page shows while the server or its database cannot be reached
 * (safety-security.md T-61). It cannot be dismissed: it goes away only when the server answers
 * again. It says since when, that nothing entered now is saved yet, and offers to print the screen
 * as it stands for the paper downtime record.
 */
import { useEffect, useState, type ReactNode } from 'react';
import {
  currentReachability,
  PROBE_EVERY_MS,
  probeServer,
  reportOutcome,
  subscribeReachability,
  type Reachability,
} from '../api/reachability.ts';
import { formatClock } from '../app/format.ts';

/** Probes the server every PROBE_EVERY_MS while mounted; returns the latest reachability. */
function useReachability(): Reachability {
  const [state, setState] = useState(currentReachability);
  useEffect(() => subscribeReachability(setState), []);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const probe = async (): Promise<void> => {
      const outcome = await probeServer();
      if (stopped) return;
      reportOutcome(outcome);
      timer = setTimeout(() => void probe(), PROBE_EVERY_MS);
    };
    timer = setTimeout(() => void probe(), PROBE_EVERY_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  return state;
}

export function UnreachableBanner(props: { readonly timeZone: string }): ReactNode {
  const state = useReachability();
  if (state.status === 'reachable') return null;
  const since = formatClock(new Date(state.sinceMs).toISOString(), props.timeZone);
  return (
    <div className="alert alert-error unreachable-banner" role="alert">
      <p className="alert-title">
        {state.outage === 'database'
          ? `Ketaflow cannot reach its database (since ${since}).`
          : `Ketaflow cannot reach the server (since ${since}).`}
      </p>
      <p>
        Nothing entered now is saved until this banner is gone. Chart entries stay on this screen,
        marked unsent, and are sent when the connection returns; do not reload. Meanwhile follow the
        downtime procedure and record on paper.
      </p>
      <button
        type="button"
        className="no-print"
        onClick={() => {
          window.print();
        }}
      >
        Print this screen
      </button>
    </div>
  );
}
